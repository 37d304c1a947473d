import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'fs';
import { createServer, type Server } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { readPlanFile } from '../../server/src/cli/files';

/**
 * What the CLI's reader (`check` and `outline`) does with files that are not plan files (issue 16,
 * item 3): devices and FIFOs are refused by their type before anything is read (reading /dev/zero
 * once grew by ~200 MB/s, a FIFO without a writer blocked forever), and no file is read past the
 * cap, whatever its size on disk says.
 */

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'fangan');

/** Runs the built CLI; a hung or runaway CLI is killed after a few seconds, which fails the test. */
function fangan(args: string[], lang = 'en') {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 8000, killSignal: 'SIGKILL', env: { ...process.env, LANG: 'C' } });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, lang };
}

describe('CLI reader: devices, FIFOs, sockets and the byte cap', function () {
  this.timeout(30000);
  let dir: string;
  let socketServer: Server | undefined;

  before(() => {
    assert.ok(existsSync(join(ROOT, 'server', 'out', 'cli.js')), 'build first: npm run build');
    dir = mkdtempSync(join(tmpdir(), 'fangan-files-'));
  });
  after(() => {
    socketServer?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const device of ['/dev/zero', '/dev/urandom']) {
    it(`check ${device}: refused as a device at once, not read`, function () {
      if (!existsSync(device)) this.skip();
      const r = fangan(['check', '--lang', 'en', device]);
      assert.equal(r.signal, null, `the CLI had to be killed (it read ${device} without end)`);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /not a regular file \(a character device\)/);
      const zh = fangan(['check', '--lang', 'zh', device]);
      assert.match(zh.stderr, /不是普通文件（字符设备）/);
    });
  }

  it('outline /dev/zero: refused the same way', function () {
    if (!existsSync('/dev/zero')) this.skip();
    const r = fangan(['outline', '--format', 'json', '/dev/zero']);
    assert.equal(r.signal, null, 'the CLI had to be killed');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /not a regular file/);
  });

  it('a FIFO without a writer: refused, not waited on', function () {
    const fifo = join(dir, 'plan.fifo');
    if (spawnSync('mkfifo', [fifo]).status !== 0) this.skip();
    const r = fangan(['check', '--lang', 'en', fifo, join(ROOT, 'corpus', 'seeds', '003_eeaf1b93697e59c4.txt')]);
    assert.equal(r.signal, null, 'the CLI had to be killed (it waited for a writer)');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /plan\.fifo: cannot read: not a regular file \(a FIFO/);
    // the other file is still checked
    assert.match(r.stderr, /checked 2 file\(s\)/);
  });

  it('a socket: refused with the same clear message', async function () {
    const path = join(dir, 'plan.sock');
    socketServer = createServer();
    await new Promise<void>((resolve, reject) => socketServer!.once('error', reject).listen(path, resolve));
    assert.ok(statSync(path).isSocket());
    const r = fangan(['check', '--lang', 'en', path]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /not a regular file \(a socket\)/);
  });

  it("the office's .fangan/ files: a link to /dev/zero or a FIFO is skipped, not read (the same host serves the editor)", function () {
    if (!existsSync('/dev/zero')) this.skip();
    const ws = join(dir, 'office');
    mkdirSync(join(ws, '.fangan'), { recursive: true });
    symlinkSync('/dev/zero', join(ws, '.fangan', 'config.json'));
    if (spawnSync('mkfifo', [join(ws, '.fangan', 'units.json')]).status !== 0) this.skip();
    writeFileSync(join(ws, 'plan.txt'), '某县法治社会建设实施方案\n一、总体要求\n二、主要任务\n1.措施一。\n3.措施三。\n');
    const r = spawnSync(process.execPath, [BIN, 'check', '--format', 'json', 'plan.txt'], { cwd: ws, encoding: 'utf8', timeout: 8000, killSignal: 'SIGKILL' });
    assert.equal(r.signal, null, 'the CLI had to be killed');
    const codes = (JSON.parse(r.stdout) as { files: Array<{ diagnostics: Array<{ code: string }> }> }).files[0].diagnostics.map((d) => d.code);
    assert.ok(codes.includes('numbering-gap'), codes.join(' '));
  });

  it('stops reading at the cap whatever the size on disk says (a /proc file says 0 bytes)', function () {
    const proc = '/proc/self/maps';
    if (!existsSync(proc)) this.skip();
    assert.equal(statSync(proc).size, 0, 'stat says nothing about the length');
    const capped = readPlanFile(proc, 512);
    assert.equal(capped.ok, false);
    assert.ok(!capped.ok && capped.reason === 'larger than 512 bytes', JSON.stringify(capped));
    // under the cap it is read in full
    const whole = readPlanFile(proc, 64 * 1024 * 1024);
    assert.ok(whole.ok && whole.text.length > 512, JSON.stringify(whole).slice(0, 200));
  });

  it('a regular file of exactly the cap is read; one byte more is refused', () => {
    const file = join(dir, 'cap.txt');
    writeFileSync(file, 'a'.repeat(1000));
    const exact = readPlanFile(file, 1000);
    assert.ok(exact.ok && exact.text.length === 1000);
    const over = readPlanFile(file, 999);
    assert.ok(!over.ok && over.code === 'file-unreadable' && over.reason === 'larger than 999 bytes', JSON.stringify(over));
  });
});
