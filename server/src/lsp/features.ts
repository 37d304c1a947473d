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
  ): Promise<T | ResponseError<void>> {
    if (!wellFormed(params)) return invalidParams(method);
    const { uri } = params.textDocument;
    try {
      const active = await session.activeDocument(uri);
      return active ? answer(active) : empty;
    } catch (error) {
      session.logFailure(`${method} on ${uri}`, error);
      return empty;
    }
  }

  connection.onDocumentSymbol((params, token) =>
    guarded('textDocument/documentSymbol', params, isDocumentParams, [], ({ document }) => session.service.getDocumentSymbols(document, token)),
  );
  connection.onFoldingRanges((params, token) =>
    guarded('textDocument/foldingRange', params, isDocumentParams, [], ({ document }) => session.service.getFoldingRanges(document, token)),
  );
  connection.onHover((params, token) =>
    guarded('textDocument/hover', params, isPositionParams, null, ({ document, settings }) =>
      session.service.getHover(document, settings, params.position, token),
    ),
  );
  connection.onCompletion((params, token) =>
    guarded('textDocument/completion', params, isPositionParams, { isIncomplete: false, items: [] }, ({ document, settings }) =>
      session.service.getCompletions(document, settings, params.position, token),
    ),
  );
  connection.onCodeAction((params, token) =>
    guarded('textDocument/codeAction', params, isCodeActionParams, [], ({ document, settings }) =>
      session.service.getCodeActions(document, settings, { diagnostics: params.context.diagnostics, only: params.context.only, range: params.range }, token),
    ),
  );
}
