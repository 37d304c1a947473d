import { CodeActionKind, type CodeAction, type Range } from 'vscode-languageserver-types';
import type { DocumentContext } from './context';
import { measureText } from '../corpus/extract';
import { matchesFor, nodeUnder } from './hover/corpus';
import { adaptFor, sectionLabel } from '../corpus/present';
import { planAt } from '../model/walk';

/**
 * On a measure: "插入素材库中的对应表述" — the corresponding corpus measure's wording, adapted to
 * the draft's level, inserted as a new paragraph after the measure's text (before its notes).
 * The drafter's own text is never replaced.
 */

export const CORPUS_ACTION_KIND = `${CodeActionKind.Refactor}.insert.fangan`;
export const ACTION_MATCHES = 3;

export function corpusCodeActions(ctx: DocumentContext, range: Range): CodeAction[] {
  const store = ctx.corpus;
  if (!store || store.index.clauseCount === 0) return [];
  const node = nodeUnder(ctx.file, range.start);
  const plan = planAt(ctx.file, range.start.line);
  if (!node || !plan || node.kind !== 'measure') return [];
  const text = measureText(ctx.file, node);
  if (!text) return [];
  const lastLine = Math.max(...node.textLines);
  const at = { line: lastLine, character: (ctx.file.lines[lastLine] ?? '').length };
  const zh = ctx.locale === 'zh';
  // Wording the draft already holds is not offered again (a second click would duplicate it).
  const offers = matchesFor(store, ctx.uri, text, node, ACTION_MATCHES, ctx.planAbove?.copies(plan))
    .map((match) => ({ source: match.measure, wording: adaptFor(match.measure.text.replace(/\n/g, ''), match.measure.plan, plan) }))
    .filter(({ wording }) => !ctx.file.lines.some((line) => line.includes(wording)));
  return offers.map(({ source, wording }) => {
    const where = `${source.plan.name} · ${sectionLabel(source)}`;
    return {
      title: zh ? `插入素材库中的对应表述（${where}）` : `Insert the corresponding corpus wording (${where})`,
      kind: CORPUS_ACTION_KIND,
      edit: { changes: { [ctx.uri]: [{ range: { start: at, end: at }, newText: `\n${wording}` }] } },
    };
  });
}
