import * as vscode from 'vscode';
import { CloseAction, ErrorAction, type ErrorHandler } from 'vscode-languageclient/node';
import { RestartPolicy, restartMessage } from './restartPolicy';

/**
 * The client's error handler: a server process that dies is restarted (up to 5 times in 3
 * minutes), and the user is told once, in their language; a broken message on the connection is
 * skipped unless they keep coming.
 */
export function restartingErrorHandler(language: string): ErrorHandler {
  const policy = new RestartPolicy();
  return {
    error: (_error, _message, count) => ({ action: (count ?? 1) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown }),
    closed: () => {
      const decision = policy.closed();
      if (decision.tell) {
        const text = restartMessage(decision.tell, language);
        void (decision.restart ? vscode.window.showInformationMessage(text) : vscode.window.showErrorMessage(text));
      }
      return { action: decision.restart ? CloseAction.Restart : CloseAction.DoNotRestart, handled: true };
    },
  };
}
