import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isDidChangeParams, isDidOpenParams, isDocumentNotification, invalidParams, isWillSaveParams } from './params';

type DocumentConnection = Parameters<TextDocuments<TextDocument>['listen']>[0];

/**
 * The document notifications of the connection, handed to `TextDocuments` only when well formed: a
 * `didOpen` with a null text used to be stored as a document whose every read threw, and a
 * `didChange` with a broken range or text garbled the text it was applied to. What is dropped is
 * logged (`dropped`), never thrown.
 */
export function checkedDocumentNotifications(connection: Connection, dropped: (method: string, params: unknown) => void): DocumentConnection {
  const checked =
    <P>(method: string, valid: (params: unknown) => params is P, handler: (params: P) => void) =>
    (params: unknown) => {
      if (valid(params)) handler(params);
      else dropped(method, params);
    };
  return {
    onDidOpenTextDocument: (handler) => connection.onDidOpenTextDocument(checked('textDocument/didOpen', isDidOpenParams, handler)),
    onDidChangeTextDocument: (handler) => connection.onDidChangeTextDocument(checked('textDocument/didChange', isDidChangeParams, handler)),
    onDidCloseTextDocument: (handler) => connection.onDidCloseTextDocument(checked('textDocument/didClose', isDocumentNotification, handler)),
    onWillSaveTextDocument: (handler) => connection.onWillSaveTextDocument(checked('textDocument/willSave', isWillSaveParams, handler)),
    onWillSaveTextDocumentWaitUntil: (handler) =>
      connection.onWillSaveTextDocumentWaitUntil((params, token) => (isWillSaveParams(params) ? handler(params, token) : invalidParams('textDocument/willSaveWaitUntil'))),
    onDidSaveTextDocument: (handler) => connection.onDidSaveTextDocument(checked('textDocument/didSave', isDocumentNotification, handler)),
  };
}
