import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { IMPORT_DOCX_MAX_BYTES as MAX_DOCX_FILE_BYTES, IMPORT_DOCX_REQUEST } from '../../server/src/protocol';
import { ask } from './request';

/**
 * 方案：从 Word 文档导入 (`fangan.importDocx`): the .docx of the Explorer item or of the active tab,
 * else one the user picks, is read here (`vscode.workspace.fs`, so remote folders work), turned
 * into plan text by the server (`fangan/importDocx`, tested in test/protocol/importDocx.test.ts),
 * written beside it as `<name>.fangan.txt` — never over an existing file without asking — and opened.
 */

const t = vscode.l10n.t;

export function registerImportDocx(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('fangan.importDocx', async (given?: unknown) => {
      const languageClient = client();
      if (!languageClient) return;
      const source = await chooseDocx(given);
      if (!source) return;
      const name = baseName(source);
      let bytes: Uint8Array;
      try {
        const stat = await vscode.workspace.fs.stat(source);
        if (stat.size > MAX_DOCX_FILE_BYTES) {
          void vscode.window.showWarningMessage(t('{0} is larger than {1} MB; Fangan imports Word documents up to {1} MB.', name, MAX_DOCX_FILE_BYTES / 1024 / 1024));
          return;
        }
        bytes = await vscode.workspace.fs.readFile(source);
      } catch (error) {
        void vscode.window.showErrorMessage(t('Cannot read {0}: {1}', name, String((error as Error)?.message ?? error)));
        return;
      }
      const answer = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: t('Reading {0}…', name) }, () =>
        ask(languageClient, IMPORT_DOCX_REQUEST, { bytes: Buffer.from(bytes).toString('base64'), name }),
      );
      if ('problem' in answer) {
        void vscode.window.showWarningMessage(answer.problem);
        return;
      }
      const target = await targetFor(source);
      if (!target) return;
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(answer.text));
      await vscode.window.showTextDocument(target);
      if (answer.notes.length > 0) void vscode.window.showWarningMessage(answer.notes.join(' '));
      else void vscode.window.setStatusBarMessage(t('Imported {0} as {1}.', name, baseName(target)), 5000);
    }),
  );
}

/** The Explorer's item, else the active tab's file when it is a .docx, else one the user picks. */
async function chooseDocx(given: unknown): Promise<vscode.Uri | undefined> {
  if (given instanceof vscode.Uri && isDocx(given)) return given;
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  const active = input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom ? input.uri : undefined;
  if (active && isDocx(active)) return active;
  const picked = await vscode.window.showOpenDialog({
    title: t('Import a Word document'),
    openLabel: t('Import'),
    canSelectMany: false,
    filters: { [t('Word documents')]: ['docx'] },
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
  });
  return picked?.[0];
}

/** `<name>.fangan.txt` beside the source; when that exists, wherever the user saves it (or nowhere). */
async function targetFor(source: vscode.Uri): Promise<vscode.Uri | undefined> {
  const target = vscode.Uri.joinPath(source, '..', `${baseName(source).replace(/\.docx$/i, '')}.fangan.txt`);
  try {
    await vscode.workspace.fs.stat(target);
  } catch {
    return target; // not there yet
  }
  return vscode.window.showSaveDialog({
    title: t('{0} exists already: save the imported plan as', baseName(target)),
    saveLabel: t('Save'),
    defaultUri: target,
    filters: { [t('Plan text')]: ['txt'] },
  });
}

function isDocx(uri: vscode.Uri): boolean {
  return /\.docx$/i.test(uri.path);
}

function baseName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}
