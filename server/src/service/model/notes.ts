import type { Range } from 'vscode-languageserver-types';
import type { NoteNotation, NoteProblem, NoteRole, ResponsibilityNote, UnitRef } from './types';

/**
 * Responsibility notes in the three notations of DOMAIN.md:
 *   lines      牵头单位：A、B   /  配合单位：…  /  参加单位：…
 *   one line   责任单位：A、B
 *   inline     ……。（牵头单位：A；参加单位：B）
 * `text` is always the line as the document has it; `folded` is the same line in
 * Simplified characters (same length), used only for recognising labels.
 */

const LABELS: ReadonlyArray<readonly [string, NoteRole]> = [
  ['牵头单位', 'lead'],
  ['牵头部门', 'lead'],
  ['责任单位', 'responsible'],
  ['责任部门', 'responsible'],
  ['配合单位', 'support'],
  ['配合部门', 'support'],
  ['参加单位', 'support'],
  ['参与单位', 'support'],
  ['协办单位', 'support'],
  ['协作单位', 'support'],
];
const LABEL_SOURCE = LABELS.map(([l]) => l).join('|');
// Sticky: matched at an offset without slicing the line (this runs on every note line).
const LINE_LABEL = new RegExp(`[ \\t\\u3000]*(${LABEL_SOURCE})[ \\t\\u3000]*([：:])?`, 'y');
const INLINE_LABEL = new RegExp(`[（(][ \\t\\u3000]*(${LABEL_SOURCE})[ \\t\\u3000]*([：:])?`, 'g');
const NEXT_LABEL = new RegExp(`^[ \\t\\u3000]*(${LABEL_SOURCE})`);
const ROLE = new Map<string, NoteRole>(LABELS);

// A colon-less `牵头单位县委政法委` is a note; `牵头单位要加强…` is a sentence.
const NOT_A_UNIT_START = /^[要应须需和与及的在对把将是为由等负]/;
// Phrases that follow the last unit but are not part of its name.
const TRAILING_PHRASE = /(按职责分工负责|按职责分工落实|按职责负责|按照职责分工负责|分别负责|负责)$/;

// Char codes, not one-character strings: reading `text[i]` of CJK text allocates.
const codes = (chars: string) => new Set([...chars].map((c) => c.charCodeAt(0)));
const OPEN = codes('（(【[《“');
const CLOSE = codes('）)】]》”');
const ROUND_CLOSE = codes('）)');
const SEMICOLON = codes('；;');

export function hasNoteLabel(folded: string): boolean {
  return folded.includes('单位') || folded.includes('部门');
}

function range(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

/**
 * A line that starts with a label (after `start`, the indentation).
 * Returns the notes on it (a line may hold `牵头单位：A；配合单位：B`), or null.
 */
export function parseLineNotes(text: string, folded: string, line: number, start: number): ResponsibilityNote[] | null {
  LINE_LABEL.lastIndex = start;
  const m = LINE_LABEL.exec(folded);
  if (!m) return null;
  const afterLabel = start + m[0].length;
  const hasColon = m[2] !== undefined;
  if (!hasColon) {
    const rest = text.slice(afterLabel).trim();
    // A sentence that merely begins with the word, not a note.
    if (rest.length > 60 || NOT_A_UNIT_START.test(rest) || /[。！？]./.test(rest)) return null;
  }
  const notes: ResponsibilityNote[] = [];
  let labelStart = start;
  let label = m[1];
  let valueStart = afterLabel;
  let problem: NoteProblem | null = hasColon ? null : 'missing-colon';
  for (;;) {
    const { end, next } = scanValue(text, valueStart, false);
    notes.push(makeNote(text, line, label, 'line', labelStart, valueStart, end, end, problem));
    if (next === -1) break;
    // `；` followed by another label: a second note on the same line
    LINE_LABEL.lastIndex = next;
    const n = LINE_LABEL.exec(folded);
    if (!n) break;
    labelStart = next + n[0].indexOf(n[1]);
    label = n[1];
    valueStart = next + n[0].length;
    problem = n[2] !== undefined ? null : 'missing-colon';
  }
  return notes;
}

/** Inline notes in brackets anywhere in a paragraph line. */
export function findInlineNotes(text: string, folded: string, line: number, from: number): ResponsibilityNote[] {
  const notes: ResponsibilityNote[] = [];
  INLINE_LABEL.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = INLINE_LABEL.exec(folded)) !== null) {
    const open = m.index;
    let labelStart = open + m[0].indexOf(m[1]);
    let label = m[1];
    let valueStart = open + m[0].length;
    let problem: NoteProblem | null = m[2] !== undefined ? null : 'missing-colon';
    const group: ResponsibilityNote[] = [];
    let closeEnd = -1;
    for (;;) {
      const { end, next, closedAt } = scanValue(text, valueStart, true);
      group.push(makeNote(text, line, label, 'inline', labelStart, valueStart, end, end, problem));
      if (closedAt !== -1) {
        closeEnd = closedAt + 1;
        break;
      }
      if (next === -1) break;
      const n = NEXT_LABEL.exec(folded.slice(next));
      if (!n) {
        // `；` without a new label: the list goes on under the same label
        valueStart = next;
        continue;
      }
      labelStart = next + n[0].indexOf(n[1]);
      label = n[1];
      const colon = /^[ \t\u3000]*([：:])?/.exec(folded.slice(next + n[0].length));
      valueStart = next + n[0].length + (colon ? colon[0].length : 0);
      problem = colon && colon[1] ? null : 'missing-colon';
    }
    // The whole bracket belongs to every note in it: the first starts at the bracket.
    const end = closeEnd === -1 ? text.length : closeEnd;
    for (let i = 0; i < group.length; i++) {
      const note = group[i];
      notes.push({
        ...note,
        range: range(line, i === 0 ? open : note.range.start.character, i === group.length - 1 ? end : note.range.end.character),
        problem: closeEnd === -1 ? 'unclosed' : note.problem,
      });
    }
    INLINE_LABEL.lastIndex = Math.max(end, open + 1);
  }
  return notes;
}

/**
 * Scans a unit list from `from`: stops at `；`/`;` (next = after it), at the closing bracket of an
 * inline note (closedAt), or at the end of the line. Brackets inside names (各部门（单位）) nest.
 */
function scanValue(text: string, from: number, inline: boolean): { end: number; next: number; closedAt: number } {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (OPEN.has(c)) depth++;
    else if (CLOSE.has(c)) {
      if (depth === 0) {
        if (inline && ROUND_CLOSE.has(c)) return { end: i, next: -1, closedAt: i };
      } else depth--;
    } else if (depth === 0 && SEMICOLON.has(c)) {
      return { end: i, next: i + 1, closedAt: -1 };
    }
  }
  return { end: text.length, next: -1, closedAt: -1 };
}

function makeNote(
  text: string,
  line: number,
  label: string,
  notation: NoteNotation,
  labelStart: number,
  valueStart: number,
  valueEnd: number,
  noteEnd: number,
  problem: NoteProblem | null,
): ResponsibilityNote {
  return {
    role: ROLE.get(label) ?? 'support',
    label: text.slice(labelStart, labelStart + label.length),
    notation,
    units: splitUnits(text, line, valueStart, valueEnd),
    range: range(line, labelStart, trimEnd(text, labelStart, noteEnd)),
    labelRange: range(line, labelStart, labelStart + label.length),
    valueRange: range(line, valueStart, valueEnd),
    problem,
  };
}

/** Spaces of every width, as pasted text has them. */
function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x3000 || c === 0xa0 || c === 0xfeff || (c >= 0x2000 && c <= 0x200b);
}

function trimEnd(text: string, start: number, end: number): number {
  for (;;) {
    const c = text.charCodeAt(end - 1);
    if (end > start && (isSpace(c) || c === 0x3002 /* 。 */ || c === 0x2e || c === 0xff0c /* ， */ || c === 0x2c)) end--;
    else return end;
  }
}

const SEPARATORS = codes('、，,');

/** Splits `A、B，C` into unit names with their ranges; brackets inside names are kept. */
export function splitUnits(text: string, line: number, from: number, to: number): UnitRef[] {
  const units: UnitRef[] = [];
  let depth = 0;
  let start = from;
  const push = (s: number, e: number) => {
    while (s < e && isSpace(text.charCodeAt(s))) s++;
    for (;;) {
      const c = text.charCodeAt(e - 1);
      if (e > s && (isSpace(c) || c === 0x3002 || c === 0x2e)) e--;
      else break;
    }
    let name = text.slice(s, e);
    // cheap test first: every trailing phrase ends with 负责 or 落实
    const last = text.charCodeAt(e - 1);
    if (last === 0x8d23 /* 责 */ || last === 0x5b9e /* 实 */) {
      const trailing = TRAILING_PHRASE.exec(name);
      if (trailing && trailing.index > 0) {
        e -= trailing[0].length;
        name = text.slice(s, e);
      }
    }
    if (name.length > 0) units.push({ name, range: range(line, s, e) });
  };
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (OPEN.has(c)) depth++;
    else if (CLOSE.has(c)) depth = Math.max(0, depth - 1);
    else if (depth === 0 && SEPARATORS.has(c)) {
      push(start, i);
      start = i + 1;
    }
  }
  push(start, to);
  return units;
}
