import {
  CodeActionKind,
  type CancellationToken,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  type Disposable,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { join } from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fileURLToPath, pathToFileURL } from 'url';
import { createFsHost } from './node/fsHost';
import type { FanganSettings } from './service/config';
import { CORPUS_ACTION_KIND } from './service/corpus/actions';
import type { CorpusProblem } from './service/corpus/store';
import { FIX_ALL_KIND } from './service/features/codeActions';
import { NEW_PLAN_LEVELS, type NewPlanLevel } from './service/features/newPlan';
import { uriToPath } from './service/corpus/uri';
import { summaryMessage } from './service/workspaceCheck';
import { pick } from './service/l10n';
import { createLanguageService, type FanganLanguageService } from './service/languageService';
import { documentSizeMessage, LARGE_VALIDATION_DELAY_MS, MAX_PUBLISHED_DIAGNOSTICS, VALIDATION_DELAY_MS } from './service/limits';
import { formatWorkspaceProblem } from './service/workspaceData';

/**
 * The language server: wires LSP requests to the language service and nothing more.
 * Run as `node server/out/server.js --stdio` or over IPC from the extension.
 */

const connection: Connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let service: FanganLanguageService = createLanguageService();
let canPullConfiguration = false;
let canWatchFiles = false;
let initSettings: unknown;
/**
 * VS Code's workspace trust (initializationOptions.trusted, then `fangan/workspaceTrust`): while
 * untrusted, corpus folders outside the workspace folders are not read. Absent means trusted.
 */
let workspaceTrusted = true;
const settingsCache = new Map<string, Promise<FanganSettings>>();
const reportedSettingsProblems = new Set<string>();
const pendingValidation = new Map<string, ReturnType<typeof setTimeout>>();

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const options = (params.initializationOptions ?? {}) as { language?: string; settings?: unknown; trusted?: unknown };
  workspaceTrusted = options.trusted !== false;
  const folders = (params.workspaceFolders ?? []).filter((f) => f.uri.startsWith('file:')).map((f) => fileURLToPath(f.uri));
  service = createLanguageService({
    language: options.language ?? params.locale,
    logger: { log: (m) => connection.console.log(m) },
    // server/out/server.js → the extension root, which holds corpus/
    host: createFsHost(join(__dirname, '..', '..'), folders),
    onCorpusProblem: reportCorpusProblem,
  });
  initSettings = options.settings;
  canPullConfiguration = params.capabilities.workspace?.configuration === true;
  canWatchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  corpusClient.progress = params.capabilities.window?.workDoneProgress === true;
  corpusClient.watchers = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  corpusClient.relativePatterns = params.capabilities.workspace?.didChangeWatchedFiles?.relativePatternSupport === true;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      documentSymbolProvider: { label: service.locale === 'zh' ? '方案' : 'Plan' },
      foldingRangeProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, CORPUS_ACTION_KIND] },
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
  if (canWatchFiles) {
    void connection.client
      .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/.fangan/**' }] })
      .catch(() => undefined);
  }
  // then the corpus, whose folders .fangan/config.json may name
  void reloadWorkspaceData();
});

/** Messages shown to the user start with the extension's name in their language. */
const shownPrefix = () => (service.locale === 'zh' ? '方案助手：' : 'Fangan: ');

// ---- Workspace data (.fangan/templates, …): read at start and again whenever a file there changes.
/** Problems already shown, so that a broken file is reported once, not on every reload. */
let shownWorkspaceProblems = new Set<string>();

async function reloadWorkspaceData(): Promise<void> {
  try {
    const problems = await service.reloadWorkspaceData();
    const current = new Set<string>();
    const perFile = new Map<string, string[]>();
    for (const problem of problems) {
      const text = formatWorkspaceProblem(problem, service.locale);
      connection.console.warn(`Fangan: ${text}`);
      const key = `${problem.file}\n${text}`;
      current.add(key);
      if (!shownWorkspaceProblems.has(key)) perFile.set(problem.file, [...(perFile.get(problem.file) ?? []), text]);
    }
    // One notification per file with new problems; the rest are in the log.
    for (const [file, texts] of perFile) {
      const more = texts.length > 1 ? (service.locale === 'zh' ? `（另有 ${texts.length - 1} 处问题，见输出面板）` : ` (and ${texts.length - 1} more in the output panel)`) : '';
      const kept = file.endsWith('config.json')
        ? service.locale === 'zh' ? '。有误的设置项已忽略，其余设置照常使用。' : '. The wrong entries were ignored; the other settings apply.'
        : service.locale === 'zh' ? '。该文件已跳过，内置的模板和单位名录照常使用。' : '. The file was skipped; the built-in templates and unit registry still apply.';
      void connection.window.showWarningMessage(`${shownPrefix()}${texts[0]}${more}${kept}`);
    }
    shownWorkspaceProblems = current;
    // .fangan/config.json may have changed the settings (and the corpus folders).
    settingsCache.clear();
    void loadCorpus();
    for (const document of documents.all()) scheduleValidation(document);
  } catch (error) {
    connection.console.error(`Fangan: reading .fangan/ failed: ${String((error as Error)?.stack ?? error)}`);
  }
}

connection.onDidChangeConfiguration((change) => {
  settingsCache.clear();
  if (!canPullConfiguration) initSettings = (change.settings as { fangan?: unknown } | undefined)?.fangan ?? initSettings;
  for (const document of documents.all()) scheduleValidation(document);
  void loadCorpus();
});

// ---- The corpus (素材库): loaded in slices after start, reloaded when its folders change, kept
// up to date by file watchers; progress is shown while a folder is indexed.
const corpusClient = { progress: false, watchers: false, relativePatterns: false };
let corpusFolders: string | undefined;
let corpusWatcher: Disposable | undefined;
let corpusProblemsShown = 0;

function reportCorpusProblem(problem: CorpusProblem): void {
  const message = `${shownPrefix()}${pick(service.locale, problem.message)}`;
  connection.console.warn(message);
  // The log keeps every problem; the window shows a few, so a folder of broken files does not flood it.
  if (problem.path === '' || corpusProblemsShown++ < 3) void connection.window.showWarningMessage(message);
}

async function corpusFolderSetting(): Promise<readonly string[]> {
  const raw: unknown = canPullConfiguration
    ? await connection.workspace.getConfiguration({ section: 'fangan' }).catch(() => undefined)
    : initSettings;
  return service.resolveSettings(raw).settings.corpus.folders;
}

async function loadCorpus(): Promise<void> {
  try {
    const folders = await corpusFolderSetting();
    const key = JSON.stringify([folders, workspaceTrusted]);
    if (key === corpusFolders) return;
    corpusFolders = key;
    await watchCorpusFolders(folders);
    const started = Date.now();
    const reporter = corpusClient.progress ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    const title = service.locale === 'zh' ? '方案助手：素材库' : 'Fangan: corpus';
    reporter?.begin(title, 0, undefined, false);
    await service.corpus.load(
      folders,
      { report: (message, percentage) => reporter?.report(percentage, pick(service.locale, message)) },
      { trusted: workspaceTrusted },
    );
    reporter?.done();
    const { index } = service.corpus.store;
    connection.console.log(`Fangan: corpus ready, ${index.clauseCount} clauses from ${index.documents.length} files in ${Date.now() - started} ms`);
    void connection.sendNotification('fangan/corpusLoaded', {
      clauses: index.clauseCount,
      files: index.documents.length,
      ms: Date.now() - started,
      bundledMs: service.corpus.store.bundledLoadMs,
    });
  } catch (error) {
    connection.console.error(`Fangan: loading the corpus failed: ${String((error as Error)?.stack ?? error)}`);
  }
}

async function watchCorpusFolders(folders: readonly string[]): Promise<void> {
  corpusWatcher?.dispose();
  corpusWatcher = undefined;
  if (!corpusClient.watchers || folders.length === 0) return;
  const pattern = '**/*.{txt,md,docx,json}';
  const watchers = folders.map((folder) =>
    corpusClient.relativePatterns ? { globPattern: { baseUri: pathToFileURL(folder).toString(), pattern } } : { globPattern: `${folder}/${pattern}` },
  );
  corpusWatcher = await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }).catch(() => undefined);
}

// One handler for every watcher: .fangan/ data and the corpus folders.
connection.onDidChangeWatchedFiles((params) => {
  if (params.changes.some((change) => /\/\.fangan\//.test(change.uri))) void reloadWorkspaceData();
  const changes = params.changes
    .filter((c) => c.uri.startsWith('file:'))
    .map((c) => ({
      path: fileURLToPath(c.uri),
      type: c.type === FileChangeType.Created ? ('created' as const) : c.type === FileChangeType.Deleted ? ('deleted' as const) : ('changed' as const),
    }));
  if (changes.length > 0) void service.corpus.onFilesChanged(changes);
});

connection.onNotification('fangan/workspaceTrust', (params: { trusted?: unknown } | undefined) => {
  const trusted = params?.trusted !== false;
  if (trusted === workspaceTrusted) return;
  workspaceTrusted = trusted;
  void loadCorpus();
});

/** The quick pick of the command 方案：搜索素材库. */
connection.onRequest('fangan/searchCorpus', (params: { query?: unknown; limit?: unknown; uri?: unknown; line?: unknown }) => {
  try {
    if (typeof params?.query !== 'string') return { items: [] };
    const limit = typeof params.limit === 'number' && params.limit > 0 ? Math.min(50, Math.floor(params.limit)) : 20;
    const document = typeof params.uri === 'string' ? documents.get(params.uri) : undefined;
    const line = typeof params.line === 'number' ? params.line : undefined;
    return { items: service.corpus.search(params.query, { limit, document, line }) };
  } catch (error) {
    connection.console.error(`Fangan: corpus search failed: ${String((error as Error)?.stack ?? error)}`);
    return { items: [] };
  }
});

function settingsFor(uri: string): Promise<FanganSettings> {
  let cached = settingsCache.get(uri);
  if (!cached) {
    const raw: Promise<unknown> = canPullConfiguration
      ? connection.workspace.getConfiguration({ scopeUri: uri, section: 'fangan' }).catch(() => undefined)
      : Promise.resolve(initSettings);
    cached = raw.then((value) => {
      const { settings, problems } = service.resolveSettings(value, uri);
      for (const problem of problems) {
        const key = `${problem.setting}:${problem.message.en}`;
        if (reportedSettingsProblems.has(key)) continue;
        reportedSettingsProblems.add(key);
        void connection.window.showWarningMessage(`${shownPrefix()}${pick(service.locale, problem.message)}`);
      }
      return settings;
    }).catch((error: unknown) => {
      // Settings that cannot be read leave the defaults in force; the document is still checked.
      connection.console.error(`Fangan: reading the settings failed: ${String((error as Error)?.stack ?? error)}`);
      return service.readSettings(undefined).settings;
    });
    settingsCache.set(uri, cached);
  }
  return cached;
}

/** Whether Fangan works on this document under the activation setting. */
function isActive(document: TextDocument, settings: FanganSettings): boolean {
  return service.appliesTo(document, settings);
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
  const delay = service.sizeOf(document) === 'normal' ? VALIDATION_DELAY_MS : LARGE_VALIDATION_DELAY_MS;
  pendingValidation.set(
    uri,
    setTimeout(() => {
      pendingValidation.delete(uri);
      void validate(uri, document.version);
    }, delay),
  );
}

// ---- Size limits (service/limits.ts): said once per document and size, and logged.
const sizeNoticesShown = new Set<string>();

function noticeSize(document: TextDocument): void {
  const size = service.sizeOf(document);
  const key = `${document.uri}\n${size}`;
  if (size === 'normal' || sizeNoticesShown.has(key)) return;
  sizeNoticesShown.add(key);
  const message = documentSizeMessage(size, document.getText().length, document.lineCount);
  if (!message) return;
  connection.console.warn(`Fangan: ${document.uri}: ${message.en}`);
  void connection.window.showWarningMessage(`Fangan: ${pick(service.locale, message)}`);
}

/** At most MAX_PUBLISHED_DIAGNOSTICS, in document order; the rest are counted in the log once. */
function capped(uri: string, diagnostics: Diagnostic[]): Diagnostic[] {
  if (diagnostics.length <= MAX_PUBLISHED_DIAGNOSTICS) return diagnostics;
  const key = `${uri}\ncapped`;
  if (!sizeNoticesShown.has(key)) {
    sizeNoticesShown.add(key);
    const zh = `此文件有 ${diagnostics.length} 处问题，只显示前 ${MAX_PUBLISHED_DIAGNOSTICS} 处`;
    const en = `this file has ${diagnostics.length} findings; only the first ${MAX_PUBLISHED_DIAGNOSTICS} are shown`;
    connection.console.warn(`Fangan: ${uri}: ${en}`);
    void connection.window.showInformationMessage(`Fangan: ${pick(service.locale, { zh, en })}`);
  }
  return diagnostics.slice(0, MAX_PUBLISHED_DIAGNOSTICS);
}

async function validate(uri: string, version: number): Promise<void> {
  try {
    const active = await activeDocument(uri);
    if (!active) {
      if (documents.get(uri)) {
        await connection.sendDiagnostics({ uri, diagnostics: [] });
        void connection.sendNotification(STATUS_NOTIFICATION, { uri, version, plans: [] });
      }
      return;
    }
    if (active.document.version !== version) return; // a newer version is already scheduled
    noticeSize(active.document);
    const stale = { get isCancellationRequested() { return documents.get(uri)?.version !== version; } };
    const diagnostics = service.computeDiagnostics(active.document, active.settings, stale);
    if (stale.isCancellationRequested) return; // the text changed while we checked: drop the result
    await connection.sendDiagnostics({ uri, version, diagnostics: capped(uri, diagnostics) });
    // The status bar: plan kind, level, template and the count of findings (all of them, not the capped list).
    void connection.sendNotification(STATUS_NOTIFICATION, service.getStatus(active.document, active.settings, diagnostics));
  } catch (error) {
    connection.console.error(`Fangan: checking ${uri} failed: ${String((error as Error)?.stack ?? error)}`);
  }
}

documents.onDidChangeContent((event) => scheduleValidation(event.document));
documents.onDidClose((event) => {
  clearTimeout(pendingValidation.get(event.document.uri));
  pendingValidation.delete(event.document.uri);
  settingsCache.delete(event.document.uri);
  for (const key of [...sizeNoticesShown]) if (key.startsWith(`${event.document.uri}\n`)) sizeNoticesShown.delete(key);
  service.forget(event.document.uri);
  // A file of the last workspace check keeps its findings in the Problems panel.
  if (!workspaceChecked.has(event.document.uri)) void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
});

// ---- Plan-level actions (the status bar's menu and the commands): custom requests, each answered
// from the service; a failure is logged and answered with an empty result.
const STATUS_NOTIFICATION = 'fangan/status';

function safely<P, R>(name: string, empty: R, handler: (params: P, token: CancellationToken) => R | Promise<R>): (params: P, token: CancellationToken) => Promise<R> {
  return async (params, token) => {
    try {
      return await handler(params, token);
    } catch (error) {
      connection.console.error(`Fangan: ${name} failed: ${String((error as Error)?.stack ?? error)}`);
      return empty;
    }
  };
}

/** fangan/fixAll {uri, version?} → the fix-all edits as a versioned workspace edit, and how many. */
connection.onRequest(
  'fangan/fixAll',
  safely('fixAll', { edit: null, fixes: 0 }, async (params: { uri?: unknown; version?: unknown }) => {
    if (typeof params?.uri !== 'string') return { edit: null, fixes: 0 };
    const active = await activeDocument(params.uri);
    if (!active || (typeof params.version === 'number' && params.version !== active.document.version)) return { edit: null, fixes: 0 };
    const edits = service.getFixAll(active.document, active.settings);
    if (edits.length === 0) return { edit: null, fixes: 0 };
    return {
      edit: { documentChanges: [{ textDocument: { uri: params.uri, version: active.document.version }, edits }] },
      fixes: edits.length,
    };
  }),
);

/** fangan/templates {uri?, line?} → the templates, the levels for a new plan, and the plan's current template. */
connection.onRequest(
  'fangan/templates',
  safely('templates', { templates: [], current: null, levels: [] }, async (params: { uri?: unknown; line?: unknown }) => {
    const uri = typeof params?.uri === 'string' ? params.uri : undefined;
    const active = uri ? await activeDocument(uri) : undefined;
    const settings = active?.settings ?? (await settingsFor(uri ?? ''));
    const line = typeof params?.line === 'number' ? params.line : 0;
    const levels = NEW_PLAN_LEVELS.map((l) => ({ level: l.level, label: pick(service.locale, l.label) }));
    return { ...service.getTemplates(active?.document ?? null, line, settings), levels };
  }),
);

/** fangan/setTemplate {uri, line, template, version?} → {edit} or {problem}: writes the plan's template directive. */
connection.onRequest(
  'fangan/setTemplate',
  safely('setTemplate', { edit: null, problem: null }, async (params: { uri?: unknown; line?: unknown; template?: unknown; version?: unknown }) => {
    if (typeof params?.uri !== 'string' || typeof params.template !== 'string') return { edit: null, problem: null };
    const active = await activeDocument(params.uri);
    if (!active) return { edit: null, problem: pick(service.locale, { zh: '方案助手未检查此文件', en: 'Fangan does not check this file' }) };
    const result = service.switchTemplate(active.document, typeof params.line === 'number' ? params.line : 0, params.template, active.settings);
    if ('problem' in result) return { edit: null, problem: pick(service.locale, result.problem) };
    return {
      edit: { documentChanges: [{ textDocument: { uri: params.uri, version: active.document.version }, edits: result.edits }] },
      problem: null,
    };
  }),
);

/** fangan/newPlan {template, level, region?, name?} → {text, title} or {problem}. */
connection.onRequest(
  'fangan/newPlan',
  safely<{ template?: unknown; level?: unknown; region?: unknown; name?: unknown }, { text: string | null; title: string | null; problem: string | null }>('newPlan', { text: null, title: null, problem: null }, (params: { template?: unknown; level?: unknown; region?: unknown; name?: unknown }) => {
    const result = service.newPlan({
      template: String(params?.template ?? ''),
      level: String(params?.level ?? '') as NewPlanLevel,
      region: typeof params?.region === 'string' ? params.region : undefined,
      name: typeof params?.name === 'string' ? params.name : undefined,
    });
    if ('problem' in result) return { text: null, title: null, problem: pick(service.locale, result.problem) };
    return { text: result.text, title: result.title, problem: null };
  }),
);

// ---- Workspace check: every plan file of the workspace into the Problems panel, with progress.
/** Files the last workspace check published findings for (cleared when the next one no longer finds them). */
let workspaceChecked = new Set<string>();
let workspaceCheckRunning = false;

connection.onRequest(
  'fangan/checkWorkspace',
  safely('checkWorkspace', { summary: null, message: '' }, async (_params: unknown, requestToken) => {
    if (workspaceCheckRunning) {
      return { summary: null, message: pick(service.locale, { zh: '方案助手：工作区检查正在进行', en: 'Fangan: a workspace check is already running' }) };
    }
    workspaceCheckRunning = true;
    const reporter = corpusClient.progress ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    try {
      reporter?.begin(service.locale === 'zh' ? '方案助手：检查工作区' : 'Fangan: checking the workspace', 0, undefined, true);
      const openPaths = new Set(documents.all().map((d) => uriToPath(d.uri)).filter((p): p is string => !!p));
      const published = new Set<string>();
      const summary = await service.checkWorkspace({
        isOpen: (path) => openPaths.has(path),
        settingsFor,
        onFile: (uri, diagnostics) => {
          published.add(uri);
          void connection.sendDiagnostics({ uri, diagnostics });
        },
        progress: (done, total, path) => reporter?.report(total > 0 ? Math.round((done / total) * 100) : 0, path.slice(path.lastIndexOf('/') + 1)),
        // cancelled from the progress (where the client shows a cancel button) or by cancelling the request
        token: { get isCancellationRequested() { return requestToken.isCancellationRequested || reporter?.token.isCancellationRequested === true; } },
      });
      // Files found last time but not now (deleted, no longer plans) lose their old findings.
      if (!summary.cancelled) {
        for (const uri of workspaceChecked) if (!published.has(uri) && !documents.get(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
        workspaceChecked = published;
      } else {
        for (const uri of published) workspaceChecked.add(uri);
      }
      return { summary, message: pick(service.locale, summaryMessage(summary)) };
    } finally {
      reporter?.done();
      workspaceCheckRunning = false;
    }
  }),
);

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
    service.getCodeActions(document, settings, { diagnostics: params.context.diagnostics, only: params.context.only, range: params.range }, token),
  ),
);

process.on('uncaughtException', (error) => connection.console.error(`Fangan: ${String(error?.stack ?? error)}`));
process.on('unhandledRejection', (error) => connection.console.error(`Fangan: ${String(error)}`));

documents.listen(connection);
connection.listen();
