import type { Range } from 'vscode-languageserver-types';
import { deadlineLabelAt, isDeadlineText } from './deadlines';
import { hasPhraseWord, looksLikeUnit, phraseVerbAt, phraseWordPositions } from './phrases';
import type { NoteForm, NoteNotation, NoteProblem, NoteRole, ResponsibilityNote, UnitRef } from './types';

/**
 * Responsibility notes as real plans write them (test/realworld/FORMS.md):
 *   lines      牵头单位：A、B   /  配合单位：…  /  责任单位：A，B  /  完成时限：…
 *   inline     ……。（牵头单位：A；责任单位：B，6月底完成）  in （）()〔〕【】[]［］﹝﹞
 *   phrases    （A牵头，B、C配合）  （由A牵头，B参与）  （A负责）  （A、B按职责分工负责）
 * Roles inside one note are separated by `；;`, by `，,` before the next label, or by a line
 * break; units by `、，,` and 及; tails (按职责分工负责, 等有关部门) and deadlines are not units.
 * `text` is always the line as the document has it; `folded` is the same line in Simplified
 * characters (same length), used only for recognising labels, verbs and deadlines.
 */

/** Role labels and their synonyms, longest first so that 牵头责任单位 is not read as 责任单位. */
export const NOTE_LABELS: ReadonlyArray<readonly [string, NoteRole]> = (
  [
    ['总牵头单位', 'lead'],
    ['牵头责任单位', 'lead'],
    ['主要责任单位', 'lead'],
    ['牵头单位', 'lead'],
    ['牵头部门', 'lead'],
    ['主责单位', 'lead'],
    ['主责部门', 'lead'],
    // a bureau's own plan names its internal sections
    ['牵头科室', 'lead'],
    ['牵头处室', 'lead'],
    ['责任单位', 'responsible'],
    ['责任部门', 'responsible'],
    ['责任主体', 'responsible'],
    ['责任科室', 'responsible'],
    ['责任处室', 'responsible'],
    ['责任股室', 'responsible'],
    ['协同责任单位', 'support'],
    ['其他责任单位', 'support'],
    ['协同配合单位', 'support'],
    ['配合单位', 'support'],
    ['配合部门', 'support'],
    ['配合科室', 'support'],
    ['配合处室', 'support'],
    ['协办单位', 'support'],
    ['参与单位', 'support'],
    ['参与部门', 'support'],
    ['参加单位', 'support'],
    ['协同单位', 'support'],
    ['协同部门', 'support'],
    ['协作单位', 'support'],
    ['协助单位', 'support'],
  ] as Array<[string, NoteRole]>
).sort((a, b) => b[0].length - a[0].length);

/** A deadline read off a note or a labelled line, as written (without its label). */
export interface NoteDeadline {
  readonly text: string;
  readonly range: Range;
}

export interface NotesFound {
  readonly notes: ResponsibilityNote[];
  readonly deadline: NoteDeadline | null;
}

/** What a line may hold, found once per line: cheap tests before it is searched for notes. */
export interface NoteHints {
  /** The line has a label word (单位, 部门, 主体, 科室, 处室, 股室): a labelled note may stand in it. */
  readonly labels: boolean;
  /** The line has a phrase verb (牵头, 负责, 配合 …): a phrase note may stand in it. */
  readonly phrases: boolean;
}

export function noteHints(folded: string): NoteHints {
  const labels = folded.includes('单位') || folded.includes('部门') || folded.includes('主体') || folded.includes('科室') || folded.includes('处室') || folded.includes('股室');
  return { labels, phrases: hasPhraseWord(folded) };
}

/** First characters of the labels: a bracket or a line that starts otherwise holds no labelled note. */
const LABEL_START = new Set(NOTE_LABELS.map(([l]) => l.charCodeAt(0)));
const LABELS_BY_START = new Map<number, Array<readonly [string, NoteRole]>>();
for (const entry of NOTE_LABELS) {
  const first = entry[0].charCodeAt(0);
  const list = LABELS_BY_START.get(first) ?? [];
  list.push(entry);
  LABELS_BY_START.set(first, list);
}

/** Whether a line's content (from `start`) may start with a label, so that it may be a note line. */
export function mayStartNote(folded: string, start: number): boolean {
  return LABEL_START.has(folded.charCodeAt(start));
}

// A colon-less `牵头单位县委政法委` is a note; `牵头单位要加强…` is a sentence.
const NOT_A_UNIT_START = /^[要应须需和与及的在对把将是为由等负]/;

// Char codes, not one-character strings: reading `text[i]` of CJK text allocates.
const codes = (chars: string) => new Set([...chars].map((c) => c.charCodeAt(0)));
const OPEN = codes('（(【[［〔﹝《“');
const CLOSE = codes('）)】]］〕﹞》”');
/** Brackets a note may be written in, with what closes each (round ones close either width). */
const NOTE_CLOSERS: ReadonlyMap<number, ReadonlySet<number>> = new Map([
  ['（', '）)'],
  ['(', ')）'],
  ['〔', '〕'],
  ['﹝', '﹞'],
  ['【', '】'],
  ['[', ']］'],
  ['［', '］]'],
].map(([open, close]) => [open.charCodeAt(0), codes(close)]));
const FULL_STOP = 0x3002; // 。

// One table lookup per character instead of several Set lookups (the note and unit scans run on
// every note of a plan after each keystroke).
const C_OPEN = 1;
const C_CLOSE = 2;
const C_SEPARATOR = 3; // ；;，, between the items of a note
const C_STOP = 4; // 。
const C_ENUM = 5; // 、 between units
const CHAR_CLASS = new Uint8Array(0x10000);
for (const c of OPEN) CHAR_CLASS[c] = C_OPEN;
for (const c of CLOSE) CHAR_CLASS[c] = C_CLOSE;
for (const c of codes('；;，,')) CHAR_CLASS[c] = C_SEPARATOR;
CHAR_CLASS[FULL_STOP] = C_STOP;
CHAR_CLASS['、'.charCodeAt(0)] = C_ENUM;

function range(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

/** Spaces of every width, as pasted text has them. */
function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x3000 || c === 0xa0 || c === 0xfeff || (c >= 0x2000 && c <= 0x200b);
}

/** The role label at `from` (after spaces), with its colon if any. */
function roleLabelAt(folded: string, from: number, end: number): { label: string; role: NoteRole; start: number; valueStart: number; colon: boolean } | null {
  let i = from;
  while (i < end && isSpace(folded.charCodeAt(i))) i++;
  const candidates = LABELS_BY_START.get(folded.charCodeAt(i));
  if (!candidates) return null;
  for (let k = 0; k < candidates.length; k++) {
    const [label, role] = candidates[k];
    if (!folded.startsWith(label, i) || i + label.length > end) continue;
    let j = i + label.length;
    while (j < end && isSpace(folded.charCodeAt(j))) j++;
    const colon = folded[j] === '：' || folded[j] === ':';
    if (colon) j++;
    return { label, role, start: i, valueStart: j, colon };
  }
  return null;
}

interface Piece {
  readonly start: number;
  readonly end: number;
}

/**
 * The items of a note body from `from` to `end`: split at `；;，,` outside brackets, up to the
 * first `。` (what follows it inside a note is a remark: `以下各项…不再列出。`).
 */
function piecesOf(text: string, from: number, end: number): Piece[] {
  const pieces: Piece[] = [];
  let depth = 0;
  let start = from;
  for (let i = from; i < end; i++) {
    const k = CHAR_CLASS[text.charCodeAt(i)];
    if (k === 0 || k === C_ENUM) continue;
    if (k === C_OPEN) depth++;
    else if (k === C_CLOSE) depth = Math.max(0, depth - 1);
    else if (depth > 0) continue;
    else if (k === C_SEPARATOR) {
      pieces.push({ start, end: i });
      start = i + 1;
    } else {
      pieces.push({ start, end: i });
      return pieces;
    }
  }
  pieces.push({ start, end });
  return pieces;
}

function trimPiece(text: string, p: Piece): Piece {
  let { start, end } = p;
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && (isSpace(text.charCodeAt(end - 1)) || text.charCodeAt(end - 1) === FULL_STOP || text.charCodeAt(end - 1) === 0x2e)) end--;
  return { start, end };
}

interface Draft {
  role: NoteRole;
  form: NoteForm;
  labelStart: number;
  labelEnd: number;
  valueStart: number;
  valueEnd: number;
  segments: Piece[];
  problem: NoteProblem | null;
}

interface BodyRead {
  drafts: Draft[];
  deadline: Piece | null;
  /** Items that are neither a note, a deadline nor units of a labelled note. */
  unread: number;
}

/**
 * Reads a note body: labelled notes (`牵头单位：A、B`), phrase items (`A牵头`, `B配合`), deadlines
 * (`完成时限：…`, `6月底完成`). An item without a label or verb continues the labelled note before
 * it (`责任单位：A，B按职责分工负责`) or joins the next phrase's units (`A、B等部门，C配合`).
 */
// Words a remark inside a note starts with; a unit name never does.
const REMARK_START = /^(以下|上述|其中|此项|此外|不再|均需|均由|另行|具体由)/;

/** A labelled note whose last units end in 负责 (`B按职责分工负责`): its unit list is closed. */
function endsWithDuty(folded: string, open: Draft): boolean {
  const last = open.segments[open.segments.length - 1];
  return last !== undefined && folded.slice(Math.max(last.start, last.end - 2), last.end) === '负责';
}

function readBody(text: string, folded: string, from: number, end: number): BodyRead {
  const drafts: Draft[] = [];
  let deadline: Piece | null = null;
  let unread = 0;
  let open: Draft | null = null;
  let waiting: Piece[] = [];
  let remark = false;
  for (const raw of piecesOf(text, from, end)) {
    const p = trimPiece(text, raw);
    if (p.start >= p.end) continue;
    const label = roleLabelAt(folded, p.start, p.end);
    if (label) {
      open = {
        role: label.role,
        form: 'label',
        labelStart: label.start,
        labelEnd: label.start + label.label.length,
        valueStart: label.valueStart,
        valueEnd: p.end,
        segments: label.valueStart < p.end ? [{ start: label.valueStart, end: p.end }] : [],
        problem: label.colon ? null : 'missing-colon',
      };
      drafts.push(open);
      unread += waiting.length;
      waiting = [];
      remark = false;
      continue;
    }
    const dl = deadlineLabelAt(folded, p.start);
    if (dl && dl.start === p.start && dl.valueStart <= p.end) {
      deadline ??= { start: dl.valueStart, end: p.end };
      open = null;
      continue;
    }
    if (p.end - p.start <= 24 && isDeadlineText(folded.slice(p.start, p.end))) {
      deadline ??= p;
      continue;
    }
    const verb = phraseVerbAt(folded, p.start, p.end);
    if (open && !verb && (REMARK_START.test(folded.slice(p.start, p.start + 4)) || endsWithDuty(folded, open))) {
      // `…，B按职责分工负责，以下各任务均需B落实，不再一一列出`: a remark after the units, not more of them
      remark = true;
      open = null;
      continue;
    }
    if (remark && !verb) continue;
    if (open && !(verb && verb.role === 'support')) {
      // more units of the labelled note (its tail, 按职责分工负责, is cut when the units are split)
      open.segments.push(p);
      open.valueEnd = p.end;
      continue;
    }
    if (verb) {
      let unitsStart = p.start;
      if (folded.charCodeAt(unitsStart) === 0x7531 /* 由 */) unitsStart++;
      const first = waiting.length > 0 ? waiting[0].start : unitsStart;
      drafts.push({
        role: verb.role,
        form: 'phrase',
        labelStart: verb.start,
        labelEnd: p.end,
        valueStart: first,
        valueEnd: verb.start,
        segments: [...waiting, { start: unitsStart, end: verb.start }],
        problem: null,
      });
      waiting = [];
      open = null;
      continue;
    }
    waiting.push(p);
  }
  return { drafts, deadline, unread: unread + waiting.length };
}

/** The note a draft stands for; an inline note's range may be widened to its brackets (`from`, `to`). */
function toNote(text: string, folded: string, line: number, d: Draft, notation: NoteNotation, from = -1, to = -1, problem = d.problem): ResponsibilityNote {
  const units: UnitRef[] = [];
  for (const s of d.segments) splitUnits(text, folded, line, s.start, s.end, units);
  const start = d.form === 'phrase' ? d.valueStart : d.labelStart;
  const end = d.form === 'phrase' ? d.labelEnd : Math.max(d.valueEnd, d.labelEnd);
  return {
    role: d.role,
    label: text.slice(d.labelStart, d.labelEnd),
    form: d.form,
    notation,
    units,
    range: range(line, from === -1 ? start : from, to === -1 ? trimEnd(text, start, end) : to),
    labelRange: range(line, d.labelStart, d.labelEnd),
    valueRange: range(line, d.valueStart, d.valueEnd),
    problem,
  };
}

function deadlineOf(text: string, line: number, p: Piece | null): NoteDeadline | null {
  if (!p) return null;
  const t = trimPiece(text, p);
  return t.start < t.end ? { text: text.slice(t.start, t.end), range: range(line, t.start, t.end) } : null;
}

/**
 * A line that starts with a label (after `start`, the indentation): its notes (a line may hold
 * `牵头单位：A；配合单位：B`) and deadline, or a deadline line (`完成时限：…`); null otherwise.
 */
export function parseLineNotes(text: string, folded: string, line: number, start: number): NotesFound | null {
  const label = roleLabelAt(folded, start, folded.length);
  if (!label || label.start !== start) {
    const dl = deadlineLabelAt(folded, start);
    if (!dl || dl.start !== start || !dl.colon) return null;
    const value = trimPiece(text, { start: dl.valueStart, end: text.length });
    if (value.end - value.start > 40) return null;
    return { notes: [], deadline: deadlineOf(text, line, value) };
  }
  if (!label.colon) {
    const rest = text.slice(label.valueStart).trim();
    // A sentence that merely begins with the word, not a note.
    if (rest.length > 60 || NOT_A_UNIT_START.test(rest) || /[。！？]./.test(rest)) return null;
    // The word alone, or a table's header cell (`牵头责任单位 |`, a web table read as text): no note.
    if (rest.length === 0 || /^[|｜\t]/.test(rest)) return null;
  }
  const body = readBody(text, folded, start, text.length);
  return { notes: body.drafts.map((d) => toNote(text, folded, line, d, 'line')), deadline: deadlineOf(text, line, body.deadline) };
}

// Every bracket a note or a name may use: scanning jumps from one to the next (a loop over every
// character of long paragraphs doubled the parse of a seed). Quotes and 《》 are left out: notes
// are not quoted, and plans quote on nearly every line.
const ANY_BRACKET = /[（(【[［〔﹝）)】\]］〕﹞]/g;
const INNER_BRACKET = /[（(【[［〔﹝）)】\]］〕﹞]/g;
const NOTE_OPENER = /[（(【[［〔﹝]/;

/** Whether a line has a bracket a note could open with: no inline note stands in a line without one. */
export function mayHoldInlineNote(folded: string): boolean {
  return NOTE_OPENER.test(folded);
}

/** The bracket closing the one opened at `open`, or -1 when the line ends first. */
function closingBracket(text: string, open: number): number {
  const closers = NOTE_CLOSERS.get(text.charCodeAt(open));
  if (!closers) return -1;
  let depth = 0;
  INNER_BRACKET.lastIndex = open + 1;
  for (let m = INNER_BRACKET.exec(text); m; m = INNER_BRACKET.exec(text)) {
    const i = m.index;
    const c = text.charCodeAt(i);
    if (depth === 0 && closers.has(c)) return i;
    if (OPEN.has(c)) depth++;
    else if (depth === 0) return -1; // a stray closer of another kind: not this bracket's
    else depth--;
  }
  return -1;
}

/**
 * Notes in brackets anywhere in a line from `from`: a bracket whose first item is a label (also
 * when never closed: a note left open), or one whose items are all phrases and deadlines.
 */
export function findInlineNotes(text: string, folded: string, line: number, from: number, hints: NoteHints = noteHints(folded)): NotesFound {
  const notes: ResponsibilityNote[] = [];
  let deadline: NoteDeadline | null = null;
  const { labels, phrases } = hints;
  if (!phrases && !labels) return { notes, deadline };
  let verbs: number[] | null = null; // where the phrase verbs are, found when a bracket may be a phrase note
  let verb = 0; // the first verb after the bracket being looked at
  let depth = 0;
  ANY_BRACKET.lastIndex = from;
  for (let m = ANY_BRACKET.exec(text); m; m = ANY_BRACKET.exec(text)) {
    const i = m.index;
    const c = text.charCodeAt(i);
    if (!NOTE_CLOSERS.has(c)) {
      if (CLOSE.has(c)) depth = Math.max(0, depth - 1);
      else if (OPEN.has(c)) depth++;
      continue;
    }
    let k = i + 1;
    while (k < i + 3 && isSpace(folded.charCodeAt(k))) k++;
    const label = labels && LABEL_START.has(folded.charCodeAt(k)) ? roleLabelAt(folded, i + 1, text.length) : null;
    const labelled = label !== null && label.start - i - 1 <= 2;
    if (!labelled && (!phrases || depth > 0)) {
      depth++;
      continue;
    }
    const close = closingBracket(text, i);
    if (!labelled && close === -1) {
      depth++;
      continue;
    }
    const end = close === -1 ? text.length : close;
    verbs ??= phraseWordPositions(folded);
    while (verb < verbs.length && verbs[verb] <= i) verb++;
    if (!labelled && !(verb < verbs.length && verbs[verb] < end)) {
      depth++;
      continue;
    }
    const body = readBody(text, folded, i + 1, end);
    const isNote = labelled || (body.drafts.length > 0 && body.unread === 0 && body.drafts.every((d) => d.form === 'phrase' && unitsLookRight(text, folded, d)));
    if (!isNote) {
      depth++;
      continue;
    }
    const closeEnd = close === -1 ? text.length : close + 1;
    // The whole bracket belongs to every note in it: the first starts at the bracket, the last ends at its closer.
    const last = body.drafts.length - 1;
    body.drafts.forEach((d, k) => {
      notes.push(toNote(text, folded, line, d, 'inline', k === 0 ? i : -1, k === last ? closeEnd : -1, close === -1 ? 'unclosed' : d.problem));
    });
    deadline ??= deadlineOf(text, line, body.deadline);
    ANY_BRACKET.lastIndex = Math.max(i + 1, closeEnd);
  }
  return { notes, deadline };
}

/** A phrase item names units, not a sentence: `县政府统一负责` is prose. */
function unitsLookRight(text: string, folded: string, d: Draft): boolean {
  let count = 0;
  for (const s of d.segments) {
    for (const u of splitUnits(text, folded, 0, s.start, s.end)) {
      count++;
      const f = folded.slice(u.range.start.character, u.range.end.character);
      if (!looksLikeUnit(f)) return false;
    }
  }
  return count > 0;
}

function trimEnd(text: string, start: number, end: number): number {
  for (;;) {
    const c = text.charCodeAt(end - 1);
    if (end > start && (isSpace(c) || c === FULL_STOP || c === 0x2e || c === 0xff0c /* ， */ || c === 0x2c)) end--;
    else return end;
  }
}

const SOFT_SEPARATOR = codes('，,');
// Phrases that follow the last unit but are not part of its name.
const TRAILING_PHRASE = /(按照职责分工负责|按职责分工分别负责|按职责分工抓好落实|按职责分工负责|按职责分工落实|按职责负责|分别负责|负责落实|具体负责|共同负责|负责)$/;
// `区司法局等有关部门`, `A、B等省有关部门`: the unit before 等 is the one named.
const ET_CETERA = /等(?:省|市|县|区|州|盟|旗|自治区)?(?:直|级)?(?:有关|相关|其他|各)?(?:成员)?(?:单位|部门|机构|机关)$/;
const JI = 0x53ca; // 及
// 普及, 涉及, 波及, 危及: words, not a join of two units
const NOT_BEFORE_JI = codes('普涉波危顾');
const YI = 0x4ee5; // 以

/** Splits `A、B，C及D` into unit names with their ranges (added to `units`); brackets inside names are kept. */
export function splitUnits(text: string, folded: string, line: number, from: number, to: number, units: UnitRef[] = []): UnitRef[] {
  let depth = 0;
  let start = from;
  const push = (s: number, e: number) => {
    while (s < e && isSpace(text.charCodeAt(s))) s++;
    for (;;) {
      const c = text.charCodeAt(e - 1);
      if (e > s && (isSpace(c) || c === FULL_STOP || c === 0x2e)) e--;
      else break;
    }
    // cheap test first: every trailing phrase ends with 责, 实 or a group word
    const last = folded.charCodeAt(e - 1);
    if (last === 0x8d23 /* 责 */ || last === 0x5b9e /* 实 */) {
      const trailing = TRAILING_PHRASE.exec(folded.slice(s, e));
      if (trailing && trailing.index > 0) e = s + trailing.index;
    }
    // (searched within the name only: lastIndexOf over the line made long lists quadratic)
    const et = e - s > 2 ? folded.slice(s, e).lastIndexOf('等') : -1;
    if (et > 0) {
      const tail = ET_CETERA.exec(folded.slice(s + et, e));
      if (tail && tail.index === 0) e = s + et;
    }
    // `A、B等，C…`: a bare 等 closing the list is not part of the last name
    if (e - s > 2 && folded.charCodeAt(e - 1) === 0x7b49 /* 等 */) e--;
    if (e > s) units.push({ name: text.slice(s, e), range: range(line, s, e) });
  };
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    const k = CHAR_CLASS[c];
    if (k === C_OPEN) depth++;
    else if (k === C_CLOSE) depth = Math.max(0, depth - 1);
    else if (depth === 0 && (k === C_ENUM || (k === C_SEPARATOR && SOFT_SEPARATOR.has(c)))) {
      push(start, i);
      start = i + 1;
    } else if (depth === 0 && folded.charCodeAt(i) === JI && i - start >= 2 && to - i > 2 && !NOT_BEFORE_JI.has(folded.charCodeAt(i - 1))) {
      // `州委编办及州直相关单位`: two units (`以及` too)
      push(start, folded.charCodeAt(i - 1) === YI ? i - 1 : i);
      start = i + 1;
    }
  }
  push(start, to);
  return units;
}
