import { strict as assert } from 'assert';
import { IMPORT_DOCX_REQUEST, type ImportDocxAnswer, type ImportDocxParams } from '../../server/src/protocol';
import { MAX_DOCX_FILE_BYTES } from '../../server/src/service/limits';
import { encryptedDocx, wordBinary } from '../helpers/cfb';
import { startServer, type TestServer } from '../helpers/lspClient';
import { abstractNum, num, p, PLAN_LEVELS, wordPackage } from '../helpers/wordPackage';

/** `fangan/importDocx` (方案：从 Word 文档导入) against the built server. */
describe('fangan/importDocx over LSP (built server)', function () {
  this.timeout(30000);
  let zh: TestServer;
  let en: TestServer;
  const ask = (server: TestServer, params: Partial<Record<keyof ImportDocxParams, unknown>>) =>
    server.connection.sendRequest(IMPORT_DOCX_REQUEST, params) as Promise<ImportDocxAnswer>;
  const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

  before(async () => {
    [zh, en] = await Promise.all([startServer({ locale: 'zh-cn' }), startServer({ locale: 'en' })]);
  });
  after(async () => {
    await Promise.all([zh?.stop(), en?.stop()]);
  });

  it('answers the plan text with Word’s automatic numbers, and notes what it could not number', async () => {
    const body = [p('清河县法治社会建设实施方案'), p('总体要求', { numId: 1, level: 0 }), p('指导思想', { numId: 1, level: 1 }), p('开展宪法宣传。', { numId: 1, level: 2 }), p('附件', { numId: 9 })].join('');
    const bytes = await wordPackage({ body, numbering: abstractNum(0, PLAN_LEVELS) + num(1, 0) });
    const answer = await ask(zh, { bytes: base64(bytes), name: '草稿.docx' });
    assert.ok('text' in answer, JSON.stringify(answer));
    assert.equal(answer.text, '清河县法治社会建设实施方案\n一、总体要求\n（一）指导思想\n1.开展宪法宣传。\n附件\n');
    assert.deepEqual(answer.notes.length, 1);
    assert.match(answer.notes[0], /自动编号 9 没有定义/);
    const english = await ask(en, { bytes: base64(bytes), name: 'draft.docx' });
    assert.ok('text' in english && english.text === answer.text);
    assert.match(english.notes[0], /automatic numbering 9 is not defined/);
  });

  it('answers a problem that names the file and says what to do: .doc, .wps, encrypted, not Word', async () => {
    const cases: Array<[Uint8Array, string, RegExp, RegExp]> = [
      [wordBinary(), '旧稿.doc', /^旧稿\.doc 是 Word 97–2003 文档（\.doc），请先在 Word 或 WPS 中“另存为” Word 文档（\.docx）$/, /^旧稿\.doc is a Word 97–2003 document \(\.doc\); save it as a Word document \(\.docx\)/],
      [wordBinary(), '金山.wps', /^金山\.wps 是 WPS 文字文档/, /^金山\.wps is a WPS Writer document/],
      [encryptedDocx(), '加密.docx', /^加密\.docx 是加密（设有打开密码）的 Word 文档/, /^加密\.docx is an encrypted \(password-protected\) Word document/],
      [Buffer.from('plain text, not Word'), '说明.docx', /^说明\.docx 不是有效的 Word（\.docx）文件$/, /^说明\.docx is not a valid Word \(\.docx\) file$/],
    ];
    for (const [bytes, name, zhProblem, enProblem] of cases) {
      const answer = await ask(zh, { bytes: base64(bytes), name });
      assert.ok('problem' in answer && zhProblem.test(answer.problem), JSON.stringify(answer));
      const english = await ask(en, { bytes: base64(bytes), name });
      assert.ok('problem' in english && enProblem.test(english.problem), JSON.stringify(english));
    }
  });

  it('bad parameters and a file over the limit get a problem, not an error, and the server keeps answering', async () => {
    for (const params of [{}, { bytes: 42, name: 'x.docx' }, { bytes: null }]) {
      const answer = await ask(zh, params);
      assert.ok('problem' in answer && answer.problem.length > 0, JSON.stringify(answer));
    }
    const unnamed = await ask(en, { bytes: base64(wordBinary()) });
    assert.ok('problem' in unnamed && unnamed.problem.startsWith('the file is a Word 97–2003 document'), JSON.stringify(unnamed));
    const started = Date.now();
    const huge = await ask(zh, { bytes: 'A'.repeat(Math.ceil(MAX_DOCX_FILE_BYTES / 3) * 4 + 8), name: '巨大.docx' });
    assert.ok('problem' in huge && /^巨大\.docx 超过 32 MB/.test(huge.problem), JSON.stringify(huge).slice(0, 200));
    assert.ok(Date.now() - started < 5000);
    const still = await ask(zh, { bytes: base64(await wordPackage({ body: p('一、总体要求') })), name: 'a.docx' });
    assert.deepEqual(still, { text: '一、总体要求\n', notes: [] });
  });
});
