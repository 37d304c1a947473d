import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import { diffChars } from 'diff';
import { copyFileSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'fs';
import iconv from 'iconv-lite';
import { tmpdir } from 'os';
import { join } from 'path';
import { SEEDS } from '../helpers/fixture';

/** `fangan check --fix` and `--fix-dry-run`: the one fix machinery, on files. */

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'fangan');
function fangan(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, LANG: 'C' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const DRAFT = [
  '清河县法治社会建设实施方案',
  '一、推动全社会增强法治观念',
  '1.深入开展宪法宣传教育。',
  '牵头单位：县委宣传部',
  '3.加强青少年法治教育。',
  '牵头单位县教育局',
  '',
].join('\n');

describe('CLI check --fix', function () {
  this.timeout(30000);
  const dir = mkdtempSync(join(tmpdir(), 'fangan-fix-'));

  it('fixes seed 001\'s numbering and notes in place without deleting a character, and a second run changes nothing', () => {
    const file = join(dir, '001.txt');
    copyFileSync(join(ROOT, 'corpus', 'seeds', SEEDS.xiji), file);
    const before = readFileSync(file, 'utf8');
    const first = fangan(dir, 'check', '--fix', '--lang', 'en', file);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, /fixed 52 problem\(s\) in 1 file\(s\); 2 finding\(s\) left/);
    // what is left is reported as a check reports it
    assert.equal(first.stdout.trim().split('\n').length, 2);
    assert.match(first.stdout, /subsection-missing/);
    const after = readFileSync(file, 'utf8');
    const removed = diffChars(before, after).filter((part) => part.removed);
    assert.deepEqual(removed, [], 'nothing of the drafter\'s text is deleted');
    assert.match(after, /\n\(二\)总体目标/);
    assert.match(after, /牵头单位:县委宣传部/);
    const mtime = statSync(file).mtimeMs;
    const second = fangan(dir, 'check', '--fix', '--lang', 'en', file);
    assert.match(second.stderr, /fixed 0 problem/);
    assert.equal(readFileSync(file, 'utf8'), after);
    assert.equal(statSync(file).mtimeMs, mtime, 'a file with nothing to fix is not written');
  });

  it('keeps the encoding, the byte-order mark and the line endings', () => {
    const cases: Array<[string, Buffer, (b: Buffer) => string]> = [
      ['gb18030-crlf.txt', iconv.encode(DRAFT.replace(/\n/g, '\r\n'), 'gb18030'), (b) => iconv.decode(b, 'gb18030')],
      ['utf8-bom.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(DRAFT, 'utf8')]), (b) => b.subarray(3).toString('utf8')],
      ['utf16le.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(DRAFT.replace(/\n/g, '\r\n'), 'utf16le')]), (b) => b.subarray(2).toString('utf16le')],
    ];
    for (const [name, bytes, decode] of cases) {
      const file = join(dir, name);
      writeFileSync(file, bytes);
      const r = fangan(dir, 'check', '--fix', '--lang', 'en', file);
      assert.match(r.stderr, /fixed 2 problem/, `${name}: ${r.stderr}`);
      const written = readFileSync(file);
      assert.deepEqual([...written.subarray(0, 3)], [...bytes.subarray(0, 3)], `${name}: same leading bytes (BOM, encoding)`);
      const text = decode(written);
      assert.match(text, /2\.加强青少年法治教育/, name);
      assert.match(text, /牵头单位：县教育局/, name);
      assert.equal(text.includes('\r\n'), name !== 'utf8-bom.txt', `${name}: line endings kept`);
      if (text.includes('\r\n')) assert.doesNotMatch(text.replace(/\r\n/g, ''), /\n/, `${name}: no bare line feed`);
    }
  });

  it('--fix-dry-run prints a unified diff and leaves the file alone', () => {
    const file = join(dir, 'dry.txt');
    writeFileSync(file, DRAFT);
    const r = fangan(dir, 'check', '--fix-dry-run', '--lang', 'en', file);
    assert.match(r.stdout, /^Index: /m);
    assert.match(r.stdout, /^-3\.加强青少年法治教育。$/m);
    assert.match(r.stdout, /^\+2\.加强青少年法治教育。$/m);
    assert.match(r.stdout, /^\+牵头单位：县教育局$/m);
    assert.match(r.stderr, /would fix 2 problem/);
    assert.equal(readFileSync(file, 'utf8'), DRAFT);
  });

  it('--fix-dry-run names a Chinese file as it is, not in octal escapes', () => {
    const file = join(dir, '县方案（草稿）.txt');
    writeFileSync(file, DRAFT);
    const r = fangan(dir, 'check', '--fix-dry-run', file);
    assert.ok(r.stdout.includes(`--- ${file}\n`) && r.stdout.includes(`+++ ${file}\n`), r.stdout.slice(0, 300));
    assert.doesNotMatch(r.stdout, /\\[0-7]{3}/);
  });
});
