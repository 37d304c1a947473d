import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerImportDocx } from './importDocx';
import { registerExport } from './export';
import { registerPlanActions, statusChanged } from './planActions';
import { registerPlanAbove } from './planAbove';
import { restartingErrorHandler } from './restart';
import { registerSearchCorpus } from './searchCorpus';
import { watchWorkspaceTrust } from './trust';

/**
 * The extension: starts the Fangan language server and hands it the documents it may check.
 * Which .txt/.md files are plans is the server's decision (setting `fangan.activation`).
 */

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('server', 'out', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const documentSelector = ['fangan', 'plaintext', 'markdown'].flatMap((language) => [
    { language, scheme: 'file' },
    { language, scheme: 'untitled' },
    { language, scheme: 'vscode-remote' },
  ]);
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    initializationOptions: () => ({ language: vscode.env.language, trusted: vscode.workspace.isTrusted }),
    synchronize: { configurationSection: 'fangan' },
    errorHandler: restartingErrorHandler(),
  };
  client = new LanguageClient('fangan', 'Fangan', serverOptions, clientOptions);
  registerSearchCorpus(context, () => client);
  registerImportDocx(context, () => client);
  registerExport(context, () => client);
  // before start: the first fangan/status arrives right after the first check
  context.subscriptions.push(registerPlanActions(context, () => client).attachStatus(client));
  registerPlanAbove(context, () => client, statusChanged.event);
  context.subscriptions.push(watchWorkspaceTrust(() => client));
  await client.start();
  context.subscriptions.push(client);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
