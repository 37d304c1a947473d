import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const BIN = join(__dirname, '..', '..', 'bin', 'fangan');

describe('CLI with .fangan/config.json in the current directory', function () {
  this.timeout(30000);
  let dir: string;
  const plan = [
    '<!-- fangan: template generic -->',
    '清河县法治社会建设实施方案',
    '一、推动全社会增强法治观念',
    '1.深入开展宪法宣传教育。',
    '3.加强青少年法治教育。',
    '<!-- fangan-disable-next-line numbering-gap -->',
    '5.推进宪法宣誓制度。',
  ].join('\n');
  const run = (format = 'json') => spawnSync(process.execPath, [BIN, 'check', '--format', format, '--lang', 'zh', 'plan.txt'], { cwd: dir, encoding: 'utf8' });
  const findings = (stdout: string) =>
    (JSON.parse(stdout) as { files: Array<{ diagnostics: Array<{ code: string; severity: string; range: { start: { line: number } } }> }> }).files[0].diagnostics.map(
      (d) => `${d.range.start.line} ${d.code} ${d.severity}`,
    );

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'fangan-cli-config-'));
    writeFileSync(join(dir, 'plan.txt'), plan);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('without the file: defaults, and the in-document directive silences its line', () => {
    const r = run();
    assert.deepEqual(findings(r.stdout), ['4 numbering-gap warning']);
    assert.equal(r.status, 0);
  });

  it('with the file: its severities apply (exit 1 on error), its problems go to stderr with file and line', () => {
    mkdirSync(join(dir, '.fangan'), { recursive: true });
    writeFileSync(join(dir, '.fangan', 'config.json'), '{\n  "rules": {\n    "numbering-gap": "error",\n    "numbering-gpa": "off"\n  }\n}\n');
    const r = run();
    assert.deepEqual(findings(r.stdout), ['4 numbering-gap error']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /\.fangan\/config\.json:4:5：没有规则代码“numbering-gpa”/);
  });
});
