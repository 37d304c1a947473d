import { strict as assert } from 'assert';
import { readdirSync, readFileSync } from 'fs';
import JSZip from 'jszip';
import { join } from 'path';
import { EXPORT_REQUEST, type ExportAnswer, type ExportParams } from '../../server/src/protocol';
import { startServer, type TestServer } from '../helpers/lspClient';
import { readWord } from '../helpers/wordXml';

/** `fangan/export` through the built server: what the two editor commands ask for and save. */
describe('fangan/export over LSP (built server)', function () {
  this.timeout(30000);
  const ROOT = join(__dirname, '..', '..');
  const name = readdirSync(join(ROOT, 'examples')).find((f) => f.endsWith('.txt'))!;
  const text = readFileSync(join(ROOT, 'examples', name), 'utf8');
  const uri = `file:///tmp/fangan-export/${encodeURIComponent(name)}`;
  let server: TestServer;
  const ask = (params: ExportParams | Record<string, unknown>) => server.connection.sendRequest(EXPORT_REQUEST, params) as Promise<ExportAnswer>;

  before(async () => {
    server = await startServer({ locale: 'zh-cn' });
    server.open(uri, text);
    server.open('untitled:Untitled-1', text);
  });
  after(async () => server?.stop());

  it('the plan: a .docx (base64) of the open document, named after the file', async () => {
    const answer = await ask({ uri, what: 'plan', format: 'docx' });
    assert.equal(answer.problem, undefined);
    assert.equal(answer.suggestedName, name.replace(/\.txt$/, '.docx'));
    const doc = await readWord(Buffer.from(answer.bytes!, 'base64'));
    assert.equal(doc.paragraphs[0].text, '清河县法治社会建设实施方案');
    assert.equal(doc.page.orient, 'portrait');
  });

  it('the table in each format, by measure or by unit; an untitled document is named after its plan', async () => {
    for (const format of ['xlsx', 'docx', 'csv', 'json'] as const) {
      const answer = await ask({ uri, what: 'table', format, byUnit: format === 'csv' });
      assert.equal(answer.problem, undefined, format);
      assert.equal(answer.suggestedName, name.replace(/\.txt$/, format === 'csv' ? `.任务分工表（按单位）.csv` : `.任务分工表.${format}`));
      const bytes = Buffer.from(answer.bytes!, 'base64');
      if (format === 'xlsx') assert.ok((await JSZip.loadAsync(bytes)).file('xl/workbook.xml'));
      if (format === 'csv') assert.ok(bytes.toString('utf8').startsWith('\uFEFF单位,职责'));
      if (format === 'json') assert.equal(JSON.parse(bytes.toString('utf8')).format, 'fangan.taskTable');
    }
    const untitled = await ask({ uri: 'untitled:Untitled-1', what: 'table', format: 'xlsx' });
    assert.equal(untitled.suggestedName, '清河县法治社会建设实施方案（2021—2025年）（征求意见稿）.任务分工表.xlsx');
  });

  it('says why, in the user’s language, for a document it does not have, a wrong format or bad parameters', async () => {
    const closed = await ask({ uri: 'file:///tmp/not-open.txt', what: 'plan', format: 'docx' });
    assert.match(closed.problem!, /^方案助手：请先在编辑器中打开该方案/);
    assert.match((await ask({ uri, what: 'plan', format: 'xlsx' })).problem!, /只能导出为 docx/);
    assert.match((await ask({ uri, what: 'table', format: 'pdf' })).problem!, /xlsx、docx、csv 或 json/);
    for (const params of [{}, { uri: 42 }, { uri, what: 'nothing', format: 'docx' }]) assert.equal(typeof (await ask(params)).problem, 'string');
    server.open('file:///tmp/empty.txt', '');
    assert.match((await ask({ uri: 'file:///tmp/empty.txt', what: 'plan', format: 'docx' })).problem!, /没有可导出的方案/);
  });
});
