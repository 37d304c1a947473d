import { contentStart } from '../../model/parse';
import type { MarkerRank, Plan, PlanFile, PlanNode } from '../../model/types';
import { walkNodes } from '../../model/walk';
import { TITLE_CHARS_PER_LINE } from './layout';

/**
 * A plan as the paragraphs of an official document, before any file format: which line becomes
 * which kind of paragraph, and which part of a heading line takes the heading's typeface. The .docx
 * writer (planDocx.ts) only lays these out; tests and a future reader compare against them.
 *
 * Every line of the plan's span is exported in order, as written (markers are text, notes stay
 * where the draft put them); blank lines, Fangan's own directive lines and the wrapper outside
 * the plans (portal menus, footers) are not.
 */

/** The typeface of a run: title, draft mark, body, or the heading of a marker rank. */
export type RunStyle = 'title' | 'draftMark' | 'body' | 'heading1' | 'heading2' | 'heading3' | 'heading4';

export interface ExportRun {
  readonly text: string;
  readonly style: RunStyle;
}

/**
 * - `title`: a title line (and its `（2021—2025年）` continuation), centred;
 * - `draftMark`: `（征求意见稿）` and the like under the title, centred;
 * - `heading` / `measure`: the first line of a heading or a measure, its marker and run-in title in
 *   the rank's typeface, the rest in the body's;
 * - `note`: a responsibility note on its own line (`牵头单位：…`), as written;
 * - `body`: preamble, body paragraphs and anything else the plan holds;
 * - `blank`: the empty line under the title.
 */
export type ParagraphKind = 'title' | 'draftMark' | 'heading' | 'measure' | 'note' | 'body' | 'blank';

export interface ExportParagraph {
  readonly kind: ParagraphKind;
  readonly runs: readonly ExportRun[];
  /** The source line (0-based); -1 for the blank line under the title. */
  readonly line: number;
  /** The marker rank of a heading or measure line (numbered or not). */
  readonly rank?: MarkerRank;
  /** The first paragraph of a plan after the first in the file: it starts a new page. */
  readonly pageBreakBefore?: boolean;
}

const DRAFT_MARK = /^[（(](征求意见稿|送审稿|讨论稿|代拟稿|审议稿|草案|草稿)[）)]$/;
const RUN_IN_END = /^[。．：:]/;
const TITLE_STOP = /[，,；;]/;
/** A run-in title longer than this is a sentence, not a heading. */
const RUN_IN_MAX = 30;

export function headingStyle(rank: MarkerRank): RunStyle {
  return rank === 1 ? 'heading1' : rank === 2 ? 'heading2' : rank === 3 ? 'heading3' : 'heading4';
}

/** Markdown emphasis is not part of the text. */
export function withoutEmphasis(text: string): string {
  return text.replace(/\*\*/g, '');
}

/** A line's text from where its content starts (after indentation and Markdown marks), trimmed at the end. */
function lineText(file: PlanFile, line: number): { text: string; start: number } {
  const raw = file.lines[line] ?? '';
  const start = contentStart(raw);
  return { text: raw.slice(start).trimEnd(), start };
}

/**
 * Where the part of a node's first line that takes the heading's typeface ends (a character offset
 * in the line), or null when the whole line is body text:
 * - a heading: up to and including its first `。`, else the whole line (`二、推动全社会增强法治观念`,
 *   `（四）维护宪法权威。` of a heading that has measures);
 * - a measure with a run-in title (`（一）指导思想。坚持…`, `1.推进信用建设` on a line of its own):
 *   the marker, the title and the `。` or `：` after it;
 * - a measure written as prose (`1.在全县国家工作人员中深入开展宪法学习教育，…`), or without a
 *   marker: none.
 */
export function headingPartEnd(file: PlanFile, node: PlanNode): number | null {
  if (!node.marker) return null;
  const raw = file.lines[node.titleRange.start.line] ?? '';
  const end = raw.trimEnd().length;
  if (node.kind === 'heading') {
    const stop = raw.indexOf('。', node.titleRange.start.character);
    return stop === -1 ? end : stop + 1;
  }
  return runInTitleEnd(file, node);
}

/**
 * The end of a measure's run-in title (after its `。`/`：`), or null when the measure is prose: a
 * short title without commas, then either nothing (a title on its own line) or a stop and more text.
 */
export function runInTitleEnd(file: PlanFile, node: PlanNode): number | null {
  if (!node.marker || node.title.length === 0) return null;
  const title = withoutEmphasis(node.title);
  if (title.length > RUN_IN_MAX || TITLE_STOP.test(title)) return null;
  const raw = file.lines[node.titleRange.start.line] ?? '';
  let at = node.titleRange.end.character;
  while (raw.startsWith('**', at)) at += 2;
  const rest = raw.slice(at);
  if (rest.trim().length === 0) return raw.trimEnd().length;
  if (!RUN_IN_END.test(rest)) return null;
  const after = withoutEmphasis(rest.slice(1)).trim();
  return after.length > 0 ? at + 1 : null;
}

/** Width in em: CJK and full-width characters 1, ASCII ½. */
function emWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += ch.charCodeAt(0) < 0x2e80 && ch !== '—' ? 0.5 : 1;
  return width;
}

const BRACKETED = /^[（(][^（()）]*[）)]$/;

/**
 * A title line too long for one line of 二号 is split before its `（2021—2025年）`, which then
 * stands on a line of its own, rather than letting the word processor break inside the years.
 */
export function titleLines(title: string): string[] {
  if (emWidth(title) <= TITLE_CHARS_PER_LINE) return [title];
  const open = Math.max(title.lastIndexOf('（'), title.lastIndexOf('('));
  const period = open > 0 ? title.slice(open) : '';
  return BRACKETED.test(period) && /\d{4}/.test(period) ? [title.slice(0, open), period] : [title];
}

/** Every line that belongs to a node: its first line (the node) or a body line, and note lines. */
interface LineRoles {
  readonly first: Map<number, PlanNode>;
  readonly notes: Set<number>;
}

function lineRoles(plan: Plan): LineRoles {
  const first = new Map<number, PlanNode>();
  const notes = new Set<number>();
  for (const node of walkNodes(plan.nodes)) {
    first.set(node.textLines[0], node);
    const own = new Set(node.textLines);
    for (const note of node.notes) if (!own.has(note.range.start.line)) notes.add(note.range.start.line);
  }
  for (const note of plan.strandedNotes) notes.add(note.range.start.line);
  return { first, notes };
}

function nodeParagraph(file: PlanFile, node: PlanNode, line: number): ExportParagraph {
  const { text, start } = lineText(file, line);
  const kind = node.kind === 'heading' ? 'heading' : 'measure';
  const end = headingPartEnd(file, node);
  if (end === null) return { kind, runs: [{ text: withoutEmphasis(text), style: 'body' }], line, rank: node.rank };
  const cut = Math.max(0, Math.min(text.length, end - start));
  const runs: ExportRun[] = [{ text: withoutEmphasis(text.slice(0, cut)), style: headingStyle(node.rank) }];
  const rest = withoutEmphasis(text.slice(cut));
  if (rest.length > 0) runs.push({ text: rest, style: 'body' });
  return { kind, runs, line, rank: node.rank };
}

/** The paragraphs of one plan, in document order. */
export function planParagraphs(file: PlanFile, plan: Plan): ExportParagraph[] {
  const out: ExportParagraph[] = [];
  const directiveLines = new Set(file.directives.map((d) => d.line));
  const roles = lineRoles(plan);
  const titleFirst = plan.title ? plan.title.range.start.line : -1;
  const titleLast = plan.title ? plan.title.range.end.line : -1;
  let spaced = false;

  for (let line = plan.firstLine; line <= plan.lastLine; line++) {
    if (directiveLines.has(line)) continue;
    const { text } = lineText(file, line);
    const clean = withoutEmphasis(text).trim();
    if (clean.length === 0) continue;
    if (line >= titleFirst && line <= titleLast) {
      if (line > titleFirst && DRAFT_MARK.test(clean)) out.push({ kind: 'draftMark', runs: [{ text: clean, style: 'draftMark' }], line });
      else for (const part of titleLines(clean)) out.push({ kind: 'title', runs: [{ text: part, style: 'title' }], line });
      continue;
    }
    // GB/T 9704: one empty line between the title and what follows it.
    if (!spaced && titleLast !== -1) {
      out.push({ kind: 'blank', runs: [], line: -1 });
      spaced = true;
    }
    const node = roles.first.get(line);
    if (node) out.push(nodeParagraph(file, node, line));
    else out.push({ kind: roles.notes.has(line) ? 'note' : 'body', runs: [{ text: withoutEmphasis(text), style: 'body' }], line });
  }
  return out;
}

/** The paragraphs of the given plan, or of every plan in the file (each after the first on a new page). */
export function documentParagraphs(file: PlanFile, plan?: Plan): ExportParagraph[] {
  const plans = plan ? [plan] : file.plans;
  const out: ExportParagraph[] = [];
  for (const p of plans) {
    const paragraphs = planParagraphs(file, p);
    if (out.length > 0 && paragraphs.length > 0) paragraphs[0] = { ...paragraphs[0], pageBreakBefore: true };
    out.push(...paragraphs);
  }
  return out;
}
