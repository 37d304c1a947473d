import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { EXPORT_REQUEST, type ExportParams } from '../../server/src/protocol';
import { ask } from './request';

/**
 * 方案：导出为 Word（公文格式） and 方案：导出任务分工表. The server makes the file (fangan/export,
 * tested in test/protocol/export.test.ts); this file asks where to save it — a save dialog, so a
 * file is written only where the user chose — and writes it with vscode.workspace.fs.
 */

type Client = () => LanguageClient | undefined;
type Request = Omit<ExportParams, 'uri'>;

const t = vscode.l10n.t;
const PLAN_LANGUAGES = ['fangan', 'plaintext', 'markdown'];

function planDocument(): vscode.TextDocument | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor && PLAN_LANGUAGES.includes(editor.document.languageId)) return editor.document;
  void vscode.window.showInformationMessage(t('Open a plan (.txt or .md) first.'));
  return undefined;
}

function filterFor(format: Request['format']): Record<string, string[]> {
  const label = { docx: t('Word document'), xlsx: t('Excel workbook'), csv: t('CSV (comma-separated values)'), json: 'JSON' }[format];
  return { [label]: [format] };
}

async function exportDocument(languageClient: LanguageClient, document: vscode.TextDocument, request: Request): Promise<void> {
  const answer = await ask(languageClient, EXPORT_REQUEST, { uri: document.uri.toString(), ...request });
  if (answer.problem !== undefined) {
    void vscode.window.showWarningMessage(answer.problem);
    return;
  }
  const folder = document.uri.scheme === 'untitled' ? vscode.workspace.workspaceFolders?.[0]?.uri : vscode.Uri.joinPath(document.uri, '..');
  const target = await vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, answer.suggestedName) : undefined,
    filters: filterFor(request.format),
    saveLabel: t('Export'),
    title: request.what === 'plan' ? t('Export the plan as Word (official layout)') : t('Export the task table'),
  });
  if (!target) return;
  try {
    await vscode.workspace.fs.writeFile(target, Buffer.from(answer.bytes, 'base64'));
  } catch (error) {
    void vscode.window.showErrorMessage(t('Could not write {0}: {1}', target.fsPath, String((error as Error)?.message ?? error)));
    return;
  }
  const reveal = t('Show in folder');
  const chosen = await vscode.window.showInformationMessage(t('Exported to {0}.', target.fsPath), ...(target.scheme === 'file' ? [reveal] : []));
  if (chosen === reveal) await vscode.commands.executeCommand('revealFileInOS', target);
}

export function registerExport(context: vscode.ExtensionContext, client: Client): void {
  const command = (id: string, run: (languageClient: LanguageClient, document: vscode.TextDocument) => Promise<unknown>) =>
    context.subscriptions.push(
      vscode.commands.registerCommand(id, async () => {
        const languageClient = client();
        const document = languageClient && planDocument();
        if (languageClient && document) await run(languageClient, document);
      }),
    );

  command('fangan.exportDocx', (languageClient, document) => exportDocument(languageClient, document, { what: 'plan', format: 'docx' }));

  command('fangan.exportTable', async (languageClient, document) => {
    const format = await vscode.window.showQuickPick(
      [
        { label: t('Excel workbook (.xlsx)'), description: t('frozen header, one group per section'), format: 'xlsx' as const },
        { label: t('Word table (.docx)'), description: t('landscape A4, official-document table'), format: 'docx' as const },
        { label: t('CSV (.csv)'), description: t('UTF-8, opens in Excel'), format: 'csv' as const },
        { label: t('JSON (.json)'), description: t('for other programs'), format: 'json' as const },
      ],
      { title: t('Export the task table (1/2): format'), placeHolder: t('Which file?') },
    );
    if (!format) return;
    const rows = await vscode.window.showQuickPick(
      [
        { label: t('By measure'), description: t('one row per measure, grouped by section'), byUnit: false },
        { label: t('By unit'), description: t('each unit, then the measures it leads and those it supports'), byUnit: true },
      ],
      { title: t('Export the task table (2/2): rows'), placeHolder: t('How are the rows arranged?') },
    );
    if (!rows) return;
    await exportDocument(languageClient, document, { what: 'table', format: format.format, byUnit: rows.byUnit });
  });
}
