import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { MAX_DOCUMENT_LINES } from '../../server/src/service/limits';
import { PATHOLOGICAL, shortLines } from '../bench/pathological';

/**
 * Memory of the CLI on documents of many short lines (issue 16, item 10): a plan of 500 000 short
 * lines once peaked at ~820–890 MB (a model of ~760 bytes per numbered line, and the numbering
 * check's own), a corpus file of as many at 1.5 GB. Now a document or corpus file of more than
 * MAX_DOCUMENT_LINES lines is left alone, and one at the limit is checked within a heap of 192 MB. The heap is capped with --max-old-space-size: a model
 * that grows again makes V8 give up ("heap out of memory", exit 134), which fails here.
 */

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'fangan');

function checkWithHeap(heapMb: number, file: string) {
  const r = spawnSync(process.execPath, [`--max-old-space-size=${heapMb}`, BIN, 'check', '--lang', 'en', '--format', 'json', file], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 30000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

describe('CLI memory on documents of many short lines', function () {
  this.timeout(60000);
  let dir: string;

  before(() => {
    assert.ok(existsSync(join(ROOT, 'server', 'out', 'cli.js')), 'build first: npm run build');
    dir = mkdtempSync(join(tmpdir(), 'fangan-size-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a plan of 500 000 short lines (6.4 MB) is left alone, said once, in a 256 MB heap', () => {
    const file = join(dir, 'lines-500k.txt');
    writeFileSync(file, shortLines(500_000, 'short-items'));
    const r = checkWithHeap(256, file);
    assert.equal(r.signal, null);
    assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr.slice(-300)}`);
    assert.ok(r.stderr.includes(`too many lines (500000 lines, over ${MAX_DOCUMENT_LINES}); Fangan does not check it`), r.stderr);
    const result = JSON.parse(r.stdout) as { files: Array<{ plan: unknown; diagnostics: unknown[] }> };
    assert.deepEqual(result.files[0], { ...result.files[0], plan: null, diagnostics: [] });
  });

  it('a corpus file of 500 000 lines is skipped, said once, in a 192 MB heap (it once took 1.5 GB)', () => {
    const folder = join(dir, 'corpus');
    mkdirSync(folder);
    writeFileSync(join(folder, 'many-lines.txt'), shortLines(500_000, 'bare-markers'));
    const r = spawnSync(process.execPath, ['--max-old-space-size=192', BIN, 'search', '宪法', '--lang', 'en', '--corpus', folder], { cwd: ROOT, encoding: 'utf8', timeout: 30000 });
    assert.equal(r.signal, null);
    assert.equal(r.status, 0, r.stderr.slice(-300));
    assert.ok(r.stderr.includes(`many-lines.txt has more than ${MAX_DOCUMENT_LINES} lines; skipped`), r.stderr);
    assert.ok(r.stdout.includes('宪法'), 'the bundled corpus still answers');
  });

  for (const { name, text } of PATHOLOGICAL['lines-120k']()) {
    it(`${MAX_DOCUMENT_LINES} lines of ${name}: checked for numbering in a 192 MB heap`, () => {
      const file = join(dir, `${name}.txt`);
      writeFileSync(file, text);
      const r = checkWithHeap(192, file);
      assert.equal(r.signal, null);
      assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr.slice(-300)}`);
      assert.match(r.stderr, /checks numbering only/);
      const result = JSON.parse(r.stdout) as { files: Array<{ diagnostics: Array<{ code: string }> }> };
      assert.ok(result.files[0].diagnostics.length > 0 && result.files[0].diagnostics.every((d) => d.code.startsWith('numbering-')));
    });
  }
});
