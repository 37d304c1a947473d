import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem } from 'vscode-languageserver-types';
import type { CompletionSource } from './source';
import { MAX_QUERY_CHARS } from '../../limits';
import { nodeAt, planAt } from '../../model/walk';
import { normalizeForMatch } from '../../corpus/normalize';
import { clauseText } from '../../corpus/extract';
import { adaptFor, clip, escapeMarkdown, leadLine, levelName, sectionLabel } from '../../corpus/present';
import { uriToPath } from '../../workspace/uri';

/**
 * While a measure is being written (a few characters into a line inside a task area), whole
 * clauses from the corpus: label the start of the clause, detail its plan and section,
 * documentation the full measure with its lead units, inserted adapted to the draft's level.
 */

/** Characters (matching form) typed before the corpus is asked. */
export const MIN_QUERY_CHARS = 4;
export const COMPLETION_ITEMS = 8;
const LABEL_CHARS = 24;

// A marker at the start of the line: 一、 （一） (1) 1. 1、 1． ① and `1 ` before a title.
const LEADING_MARKER = /^[\s\u3000\u2002]*(?:[（(][一二三四五六七八九十百\d]*[）)]|[一二三四五六七八九十百]+、|\d+[.．、]|\d+[ \u2002]|[①-⑳])?[\s\u3000\u2002]*/;
const NOTE_LINE = /^[\s\u3000\u2002]*[（(]?(牵头|责任|配合|参加|参与|协办|协作)(单位|部门)/;
// Sections that hold no measures: what a drafter writes there is not a task.
const NOT_A_TASK_AREA = /总体要求|指导思想|主要原则|基本原则|工作原则|总体目标|主要目标|工作目标/;
const CLAUSE_END = /[。；;！？!?]/g;

/** The clause being typed: the text after the marker and after the last full stop before the cursor. */
export function typedClause(linePrefix: string): { start: number; text: string } | undefined {
  const marker = LEADING_MARKER.exec(linePrefix);
  let start = marker ? marker[0].length : 0;
  for (const m of linePrefix.matchAll(CLAUSE_END)) if (m.index! + 1 > start) start = m.index! + 1;
  const text = linePrefix.slice(start);
  return text.trim() ? { start, text } : undefined;
}

export function createCorpusCompletion(): CompletionSource {
  return {
    provide(ctx, position, linePrefix) {
      const store = ctx.corpus;
      if (!store || store.index.clauseCount === 0 || NOTE_LINE.test(linePrefix)) return undefined;
      const plan = planAt(ctx.file, position.line);
      if (!plan) return undefined;
      const node = nodeAt(plan, position.line);
      if (!node) return undefined;
      let top = node;
      while (top.parent) top = top.parent;
      if (NOT_A_TASK_AREA.test(top.title) || (node.kind === 'heading' && node.titleRange.start.line === position.line && node.children.length > 0)) {
        return undefined;
      }
      const typed = typedClause(linePrefix);
      // Nobody types a clause this long: a pasted blob (limits.ts) gets no corpus completion.
      if (!typed || typed.text.length > MAX_QUERY_CHARS) return undefined;
      const norm = normalizeForMatch(typed.text);
      if (norm.length < MIN_QUERY_CHARS || ctx.token?.isCancellationRequested) return undefined;
      // Copies of the draft in the corpus are the draft itself: never offered as its peers.
      const copies = ctx.planAbove?.copies(plan);
      const hits = store
        .search(typed.text, { limit: COMPLETION_ITEMS * 2, excludePath: uriToPath(ctx.uri) })
        .filter((hit) => !copies?.has(hit.clause.measure.plan.path));
      // A clause that starts with what was typed is what the drafter is writing: those first.
      const ordered = hits
        .map((hit, i) => ({ hit, rank: (hit.clause.norm.startsWith(norm) ? 0 : 1) * 1000 + i }))
        .sort((a, b) => a.rank - b.rank)
        .slice(0, COMPLETION_ITEMS);
      const zh = ctx.locale === 'zh';
      const range = { start: { line: position.line, character: typed.start }, end: position };
      const seen = new Set<string>();
      const items: CompletionItem[] = [];
      for (const [i, { hit }] of ordered.entries()) {
        const original = clauseText(hit.clause);
        const measure = hit.clause.measure;
        const inserted = adaptFor(original, measure.plan, plan);
        if (seen.has(inserted)) continue;
        seen.add(inserted);
        const doc: string[] = [];
        doc.push(`${zh ? '**插入：**' : '**Inserts:**'} ${escapeMarkdown(inserted)}`);
        if (inserted !== original) doc.push(`${zh ? '**原文：**' : '**Original:**'} ${escapeMarkdown(original)}`);
        doc.push(
          `${zh ? '来源' : 'Source'}：${escapeMarkdown(measure.plan.name)}（${levelName(measure.plan.level, ctx.locale)}）· ${escapeMarkdown(sectionLabel(measure))}`,
          escapeMarkdown(clip(measure.text, 400)).replace(/\n/g, ' '),
        );
        const lead = leadLine(measure, ctx.locale);
        if (lead) doc.push(escapeMarkdown(lead));
        items.push({
          label: clip(original, LABEL_CHARS),
          kind: CompletionItemKind.Text,
          detail: `${measure.plan.name} · ${sectionLabel(measure)}`,
          documentation: { kind: MarkupKind.Markdown, value: doc.join('\n\n') },
          // Every item answers the typed text; the editor must not filter them out again.
          filterText: typed.text,
          sortText: String(i).padStart(4, '0'),
          insertTextFormat: InsertTextFormat.PlainText,
          textEdit: { range, newText: inserted },
        });
      }
      return items;
    },
  };
}
