import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ServerSession } from './session';
import type { FanganSettings } from '../service';

/** The standard LSP requests, answered by the service for documents Fangan works on. */
export function registerFeatures(session: ServerSession): void {
  const { connection } = session;

  /** Runs a request handler; a failure is logged and answered with the empty result, never thrown. */
  async function guarded<T>(name: string, uri: string, empty: T, answer: (a: { document: TextDocument; settings: FanganSettings }) => T): Promise<T> {
    try {
      const active = await session.activeDocument(uri);
      return active ? answer(active) : empty;
    } catch (error) {
      session.logFailure(`${name} on ${uri}`, error);
      return empty;
    }
  }

  connection.onDocumentSymbol((params, token) =>
    guarded('documentSymbol', params.textDocument.uri, [], ({ document }) => session.service.getDocumentSymbols(document, token)),
  );
  connection.onFoldingRanges((params, token) =>
    guarded('foldingRange', params.textDocument.uri, [], ({ document }) => session.service.getFoldingRanges(document, token)),
  );
  connection.onHover((params, token) =>
    guarded('hover', params.textDocument.uri, null, ({ document, settings }) => session.service.getHover(document, settings, params.position, token)),
  );
  connection.onCompletion((params, token) =>
    guarded('completion', params.textDocument.uri, { isIncomplete: false, items: [] }, ({ document, settings }) =>
      session.service.getCompletions(document, settings, params.position, token),
    ),
  );
  connection.onCodeAction((params, token) =>
    guarded('codeAction', params.textDocument.uri, [], ({ document, settings }) =>
      session.service.getCodeActions(document, settings, { diagnostics: params.context.diagnostics, only: params.context.only, range: params.range }, token),
    ),
  );
}
