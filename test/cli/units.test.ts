import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const BIN = join(__dirname, '..', '..', 'bin', 'fangan');

describe('CLI with a unit registry in the current directory', function () {
  this.timeout(30000);
  let dir: string;
  const plan = [
    // only the lead-unit rules are under test here: no mandated sections for this fragment
    '<!-- fangan: template generic -->',
    '清河县法治社会建设实施方案',
    '一、推进社会治理法治化',
    '1.推动产业园区企业依法经营。',
    '牵头单位：县商务和工业信息化局',
    '2.引导企业树立合规意识。',
    '牵头单位：商务工业信息化局',
    '3.深化“法律进企业”活动。',
    '牵头单位：县商务和工业信息化局',
    '4.落实普法责任制。',
    '牵头单位：党政机关',
  ].join('\n');
  const run = () => spawnSync(process.execPath, [BIN, 'check', '--format', 'json', '--lang', 'zh', 'plan.txt'], { cwd: dir, encoding: 'utf8' });
  const codes = (stdout: string) =>
    (JSON.parse(stdout) as { files: Array<{ diagnostics: Array<{ code: string }> }> }).files[0].diagnostics.map((d) => d.code).filter((c) => c.startsWith('lead-unit-'));

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'fangan-cli-'));
    writeFileSync(join(dir, 'plan.txt'), plan);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('without .fangan/units.json uses the built-in registry only', () => {
    const r = run();
    assert.deepEqual(codes(r.stdout), []);
    assert.equal(r.stderr, '');
  });

  it('reads .fangan/units.json: aliases and collectives of the office apply', () => {
    mkdirSync(join(dir, '.fangan'), { recursive: true });
    writeFileSync(
      join(dir, '.fangan', 'units.json'),
      JSON.stringify({ units: [{ name: '县商务和工业信息化局', aliases: ['商务工业信息化局'] }], collectives: ['党政机关'] }, null, 2),
    );
    const r = run();
    assert.deepEqual(codes(r.stdout).sort(), ['lead-unit-collective', 'lead-unit-inconsistent']);
    assert.equal(r.status, 0, 'warnings and information only');
  });

  it('names the file and line of a bad entry on stderr and still checks', () => {
    writeFileSync(join(dir, '.fangan', 'units.json'), '{\n  "units": [\n    "县数据中心",\n    7\n  ]\n}\n');
    const r = run();
    assert.match(r.stderr, /\.fangan\/units\.json:4:5：第 2 个单位应为名称字符串/);
    assert.deepEqual(codes(r.stdout), []);
  });
});
