import type { Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ServerSession } from './session';
import { STATUS_NOTIFICATION } from '../protocol';
import { documentSizeMessage, LARGE_VALIDATION_DELAY_MS, MAX_PUBLISHED_DIAGNOSTICS, VALIDATION_DELAY_MS } from '../service';


/**
 * Diagnostics pushed as the user types: debounced per document (longer for large ones), stale
 * results dropped, at most MAX_PUBLISHED_DIAGNOSTICS published; then the status bar's notification.
 */
export function registerValidation(session: ServerSession): void {
  const { connection, documents } = session;
  const pending = new Map<string, { timer: ReturnType<typeof setTimeout>; changedOnly: boolean }>();
  session.isTyping = (uri) => pending.has(uri);
  /** What was last published for each document (its version and diagnostics): a corpus-driven check that finds the same sends nothing. */
  const lastPublished = new Map<string, { version: number; key: string }>();
  /** Size notices (limits.ts) already given: once per document and size. */
  const noticesShown = new Set<string>();

  const noticeSize = (document: TextDocument): void => {
    const size = session.service.sizeOf(document);
    const key = `${document.uri}\n${size}`;
    if (size === 'normal' || noticesShown.has(key)) return;
    noticesShown.add(key);
    const message = documentSizeMessage(size, document.getText().length, document.lineCount);
    if (!message) return;
    connection.console.warn(`Fangan: ${document.uri}: ${message.en}`);
    void connection.window.showWarningMessage(`Fangan: ${session.say(message)}`);
  };

  /** At most MAX_PUBLISHED_DIAGNOSTICS, in document order; the rest are counted in a message once. */
  const capped = (uri: string, diagnostics: Diagnostic[]): Diagnostic[] => {
    if (diagnostics.length <= MAX_PUBLISHED_DIAGNOSTICS) return diagnostics;
    const key = `${uri}\ncapped`;
    if (!noticesShown.has(key)) {
      noticesShown.add(key);
      const zh = `此文件有 ${diagnostics.length} 处问题，只显示前 ${MAX_PUBLISHED_DIAGNOSTICS} 处`;
      const en = `this file has ${diagnostics.length} findings; only the first ${MAX_PUBLISHED_DIAGNOSTICS} are shown`;
      connection.console.warn(`Fangan: ${uri}: ${en}`);
      void connection.window.showInformationMessage(`Fangan: ${session.say({ zh, en })}`);
    }
    return diagnostics.slice(0, MAX_PUBLISHED_DIAGNOSTICS);
  };

  /** `changedOnly`: a check run again because the corpus changed publishes only findings that differ. */
  const validate = async (uri: string, version: number, changedOnly = false): Promise<void> => {
    try {
      const active = await session.activeDocument(uri);
      if (!active) {
        if (documents.get(uri)) {
          lastPublished.delete(uri);
          await connection.sendDiagnostics({ uri, diagnostics: [] });
          void connection.sendNotification(STATUS_NOTIFICATION, { uri, version, plans: [] });
        }
        return;
      }
      if (active.document.version !== version) return; // a newer version is already scheduled
      noticeSize(active.document);
      // Plan-above files the document names (fangan.source, a source directive) are read first.
      await session.service.prepareSources(active.document, active.settings);
      const stale = { get isCancellationRequested() { return documents.get(uri)?.version !== version; } };
      const diagnostics = session.service.computeDiagnostics(active.document, active.settings, stale);
      if (stale.isCancellationRequested) return; // the text changed while we checked: drop the result
      const shown = capped(uri, diagnostics);
      const key = JSON.stringify(shown);
      const last = lastPublished.get(uri);
      if (!changedOnly || last?.version !== version || last.key !== key) {
        lastPublished.set(uri, { version, key });
        await connection.sendDiagnostics({ uri, version, diagnostics: shown });
      }
      // The status bar: plan kind, level, template and the count of findings (all of them, not the capped list).
      void connection.sendNotification(STATUS_NOTIFICATION, session.service.getStatus(active.document, active.settings, diagnostics));
      // What the drafter should know about the plan above (a cited plan the corpus lacks…), once per document.
      for (const notice of session.service.takeSourceNotices(active.document, active.settings)) {
        void connection.window.showInformationMessage(`${session.shownPrefix()}${notice}`);
      }
    } catch (error) {
      session.logFailure(`checking ${uri}`, error);
    }
  };

  /** Never throws: one document that cannot be checked must not stop the others (revalidateAll). */
  const schedule = (document: TextDocument, changedOnly = false): void => {
    const uri = document.uri;
    try {
      const waiting = pending.get(uri);
      clearTimeout(waiting?.timer);
      // A check asked for in earnest is not made quiet by a later corpus-driven one.
      const quiet = changedOnly && (waiting === undefined || waiting.changedOnly);
      const delay = session.service.sizeOf(document) === 'normal' ? VALIDATION_DELAY_MS : LARGE_VALIDATION_DELAY_MS;
      pending.set(uri, {
        changedOnly: quiet,
        timer: setTimeout(() => {
          pending.delete(uri);
          void validate(uri, document.version, quiet);
        }, delay),
      });
    } catch (error) {
      session.logFailure(`scheduling the check of ${uri}`, error);
    }
  };
  session.revalidateAll = (changedOnly = false) => {
    for (const document of documents.all()) schedule(document, changedOnly);
  };

  documents.onDidChangeContent((event) => schedule(event.document));
  documents.onDidClose((event) => {
    const uri = event.document.uri;
    clearTimeout(pending.get(uri)?.timer);
    pending.delete(uri);
    session.forgetSettings(uri);
    for (const key of [...noticesShown]) if (key.startsWith(`${uri}\n`)) noticesShown.delete(key);
    session.service.forget(uri);
    lastPublished.delete(uri);
    // A file of the last workspace check keeps its findings in the Problems panel.
    if (!session.workspaceChecked.has(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
  });
}
