import type { PlanNode, ResponsibilityNote } from '../../model/types';
import { nodeLabel, notesOf, walkNodes } from '../../model/walk';
import { toSimplifiedIfTraditional } from '../../text/chinese';
import type { Rule } from '../types';
import { insertAt, leadUnitContext, type LeadUnitData } from './context';
import { messages } from './messages';

/** What a `close` fix may insert: closers of inner brackets, then the note's own. */
const PAIRS: Record<string, string> = { '（': '）', '(': ')', '【': '】', '[': ']', '［': '］', '〔': '〕', '﹝': '﹞', '《': '》', '“': '”' };

/** The brackets a note may be written in (model/notes.ts), each with its closer. */
const NOTE_BRACKETS: Record<string, string> = { '（': '）', '(': ')', '〔': '〕', '﹝': '﹞', '【': '】', '[': ']', '［': '］' };

/** Closers for the brackets opened in text[from, to) and left open, innermost first (at most 8). */
function innerClosers(text: string, from: number, to: number): string {
  const open: string[] = [];
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (PAIRS[c]) open.push(PAIRS[c]);
    else if ('）)】]］〕﹞》”'.includes(c)) open.pop();
  }
  return open.reverse().slice(0, 8).join('');
}

/**
 * A note written on the heading's own line (`一、强化科技创新（区科技局牵头）`) or labelled 总牵头单位
 * names the lead of every measure under the heading (lead-unit-missing reads it so), so it is in place.
 */
function coversHeading(note: ResponsibilityNote, node: PlanNode): boolean {
  return (note.notation === 'inline' && note.range.start.line === node.range.start.line) || toSimplifiedIfTraditional(note.label).startsWith('总牵头');
}

/**
 * lead-unit-malformed: a note that follows no measure, stands under a heading, lacks its colon
 * (`牵头单位县委政法委`) or its closing bracket. The colon and the bracket are fixed without a choice.
 */
export const leadUnitMalformed: Rule = {
  meta: {
    code: 'lead-unit-malformed',
    inFixAll: true,
    defaultSeverity: 'warning',
    fixable: true,
    title: { zh: '牵头单位的写法有误（缺冒号、缺右括号、不在措施之后）', en: 'A responsibility note is malformed (no colon, unclosed, not after a measure)' },
  },
  check(ctx, report) {
    const lead = leadUnitContext(ctx);
    if (!lead) return;
    const { file } = ctx;
    const unclosedLines = new Set<number>();
    for (const { note, node } of notesOf(ctx.plan)) {
      if (!node) {
        const data: LeadUnitData = { kind: 'stranded' };
        report({ code: 'lead-unit-malformed', range: note.range, message: messages.stranded(note.label), data });
        continue;
      }
      if (node.kind === 'heading' && !coversHeading(note, node)) {
        const measures = [...walkNodes(node.children)].filter((n) => n.kind === 'measure').length;
        const data: LeadUnitData = { kind: 'on-heading' };
        report({ code: 'lead-unit-malformed', range: note.range, message: messages.onHeading(note.label, nodeLabel(node), measures), data });
        continue;
      }
      if (note.units.length === 0) continue; // lead-unit-empty
      if (note.problem === 'missing-colon') {
        const units = note.units.map((u) => u.name).join('、');
        const { colon } = lead.style;
        const at = note.labelRange.end;
        const data: LeadUnitData = { kind: 'colon', line: at.line, character: at.character, colon };
        report({
          code: 'lead-unit-malformed',
          range: note.range,
          message: messages.missingColon(note.label, units, colon),
          data,
          fixes: () => [{ title: messages.fixColon(colon), edits: [insertAt(at.line, at.character, colon)], automatic: true }],
        });
      }
      if (note.problem === 'unclosed' && !unclosedLines.has(note.range.start.line)) {
        // One bracket, however many notes it holds: report it once, close it after the last.
        const line = note.range.start.line;
        unclosedLines.add(line);
        const written = file.lines[line]?.[note.range.start.character] ?? '（';
        const open = NOTE_BRACKETS[written] ? written : '（';
        const end = Math.max(...node.notes.filter((n) => n.problem === 'unclosed' && n.range.start.line === line).map((n) => n.range.end.character));
        // Brackets opened inside the note are closed first, or the note's own would close one of them.
        const close = innerClosers(file.lines[line] ?? '', note.range.start.character + 1, end) + NOTE_BRACKETS[open];
        const data: LeadUnitData = { kind: 'close', line, character: end, close };
        report({
          code: 'lead-unit-malformed',
          range: note.range,
          message: messages.unclosed(open, note.label, close),
          data,
          fixes: () => [{ title: messages.fixClose(close), edits: [insertAt(line, end, close)], automatic: true }],
        });
      }
    }
  },
};
