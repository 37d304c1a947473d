import { spawn, type ChildProcessWithoutNullStreams } from 'child_process';
import { join } from 'path';
import { pathToFileURL } from 'url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type { Diagnostic } from 'vscode-languageserver-types';

export interface PublishDiagnosticsParams {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}

/**
 * A minimal LSP client over stdio against the built server (server/out/server.js): the protocol
 * tests and the LSP rows of the benchmark both drive the real server process through it.
 */

export const SERVER = join(__dirname, '..', '..', 'server', 'out', 'server.js');

export interface TestServer {
  readonly connection: MessageConnection;
  readonly process: ChildProcessWithoutNullStreams;
  readonly stderr: string[];
  /** Messages shown to the user (`window/showMessage` and `window/showMessageRequest`), in order. */
  readonly shownMessages: Array<{ type: number; message: string }>;
  /** Their texts only. */
  readonly messages: string[];
  /** Every diagnostics notification received, in order. */
  readonly published: PublishDiagnosticsParams[];
  /** Resolves with the next diagnostics published for the uri that satisfy the predicate. */
  nextDiagnostics(uri: string, accept?: (d: Diagnostic[]) => boolean): Promise<PublishDiagnosticsParams>;
  open(uri: string, text: string, languageId?: string): void;
  stop(): Promise<void>;
}

export async function startServer(
  options: {
    locale?: string;
    settings?: Record<string, unknown>;
    workspaceFolders?: string[];
    /** Handlers for server notifications (e.g. `fangan/corpusLoaded`), registered before initialize. */
    onNotification?: Record<string, (params: unknown) => void>;
    /** Sent as `initializationOptions` (the extension sends `language` and `trusted`). */
    initializationOptions?: Record<string, unknown>;
    /** Node options before the server script (e.g. `--require` a preload). */
    nodeArgs?: string[];
    /** Answer `workspace/configuration` this late (a busy editor). */
    configurationDelayMs?: number;
  } = {},
): Promise<TestServer> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), SERVER, '--stdio'], { stdio: 'pipe' });
  const stderr: string[] = [];
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  // A reply still on its way when the server exits must not crash the test process.
  child.stdin.on('error', () => undefined);
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiters: Array<{ uri: string; accept: (d: Diagnostic[]) => boolean; resolve: (p: PublishDiagnosticsParams) => void }> = [];
  const published: PublishDiagnosticsParams[] = [];
  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    published.push(params);
    for (let i = 0; i < waiters.length; i++) {
      const w = waiters[i];
      if (w.uri === params.uri && w.accept(params.diagnostics)) {
        waiters.splice(i, 1);
        w.resolve(params);
        return;
      }
    }
  });
  const settings = options.settings ?? {};
  connection.onRequest('workspace/configuration', async (params: { items: Array<{ section?: string }> }) => {
    if (options.configurationDelayMs) await new Promise((resolve) => setTimeout(resolve, options.configurationDelayMs));
    return params.items.map((item) => (item.section === 'fangan' ? settings : null));
  });
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onNotification('window/logMessage', () => undefined);
  const shownMessages: Array<{ type: number; message: string }> = [];
  const messages: string[] = [];
  const shown = (params: { type: number; message: string }) => {
    shownMessages.push(params);
    messages.push(params.message);
  };
  connection.onNotification('window/showMessage', shown);
  connection.onRequest('window/showMessageRequest', (params: { type: number; message: string }) => {
    shown(params);
    return null;
  });
  for (const [method, handler] of Object.entries(options.onNotification ?? {})) connection.onNotification(method, handler);
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    locale: options.locale ?? 'zh-cn',
    initializationOptions: options.initializationOptions,
    capabilities: {
      workspace: {
        configuration: true,
        didChangeConfiguration: { dynamicRegistration: true },
        didChangeWatchedFiles: { dynamicRegistration: true },
      },
      textDocument: {
        publishDiagnostics: { versionSupport: true },
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } },
      },
      window: { workDoneProgress: true },
    },
    workspaceFolders: options.workspaceFolders?.map((path, i) => ({ uri: pathToFileURL(path).toString(), name: `folder${i}` })) ?? null,
  });
  await connection.sendNotification('initialized', {});
  return {
    connection,
    process: child,
    stderr,
    messages,
    shownMessages,
    published,
    nextDiagnostics: (uri, accept = () => true) => new Promise((resolve) => waiters.push({ uri, accept, resolve })),
    open: (uri, text, languageId = 'plaintext') => {
      void connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    },
    stop: async () => {
      try {
        await Promise.race([connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
        await connection.sendNotification('exit').catch(() => undefined);
        if (child.exitCode === null) await Promise.race([new Promise((r) => child.once('exit', r)), new Promise((r) => setTimeout(r, 2000))]);
      } catch {
        // the process may be gone already
      }
      connection.dispose();
      if (child.exitCode === null) child.kill();
    },
  };
}

export function fileUri(path: string): string {
  return pathToFileURL(path).toString();
}
