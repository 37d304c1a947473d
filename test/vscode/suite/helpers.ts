import * as assert from 'assert';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'fangan.fangan';

export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

export async function openPlan(name: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(name));
  const editor = await vscode.window.showTextDocument(document);
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is installed`);
  await extension.activate(); // resolves once the language client has started
  return editor;
}

/** Resolves on the first diagnostics change for the uri that satisfies `accept` (or at once). */
export function diagnosticsOf(
  uri: vscode.Uri,
  accept: (d: vscode.Diagnostic[]) => boolean = (d) => d.length > 0,
  timeoutMs = 20000,
): Promise<vscode.Diagnostic[]> {
  const current = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'fangan');
  return new Promise((resolve, reject) => {
    if (accept(current())) return resolve(current());
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`diagnostics for ${uri.fsPath} never matched; last: ${current().map((d) => d.code).join(', ')}`));
    }, timeoutMs);
    const subscription = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString()) && accept(current())) {
        clearTimeout(timer);
        subscription.dispose();
        resolve(current());
      }
    });
  });
}

/** Polls a provider command until it answers (the language client may still be starting). */
export async function until<T>(ask: () => Thenable<T>, ok: (value: T) => boolean, what: string, timeoutMs = 20000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await ask();
    if (ok(value)) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
