import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

/**
 * CLI edges (issue 16, item 10): UTF-16 without a byte-order mark, file names with control
 * characters in the text output, and a corpus folder that does not exist.
 */

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'fangan');
// 一、 puts a NUL byte on the "wrong" side in UTF-16 (U+4E00), as real plans do.
const PLAN = '清河县法治社会建设实施方案\n一、推动全社会增强法治观念\n1.深入开展宪法宣传教育。\n3.加强青少年法治教育。\n二、加强组织保障\n';

function fangan(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 20000, env: { ...process.env, LANG: 'C' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
  return le;
}

describe('CLI edges: UTF-16 without BOM, control characters in names, missing corpus folders', function () {
  this.timeout(30000);
  let dir: string;

  before(() => {
    assert.ok(existsSync(join(ROOT, 'server', 'out', 'cli.js')), 'build first: npm run build');
    dir = mkdtempSync(join(tmpdir(), 'fangan-edges-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const [name, bytes] of [
    ['utf-16le', Buffer.from(PLAN, 'utf16le')],
    ['utf-16be', utf16be(PLAN)],
  ] as Array<[string, Buffer]>) {
    it(`reads ${name} without a byte-order mark as text, not as binary`, () => {
      const file = join(dir, `${name}.txt`);
      writeFileSync(file, bytes);
      const r = fangan(['check', '--format', 'json', '--lang', 'en', file]);
      assert.doesNotMatch(r.stderr, /not a text file|binary/);
      const result = JSON.parse(r.stdout) as { files: Array<{ plan: { title: string } | null; diagnostics: Array<{ code: string; range: { start: { line: number } } }> }> };
      assert.equal(result.files[0].plan?.title, '清河县法治社会建设实施方案');
      const gap = result.files[0].diagnostics.find((d) => d.code === 'numbering-gap');
      assert.equal(gap?.range.start.line, 3);
      // the same findings as the UTF-8 file
      const utf8 = join(dir, `${name}-as-utf8.txt`);
      writeFileSync(utf8, PLAN);
      const expected = JSON.parse(fangan(['check', '--format', 'json', '--lang', 'en', utf8]).stdout) as typeof result;
      assert.deepEqual(result.files[0].diagnostics, expected.files[0].diagnostics);
    });
  }

  it('still refuses binary files with NUL bytes in both halves of their code units', () => {
    const file = join(dir, 'binary.bin');
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = i % 7 === 0 ? 0 : (i * 37) % 256;
    writeFileSync(file, bytes);
    const r = fangan(['check', '--lang', 'en', file]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /not a text file: binary file/);
    // UTF-16 in shape (NUL in every other byte) but control characters when decoded
    const controls = join(dir, 'controls.bin');
    writeFileSync(controls, Buffer.from('\u0001\u0002\u0003\u0004\u0005\u0006'.repeat(200), 'utf16le'));
    assert.match(fangan(['check', '--lang', 'en', controls]).stderr, /not a text file: binary file/);
  });

  it('escapes a newline (and other control characters) of a file name in the text output', function () {
    const name = 'line\nbreak\tand\u001bescape.txt';
    const file = join(dir, name);
    try {
      writeFileSync(file, PLAN);
    } catch {
      this.skip(); // a file system that refuses such names
    }
    const r = fangan(['check', '--lang', 'en', name], dir);
    const lines = r.stdout.split('\n').filter(Boolean);
    assert.ok(lines.length > 0, r.stderr);
    for (const line of lines) assert.match(line, /^line\\nbreak\\tand\\x1bescape\.txt:\d+:\d+ (error|warning|information|hint) [a-z-]+ /, JSON.stringify(line));
    // stderr names it the same way
    const unreadable = fangan(['check', '--lang', 'en', 'no\nsuch.txt'], dir);
    assert.match(unreadable.stderr, /^fangan: no\\nsuch\.txt: cannot read: no such file$/m);
    // JSON keeps the name as given (JSON escapes it itself)
    const json = JSON.parse(fangan(['check', '--format', 'json', name], dir).stdout) as { files: Array<{ file: string }> };
    assert.equal(json.files[0].file, name);
  });

  it('search --corpus with a folder that does not exist, or is a file, is a usage error (exit 2)', () => {
    const missing = fangan(['search', '宪法', '--lang', 'en', '--corpus', join(dir, 'no-such-folder')]);
    assert.equal(missing.code, 2, missing.stderr);
    assert.match(missing.stderr, /--corpus: ".*no-such-folder" does not exist/);
    const file = join(dir, 'plan-file.txt');
    writeFileSync(file, PLAN);
    const notFolder = fangan(['search', '宪法', '--lang', 'zh', '--corpus', file]);
    assert.equal(notFolder.code, 2, notFolder.stderr);
    assert.match(notFolder.stderr, /--corpus：“.*plan-file\.txt”不是文件夹/);
    // an existing folder is fine
    assert.equal(fangan(['search', '宪法', '--corpus', dir]).code, 0);
  });
});
