import { strict as assert } from 'assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { Diagnostic, DocumentSymbol } from 'vscode-languageserver-types';
import { fileUri, startServer, type PublishDiagnosticsParams, type TestServer } from '../helpers/lspClient';

/**
 * One bad message about one document never stops the others being checked (issue 16, item 6): a
 * `didOpen` whose text is null once made every later settings change and `.fangan/` change fail
 * ("Cannot read properties of null") before the other open documents were checked again. The
 * server now checks the parameters of every notification and request it handles, and checks each
 * document apart from the others.
 */

const PLAN = '<!-- fangan: template generic -->\n清河县法治社会建设实施方案\n一、推动全社会增强法治观念\n1.深入开展宪法宣传教育。\n3.加强青少年法治教育。\n';
const gap = (ds: Diagnostic[]) => ds.find((d) => d.code === 'numbering-gap');

async function within<T>(promise: Promise<T>, what: string, ms = 8000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe('one document’s bad message does not stop the others (built server over stdio)', function () {
  this.timeout(60000);
  let dir: string;
  let server: TestServer;
  const settings: Record<string, unknown> = {};
  const good = () => fileUri(join(dir, 'good.txt'));

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fangan-isolation-'));
    mkdirSync(join(dir, '.fangan'));
    writeFileSync(join(dir, '.fangan', 'config.json'), JSON.stringify({ rules: { 'numbering-gap': 'warning' } }));
    server = await startServer({ workspaceFolders: [dir], settings });
    // the bad documents come first: the re-check used to stop at the first of them
    const bad: unknown[] = [
      { uri: fileUri(join(dir, 'null-text.txt')), languageId: 'plaintext', version: 1, text: null },
      { uri: fileUri(join(dir, 'number-text.txt')), languageId: 'plaintext', version: 1, text: 42 },
      { uri: fileUri(join(dir, 'no-version.txt')), languageId: 'plaintext', text: PLAN },
      { uri: 17, languageId: 'plaintext', version: 1, text: PLAN },
      { uri: fileUri(join(dir, 'no-language.txt')), version: 1, text: PLAN },
    ];
    for (const textDocument of bad) await server.connection.sendNotification('textDocument/didOpen', { textDocument });
    const first = server.nextDiagnostics(good(), (ds) => !!gap(ds));
    server.open(good(), PLAN);
    await within(first, 'the first check of the good document');
  });
  after(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a settings change re-checks the good document', async () => {
    settings.rules = { 'numbering-gap': 'off' };
    const after = server.nextDiagnostics(good(), (ds) => !gap(ds));
    await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: { fangan: settings } });
    await within(after, 'the re-check after the settings changed');
    settings.rules = {};
  });

  it('a .fangan/ change re-checks the good document', async () => {
    // back to the office's severity first (the user's `off` above is gone)
    const restored = server.nextDiagnostics(good(), (ds) => gap(ds)?.severity === 2);
    await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: { fangan: settings } });
    await within(restored, 'the re-check with the office severity');
    writeFileSync(join(dir, '.fangan', 'config.json'), JSON.stringify({ rules: { 'numbering-gap': 'error' } }));
    const after = server.nextDiagnostics(good(), (ds) => gap(ds)?.severity === 1);
    await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(join(dir, '.fangan', 'config.json')), type: 2 }] });
    await within(after, 'the re-check after .fangan/config.json changed');
  });

  it('drops changes that would break a document, and keeps its text', async () => {
    const uri = good();
    const broken: unknown[] = [
      { textDocument: { uri, version: 2 }, contentChanges: [{ text: null }] },
      { textDocument: { uri, version: 3 }, contentChanges: [{ range: { start: { line: 'a', character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }] },
      { textDocument: { uri, version: 4 }, contentChanges: [{ range: { start: { line: 0, character: 0 } }, text: 'x' }] },
      { textDocument: { uri, version: 5 }, contentChanges: 'all new' },
      { textDocument: { uri, version: null }, contentChanges: [{ text: '' }] },
      { textDocument: { uri }, contentChanges: [{ text: '' }] },
    ];
    for (const params of broken) await server.connection.sendNotification('textDocument/didChange', params);
    // the same outline as the text it was opened with, in a fresh document
    const reference = fileUri(join(dir, 'reference.txt'));
    server.open(reference, PLAN);
    const outline = async (u: string) => {
      const symbols = (await server.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: u } })) as DocumentSymbol[];
      return symbols.map((s) => [s.name, s.range, (s.children ?? []).map((c) => [c.name, c.range])]);
    };
    const expected = await outline(reference);
    assert.equal(expected.length, 1);
    assert.deepEqual(await outline(uri), expected);
    // and a valid change after them is applied
    const next = server.nextDiagnostics(uri, (ds) => !gap(ds));
    await server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 6 },
      contentChanges: [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 1 } }, text: '2' }],
    });
    await within(next, 'the check after a valid change');
  });

  it('answers malformed requests with InvalidParams (-32602), and keeps serving', async () => {
    const uri = good();
    const malformed: Array<[string, unknown]> = [
      ['textDocument/hover', { textDocument: { uri }, position: { line: -1, character: 0 } }],
      ['textDocument/hover', { textDocument: { uri } }],
      ['textDocument/completion', { textDocument: { uri }, position: { line: 1.5, character: 0 } }],
      ['textDocument/documentSymbol', { textDocument: { uri: 5 } }],
      ['textDocument/foldingRange', null],
      ['textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: 'none' } }],
      ['textDocument/codeAction', { textDocument: { uri }, range: null, context: { diagnostics: [] } }],
    ];
    for (const [method, params] of malformed) {
      await assert.rejects(server.connection.sendRequest(method, params), (error: { code?: number }) => error.code === -32602, `${method} ${JSON.stringify(params)}`);
    }
    const published: PublishDiagnosticsParams[] = server.published.filter((p) => p.uri === uri);
    assert.ok(published.length > 0);
    const symbols = (await server.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as DocumentSymbol[];
    assert.equal(symbols.length, 1);
    assert.equal(server.process.exitCode, null);
  });
});
