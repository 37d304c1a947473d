import { join } from 'path';
import { fileURLToPath } from 'url';
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { corpusProblemReporter, registerCorpus } from './lsp/corpus';
import { checkedDocumentNotifications } from './lsp/documents';
import { registerWordImport } from './lsp/wordImport';
import { registerExport } from './lsp/export';
import { registerFeatures } from './lsp/features';
import { Lifecycle } from './lsp/lifecycle';
import { fileEvents } from './lsp/params';
import { registerPlanActions } from './lsp/planActions';
import { registerPlanAbove } from './lsp/planAbove';
import { ServerSession } from './lsp/session';
import { registerValidation } from './lsp/validation';
import { registerWorkspaceData, watchWorkspaceData } from './lsp/workspaceData';
import { createFsHost } from './node/fsHost';
import { CORPUS_ACTION_KIND, FIX_ALL_KIND, createLanguageService } from './service';

/**
 * The language server: wires LSP to the language service and nothing more (the handlers are in
 * lsp/). Run as `node server/out/server.js --stdio` or over IPC from the extension.
 */

const lifecycle = new Lifecycle();
const connection = createConnection(ProposedFeatures.all, { messageStrategy: lifecycle.messageStrategy });
lifecycle.listen(connection);
const documents = new TextDocuments(TextDocument);
const session = new ServerSession(connection, documents);
/** A notification whose parameters are malformed: logged, never acted on. */
const dropped = (method: string, params: unknown): void =>
  connection.console.warn(`Fangan: ${method} with malformed parameters dropped: ${JSON.stringify(params)?.slice(0, 200)}`);

registerValidation(session);
registerFeatures(session);
registerPlanActions(session);
registerPlanAbove(session);
registerWordImport(session);
registerExport(session);
const workspaceData = registerWorkspaceData(session);
const corpus = registerCorpus(session);

connection.onInitialize((params: InitializeParams): InitializeResult => {
  // Lifecycle checked that there are capabilities; the rest is read defensively.
  const options = (typeof params.initializationOptions === 'object' && params.initializationOptions !== null ? params.initializationOptions : {}) as {
    language?: unknown;
    settings?: unknown;
    trusted?: unknown;
  };
  const folders = (Array.isArray(params.workspaceFolders) ? params.workspaceFolders : [])
    .filter((f) => typeof f?.uri === 'string' && f.uri.startsWith('file:'))
    .map((f) => fileURLToPath(f.uri));
  session.service = createLanguageService({
    language: typeof options.language === 'string' ? options.language : typeof params.locale === 'string' ? params.locale : undefined,
    logger: { log: (m) => connection.console.log(m) },
    // server/out/server.js → the extension root, which holds corpus/
    host: createFsHost(join(__dirname, '..', '..'), folders),
    onCorpusProblem: corpusProblemReporter(session),
  });
  session.initSettings = options.settings;
  session.workspaceTrusted = options.trusted !== false;
  const watched = params.capabilities.workspace?.didChangeWatchedFiles;
  Object.assign(session.client, {
    configuration: params.capabilities.workspace?.configuration === true,
    watchers: watched?.dynamicRegistration === true,
    relativePatterns: watched?.relativePatternSupport === true,
    progress: params.capabilities.window?.workDoneProgress === true,
  });
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      documentSymbolProvider: { label: session.say({ zh: '方案', en: 'Plan' }) },
      foldingRangeProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, CORPUS_ACTION_KIND] },
      hoverProvider: true,
      completionProvider: { triggerCharacters: ['：', ':', '、'] },
    },
    serverInfo: { name: 'fangan' },
  };
});

connection.onInitialized(() => {
  if (session.client.configuration) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'fangan' }).catch(() => undefined);
  }
  watchWorkspaceData(session);
  // then the corpus, whose folders .fangan/config.json may name
  void workspaceData.reload();
});

connection.onDidChangeConfiguration((change: unknown) => {
  session.forgetSettings();
  if (!session.client.configuration) session.initSettings = (change as { settings?: { fangan?: unknown } } | null)?.settings?.fangan ?? session.initSettings;
  session.revalidateAll();
  session.reloadCorpus();
});

// One handler for every watcher (a connection takes one): .fangan/ data and the corpus folders.
connection.onDidChangeWatchedFiles((params: unknown) => {
  const changes = fileEvents(params);
  if (!changes) return dropped('workspace/didChangeWatchedFiles', params);
  workspaceData.onFilesChanged(changes);
  corpus.onFilesChanged(changes);
});

process.on('uncaughtException', (error) => connection.console.error(`Fangan: ${String(error?.stack ?? error)}`));
process.on('unhandledRejection', (error) => connection.console.error(`Fangan: ${String(error)}`));

documents.listen(checkedDocumentNotifications(connection, dropped));
connection.listen();
