import { strict as assert } from 'assert';
import { CRASH_WINDOW_MS, MAX_CRASHES_IN_WINDOW, RestartPolicy } from '../../client/src/restartPolicy';

/** client/src/restartPolicy.ts: what the extension does when the server process dies. */
describe('client: restarting a server that died', () => {
  it('restarts it and tells the user once, however often it dies', () => {
    let now = 0;
    const policy = new RestartPolicy(() => now);
    const decisions = [];
    for (let i = 0; i < 12; i++) {
      decisions.push(policy.closed());
      now += CRASH_WINDOW_MS; // spread out: never too many in the window
    }
    assert.ok(decisions.every((d) => d.restart));
    assert.deepEqual(decisions.map((d) => d.tell).filter(Boolean), ['restarted']);
  });

  it('gives up when it dies 5 times in 3 minutes (a server that dies at start would loop), and says that once', () => {
    let now = 0;
    const policy = new RestartPolicy(() => now);
    const decisions = [];
    for (let i = 0; i < MAX_CRASHES_IN_WINDOW + 2; i++) {
      decisions.push(policy.closed());
      now += 1000;
    }
    assert.deepEqual(
      decisions.map((d) => d.restart),
      [true, true, true, true, false, false, false],
    );
    assert.deepEqual(decisions.map((d) => d.tell ?? null), ['restarted', null, null, null, 'gaveUp', null, null]);
  });

});
