import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { join } from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fileURLToPath } from 'url';
import { createFsHost } from './node/fsHost';
import type { FanganSettings } from './service/config';
import { FIX_ALL_KIND } from './service/features/codeActions';
import { pick } from './service/l10n';
import { createLanguageService, type FanganLanguageService } from './service/languageService';
import { formatRegistryProblem, UNITS_FILE } from './service/units/workspace';

/**
 * The language server: wires LSP requests to the language service and nothing more.
 * Run as `node server/out/server.js --stdio` or over IPC from the extension.
 */

const VALIDATION_DELAY_MS = 150;

const connection: Connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let service: FanganLanguageService = createLanguageService();
let canPullConfiguration = false;
let initSettings: unknown;
const settingsCache = new Map<string, Promise<FanganSettings>>();
const reportedSettingsProblems = new Set<string>();
const pendingValidation = new Map<string, ReturnType<typeof setTimeout>>();

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const options = (params.initializationOptions ?? {}) as { language?: string; settings?: unknown };
  const folders = (params.workspaceFolders ?? []).filter((f) => f.uri.startsWith('file:')).map((f) => fileURLToPath(f.uri));
  service = createLanguageService({
    language: options.language ?? params.locale,
    logger: { log: (m) => connection.console.log(m) },
    // server/out/server.js → the extension root, which holds corpus/
    host: createFsHost(join(__dirname, '..', '..'), folders),
  });
  initSettings = options.settings;
  canPullConfiguration = params.capabilities.workspace?.configuration === true;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      documentSymbolProvider: { label: '方案' },
      foldingRangeProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
      hoverProvider: true,
      completionProvider: { triggerCharacters: ['：', ':', '、'] },
    },
    serverInfo: { name: 'fangan' },
  };
});

connection.onInitialized(() => {
  if (canPullConfiguration) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'fangan' }).catch(() => undefined);
  }
  void connection.client
    .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: `**/${UNITS_FILE}` }] })
    .catch(() => undefined);
  void reloadUnitRegistry();
});

// The office's unit registry (.fangan/units.json): loaded at start and whenever it changes.
let lastRegistryWarning = '';
async function reloadUnitRegistry(): Promise<void> {
  try {
    const problems = await service.loadUnitRegistry();
    const zh = service.locale === 'zh';
    if (problems.length === 0) lastRegistryWarning = '';
    else {
      const first = formatRegistryProblem(problems[0], service.locale);
      const more = problems.length > 1 ? (zh ? `（另有 ${problems.length - 1} 处问题）` : ` (and ${problems.length - 1} more)`) : '';
      const text = `Fangan: ${first}${more}${zh ? '。内置单位名录仍然有效。' : '. The built-in unit registry still applies.'}`;
      for (const p of problems) connection.console.warn(`Fangan: ${formatRegistryProblem(p, service.locale)}`);
      // One message per distinct state of the file, not one per reload.
      if (text !== lastRegistryWarning) void connection.window.showWarningMessage(text);
      lastRegistryWarning = text;
    }
  } catch (error) {
    connection.console.error(`Fangan: loading ${UNITS_FILE} failed: ${String((error as Error)?.stack ?? error)}`);
  }
  for (const document of documents.all()) scheduleValidation(document);
}

connection.onDidChangeWatchedFiles((change) => {
  if (change.changes.some((c) => c.uri.endsWith(`/${UNITS_FILE}`))) void reloadUnitRegistry();
});

connection.onDidChangeConfiguration((change) => {
  settingsCache.clear();
  if (!canPullConfiguration) initSettings = (change.settings as { fangan?: unknown } | undefined)?.fangan ?? initSettings;
  for (const document of documents.all()) scheduleValidation(document);
});

function settingsFor(uri: string): Promise<FanganSettings> {
  let cached = settingsCache.get(uri);
  if (!cached) {
    const raw: Promise<unknown> = canPullConfiguration
      ? connection.workspace.getConfiguration({ scopeUri: uri, section: 'fangan' }).catch(() => undefined)
      : Promise.resolve(initSettings);
    cached = raw.then((value) => {
      const { settings, problems } = service.readSettings(value);
      for (const problem of problems) {
        const key = `${problem.setting}:${problem.message.en}`;
        if (reportedSettingsProblems.has(key)) continue;
        reportedSettingsProblems.add(key);
        void connection.window.showWarningMessage(`Fangan: ${pick(service.locale, problem.message)}`);
      }
      return settings;
    });
    settingsCache.set(uri, cached);
  }
  return cached;
}

/** Whether Fangan works on this document under the activation setting. */
function isActive(document: TextDocument, settings: FanganSettings): boolean {
  if (document.languageId === 'fangan') return true;
  if (document.languageId !== 'plaintext' && document.languageId !== 'markdown') return false;
  if (settings.activation === 'always') return true;
  if (settings.activation === 'fanganOnly') return false;
  return service.looksLikePlan(document);
}

async function activeDocument(uri: string): Promise<{ document: TextDocument; settings: FanganSettings } | undefined> {
  const document = documents.get(uri);
  if (!document) return undefined;
  const settings = await settingsFor(uri);
  return isActive(document, settings) ? { document, settings } : undefined;
}

function scheduleValidation(document: TextDocument): void {
  const uri = document.uri;
  clearTimeout(pendingValidation.get(uri));
  pendingValidation.set(
    uri,
    setTimeout(() => {
      pendingValidation.delete(uri);
      void validate(uri, document.version);
    }, VALIDATION_DELAY_MS),
  );
}

async function validate(uri: string, version: number): Promise<void> {
  try {
    const active = await activeDocument(uri);
    if (!active) {
      if (documents.get(uri)) await connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    if (active.document.version !== version) return; // a newer version is already scheduled
    const stale = { get isCancellationRequested() { return documents.get(uri)?.version !== version; } };
    const diagnostics = service.computeDiagnostics(active.document, active.settings, stale);
    if (stale.isCancellationRequested) return; // the text changed while we checked: drop the result
    await connection.sendDiagnostics({ uri, version, diagnostics });
  } catch (error) {
    connection.console.error(`Fangan: checking ${uri} failed: ${String((error as Error)?.stack ?? error)}`);
  }
}

documents.onDidChangeContent((event) => scheduleValidation(event.document));
documents.onDidClose((event) => {
  clearTimeout(pendingValidation.get(event.document.uri));
  pendingValidation.delete(event.document.uri);
  settingsCache.delete(event.document.uri);
  service.forget(event.document.uri);
  void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
});

/** Runs a request handler; a failure is logged and answered with the empty result, never thrown. */
async function guarded<T>(name: string, uri: string, empty: T, answer: (a: { document: TextDocument; settings: FanganSettings }) => T): Promise<T> {
  try {
    const active = await activeDocument(uri);
    return active ? answer(active) : empty;
  } catch (error) {
    connection.console.error(`Fangan: ${name} on ${uri} failed: ${String((error as Error)?.stack ?? error)}`);
    return empty;
  }
}

connection.onDocumentSymbol((params, token) =>
  guarded('documentSymbol', params.textDocument.uri, [], ({ document }) => service.getDocumentSymbols(document, token)),
);
connection.onFoldingRanges((params, token) =>
  guarded('foldingRange', params.textDocument.uri, [], ({ document }) => service.getFoldingRanges(document, token)),
);
connection.onHover((params, token) =>
  guarded('hover', params.textDocument.uri, null, ({ document, settings }) => service.getHover(document, settings, params.position, token)),
);
connection.onCompletion((params, token) =>
  guarded('completion', params.textDocument.uri, { isIncomplete: false, items: [] }, ({ document, settings }) =>
    service.getCompletions(document, settings, params.position, token),
  ),
);
connection.onCodeAction((params, token) =>
  guarded('codeAction', params.textDocument.uri, [], ({ document, settings }) =>
    service.getCodeActions(document, settings, { diagnostics: params.context.diagnostics, only: params.context.only }, token),
  ),
);

process.on('uncaughtException', (error) => connection.console.error(`Fangan: ${String(error?.stack ?? error)}`));
process.on('unhandledRejection', (error) => connection.console.error(`Fangan: ${String(error)}`));

documents.listen(connection);
connection.listen();
