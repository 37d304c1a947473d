import type { ResponseError } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { invalidParams, isCodeActionParams, isDocumentParams, isPositionParams } from './params';
import type { ServerSession } from './session';
import type { FanganSettings } from '../service';

/** The standard LSP requests, answered by the service for documents Fangan works on. */
export function registerFeatures(session: ServerSession): void {
  const { connection } = session;

  /**
   * Runs a request handler: malformed parameters are answered with InvalidParams; a failure is logged
   * and answered with the empty result, never thrown.
   */
  async function guarded<P extends { textDocument: { uri: string } }, T>(
    method: string,
    params: P,
    wellFormed: (params: unknown) => boolean,
    empty: T,
    answer: (a: { document: TextDocument; settings: FanganSettings }) => T,
    token: { readonly isCancellationRequested: boolean },
  ): Promise<T | ResponseError<void>> {
    if (!wellFormed(params)) return invalidParams(method);
    const { uri } = params.textDocument;
    try {
      // A request the client has given up on (a newer one replaced it) starts no work.
      if (token.isCancellationRequested) return empty;
      const active = await session.activeDocument(uri);
      if (token.isCancellationRequested) return empty;
      return active ? answer(active) : empty;
    } catch (error) {
      session.logFailure(`${method} on ${uri}`, error);
      return empty;
    }
  }

  connection.onDocumentSymbol((params, token) =>
    guarded('textDocument/documentSymbol', params, isDocumentParams, [], ({ document }) => session.service.getDocumentSymbols(document, token), token),
  );
  connection.onFoldingRanges((params, token) =>
    guarded('textDocument/foldingRange', params, isDocumentParams, [], ({ document }) => session.service.getFoldingRanges(document, token), token),
  );
  connection.onHover((params, token) =>
    guarded(
      'textDocument/hover',
      params,
      isPositionParams,
      null,
      // While the user types, the latest model answers (the pending check parses the newest text once).
      ({ document, settings }) => session.service.getHover(document, settings, params.position, token, { stale: session.isTyping(document.uri) }),
      token,
    ),
  );
  connection.onCompletion((params, token) =>
    guarded(
      'textDocument/completion',
      params,
      isPositionParams,
      { isIncomplete: false, items: [] },
      ({ document, settings }) => session.service.getCompletions(document, settings, params.position, token, { stale: session.isTyping(document.uri) }),
      token,
    ),
  );
  connection.onCodeAction((params, token) =>
    guarded('textDocument/codeAction', params, isCodeActionParams, [], ({ document, settings }) =>
      session.service.getCodeActions(document, settings, { diagnostics: params.context.diagnostics, only: params.context.only, range: params.range }, token),
      token,
    ),
  );
}
