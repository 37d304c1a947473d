import type { Plan, PlanFile, ResponsibilityNote } from './types';
import { notesOf } from './walk';

/**
 * How a plan writes its responsibility notes, learned from the notes it has, so that a fix
 * inserts a note the way the drafter writes them: lines or inline brackets, 牵头单位 or 责任单位,
 * full- or half-width colon and brackets, blank lines between notes or not.
 */
export interface NotationStyle {
  readonly notation: 'line' | 'inline';
  /** The label the plan names lead units with: 牵头单位, 牵头部门, or 责任单位 where it does not split lead and support. */
  readonly leadLabel: string;
  /** The plan names its leads with a verb (`（县司法局牵头，…）`) rather than a label. */
  readonly phrase: boolean;
  readonly colon: '：' | ':';
  readonly open: '（' | '(';
  readonly close: '）' | ')';
  readonly semicolon: '；' | ';';
  /** Line notation: an empty line between a measure's text and its notes (seeds 001, 002). */
  readonly blankLines: boolean;
  /** Inline notation: the note follows the paragraph's final 。 (seed 003) instead of preceding it. */
  readonly afterPeriod: boolean;
}

const cache = new WeakMap<Plan, NotationStyle>();

function majority(yes: number, no: number, fallback: boolean): boolean {
  return yes === no ? fallback : yes > no;
}

/** The colon a note is written with (between its label and its units), if any. */
export function colonOf(file: PlanFile, note: ResponsibilityNote): '：' | ':' | null {
  const line = file.lines[note.labelRange.end.line] ?? '';
  const between = line.slice(note.labelRange.end.character, note.valueRange.start.character);
  return between.includes('：') ? '：' : between.includes(':') ? ':' : null;
}

export function notationOf(file: PlanFile, plan: Plan): NotationStyle {
  const cached = cache.get(plan);
  if (cached) return cached;
  const notes = notesOf(plan);
  let inline = 0;
  let fullColon = 0;
  let halfColon = 0;
  let fullBracket = 0;
  let halfBracket = 0;
  let blank = 0;
  let adjacent = 0;
  let after = 0;
  let before = 0;
  let phraseLeads = 0;
  let labelLeads = 0;
  const labels = new Map<string, number>();
  for (const { note, node } of notes) {
    if (note.notation === 'inline') inline++;
    const colon = colonOf(file, note);
    if (colon === '：') fullColon++;
    else if (colon === ':') halfColon++;
    if (note.role !== 'support' && note.form === 'phrase') phraseLeads++;
    // a heading's 总牵头单位 is not how the plan names a measure's lead
    else if (note.role !== 'support' && node?.kind === 'measure') {
      labelLeads++;
      labels.set(`${note.role}:${note.label}`, (labels.get(`${note.role}:${note.label}`) ?? 0) + 1);
    }
    const line = file.lines[note.range.start.line] ?? '';
    if (note.notation === 'inline') {
      const open = line[note.range.start.character];
      if (open === '（') fullBracket++;
      else if (open === '(') halfBracket++;
      const prev = line.slice(0, note.range.start.character).trimEnd();
      if (prev.endsWith('。')) after++;
      else if (line.slice(note.range.end.character).trimStart().startsWith('。')) before++;
    } else if (node && node.notes[0] === note) {
      const lastText = Math.max(...node.textLines.filter((l) => l < note.range.start.line), -1);
      if (lastText >= 0) {
        if (note.range.start.line - lastText > 1) blank++;
        else adjacent++;
      }
    }
  }
  // Without notes, the plan's punctuation decides the width.
  const sample = file.lines.slice(plan.firstLine, Math.min(plan.lastLine + 1, plan.firstLine + 200)).join('\n');
  const fullPunct = (sample.match(/[，：（]/g) ?? []).length >= (sample.match(/[,:(]/g) ?? []).length;
  const blankLinesInPlan = file.lines.slice(plan.firstLine, plan.lastLine + 1).filter((l) => l.trim() === '').length;
  const style: NotationStyle = {
    notation: majority(inline, notes.length - inline, false) ? 'inline' : 'line',
    leadLabel: leadLabelOf(labels),
    phrase: phraseLeads > labelLeads,
    colon: majority(fullColon, halfColon, fullPunct) ? '：' : ':',
    open: majority(fullBracket, halfBracket, fullPunct) ? '（' : '(',
    close: majority(fullBracket, halfBracket, fullPunct) ? '）' : ')',
    semicolon: majority(fullBracket + fullColon, halfBracket + halfColon, fullPunct) ? '；' : ';',
    blankLines: majority(blank, adjacent, blankLinesInPlan * 3 > plan.lastLine - plan.firstLine),
    afterPeriod: majority(after, before, true),
  };
  cache.set(plan, style);
  return style;
}

function leadLabelOf(labels: Map<string, number>): string {
  let best: [string, number] | null = null;
  for (const role of ['lead', 'responsible']) {
    for (const [k, n] of labels) if (k.startsWith(`${role}:`) && (!best || n > best[1])) best = [k, n];
    if (best) break;
  }
  return best ? best[0].slice(best[0].indexOf(':') + 1) : '牵头单位';
}
