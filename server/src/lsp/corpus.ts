import { fileURLToPath, pathToFileURL } from 'url';
import { DidChangeWatchedFilesNotification, FileChangeType, type Disposable, type FileEvent } from 'vscode-languageserver/node';
import type { ServerSession } from './session';
import { type CorpusLoadedParams, CORPUS_LOADED_NOTIFICATION, SEARCH_CORPUS_REQUEST, WORKSPACE_TRUST_NOTIFICATION } from '../protocol';
import type { CorpusProblem } from '../service';

/**
 * The corpus (素材库): loaded in slices after start, reloaded when its folders or the workspace
 * trust change, kept up to date by file watchers; progress is shown while a folder is indexed.
 */
export function registerCorpus(session: ServerSession): { load(): Promise<void>; onFilesChanged(changes: readonly FileEvent[]): void } {
  const { connection } = session;
  let loadedFor: string | undefined;
  let watcher: Disposable | undefined;

  const watchFolders = async (folders: readonly string[]): Promise<void> => {
    watcher?.dispose();
    watcher = undefined;
    if (!session.client.watchers || folders.length === 0) return;
    const pattern = '**/*.{txt,md,docx,json}';
    const watchers = folders.map((folder) =>
      session.client.relativePatterns ? { globPattern: { baseUri: pathToFileURL(folder).toString(), pattern } } : { globPattern: `${folder}/${pattern}` },
    );
    watcher = await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }).catch(() => undefined);
  };

  const load = async (): Promise<void> => {
    const { service } = session;
    try {
      const folders = service.resolveSettings(await session.rawSettings()).settings.corpus.folders;
      const key = JSON.stringify([folders, session.workspaceTrusted]);
      if (key === loadedFor) return;
      loadedFor = key;
      await watchFolders(folders);
      const started = Date.now();
      const reporter = session.client.progress ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
      reporter?.begin(session.say({ zh: '方案助手：素材库', en: 'Fangan: corpus' }), 0, undefined, false);
      await service.corpus.load(
        folders,
        { report: (message, percentage) => reporter?.report(percentage, session.say(message)) },
        { trusted: session.workspaceTrusted },
      );
      reporter?.done();
      const stats = service.corpus.stats();
      connection.console.log(`Fangan: corpus ready, ${stats.clauses} clauses from ${stats.files} files in ${Date.now() - started} ms`);
      const loaded: CorpusLoadedParams = { clauses: stats.clauses, files: stats.files, ms: Date.now() - started, bundledMs: stats.bundledMs };
      void connection.sendNotification(CORPUS_LOADED_NOTIFICATION, loaded);
      // The plan above of each open document is looked up in the corpus: check them again.
      session.revalidateAll(true);
    } catch (error) {
      session.logFailure('loading the corpus', error);
    }
  };
  session.reloadCorpus = () => void load();

  connection.onNotification(WORKSPACE_TRUST_NOTIFICATION, (params: { trusted?: unknown } | undefined) => {
    const trusted = params?.trusted !== false;
    if (trusted === session.workspaceTrusted) return;
    session.workspaceTrusted = trusted;
    void load();
  });

  /** The quick pick of the command 方案：搜索素材库. */
  connection.onRequest(SEARCH_CORPUS_REQUEST, (params: { query?: unknown; limit?: unknown; uri?: unknown; line?: unknown }) => {
    try {
      if (typeof params?.query !== 'string') return { items: [] };
      const limit = typeof params.limit === 'number' && params.limit > 0 ? Math.min(50, Math.floor(params.limit)) : 20;
      const document = typeof params.uri === 'string' ? session.documents.get(params.uri) : undefined;
      const line = typeof params.line === 'number' ? params.line : undefined;
      return { items: session.service.corpus.search(params.query, { limit, document, line }) };
    } catch (error) {
      session.logFailure('corpus search', error);
      return { items: [] };
    }
  });

  return {
    load,
    onFilesChanged: (events) => {
      const changes = events
        .filter((c) => c.uri.startsWith('file:'))
        .map((c) => ({
          path: fileURLToPath(c.uri),
          type: c.type === FileChangeType.Created ? ('created' as const) : c.type === FileChangeType.Deleted ? ('deleted' as const) : ('changed' as const),
        }));
      if (changes.length > 0) void session.service.corpus.onFilesChanged(changes).then(() => session.revalidateAll(true));
    },
  };
}

/** Corpus files that cannot be used: all in the log, the first few shown, so a broken folder does not flood the window. */
export function corpusProblemReporter(session: ServerSession): (problem: CorpusProblem) => void {
  let shown = 0;
  return (problem) => {
    const message = `${session.shownPrefix()}${session.say(problem.message)}`;
    session.connection.console.warn(message);
    if (problem.path === '' || shown++ < 3) void session.connection.window.showWarningMessage(message);
  };
}
