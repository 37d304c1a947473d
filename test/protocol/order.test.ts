import { strict as assert } from 'assert';
import { spawn, type ChildProcessWithoutNullStreams } from 'child_process';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { DocumentSymbol } from 'vscode-languageserver-types';
import { SERVER } from '../helpers/lspClient';
import { SEARCH_CORPUS_REQUEST } from '../../server/src/protocol';

/**
 * The order of the protocol (LSP 3.17, "Server lifecycle"), through the built server (issue 16,
 * item 9): before `initialize` a request gets ServerNotInitialized (-32002) and a notification is
 * dropped, except `exit`; `initialize` is answered once; after `shutdown` every request gets
 * InvalidRequest (-32600); `exit` ends the process with 0 after `shutdown` and 1 without it.
 */

const SERVER_NOT_INITIALIZED = -32002;
const INVALID_REQUEST = -32600;
const PLAN = '某县法治社会建设实施方案\n一、总体要求\n二、主要任务\n';
const INITIALIZE = { processId: null, rootUri: null, capabilities: {}, workspaceFolders: null };

interface RawServer {
  readonly child: ChildProcessWithoutNullStreams;
  readonly connection: MessageConnection;
  readonly diagnosticsFor: Set<string>;
  exited(): Promise<number | null>;
  stop(): void;
}

/** The server with a bare connection: nothing is sent until the test sends it. */
function spawnServer(): RawServer {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: 'pipe' });
  child.stdin.on('error', () => undefined);
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const diagnosticsFor = new Set<string>();
  connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string }) => {
    diagnosticsFor.add(params.uri);
  });
  connection.onRequest(() => null);
  connection.onNotification(() => undefined);
  connection.onError(() => undefined);
  connection.listen();
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    connection,
    diagnosticsFor,
    exited: () =>
      Promise.race([exit, new Promise<null>((_, reject) => setTimeout(() => reject(new Error('the server did not exit')), 5000))]),
    stop: () => {
      connection.dispose();
      if (child.exitCode === null) child.kill();
    },
  };
}

async function errorCode(request: Promise<unknown>): Promise<number | 'answered'> {
  try {
    await request;
    return 'answered';
  } catch (error) {
    return (error as { code: number }).code;
  }
}

describe('protocol order: initialize, shutdown, exit (built server over stdio)', function () {
  this.timeout(30000);
  const servers: RawServer[] = [];
  const start = () => {
    const server = spawnServer();
    servers.push(server);
    return server;
  };
  afterEach(() => {
    for (const server of servers.splice(0)) server.stop();
  });

  it('answers every request before initialize with ServerNotInitialized (-32002)', async () => {
    const { connection } = start();
    const uri = 'file:///order/early.txt';
    for (const [method, params] of [
      ['textDocument/documentSymbol', { textDocument: { uri } }],
      ['textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } }],
      [SEARCH_CORPUS_REQUEST, { query: '宪法' }],
      ['shutdown', undefined],
      ['fangan/noSuchRequest', {}],
    ] as Array<[string, unknown]>) {
      assert.equal(await errorCode(connection.sendRequest(method, params)), SERVER_NOT_INITIALIZED, method);
    }
    // an initialize without capabilities is InvalidParams, and leaves the server uninitialized
    assert.equal(await errorCode(connection.sendRequest('initialize', { processId: null })), -32602);
    assert.equal(await errorCode(connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })), SERVER_NOT_INITIALIZED);
    // and is still ready to be initialized
    const result = (await connection.sendRequest('initialize', INITIALIZE)) as { capabilities: object };
    assert.ok(result.capabilities);
  });

  it('drops notifications before initialize (a document opened then is unknown afterwards)', async () => {
    const server = start();
    const uri = 'file:///order/opened-too-early.txt';
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: PLAN } });
    await server.connection.sendRequest('initialize', INITIALIZE);
    await server.connection.sendNotification('initialized', {});
    assert.deepEqual(await server.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }), []);
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.ok(!server.diagnosticsFor.has(uri), 'nothing was checked for it');
    // the same document opened now is served
    const later = 'file:///order/opened-in-time.txt';
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: later, languageId: 'plaintext', version: 1, text: PLAN } });
    const symbols = (await server.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: later } })) as DocumentSymbol[];
    assert.deepEqual(symbols.map((s) => s.name), ['一、总体要求', '二、主要任务']);
  });

  it('answers initialize once; a second initialize is an InvalidRequest (-32600)', async () => {
    const { connection } = start();
    await connection.sendRequest('initialize', INITIALIZE);
    assert.equal(await errorCode(connection.sendRequest('initialize', INITIALIZE)), INVALID_REQUEST);
    await connection.sendNotification('initialized', {});
    assert.deepEqual(await connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: 'file:///order/none.txt' } }), []);
  });

  it('answers every request after shutdown with InvalidRequest (-32600), then exits 0 on exit', async () => {
    const server = start();
    const { connection } = server;
    await connection.sendRequest('initialize', INITIALIZE);
    await connection.sendNotification('initialized', {});
    const uri = 'file:///order/late.txt';
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: PLAN } });
    assert.equal((await connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }) as unknown[]).length, 2);
    assert.equal(await errorCode(connection.sendRequest('shutdown')), 'answered');
    for (const [method, params] of [
      ['textDocument/documentSymbol', { textDocument: { uri } }],
      [SEARCH_CORPUS_REQUEST, { query: '宪法' }],
      ['shutdown', undefined],
      ['initialize', INITIALIZE],
    ] as Array<[string, unknown]>) {
      assert.equal(await errorCode(connection.sendRequest(method, params)), INVALID_REQUEST, method);
    }
    await connection.sendNotification('exit');
    assert.equal(await server.exited(), 0);
  });

  it('exits 1 on exit without shutdown, also before initialize', async () => {
    const initialized = start();
    await initialized.connection.sendRequest('initialize', INITIALIZE);
    await initialized.connection.sendNotification('exit');
    assert.equal(await initialized.exited(), 1);
    const fresh = start();
    await fresh.connection.sendNotification('exit');
    assert.equal(await fresh.exited(), 1);
  });
});
