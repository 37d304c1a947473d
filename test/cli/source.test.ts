import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { deriveDraft, seedSource } from '../helpers/deriveDraft';

/** `fangan check` checks against the plan above as the editor does: corpus citations, directives, `source` in .fangan/config.json. */

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'fangan');

function check(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, 'check', '--format', 'json', '--lang', 'zh', ...args], { cwd, encoding: 'utf8' });
  const json = JSON.parse(r.stdout) as { files: Array<{ diagnostics: Array<{ code: string; severity: string; message: string }> }> };
  return { code: r.status, stderr: r.stderr, diagnostics: json.files.flatMap((f) => f.diagnostics) };
}
const sourceCodes = <T extends { code: string }>(d: T[]) => d.filter((x) => x.code.startsWith('source-'));

describe('CLI check and the plan above (bin/fangan, built)', function () {
  this.timeout(30000);
  let dir: string;
  before(() => {
    assert.ok(existsSync(join(ROOT, 'server', 'out', 'cli.js')), 'build first: npm run build');
    dir = mkdtempSync(join(tmpdir(), 'fangan-check-source-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a draft citing a bundled plan is checked against it; the findings are information (the exit code does not change)', () => {
    const derived = deriveDraft(seedSource('002_6165ec8d7c1e9a5d').text, { seed: 11 });
    writeFileSync(join(dir, 'derived.txt'), derived.text);
    const r = check(dir, 'derived.txt');
    const missing = sourceCodes(r.diagnostics).filter((d) => d.code === 'source-uncovered');
    assert.equal(missing.length, derived.deleted.length, r.stderr);
    assert.ok(missing.every((d) => d.severity === 'information' && d.message.includes('贵州省方案')));
  });

  it('the fixture names its source by a directive path beside it; .fangan/config.json may name it instead', () => {
    const r = check(ROOT, join('test', 'fixtures', 'source', 'draft.txt'));
    assert.deepEqual(sourceCodes(r.diagnostics).map((d) => d.code).sort(), ['source-lead-differs', 'source-uncovered', 'source-uncovered']);
    mkdirSync(join(dir, 'office', '.fangan'), { recursive: true });
    mkdirSync(join(dir, 'office', '上级'));
    copyFileSync(join(ROOT, 'test', 'fixtures', 'source', 'province.txt'), join(dir, 'office', '上级', '省方案.txt'));
    writeFileSync(join(dir, 'office', '.fangan', 'config.json'), '{ "source": "上级/省方案.txt" }');
    writeFileSync(join(dir, 'office', 'draft.txt'), '清河县法治社会建设实施方案\n一、推动全社会增强法治观念\n（一）加强宪法宣传\n1.在全县机关、学校和社区组织宪法读本发放和宪法知识竞答，每年评选一批宪法宣传示范单位。\n牵头单位：县委宣传部\n');
    const office = check(join(dir, 'office'), 'draft.txt');
    assert.ok(sourceCodes(office.diagnostics).filter((d) => d.code === 'source-uncovered').length >= 5, JSON.stringify(office.diagnostics.map((d) => d.code)));
  });
});
