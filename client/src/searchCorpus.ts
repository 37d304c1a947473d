import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { SEARCH_CORPUS_REQUEST, type CorpusSearchResult } from '../../server/src/protocol';
import { ask } from './request';

/**
 * 方案：搜索素材库 — a quick pick over the corpus. Each keystroke asks the server
 * (`fangan/searchCorpus`, the same search as hover and completion); Enter inserts the clause,
 * adapted to the draft's level, at the cursor.
 */

interface Pick extends vscode.QuickPickItem {
  item: CorpusSearchResult;
}

const SEARCH_DELAY_MS = 120;

export function registerSearchCorpus(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('fangan.searchCorpus', async () => {
      const languageClient = client();
      if (!languageClient) return;
      const editor = vscode.window.activeTextEditor;
      const pick = vscode.window.createQuickPick<Pick>();
      pick.title = vscode.l10n.t('Search the corpus');
      pick.placeholder = vscode.l10n.t('Type wording to find (Simplified or Traditional); Enter inserts it at the cursor');
      pick.matchOnDescription = false;
      pick.matchOnDetail = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      let latest = 0;
      pick.onDidChangeValue((query) => {
        clearTimeout(timer);
        timer = setTimeout(async () => {
          const ticket = ++latest;
          pick.busy = true;
          try {
            const result = await ask(languageClient, SEARCH_CORPUS_REQUEST, {
              query,
              limit: 30,
              uri: editor?.document.uri.toString(),
              line: editor?.selection.active.line,
            });
            if (ticket !== latest) return;
            pick.items = result.items.map((item) => ({
              label: item.adapted,
              description: `${item.planName} · ${item.section}`,
              detail: [item.adapted !== item.text ? vscode.l10n.t('Original: {0}', item.text) : '', item.lead.length ? vscode.l10n.t('Lead: {0}', item.lead.join('、')) : '']
                .filter(Boolean)
                .join('　'),
              // The server has ranked them; the quick pick must not filter them again.
              alwaysShow: true,
              item,
            }));
          } finally {
            if (ticket === latest) pick.busy = false;
          }
        }, SEARCH_DELAY_MS);
      });
      pick.onDidAccept(async () => {
        const chosen = pick.selectedItems[0];
        pick.hide();
        if (!chosen) return;
        if (editor && !editor.document.isClosed) {
          await editor.edit((edit) => {
            for (const selection of editor.selections) edit.replace(selection, chosen.item.adapted);
          });
        } else {
          await vscode.env.clipboard.writeText(chosen.item.adapted);
          void vscode.window.showInformationMessage(vscode.l10n.t('No open editor; copied to the clipboard.'));
        }
      });
      pick.onDidHide(() => {
        clearTimeout(timer);
        pick.dispose();
      });
      pick.show();
    }),
  );
}
