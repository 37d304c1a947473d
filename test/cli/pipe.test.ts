import { strict as assert } from 'assert';
import { spawn } from 'child_process';
import { join } from 'path';

/** The CLI when its reader stops early (`fangan check … | head -1`): it stops quietly. */
describe('CLI with a reader that stops early', function () {
  this.timeout(20000);

  it('exits without an EPIPE stack trace', async () => {
    const root = join(__dirname, '..', '..');
    const seeds = ['000_fe965b1f8b911ae8', '001_7a3985546b992323', '002_6165ec8d7c1e9a5d', '003_eeaf1b93697e59c4', '004_a38a9a48ed10b89a'];
    const args = ['check', ...Array.from({ length: 40 }, (_, i) => join(root, 'corpus', 'seeds', `${seeds[i % 5]}.txt`))];
    const child = spawn(join(root, 'bin', 'fangan'), args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // read one chunk, then close the pipe as `head` does
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.ok(!/EPIPE|Unhandled 'error'|at /.test(stderr), stderr);
    assert.ok(code === 0 || code === 1, `exit ${code}`);
  });
});
