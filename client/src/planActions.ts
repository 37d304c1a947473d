import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CHECK_WORKSPACE_REQUEST, FIX_ALL_REQUEST, NEW_PLAN_REQUEST, SET_TEMPLATE_REQUEST, STATUS_NOTIFICATION, TEMPLATES_REQUEST, type DocumentStatus } from '../../server/src/protocol';
import { ask } from './request';

/**
 * The plan-level commands and the status bar item. The server does the work (custom requests,
 * tested in test/protocol/planActions.test.ts); this file only asks, shows and applies.
 *
 *   fangan.fixAll          → fangan/fixAll        (a versioned workspace edit)
 *   fangan.checkWorkspace  → fangan/checkWorkspace (the server reports progress and publishes findings)
 *   fangan.newPlan         → fangan/templates, fangan/newPlan (an untitled plan document)
 *   fangan.switchTemplate  → fangan/templates, fangan/setTemplate (the plan's template directive)
 *   fangan.planActions     the status bar's menu of the above and fangan.searchCorpus
 *   fangan/status          notification after each check: what the status bar shows
 */

type Client = () => LanguageClient | undefined;

/** Fires with every fangan/status the server sends (after each check): other views follow the checks with it. */
export const statusChanged = new vscode.EventEmitter<DocumentStatus>();


const t = vscode.l10n.t;
const PLAN_LANGUAGES = ['fangan', 'plaintext', 'markdown'];

async function applyServerEdit(client: LanguageClient, edit: unknown): Promise<boolean> {
  const workspaceEdit = await client.protocol2CodeConverter.asWorkspaceEdit(edit as Parameters<LanguageClient['protocol2CodeConverter']['asWorkspaceEdit']>[0]);
  return workspaceEdit ? vscode.workspace.applyEdit(workspaceEdit) : false;
}

function planEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor && PLAN_LANGUAGES.includes(editor.document.languageId)) return editor;
  void vscode.window.showInformationMessage(t('Open a plan (.txt or .md) first.'));
  return undefined;
}

/**
 * Registers the commands and the status bar item. `attachStatus` must be called with every
 * LanguageClient the extension creates (a client made anew after a restart too).
 */
export function registerPlanActions(context: vscode.ExtensionContext, client: Client): { attachStatus(languageClient: LanguageClient): vscode.Disposable } {
  const command = (id: string, run: (languageClient: LanguageClient) => Promise<unknown>) =>
    context.subscriptions.push(
      vscode.commands.registerCommand(id, async () => {
        const languageClient = client();
        if (languageClient) await run(languageClient);
      }),
    );

  command('fangan.fixAll', async (languageClient) => {
    const editor = planEditor();
    if (!editor) return;
    const { document } = editor;
    const answer = await ask(languageClient, FIX_ALL_REQUEST, { uri: document.uri.toString(), version: document.version });
    if (!answer.edit) {
      void vscode.window.showInformationMessage(t('No auto-fixable problems in this plan.'));
      return;
    }
    if (await applyServerEdit(languageClient, answer.edit)) void vscode.window.setStatusBarMessage(t('Fangan: {0} fixes made.', answer.fixes ?? 0), 5000);
    else void vscode.window.showWarningMessage(t('The document changed meanwhile; run the command again.'));
  });

  command('fangan.checkWorkspace', async (languageClient) => {
    if (!vscode.workspace.workspaceFolders?.length) {
      void vscode.window.showInformationMessage(t('Open a folder to check the plans in it.'));
      return;
    }
    // The server shows the progress and fills the Problems panel; its summary says what it did.
    const answer = await ask(languageClient, CHECK_WORKSPACE_REQUEST, {});
    const open = t('Show the Problems panel');
    if ((await vscode.window.showInformationMessage(answer.message, open)) === open) await vscode.commands.executeCommand('workbench.actions.view.problems');
  });

  command('fangan.newPlan', async (languageClient) => {
    const answer = await ask(languageClient, TEMPLATES_REQUEST, {});
    const template = await vscode.window.showQuickPick(
      answer.templates.map((tpl) => ({ label: tpl.name, description: tpl.id, detail: tpl.outline ? `《${tpl.outline}》` : undefined, id: tpl.id, outline: tpl.outline })),
      { title: t('New plan (1/3): template'), placeHolder: t('Which kind of plan?') },
    );
    if (!template) return;
    const level = await vscode.window.showQuickPick(
      answer.levels.map((l) => ({ label: l.label, level: l.level })),
      { title: t('New plan (2/3): level'), placeHolder: t('For which level?') },
    );
    if (!level) return;
    const region = await vscode.window.showInputBox({
      title: t('New plan (3/3): place'),
      prompt: t('The place the plan is for, e.g. 清河县 (empty: XX)'),
    });
    if (region === undefined) return;
    let name: string | undefined;
    if (!template.outline) {
      name = await vscode.window.showInputBox({ title: t('New plan: name'), prompt: t('The name of the plan after the place, e.g. 优化营商环境实施方案') });
      if (name === undefined) return;
    }
    const plan = await ask(languageClient, NEW_PLAN_REQUEST, { template: template.id, level: level.level, region, name });
    if (!plan.text) {
      void vscode.window.showWarningMessage(plan.problem ?? t('No plan was made.'));
      return;
    }
    const document = await vscode.workspace.openTextDocument({ language: 'fangan', content: plan.text });
    await vscode.window.showTextDocument(document);
  });

  command('fangan.switchTemplate', async (languageClient) => {
    const editor = planEditor();
    if (!editor) return;
    const uri = editor.document.uri.toString();
    const line = editor.selection.active.line;
    const answer = await ask(languageClient, TEMPLATES_REQUEST, { uri, line });
    const current = answer.current;
    const items = [
      { label: t("Choose by the plan's title"), description: 'auto', id: 'auto' },
      ...answer.templates.map((tpl) => ({
        label: tpl.name,
        description: current?.id === tpl.id ? t('{0} (current)', tpl.id) : tpl.id,
        detail: tpl.source === 'built-in' ? undefined : tpl.source,
        id: tpl.id,
      })),
    ];
    const chosen = await vscode.window.showQuickPick(items, { title: t('Switch the plan template'), placeHolder: t("Writes <!-- fangan: template ID --> after the plan's title") });
    if (!chosen) return;
    const result = await ask(languageClient, SET_TEMPLATE_REQUEST, { uri, line, template: chosen.id });
    if (result.problem) void vscode.window.showWarningMessage(result.problem);
    else if (result.edit) await applyServerEdit(languageClient, result.edit);
  });

  command('fangan.planActions', async () => {
    const actions = [
      { label: `$(wrench) ${t('Fix all auto-fixable problems')}`, command: 'fangan.fixAll' },
      { label: `$(search) ${t('Search the corpus')}`, command: 'fangan.searchCorpus' },
      { label: `$(symbol-structure) ${t('Switch the plan template…')}`, command: 'fangan.switchTemplate' },
      { label: `$(references) ${t('Choose the plan above…')}`, command: 'fangan.chooseSource' },
      { label: `$(list-tree) ${t('Coverage of the plan above')}`, command: 'fangan.showCoverage' },
      { label: `$(checklist) ${t('Check every plan in the workspace')}`, command: 'fangan.checkWorkspace' },
      { label: `$(new-file) ${t('New plan from a template…')}`, command: 'fangan.newPlan' },
      { label: `$(file) ${t('Export as Word (official layout)')}`, command: 'fangan.exportDocx' },
      { label: `$(table) ${t('Export the task table…')}`, command: 'fangan.exportTable' },
    ];
    const chosen = await vscode.window.showQuickPick(actions, { title: t('Plan actions') });
    if (chosen) await vscode.commands.executeCommand(chosen.command);
  });

  // ---- Status bar: the plan the cursor is in, from the latest fangan/status of the document.
  const item = vscode.window.createStatusBarItem('fangan.status', vscode.StatusBarAlignment.Left, 50);
  item.name = t('Fangan plan status');
  item.command = 'fangan.planActions';
  context.subscriptions.push(item);
  const statuses = new Map<string, DocumentStatus>();
  const refresh = () => {
    const editor = vscode.window.activeTextEditor;
    const status = editor && statuses.get(editor.document.uri.toString());
    if (!editor || !status || status.plans.length === 0) {
      item.hide();
      return;
    }
    const line = editor.selection.active.line;
    const plan = status.plans.find((p) => line >= p.firstLine && line <= p.lastLine) ?? status.plans[0];
    item.text = plan.text;
    item.tooltip = new vscode.MarkdownString(plan.tooltip);
    item.show();
  };
  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(refresh),
    vscode.window.onDidChangeTextEditorSelection((e) => {
      if (e.textEditor === vscode.window.activeTextEditor) refresh();
    }),
    vscode.workspace.onDidCloseTextDocument((document) => statuses.delete(document.uri.toString())),
  );
  return {
    attachStatus: (languageClient) =>
      languageClient.onNotification(STATUS_NOTIFICATION, (status: DocumentStatus) => {
        statuses.set(status.uri, status);
        refresh();
        statusChanged.fire(status);
      }),
  };
}
