import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

/** `fangan export` through the built CLI: the interface is a contract (README "Export"). */

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'fangan');
const EXAMPLE = join(ROOT, 'examples', readdirSync(join(ROOT, 'examples')).find((f) => f.endsWith('.txt'))!);

function fangan(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, LANG: 'C' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.toString('utf8') };
}

describe('CLI: fangan export (built)', function () {
  this.timeout(60000);
  let dir: string;
  before(() => {
    assert.ok(existsSync(join(ROOT, 'server', 'out', 'cli.js')), 'build first: npm run build');
    dir = mkdtempSync(join(tmpdir(), 'fangan-export-'));
    copyFileSync(EXAMPLE, join(dir, '清河县方案.txt'));
    copyFileSync(EXAMPLE, join(dir, 'draft.fangan.txt'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the plan beside the file as X.docx, and never replaces an existing file unless -o names it', () => {
    const first = fangan(dir, 'export', '--format', 'docx', '清河县方案.txt');
    assert.equal(first.code, 0, first.stderr);
    const out = join(dir, '清河县方案.docx');
    assert.ok(existsSync(out));
    assert.equal(readFileSync(out).subarray(0, 2).toString(), 'PK');
    assert.match(first.stderr, /wrote .*清河县方案\.docx/);

    writeFileSync(out, 'mine');
    const again = fangan(dir, 'export', '--format', 'docx', '清河县方案.txt');
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already exists.*-o/);
    assert.equal(readFileSync(out, 'utf8'), 'mine', 'left alone');

    const named = fangan(dir, 'export', '--format', 'docx', '清河县方案.txt', '-o', out);
    assert.equal(named.code, 0, named.stderr);
    assert.equal(readFileSync(out).subarray(0, 2).toString(), 'PK', 'replaced when -o names it');
  });

  it('writes the 任务分工表 in every format, named X.任务分工表.<ext> (by unit: X.任务分工表（按单位）.<ext>)', () => {
    for (const format of ['xlsx', 'docx', 'csv', 'json']) {
      const r = fangan(dir, 'export', '--table', '--format', format, 'draft.fangan.txt');
      assert.equal(r.code, 0, `${format}: ${r.stderr}`);
      assert.ok(statSync(join(dir, `draft.任务分工表.${format}`)).size > 100, format);
    }
    const byUnit = fangan(dir, 'export', '--table', '--by-unit', '--format', 'csv', 'draft.fangan.txt');
    assert.equal(byUnit.code, 0, byUnit.stderr);
    assert.match(readFileSync(join(dir, 'draft.任务分工表（按单位）.csv'), 'utf8'), /^\uFEFF单位,职责,序号/);
    const defaultFormat = fangan(dir, 'export', '--table', '清河县方案.txt');
    assert.equal(defaultFormat.code, 0);
    assert.ok(existsSync(join(dir, '清河县方案.任务分工表.xlsx')), 'xlsx when no --format is given');
  });

  it('-o - writes the file to standard output', () => {
    const docx = fangan(dir, 'export', '--format', 'docx', '清河县方案.txt', '-o', '-');
    assert.equal(docx.code, 0, docx.stderr);
    assert.equal(docx.stdout.subarray(0, 2).toString(), 'PK');
    const json = fangan(dir, 'export', '--table', '--format', 'json', '清河县方案.txt', '-o', '-');
    assert.equal(JSON.parse(json.stdout.toString('utf8')).format, 'fangan.taskTable');
  });

  it('usage errors exit 2 with the usage; an unreadable or empty input exits 1 with a reason', () => {
    for (const args of [
      ['export', '--format', 'csv', '清河县方案.txt'],
      ['export', '--by-unit', '清河县方案.txt'],
      ['export', '--table', '--format', 'pdf', '清河县方案.txt'],
      ['export', '--format', 'docx'],
      ['export', '--format', 'docx', 'a.txt', 'b.txt'],
      ['export', '--bogus', '清河县方案.txt'],
    ]) {
      const r = fangan(dir, ...args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, /fangan export --table --format xlsx\|docx\|csv\|json FILE/, 'the usage names export');
    }
    const missing = fangan(dir, 'export', '--format', 'docx', 'missing.txt');
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /missing\.txt: no such file/);
    writeFileSync(join(dir, 'empty.txt'), '');
    const empty = fangan(dir, 'export', '--format', 'docx', 'empty.txt');
    assert.equal(empty.code, 1);
    assert.match(empty.stderr, /no plan to export/);
    assert.ok(!existsSync(join(dir, 'empty.docx')));
    const zh = spawnSync(process.execPath, [BIN, 'export', '--format', 'docx', 'missing.txt', '--lang', 'zh'], { cwd: dir, encoding: 'utf8' });
    assert.match(zh.stderr, /文件不存在/);
  });

  it('an -o that cannot be written exits 1', () => {
    const r = fangan(dir, 'export', '--format', 'docx', '清河县方案.txt', '-o', join(dir, 'no', 'such', 'folder', 'x.docx'));
    assert.equal(r.code, 1);
    assert.match(r.stderr, /cannot write .*ENOENT/);
  });
});
