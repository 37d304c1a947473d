import type { LanguageClient } from 'vscode-languageclient/node';
import type { RequestTypes } from '../../server/src/protocol';

/** A Fangan request to the server, typed by server/src/protocol.ts. */
export function ask<M extends keyof RequestTypes>(client: LanguageClient, method: M, params: RequestTypes[M]['params']): Promise<RequestTypes[M]['answer']> {
  return client.sendRequest(method, params) as Promise<RequestTypes[M]['answer']>;
}
