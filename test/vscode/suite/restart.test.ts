import * as assert from 'assert';
import { readdirSync, readFileSync } from 'fs';
import * as vscode from 'vscode';
import { openPlan, until } from './helpers';

/**
 * A language server that dies is restarted by the client (client/src/restart.ts); the message to
 * the user is tested with the policy in test/unit/restart.test.ts.
 */

/** Fangan's server processes started by this extension host (children whose command runs server/out/server.js). */
function serverPids(): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (parent === process.pid && command.includes('server/out/server.js')) out.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

describe('Fangan when its language server dies', () => {
  it('restarts the server and answers again', async function () {
    if (process.platform !== 'linux') this.skip();
    this.timeout(60000);
    const editor = await openPlan('county-draft.txt');
    const symbols = () => vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', editor.document.uri);
    await until(symbols, (s) => Array.isArray(s) && s.length > 0, 'document symbols before');
    const before = serverPids();
    assert.equal(before.length, 1, `one server process: ${before.join(', ')}`);
    process.kill(before[0], 'SIGKILL');
    await until(async () => serverPids(), (pids) => pids.length === 1 && pids[0] !== before[0], 'a new server process', 30000);
    const after = await until(symbols, (s) => Array.isArray(s) && s.length > 0, 'document symbols after the restart', 30000);
    assert.equal(after[0].name, '一、总体要求');
  });
});
