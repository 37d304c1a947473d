import type { Position, TextEdit } from 'vscode-languageserver-types';
import type { NotationStyle } from '../../model/notation';
import type { PlanFile, PlanNode } from '../../model/types';

function at(line: number, character: number): Position {
  return { line, character };
}

function trimmedEnd(text: string): number {
  let end = text.length;
  while (end > 0 && /\s/.test(text[end - 1])) end--;
  return end;
}

/**
 * Edits that give a measure without a lead its lead note, in the plan's notation: a
 * `牵头单位：X` line after the measure's text (before its 配合单位 line, if any), `牵头单位：X；`
 * at the start of its inline 参加单位 note (`X牵头，` in a phrase note), or `（牵头单位：X）` —
 * `（X牵头）` in a plan that writes phrases — at the end of its paragraph.
 */
export function insertLeadNote(file: PlanFile, node: PlanNode, units: readonly string[], style: NotationStyle): TextEdit[] {
  const list = units.join('、');
  const body = `${style.leadLabel}${style.colon}${list}`;
  const support = node.notes.find((n) => n.role === 'support');
  if (support?.notation === 'inline') {
    const line = file.lines[support.range.start.line] ?? '';
    const bracket = support.range.start.character;
    if ('（(〔［【[﹝'.includes(line[bracket] ?? '')) {
      const half = line[bracket] === '(' || line[bracket] === '[';
      const where = { start: at(support.range.start.line, bracket + 1), end: at(support.range.start.line, bracket + 1) };
      // `（县财政局配合）` → `（县司法局牵头，县财政局配合）`: the note's own form
      if (support.form === 'phrase') return [{ range: where, newText: `${list}牵头${half ? ',' : '，'}` }];
      return [{ range: where, newText: `${style.leadLabel}${half ? ':' : '：'}${list}${half ? ';' : '；'}` }];
    }
  }
  if (support && support.notation === 'line') {
    const first = Math.min(...node.notes.map((n) => n.range.start.line));
    return [{ range: { start: at(first, 0), end: at(first, 0) }, newText: `${body}\n${style.blankLines ? '\n' : ''}` }];
  }
  const last = Math.max(...node.textLines);
  const text = file.lines[last] ?? '';
  const end = trimmedEnd(text);
  if (style.notation === 'inline') {
    const note = style.phrase ? `${style.open}${list}牵头${style.close}` : `${style.open}${body}${style.close}`;
    if (!style.afterPeriod && text[end - 1] === '。') {
      return [{ range: { start: at(last, end - 1), end: at(last, end - 1) }, newText: note }];
    }
    return [{ range: { start: at(last, end), end: at(last, end) }, newText: note }];
  }
  return [{ range: { start: at(last, text.length), end: at(last, text.length) }, newText: `\n${style.blankLines ? '\n' : ''}${body}` }];
}
