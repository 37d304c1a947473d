import { strict as assert } from 'assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { fileUri, startServer, type TestServer } from '../helpers/lspClient';

/** .fangan/config.json through the real server: read at start, re-read when it changes, under the user's settings. */
describe('workspace settings file over LSP (built server)', function () {
  this.timeout(30000);
  let dir: string;
  let server: TestServer;
  const plan = '<!-- fangan: template generic -->\n清河县法治社会建设实施方案\n一、推动全社会增强法治观念\n1.深入开展宪法宣传教育。\n3.加强青少年法治教育。\n';
  const gap = (ds: Diagnostic[]) => ds.find((d) => d.code === 'numbering-gap');
  const config = (rules: Record<string, string>) => writeFileSync(join(dir, '.fangan', 'config.json'), JSON.stringify({ rules }));

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fangan-config-'));
    mkdirSync(join(dir, '.fangan'));
    config({ 'numbering-gap': 'error' });
    // What VS Code sends when the user set nothing but one rule: the defaults, and that rule.
    server = await startServer({
      workspaceFolders: [dir],
      settings: { activation: 'auto', template: 'auto', rules: { 'lead-unit-missing': 'off' }, leadUnits: { check: 'auto' }, corpus: { folders: [] } },
    });
  });
  after(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('applies the office file at start, and again after it changes', async () => {
    const uri = fileUri(join(dir, 'plan.txt'));
    const first = server.nextDiagnostics(uri, (ds) => gap(ds)?.severity === DiagnosticSeverity.Error);
    server.open(uri, plan);
    assert.equal(gap((await first).diagnostics)?.severity, DiagnosticSeverity.Error);
    config({ 'numbering-gap': 'hint' });
    const second = server.nextDiagnostics(uri, (ds) => gap(ds)?.severity === DiagnosticSeverity.Hint);
    await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(join(dir, '.fangan', 'config.json')), type: 2 }] });
    assert.equal(gap((await second).diagnostics)?.severity, DiagnosticSeverity.Hint);
  });

  it('names a wrong entry of the file in a notification, once', async () => {
    writeFileSync(join(dir, '.fangan', 'config.json'), '{\n  "rules": { "numbering-gap": "loud" }\n}\n');
    await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(join(dir, '.fangan', 'config.json')), type: 2 }] });
    for (let i = 0; i < 100 && !server.messages.some((m) => m.includes('config.json')); i++) await new Promise((r) => setTimeout(r, 25));
    const shown = server.messages.filter((m) => m.includes('config.json'));
    assert.equal(shown.length, 1);
    assert.match(shown[0], /config\.json:2:31：规则 numbering-gap 的级别“loud”无效.*有误的设置项已忽略，其余设置照常使用。$/);
  });
});
