import {
  ErrorCodes,
  Message,
  ResponseError,
  type Connection,
  type MessageStrategy,
  type RequestMessage,
} from 'vscode-languageserver/node';

/**
 * The order LSP 3.17 prescribes ("Server lifecycle"), applied to every incoming message before any
 * handler sees it:
 * - before `initialize`, a request is answered with ServerNotInitialized (-32002) and a
 *   notification is dropped, except `exit`;
 * - `initialize` is answered once; again, it is an InvalidRequest;
 * - after `shutdown`, every request is an InvalidRequest (-32600) and notifications but `exit` are
 *   dropped; `exit` ends the process with 0 after `shutdown`, 1 without (vscode-languageserver).
 * The connection offers no way to answer a message from here, so a refused request is passed on
 * renamed to REFUSED_METHOD, whose handler answers with the error it carries.
 */

const REFUSED_METHOD = '$/fangan/refused';

interface Refusal {
  readonly code: number;
  readonly message: string;
}

type Phase = 'uninitialized' | 'running' | 'shut down';

export class Lifecycle {
  private phase: Phase = 'uninitialized';

  /** For createConnection's options: sees each message before it is dispatched. */
  readonly messageStrategy: MessageStrategy = {
    handleMessage: (message, next) => {
      if (Message.isRequest(message)) {
        const refusal = this.admitRequest(message);
        return next(refusal ? { ...message, method: REFUSED_METHOD, params: refusal } : message);
      }
      if (Message.isNotification(message) && message.method !== 'exit' && this.phase !== 'running') return; // dropped
      return next(message);
    },
  };

  /** Registers the handler that answers refused requests. */
  listen(connection: Connection): void {
    connection.onRequest(REFUSED_METHOD, (refusal: Refusal) => new ResponseError(refusal.code, refusal.message));
  }

  private admitRequest(request: RequestMessage): Refusal | null {
    const { method } = request;
    if (method === REFUSED_METHOD) return { code: ErrorCodes.MethodNotFound, message: `Unhandled method ${method}` };
    if (this.phase === 'shut down') return { code: ErrorCodes.InvalidRequest, message: `${method}: the server is shut down` };
    if (method === 'initialize') {
      if (this.phase === 'running') return { code: ErrorCodes.InvalidRequest, message: 'initialize: the server is already initialized' };
      const params = request.params as { capabilities?: unknown } | undefined;
      if (typeof params !== 'object' || params === null || typeof params.capabilities !== 'object' || params.capabilities === null) {
        return { code: ErrorCodes.InvalidParams, message: 'initialize: invalid parameters (capabilities are required)' };
      }
      this.phase = 'running';
      return null;
    }
    if (this.phase === 'uninitialized') return { code: ErrorCodes.ServerNotInitialized, message: `${method}: the server is not initialized yet` };
    if (method === 'shutdown') this.phase = 'shut down';
    return null;
  }
}
