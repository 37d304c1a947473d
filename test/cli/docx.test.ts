import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { encryptedDocx, wordBinary } from '../helpers/cfb';
import { abstractNum, num, p, PLAN_LEVELS, wordPackage } from '../helpers/wordPackage';

/** `fangan check` and `fangan outline` on Word files (issue 15), through the built CLI. */

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'fangan');

function fangan(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, LANG: 'C' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A county draft numbered by Word: its 3rd measure was set to start at 4 (a numbering-gap), and one paragraph uses a list that is not defined. */
async function draft(): Promise<Buffer> {
  const body = [
    p('清河县法治社会建设实施方案'),
    p('总体要求', { numId: 1, level: 0 }),
    p('指导思想', { numId: 1, level: 1 }),
    p('主要任务', { numId: 1, level: 0 }),
    p('维护宪法权威', { numId: 1, level: 1 }),
    p('开展宪法宣传。', { numId: 1, level: 2 }),
    p('牵头单位：县委宣传部'),
    p('落实宪法宣誓制度。', { numId: 2, level: 2 }),
    p('牵头单位：县人大常委会办公室'),
    p('附：说明', { numId: 44 }),
  ].join('');
  const numbering = abstractNum(0, PLAN_LEVELS) + num(1, 0) + num(2, 0, '<w:lvlOverride w:ilvl="2"><w:startOverride w:val="4"/></w:lvlOverride>');
  return wordPackage({ body, numbering });
}

describe('CLI on Word documents (bin/fangan, built)', function () {
  this.timeout(30000);
  let dir: string;
  before(async () => {
    assert.ok(existsSync(join(ROOT, 'server', 'out', 'cli.js')), 'build first: npm run build');
    dir = mkdtempSync(join(tmpdir(), 'fangan-cli-docx-'));
    writeFileSync(join(dir, '草稿.docx'), await draft());
    writeFileSync(join(dir, '草稿副本'), await draft()); // no extension: recognised by its bytes
    writeFileSync(join(dir, '旧稿.doc'), wordBinary());
    writeFileSync(join(dir, '加密.docx'), encryptedDocx());
    writeFileSync(join(dir, '金山.wps'), wordBinary());
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('check FILE.docx finds what Word’s automatic numbers hold: the gap at the measure numbered 4.', () => {
    const r = fangan('check', '--format', 'json', '--lang', 'zh', join(dir, '草稿.docx'));
    assert.equal(r.code, 1, r.stderr); // section-missing is an error
    const [file] = (JSON.parse(r.stdout) as { files: Array<{ plan: { kind: string; title: string; level: string }; diagnostics: Array<{ code: string; message: string; range: { start: { line: number } } }> }> }).files;
    assert.deepEqual(file.plan, { kind: 'fazhi-shehui', title: '清河县法治社会建设实施方案', level: 'county' });
    const gaps = file.diagnostics.filter((d) => d.code === 'numbering-gap');
    assert.equal(gaps.length, 1, JSON.stringify(file.diagnostics.map((d) => d.code)));
    assert.equal(gaps[0].range.start.line, 7);
    assert.match(gaps[0].message, /应为“2\.”，写成了“4\.”/);
    assert.ok(!file.diagnostics.some((d) => d.code === 'lead-unit-missing'), 'both measures name their lead unit');
    // the list Word could not resolve is said on stderr, once
    assert.equal(r.stderr.match(/自动编号 44 没有定义/g)?.length, 1, r.stderr);
  });

  it('outline FILE.docx gives the markers Word shows', () => {
    const r = fangan('outline', join(dir, '草稿.docx'));
    assert.equal(r.code, 0, r.stderr);
    const outline = JSON.parse(r.stdout) as { plans: Array<{ nodes: Array<{ marker: string; title: string; children: Array<{ marker: string; children: Array<{ marker: string; number: number; lead: string[] }> }> }> }> };
    const parts = outline.plans[0].nodes;
    assert.deepEqual(parts.map((n) => `${n.marker}${n.title}`), ['一、总体要求', '二、主要任务']);
    assert.deepEqual(parts[1].children.map((n) => n.marker), ['（一）']);
    assert.deepEqual(parts[1].children[0].children.map((n) => [n.marker, n.number, n.lead]), [['1.', 1, ['县委宣传部']], ['4.', 4, ['县人大常委会办公室']]]);
  });

  it('a Word file without its extension is recognised by its bytes', () => {
    const r = fangan('check', '--format', 'json', join(dir, '草稿副本'));
    const [file] = (JSON.parse(r.stdout) as { files: Array<{ plan: { title: string } | null; diagnostics: Array<{ code: string }> }> }).files;
    assert.equal(file.plan?.title, '清河县法治社会建设实施方案');
    assert.ok(file.diagnostics.some((d) => d.code === 'numbering-gap'));
  });

  it('.doc, .wps and encrypted files: file-unreadable with what to do, the other files still checked', () => {
    const r = fangan('check', '--format', 'json', '--lang', 'zh', join(dir, '旧稿.doc'), join(dir, '加密.docx'), join(dir, '金山.wps'), join(dir, '草稿.docx'));
    assert.equal(r.code, 1);
    const files = (JSON.parse(r.stdout) as { files: Array<{ plan: unknown; diagnostics: Array<{ code: string; message: string }> }> }).files;
    const said = files.slice(0, 3).map((f) => {
      assert.equal(f.plan, null);
      assert.deepEqual(f.diagnostics.map((d) => d.code), ['file-unreadable']);
      return f.diagnostics[0].message;
    });
    assert.match(said[0], /^无法读取：此文件是 Word 97–2003 文档（\.doc），请先在 Word 或 WPS 中“另存为” Word 文档（\.docx）$/);
    assert.match(said[1], /加密（设有打开密码）/);
    assert.match(said[2], /WPS 文字文档（\.wps）/);
    assert.ok(files[3].diagnostics.length > 0);
    const en = fangan('outline', join(dir, '旧稿.doc'));
    assert.equal(en.code, 1);
    assert.match(en.stderr, /旧稿\.doc: the file is a Word 97–2003 document \(\.doc\); save it as a Word document \(\.docx\)/);
  });
});
