import {
  ErrorCodes,
  ResponseError,
  type CodeActionParams,
  type DidChangeTextDocumentParams,
  type DidOpenTextDocumentParams,
  type FileEvent,
  type Position,
  type Range,
  type TextDocumentIdentifier,
  type TextDocumentPositionParams,
  type WillSaveTextDocumentParams,
} from 'vscode-languageserver/node';

/**
 * The shapes of the parameters the server reads, checked before a handler sees them: a client
 * (or anything writing to the server's input) may send `null` where the protocol says a string.
 * A malformed request is answered with InvalidParams; a malformed notification is dropped and logged.
 */

type Guard<T> = (value: unknown) => value is T;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
/** LSP's `uinteger`. */
const isUinteger = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 2 ** 31 - 1;
const isUri = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

export const isPosition: Guard<Position> = (value): value is Position => isObject(value) && isUinteger(value.line) && isUinteger(value.character);

export const isRange: Guard<Range> = (value): value is Range => isObject(value) && isPosition(value.start) && isPosition(value.end);

export const isTextDocumentIdentifier: Guard<TextDocumentIdentifier> = (value): value is TextDocumentIdentifier =>
  isObject(value) && isUri(value.uri);

/** Requests about a whole document (`documentSymbol`, `foldingRange`). */
export const isDocumentParams: Guard<{ textDocument: TextDocumentIdentifier }> = (value): value is { textDocument: TextDocumentIdentifier } =>
  isObject(value) && isTextDocumentIdentifier(value.textDocument);

/** Requests at a position (`hover`, `completion`). */
export const isPositionParams: Guard<TextDocumentPositionParams> = (value): value is TextDocumentPositionParams =>
  isDocumentParams(value) && isPosition((value as Record<string, unknown>).position);

export const isCodeActionParams: Guard<CodeActionParams> = (value): value is CodeActionParams => {
  if (!isDocumentParams(value)) return false;
  const { range, context } = value as Record<string, unknown>;
  if (!isRange(range) || !isObject(context) || !Array.isArray(context.diagnostics)) return false;
  // the diagnostics the client sends back: the fixes read their range, code and data
  const diagnosticsOk = context.diagnostics.every((d) => isObject(d) && isRange(d.range) && ['string', 'number', 'undefined'].includes(typeof d.code));
  const onlyOk = context.only === undefined || context.only === null || (Array.isArray(context.only) && context.only.every((k) => typeof k === 'string'));
  return diagnosticsOk && onlyOk;
};

export const isDidOpenParams: Guard<DidOpenTextDocumentParams> = (value): value is DidOpenTextDocumentParams => {
  if (!isObject(value) || !isObject(value.textDocument)) return false;
  const { uri, languageId, version, text } = value.textDocument;
  return isUri(uri) && typeof languageId === 'string' && Number.isInteger(version) && typeof text === 'string';
};

export const isDidChangeParams: Guard<DidChangeTextDocumentParams> = (value): value is DidChangeTextDocumentParams => {
  if (!isObject(value) || !isObject(value.textDocument) || !Array.isArray(value.contentChanges)) return false;
  const { uri, version } = value.textDocument;
  return (
    isUri(uri) &&
    Number.isInteger(version) &&
    value.contentChanges.every((change) => isObject(change) && typeof change.text === 'string' && (change.range === undefined || isRange(change.range)))
  );
};

/** didClose and didSave: only the document is read. */
export const isDocumentNotification = isDocumentParams;

export const isWillSaveParams: Guard<WillSaveTextDocumentParams> = (value): value is WillSaveTextDocumentParams =>
  isDocumentParams(value) && [1, 2, 3].includes((value as Record<string, unknown>).reason as number);

/** The well-formed events of a didChangeWatchedFiles (null when there is no list at all). */
export function fileEvents(value: unknown): FileEvent[] | null {
  if (!isObject(value) || !Array.isArray(value.changes)) return null;
  return value.changes.filter((c): c is FileEvent => isObject(c) && isUri(c.uri) && (c.type === 1 || c.type === 2 || c.type === 3));
}

export function invalidParams(method: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, `${method}: invalid parameters`);
}
