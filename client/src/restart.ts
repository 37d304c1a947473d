import * as vscode from 'vscode';
import { CloseAction, ErrorAction, type ErrorHandler } from 'vscode-languageclient/node';
import { RestartPolicy, type RestartMessage } from './restartPolicy';

/**
 * The client's error handler: a server process that dies is restarted (up to 5 times in 3
 * minutes), and the user is told once, in their language (l10n bundle); a broken message on the connection is
 * skipped unless they keep coming.
 */
const MESSAGES: Record<RestartMessage, () => string> = {
  restarted: () => vscode.l10n.t('The Fangan checking service stopped unexpectedly and was restarted. Your text is not affected.'),
  gaveUp: () =>
    vscode.l10n.t('The Fangan checking service stopped unexpectedly 5 times in 3 minutes and will not be restarted. Reload the window (Developer: Reload Window) to check again.'),
};

export function restartingErrorHandler(): ErrorHandler {
  const policy = new RestartPolicy();
  return {
    error: (_error, _message, count) => ({ action: (count ?? 1) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown }),
    closed: () => {
      const decision = policy.closed();
      if (decision.tell) {
        const text = MESSAGES[decision.tell]();
        void (decision.restart ? vscode.window.showInformationMessage(text) : vscode.window.showErrorMessage(text));
      }
      return { action: decision.restart ? CloseAction.Restart : CloseAction.DoNotRestart, handled: true };
    },
  };
}
