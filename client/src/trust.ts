import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { WORKSPACE_TRUST_NOTIFICATION } from '../../server/src/protocol';

/**
 * Workspace trust: the server gets `trusted` in its initialization options and is told when the
 * user grants trust (VS Code never takes it back without reloading the window). While untrusted, the
 * server reads no corpus folder outside the workspace (package.json `capabilities.untrustedWorkspaces`).
 */
export function watchWorkspaceTrust(client: () => LanguageClient | undefined): vscode.Disposable {
  return vscode.workspace.onDidGrantWorkspaceTrust(() => {
    void client()?.sendNotification(WORKSPACE_TRUST_NOTIFICATION, { trusted: true });
  });
}
