import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  COVERAGE_REQUEST,
  INSERT_SOURCE_MEASURE_REQUEST,
  SET_SOURCE_REQUEST,
  SOURCES_REQUEST,
  type CoverageAnswer,
  type CoverageEntryView,
  type CoverageSourceView,
  type DocumentStatus,
} from '../../server/src/protocol';
import { ask } from './request';

/**
 * The plan above (上级方案) in the editor. The server does the work (fangan/coverage,
 * fangan/insertSourceMeasure, fangan/sources, fangan/setSource; tested in
 * test/protocol/planAbove.test.ts); this file asks, shows and applies.
 *
 *   fangan.chooseSource         方案：选择上级方案 — a quick pick of corpus plans, higher levels first;
 *                               writes `<!-- fangan: source 标题 -->` after the plan's title
 *   fangan.showCoverage         方案：上级方案覆盖情况 — focuses the view `fangan.coverage`
 *   fangan.coverage (view)      per source its summary, then its measures by section: covered and
 *                               partial (click: the draft measure), missing (inline: insert it)
 *   fangan.insertSourceMeasure  the view's insert action (the same edit as source-uncovered's quick fix)
 *   fangan.revealDraftMeasure   the view's click on a covered or partial measure
 */

type Client = () => LanguageClient | undefined;

const t = vscode.l10n.t;
const PLAN_LANGUAGES = ['fangan', 'plaintext', 'markdown'];
/** Characters of a source measure shown in its row (the tooltip has all of it). */
const ROW_CHARS = 28;

interface SourceNode {
  readonly kind: 'source';
  readonly uri: string;
  readonly source: CoverageSourceView;
  readonly sections: SectionNode[];
}

interface SectionNode {
  readonly kind: 'section';
  readonly title: string;
  readonly entries: EntryNode[];
}

interface EntryNode {
  readonly kind: 'entry';
  readonly uri: string;
  readonly source: CoverageSourceView;
  readonly entry: CoverageEntryView;
}

type Node = SourceNode | SectionNode | EntryNode;

function statusText(entry: CoverageEntryView): string {
  if (entry.status === 'covered') return t('covered');
  if (entry.status === 'partial') return t('partly covered ({0}%)', Math.round(entry.share * 100));
  return t('missing');
}

function statusIcon(entry: CoverageEntryView): vscode.ThemeIcon {
  if (entry.status === 'covered') return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
  if (entry.status === 'partial') return new vscode.ThemeIcon('circle-large-outline', new vscode.ThemeColor('list.warningForeground'));
  return new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('list.errorForeground'));
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, '');
  return flat.length > ROW_CHARS ? `${flat.slice(0, ROW_CHARS)}…` : flat;
}

/** Source measures grouped by their section, in source order. */
function sectionsOf(uri: string, source: CoverageSourceView): SectionNode[] {
  const out: SectionNode[] = [];
  for (const entry of source.entries) {
    let section = out[out.length - 1];
    if (!section || section.title !== entry.section) out.push((section = { kind: 'section', title: entry.section, entries: [] }));
    section.entries.push({ kind: 'entry', uri, source, entry });
  }
  return out;
}

class CoverageTree implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  roots: SourceNode[] = [];

  show(answer: CoverageAnswer | null): void {
    this.roots = [];
    for (const plan of answer?.plans ?? []) {
      for (const source of plan.sources) this.roots.push({ kind: 'source', uri: answer!.uri, source, sections: sectionsOf(answer!.uri, source) });
    }
    this.changed.fire(undefined);
  }

  getChildren(node?: Node): Node[] {
    if (!node) return this.roots;
    if (node.kind === 'source') return node.sections;
    if (node.kind === 'section') return node.entries;
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'source') {
      const item = new vscode.TreeItem(node.source.name, vscode.TreeItemCollapsibleState.Expanded);
      item.description = node.source.summary;
      item.tooltip = new vscode.MarkdownString(`**${node.source.plan}**\n\n${node.source.summary}`);
      item.iconPath = new vscode.ThemeIcon('references');
      item.contextValue = 'fangan.coverage.source';
      return item;
    }
    if (node.kind === 'section') {
      const missing = node.entries.filter((e) => e.entry.status === 'missing').length;
      const covered = node.entries.filter((e) => e.entry.status === 'covered').length;
      const item = new vscode.TreeItem(node.title || t('(no section)'), missing > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
      item.description = missing > 0 ? t('{0}/{1} covered, {2} missing', covered, node.entries.length, missing) : t('{0}/{1} covered', covered, node.entries.length);
      item.iconPath = new vscode.ThemeIcon('list-tree');
      return item;
    }
    const { entry } = node;
    const item = new vscode.TreeItem(`${entry.marker ? `${entry.marker.trim()} ` : ''}${clip(entry.text)}`, vscode.TreeItemCollapsibleState.None);
    item.description = statusText(entry);
    item.iconPath = statusIcon(entry);
    item.contextValue = `fangan.coverage.${entry.status}`;
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown(`**${entry.marker ?? ''}** ${entry.section}\n\n`);
    tooltip.appendText(entry.text);
    if (entry.lead.length > 0) tooltip.appendMarkdown(`\n\n${t('Lead at this level: {0}', entry.lead.join('、'))}`);
    if (entry.draft.length > 0) tooltip.appendMarkdown(`\n\n${t('In this plan: {0}', entry.draft.map((d) => d.label).join(' · '))}`);
    item.tooltip = tooltip;
    if (entry.draft.length > 0) {
      item.command = { command: 'fangan.revealDraftMeasure', title: t('Show the measure in this plan'), arguments: [node.uri, entry.draft[0].range] };
    }
    return item;
  }
}

async function applyServerEdit(client: LanguageClient, edit: unknown): Promise<boolean> {
  const workspaceEdit = await client.protocol2CodeConverter.asWorkspaceEdit(edit as Parameters<LanguageClient['protocol2CodeConverter']['asWorkspaceEdit']>[0]);
  return workspaceEdit ? vscode.workspace.applyEdit(workspaceEdit) : false;
}

function planEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  return editor && PLAN_LANGUAGES.includes(editor.document.languageId) ? editor : undefined;
}

/** Registers the commands and the view; `statusChanged` fires after each check of a document. */
export function registerPlanAbove(context: vscode.ExtensionContext, client: Client, statusChanged: vscode.Event<DocumentStatus>): void {
  const tree = new CoverageTree();
  const view = vscode.window.createTreeView('fangan.coverage', { treeDataProvider: tree, showCollapseAll: true });
  context.subscriptions.push(view);
  /** The plan document the view shows (the last one active). */
  let shown: vscode.TextDocument | undefined;
  let refreshing: Promise<void> | undefined;
  let again = false;

  const load = async (): Promise<void> => {
    const languageClient = client();
    const editor = planEditor();
    if (editor) shown = editor.document;
    if (!languageClient || !shown || shown.isClosed) {
      tree.show(null);
      view.message = t('Open a plan to see which measures of the plan above it carries over.');
      return;
    }
    const answer = await ask(languageClient, COVERAGE_REQUEST, { uri: shown.uri.toString() });
    tree.show(answer);
    const sources = answer.plans.flatMap((p) => p.sources);
    if (answer.plans.length === 0) view.message = t('Fangan does not check this file.');
    else if (sources.length === 0) {
      const notice = answer.plans.flatMap((p) => p.notices)[0];
      view.message = notice ?? t('No plan above found: the plan cites no plan of the corpus. Use "Choose the plan above".');
    } else view.message = sources.map((s) => t('{0} (plan above): {1}', s.name, s.summary)).join('\n');
  };
  /** One request at a time; a refresh asked meanwhile runs after it. */
  const refresh = (): void => {
    if (!view.visible) return;
    if (refreshing) {
      again = true;
      return;
    }
    refreshing = load()
      .catch((error: unknown) => {
        view.message = t('The coverage could not be computed: {0}', String((error as Error)?.message ?? error));
      })
      .finally(() => {
        refreshing = undefined;
        if (again) {
          again = false;
          refresh();
        }
      });
  };

  context.subscriptions.push(
    view.onDidChangeVisibility(() => refresh()),
    vscode.window.onDidChangeActiveTextEditor((editor) => {
      if (editor && PLAN_LANGUAGES.includes(editor.document.languageId)) refresh();
    }),
    statusChanged((status) => {
      if (shown && status.uri === shown.uri.toString()) refresh();
    }),
    // Resolves with what the view shows (its message and sources), once shown: the extension-host tests read it.
    vscode.commands.registerCommand('fangan.showCoverage', async () => {
      await vscode.commands.executeCommand('fangan.coverage.focus');
      if (refreshing) await refreshing;
      await load();
      return { message: view.message, sources: tree.roots };
    }),
    vscode.commands.registerCommand('fangan.revealDraftMeasure', async (uri: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }) => {
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
      const selection = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
      await vscode.window.showTextDocument(document, { selection, preserveFocus: false });
    }),
    vscode.commands.registerCommand('fangan.insertSourceMeasure', async (node?: EntryNode) => {
      const languageClient = client();
      if (!languageClient || node?.kind !== 'entry') return;
      const answer = await ask(languageClient, INSERT_SOURCE_MEASURE_REQUEST, { uri: node.uri, plan: node.source.path, line: node.entry.line });
      if (!answer.edit) {
        if (answer.problem) void vscode.window.showWarningMessage(answer.problem);
        refresh();
        return;
      }
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(node.uri));
      const editor = await vscode.window.showTextDocument(document);
      if (!(await applyServerEdit(languageClient, answer.edit))) {
        void vscode.window.showWarningMessage(t('The document changed meanwhile; run the command again.'));
        return;
      }
      // Show what was inserted: the edit that adds text (the others renumber markers).
      const inserted = answer.edit.documentChanges[0]?.edits.find((e) => e.newText.includes('\n'));
      if (inserted) {
        const line = Math.min(document.lineCount - 1, inserted.range.start.line + (inserted.newText.length - inserted.newText.replace(/^\n+/, '').length));
        editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
        editor.selection = new vscode.Selection(line, 0, line, 0);
      }
    }),
    vscode.commands.registerCommand('fangan.chooseSource', async () => {
      const languageClient = client();
      const editor = planEditor();
      if (!languageClient) return;
      if (!editor) {
        void vscode.window.showInformationMessage(t('Open a plan (.txt or .md) first.'));
        return;
      }
      const uri = editor.document.uri.toString();
      const line = editor.selection.active.line;
      const answer = await ask(languageClient, SOURCES_REQUEST, { uri, line });
      if (answer.plans.length === 0) {
        void vscode.window.showInformationMessage(t('The corpus holds no plan to choose; add plans with the setting fangan.corpus.folders.'));
        return;
      }
      const items = [
        { label: t('Find it from the plan’s citations'), description: 'auto', title: 'auto' },
        ...answer.plans.map((p) => ({
          label: p.name,
          description: p.current ? t('{0} (current)', p.levelLabel) : p.levelLabel,
          detail: p.title,
          title: p.title,
        })),
      ];
      const chosen = await vscode.window.showQuickPick(items, {
        title: t('Choose the plan above'),
        placeHolder: t("Writes <!-- fangan: source TITLE --> after the plan's title"),
        matchOnDescription: true,
        matchOnDetail: true,
      });
      if (!chosen) return;
      const result = await ask(languageClient, SET_SOURCE_REQUEST, { uri, line, title: chosen.title });
      if (result.problem) void vscode.window.showWarningMessage(result.problem);
      else if (result.edit) await applyServerEdit(languageClient, result.edit);
    }),
  );
  view.message = t('Open a plan to see which measures of the plan above it carries over.');
}
