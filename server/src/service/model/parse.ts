import type { Range } from 'vscode-languageserver-types';
import { MAX_LINE_SCAN } from '../limits';
import { isIndentChar, looksTraditional, toSimplified } from '../text/chinese';
import {
  detectKind,
  detectLevel,
  isFooterLike,
  isPreambleLike,
  isTitleContinuation,
  isTitleLike,
} from './detect';
import { matchMarker, type RawMarker } from './markers';
import { ModelMarker, ModelNode } from './nodes';
import { deadlineLabelAt } from './deadlines';
import { findInlineNotes, mayHoldInlineNote, mayStartNote, noteHints, parseLineNotes, type NoteDeadline } from './notes';
import type { Directive, Marker, MarkerRank, Plan, PlanFile, PlanNode, ResponsibilityNote } from './types';

/**
 * Parses plan text into the model. One pass to classify lines, one over the plan boundaries,
 * one to build each plan's tree; all linear in the text. Never throws on any input.
 */

type LineKind = 'blank' | 'marker' | 'note' | 'deadline' | 'text';

interface LineInfo {
  kind: LineKind;
  /** Offset where the content starts: after indentation and Markdown heading/bold marks. */
  start: number;
  marker: RawMarker | null;
  /** Notes written as lines (`牵头单位：…`) or a bracketed note standing on its own line. */
  lineNotes: ResponsibilityNote[] | null;
  /** Inline notes inside a paragraph or a marker line. */
  inlineNotes: ResponsibilityNote[] | null;
  /** A deadline on the line: a `完成时限：…` line, or one inside its notes. */
  deadline: NoteDeadline | null;
}

const BLANK = (start: number): LineInfo => ({ kind: 'blank', start, marker: null, lineNotes: null, inlineNotes: null, deadline: null });

export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}


/** The first line ending of a text (CRLF, CR or LF), LF when it has none. */
function lineEnding(text: string): PlanFile['eol'] {
  const lf = text.indexOf('\n');
  const cr = text.indexOf('\r');
  if (cr === -1 || (lf !== -1 && lf < cr)) return '\n';
  return text[cr + 1] === '\n' ? '\r\n' : '\r';
}

export function parsePlanFile(text: string): PlanFile {
  const lines = splitLines(text);
  const folded = foldLines(lines, text);
  const directives: Directive[] = [];
  const infos = lines.map((line, i) => classifyLine(line, folded[i], i, directives));
  const spans = findPlanSpans(lines, folded, infos);
  const plans = spans.map((span) => buildPlan(lines, folded, infos, span));
  return { lineCount: lines.length, lines, eol: lineEnding(text), plans, wrapper: wrapperRanges(infos, spans), directives };
}

// `<!-- fangan-name: args -->`. Only the head is a pattern: one pattern for the whole line
// (`\s*:?\s*(.*?)\s*-->`) backtracked in the 4th degree (a 300-character line took seconds).
const DIRECTIVE_HEAD = /^<!--\s*(fangan(?:-[a-z-]+)?)/;

function parseDirective(line: string, start: number, index: number): Directive | null {
  if (!line.startsWith('<!--', start)) return null;
  const text = line.slice(start, start + 400).trimEnd();
  if (!text.endsWith('-->')) return null;
  const inner = text.slice(0, -3);
  const head = DIRECTIVE_HEAD.exec(inner);
  if (!head) return null;
  let body = inner.slice(head[0].length).trim();
  if (body.startsWith(':')) body = body.slice(1).trimStart();
  if (/[\u2028\u2029]/.test(body)) return null; // `.` of the old pattern stopped there
  return {
    line: index,
    name: head[1],
    args: body.split(/[\s,，、]+/).filter(Boolean),
    range: { start: { line: index, character: start }, end: { line: index, character: line.length } },
  };
}

function foldLines(lines: string[], text: string): string[] {
  if (!looksTraditional(text.slice(0, 6000))) return lines;
  return lines.map((line) => {
    const simplified = toSimplified(line);
    // Positions are read off the folded text, so it must keep every offset.
    return simplified.length === line.length ? simplified : line;
  });
}

/** Where a line's content starts: after indentation and Markdown heading/bold marks. */
export function contentStart(line: string): number {
  let i = 0;
  while (i < line.length && isIndentChar(line.charCodeAt(i))) i++;
  // Markdown: `## 一、总体要求`, `**（一）指导思想**`, `> 引文`
  if (line.charCodeAt(i) === 0x23 /* # */) {
    let j = i;
    while (j < line.length && line[j] === '#' && j - i < 6) j++;
    if (line[j] === ' ') {
      i = j;
      while (i < line.length && isIndentChar(line.charCodeAt(i))) i++;
    }
  }
  if (line.startsWith('**', i) || line.startsWith('__', i)) i += 2;
  return i;
}

function classifyLine(line: string, folded: string, index: number, directives: Directive[]): LineInfo {
  const start = contentStart(line);
  if (start >= line.length) return BLANK(start);
  const directive = parseDirective(line, start, index);
  if (directive) {
    directives.push(directive);
    return BLANK(start);
  }
  const scanned = line.length > MAX_LINE_SCAN ? line.slice(0, MAX_LINE_SCAN) : line;
  const scannedFolded = folded.length > MAX_LINE_SCAN ? folded.slice(0, MAX_LINE_SCAN) : folded;
  if (mayStartNote(scannedFolded, start) || deadlineLabelAt(scannedFolded, start) !== null) {
    const found = parseLineNotes(scanned, scannedFolded, index, start);
    if (found) {
      const kind = found.notes.length > 0 ? 'note' : 'deadline';
      return { kind, start, marker: null, lineNotes: found.notes, inlineNotes: null, deadline: found.deadline };
    }
  }
  const marker = matchMarker(scanned.slice(start, start + 64));
  const hints = mayHoldInlineNote(scannedFolded) ? noteHints(scannedFolded) : null;
  const inline = hints && (hints.labels || hints.phrases) ? findInlineNotes(scanned, scannedFolded, index, start, hints) : { notes: [], deadline: null };
  const inlineNotes = inline.notes.length ? inline.notes : null;
  if (marker) {
    return { kind: 'marker', start, marker, lineNotes: null, inlineNotes, deadline: inline.deadline };
  }
  // `（牵头单位：…）` standing on its own line is a note line, in inline notation.
  if (inline.notes.length > 0 && inline.notes[0].range.start.character === start) {
    return { kind: 'note', start, marker: null, lineNotes: inline.notes, inlineNotes: null, deadline: inline.deadline };
  }
  return { kind: 'text', start, marker: null, lineNotes: null, inlineNotes, deadline: inlineNotes ? inline.deadline : null };
}

interface PlanSpan {
  first: number;
  last: number;
  titleLines: number[];
  preambleLine: number | null;
}

/** The units that lead the plan's measures (牵头, or the first 责任 unit of a note without one). */
function leadUnitNames(nodes: readonly PlanNode[]): string[] {
  const out: string[] = [];
  const visit = (list: readonly PlanNode[]) => {
    for (const node of list) {
      for (const note of node.notes) {
        if (note.role === 'lead') for (const u of note.units) out.push(u.name);
        else if (note.role === 'responsible' && note.units.length > 0) out.push(note.units[0].name);
      }
      visit(node.children);
    }
  };
  visit(nodes);
  return out;
}

function countOf(text: string, char: string): number {
  let count = 0;
  for (let i = text.indexOf(char); i !== -1; i = text.indexOf(char, i + 1)) count++;
  return count;
}

function content(lines: string[], infos: LineInfo[], i: number): string {
  return lines[i].slice(infos[i].start);
}

/**
 * Where each plan starts and ends. A plan starts at its title (or, without one, its preamble,
 * or its first heading); a second plan in the same file starts at a title or preamble followed
 * by a restarted `一、`; portal footers end a plan.
 */
function findPlanSpans(lines: string[], folded: string[], infos: LineInfo[]): PlanSpan[] {
  const n = lines.length;
  /** A title's first line broken inside a 《》 (a PDF copy: `X区贯彻落实《关于…` / `…的意见》的实施方案`): its second line. */
  const brokenTitleEnd = (i: number): number => {
    if (infos[i].kind !== 'text') return -1;
    const first = content(folded, infos, i);
    if (first.length > 40 || countOf(first, '《') <= countOf(first, '》')) return -1;
    const j = nextNonBlank(i);
    return j < n && infos[j].kind === 'text' && isTitleLike(first.trim() + content(folded, infos, j).trim()) ? j : -1;
  };
  /**
   * The line continues a paragraph broken by a PDF copy: the text line before is a sentence in
   * progress (long, ending mid-sentence; a comma in it or in this line) — not a breadcrumb, a
   * header or a title.
   */
  const continuesParagraph = (i: number): boolean => {
    if (i === 0 || infos[i - 1].kind !== 'text') return false;
    const before = content(folded, infos, i - 1).trim();
    const sentence = before.includes('，') || content(folded, infos, i).includes('，');
    return before.length >= 20 && sentence && !/[。；;！？!?：:）)》”"]$/.test(before) && !/[>»|/]/.test(before) && !isTitleLike(before);
  };
  const titleLike = (i: number) =>
    infos[i].kind === 'text' && !continuesParagraph(i) && (isTitleLike(content(folded, infos, i)) || brokenTitleEnd(i) !== -1);
  const preambleLike = (i: number) => infos[i].kind === 'text' && isPreambleLike(content(folded, infos, i));
  const nextNonBlank = (i: number) => {
    let j = i + 1;
    while (j < n && infos[j].kind === 'blank') j++;
    return j;
  };
  /** Title lines starting at i: the title and its continuations, `（2021—2025年）` then `（征求意见稿）`. */
  const titleAt = (i: number): number[] => {
    const second = isTitleLike(content(folded, infos, i)) ? -1 : brokenTitleEnd(i);
    const out = second === -1 ? [i] : [i, second];
    for (let j = nextNonBlank(out[out.length - 1]); out.length < 3 && j < n && infos[j].kind === 'text' && isTitleContinuation(content(folded, infos, j)); j = nextNonBlank(j)) out.push(j);
    return out;
  };
  /** A line opens a plan when a preamble or a heading numbered 1 follows within a few lines. */
  const opensPlan = (i: number, lookahead: number, needRestart: boolean): boolean => {
    let j = i;
    for (let k = 0; k < lookahead; k++) {
      j = nextNonBlank(j);
      if (j >= n) return false;
      const info = infos[j];
      if (info.kind === 'marker') {
        return !needRestart || (info.marker!.rank === 1 && info.marker!.number === 1);
      }
      if (info.kind === 'note') return false;
      if (preambleLike(j)) return true;
    }
    return false;
  };

  const spans: PlanSpan[] = [];
  let current: PlanSpan | null = null;
  let currentHasMarkers = false;
  let pendingTitle: number[] | null = null;
  let pendingPreamble: number | null = null;
  let firstContent = -1;
  let afterFooter = false;

  const close = (endBefore: number) => {
    if (!current) return;
    let last = Math.min(endBefore - 1, n - 1);
    while (last > current.first && infos[last].kind === 'blank') last--;
    current.last = last;
    spans.push(current);
    current = null;
    currentHasMarkers = false;
  };

  for (let i = 0; i < n; i++) {
    const info = infos[i];
    if (info.kind === 'blank') continue;
    if (firstContent === -1) firstContent = i;

    if (current && currentHasMarkers) {
      if (info.kind === 'text' && isFooterLike(content(folded, infos, i))) {
        close(i);
        afterFooter = true;
        continue;
      }
      if (titleLike(i) && opensPlan(titleAt(i).at(-1)!, 6, true)) {
        close(i);
        const tl = titleAt(i);
        current = { first: i, last: i, titleLines: tl, preambleLine: null };
        i = tl.at(-1)!;
        continue;
      }
      if (preambleLike(i) && opensPlan(i, 3, true)) {
        close(i);
        current = { first: i, last: i, titleLines: [], preambleLine: i };
        continue;
      }
      if (info.kind === 'marker') currentHasMarkers = true;
      continue;
    }

    if (current) {
      // inside a plan, before its first heading
      if (info.kind === 'marker') currentHasMarkers = true;
      else if (current.preambleLine === null && preambleLike(i)) current.preambleLine = i;
      continue;
    }

    // outside any plan: wrapper text, looking for the start of the next plan
    if (info.kind === 'text') {
      if (titleLike(i)) {
        pendingTitle = titleAt(i);
        pendingPreamble = null;
        i = pendingTitle.at(-1)!;
        continue;
      }
      if (preambleLike(i)) pendingPreamble = i;
      continue;
    }
    if (info.kind === 'marker' || info.kind === 'note') {
      if (afterFooter && !(info.kind === 'marker' && (pendingTitle || pendingPreamble !== null))) continue;
      const first = pendingTitle ? pendingTitle[0] : pendingPreamble ?? (spans.length === 0 ? firstContent : i);
      current = {
        first,
        last: first,
        titleLines: pendingTitle ?? [],
        preambleLine: pendingTitle ? findPreamble(first, i) : pendingPreamble,
      };
      currentHasMarkers = info.kind === 'marker';
      pendingTitle = null;
      pendingPreamble = null;
    }
  }
  if (current) close(n);
  if (spans.length === 0 && firstContent !== -1) {
    // No headings at all: the whole text is one plan (a draft just begun).
    let last = n - 1;
    while (last > firstContent && infos[last].kind === 'blank') last--;
    const titleLine = titleLike(firstContent) ? titleAt(firstContent) : [];
    spans.push({ first: firstContent, last, titleLines: titleLine, preambleLine: null });
  }
  return spans;

  function findPreamble(from: number, to: number): number | null {
    for (let j = from; j < to; j++) if (infos[j].kind === 'text' && preambleLike(j)) return j;
    return null;
  }
}

function wrapperRanges(infos: LineInfo[], spans: PlanSpan[]): PlanFile['wrapper'] {
  const out: Array<{ firstLine: number; lastLine: number }> = [];
  let from = 0;
  const add = (a: number, b: number) => {
    while (a <= b && infos[a].kind === 'blank') a++;
    while (b >= a && infos[b].kind === 'blank') b--;
    if (a <= b) out.push({ firstLine: a, lastLine: b });
  };
  for (const s of spans) {
    add(from, s.first - 1);
    from = s.last + 1;
  }
  add(from, infos.length - 1);
  return out;
}

function lineRange(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

/**
 * What the rank of a damaged marker depends on, computed once per plan: inferring it line by line
 * rescanned the plan for every damaged marker (a pasted file of 100 000 `)` lines took minutes).
 */
interface DamagedRankTables {
  cnParen: number;
  arParen: number;
  /** Per line of the span: the next note or intact marker after it (-1: none). */
  nextStop: Int32Array;
  /** Per line: the last intact marker before it (-1: none). */
  prevIntact: Int32Array;
  /** Per line: the last intact bracketed marker (`（一）` or `（1）`) before it (-1: none). */
  prevBracket: Int32Array;
}

function damagedRankTables(infos: LineInfo[], span: PlanSpan): DamagedRankTables {
  const size = span.last - span.first + 1;
  const nextStop = new Int32Array(size).fill(-1);
  const prevIntact = new Int32Array(size).fill(-1);
  const prevBracket = new Int32Array(size).fill(-1);
  let cnParen = 0;
  let arParen = 0;
  let lastIntact = -1;
  let lastBracket = -1;
  for (let j = span.first; j <= span.last; j++) {
    prevIntact[j - span.first] = lastIntact;
    prevBracket[j - span.first] = lastBracket;
    const m = infos[j].marker;
    if (!m || m.damage) continue;
    lastIntact = j;
    if (m.rank === 2) cnParen++;
    else if (m.rank === 4 && m.open !== '') arParen++;
    if (m.rank === 2 || (m.rank === 4 && m.open !== '')) lastBracket = j;
  }
  let stop = -1;
  for (let j = span.last; j >= span.first; j--) {
    nextStop[j - span.first] = stop;
    const m = infos[j].marker;
    if (infos[j].kind === 'note' || (m && !m.damage)) stop = j;
  }
  return { cnParen, arParen, nextStop, prevIntact, prevBracket };
}

/** The rank of a damaged `)` / `()`: the bracket family the plan uses around it. */
function inferDamagedRank(infos: LineInfo[], span: PlanSpan, tables: DamagedRankTables, i: number): MarkerRank {
  if (tables.arParen === 0) return 2;
  if (tables.cnParen === 0) return 4;
  // Both are used: a damaged marker above a `1.`/`1 ` list is a topic `（一）`; one that carries
  // units (a note comes before the next marker) right after a topic or a measure is a measure `（1）`;
  // otherwise it takes the family of the nearest intact bracketed marker before it.
  const next = tables.nextStop[i - span.first];
  if (next !== -1) {
    if (infos[next].kind === 'note') {
      const before = tables.prevIntact[i - span.first];
      if (before !== -1 && infos[before].marker!.rank >= 3) return 4;
    } else {
      const rank = infos[next].marker!.rank;
      if (rank === 3 || rank === 1) return 2;
    }
  }
  const bracket = tables.prevBracket[i - span.first];
  return bracket !== -1 ? infos[bracket].marker!.rank : 2;
}

const SENTENCE_END = /[。；;！!？?]/;
const SENTENCE_END_CODES = new Set(['。', '；', ';', '！', '!', '？', '?'].map((c) => c.charCodeAt(0)));

function titleOf(text: string, from: number): { title: string; end: number } {
  let end = text.length;
  const limit = Math.min(text.length, from + 400);
  for (let i = from; i < limit; i++) {
    if (SENTENCE_END_CODES.has(text.charCodeAt(i))) {
      end = i;
      break;
    }
  }
  if (end === text.length && text.length - from > 400) end = from + 400;
  // Cut a long lead phrase at its first comma, then at 50 characters.
  if (end - from > 50) {
    const comma = text.slice(from, end).search(/[，,]/);
    end = comma > 0 ? from + comma : from + 50;
  }
  while (end > from && /[\s：:*（(]/.test(text[end - 1])) end--;
  return { title: text.slice(from, end), end };
}

function buildPlan(lines: string[], folded: string[], infos: LineInfo[], span: PlanSpan): Plan {
  const nodes: PlanNode[] = [];
  const stranded: ResponsibilityNote[] = [];
  const stack: PlanNode[] = [];
  let current: PlanNode | null = null;
  let pending: number[] = [];
  let seenMarker = false;
  let rankTables: DamagedRankTables | undefined;

  const newNode = (marker: Marker | null, rank: MarkerRank, line: number, textStart: number, parent: PlanNode | null): PlanNode => {
    const text = lines[line];
    const t = titleOf(text, textStart);
    const start = marker ? marker.range.start.character : textStart;
    const node = new ModelNode(marker, rank, parent ? parent.depth + 1 : 1, parent, t.title, line, start, textStart, t.end, text.length);
    (parent ? parent.children : nodes).push(node);
    return node;
  };

  /** Paragraphs after a noted measure that a note now closes: an unnumbered measure. */
  const openUnnumbered = (): PlanNode | null => {
    if (pending.length === 0 || !current) return null;
    const sibling: PlanNode = current;
    while (stack.length && stack[stack.length - 1].rank >= sibling.rank) stack.pop();
    const parent = stack.length ? stack[stack.length - 1] : null;
    const node = newNode(null, sibling.rank, pending[0], infos[pending[0]].start, parent);
    for (let k = 1; k < pending.length; k++) node.textLines.push(pending[k]);
    stack.push(node);
    pending = [];
    current = node;
    return node;
  };
  const flushPendingAsBody = () => {
    if (current) for (const l of pending) current.textLines.push(l);
    pending = [];
  };
  /**
   * The rank of the items under a title-only heading (`二、推进措施`) that has no text or items yet,
   * when the next marker is one of them; null otherwise.
   */
  const lostFirstRank = (node: PlanNode, line: number): MarkerRank | null => {
    if (!node.marker || node.notes.length > 0 || node.textLines.length !== 1 || node.children.length > 0) return null;
    const own = lines[node.textLines[0]];
    if (!/^[\s。：:*]*$/.test(own.slice(node.titleRange.end.character))) return null;
    for (let j = line + 1; j <= span.last; j++) {
      const m = infos[j].marker;
      if (infos[j].kind !== 'marker' || !m) continue;
      return !m.rankUncertain && m.rank > node.rank ? m.rank : null;
    }
    return null;
  };
  /** Lines that belong to a node without being its text or a note's: its `完成时限：` line. */
  const extraLines = new Map<PlanNode, number>();
  const takeDeadline = (node: PlanNode | null, info: LineInfo, line: number) => {
    if (!node || !info.deadline) return;
    node.deadline ??= info.deadline.text;
    extraLines.set(node, Math.max(line, extraLines.get(node) ?? line));
  };

  for (let i = span.first; i <= span.last; i++) {
    if (span.titleLines.includes(i)) continue;
    const info = infos[i];
    switch (info.kind) {
      case 'blank':
        break;
      case 'marker': {
        flushPendingAsBody();
        seenMarker = true;
        const raw = info.marker!;
        const rank = raw.rankUncertain ? inferDamagedRank(infos, span, (rankTables ??= damagedRankTables(infos, span)), i) : raw.rank;
        const start = info.start;
        const marker = new ModelMarker(raw.text, rank, raw.numeral, raw.open, raw.close, raw.number, raw.damage, raw.rankUncertain, i, start);
        while (stack.length && stack[stack.length - 1].rank >= rank) stack.pop();
        const parent = stack.length ? stack[stack.length - 1] : null;
        const node = newNode(marker, rank, i, start + raw.contentStart, parent);
        if (info.inlineNotes) node.notes.push(...info.inlineNotes);
        takeDeadline(node, info, i);
        stack.push(node);
        current = node;
        break;
      }
      case 'note': {
        if (!seenMarker) {
          stranded.push(...info.lineNotes!);
          break;
        }
        const target = openUnnumbered() ?? current;
        if (target) target.notes.push(...info.lineNotes!);
        else stranded.push(...info.lineNotes!);
        takeDeadline(target, info, i);
        break;
      }
      case 'deadline': {
        // `完成时限：…` on its own line: the measure above is due then; it is not a paragraph of it.
        if (seenMarker) takeDeadline(current, info, i);
        break;
      }
      case 'text': {
        if (!current) break; // title, preamble, front matter
        const lostRank = info.inlineNotes ? lostFirstRank(current, i) : null;
        if (lostRank !== null && pending.length === 0) {
          // `二、推进措施` / `完善…。（责任单位：…）` / `2.…`: the heading's first paragraph, closed by its
          // own note, is its first measure, which lost its number.
          const node = newNode(null, lostRank, i, info.start, current);
          node.notes.push(...info.inlineNotes!);
          takeDeadline(node, info, i);
          stack.push(node);
          current = node;
          break;
        }
        if (current.notes.length === 0 && pending.length === 0) {
          current.textLines.push(i);
          if (info.inlineNotes) current.notes.push(...info.inlineNotes);
          takeDeadline(current, info, i);
        } else {
          pending.push(i);
          if (info.inlineNotes) {
            const node = openUnnumbered()!;
            node.notes.push(...info.inlineNotes);
            takeDeadline(node, info, i);
          }
        }
        break;
      }
    }
  }
  flushPendingAsBody();
  for (const node of nodes) finish(node, lines, infos, extraLines);

  const titleText = span.titleLines.map((l) => content(lines, infos, l).trim()).join('');
  const titleFolded = span.titleLines.map((l) => content(folded, infos, l).trim()).join('');
  const title =
    span.titleLines.length > 0
      ? {
          text: titleText.replace(/^\*\*|\*\*$/g, ''),
          range: {
            start: { line: span.titleLines[0], character: infos[span.titleLines[0]].start },
            end: { line: span.titleLines.at(-1)!, character: lines[span.titleLines.at(-1)!].length },
          },
        }
      : null;
  const preambleText = span.preambleLine !== null ? content(lines, infos, span.preambleLine).trim() : null;
  const preambleFolded = span.preambleLine !== null ? content(folded, infos, span.preambleLine) : null;
  const sample = folded.slice(span.first, Math.min(span.last + 1, span.first + 400)).join('\n').slice(0, 40000);
  const levelInfo = detectLevel(title ? titleFolded : null, sample, leadUnitNames(nodes));
  return {
    title,
    kind: detectKind(title ? titleFolded : null, preambleFolded),
    level: levelInfo.level,
    region: levelInfo.region,
    levelPrefix: levelInfo.levelPrefix,
    preamble:
      span.preambleLine !== null && preambleText !== null
        ? { text: preambleText, range: lineRange(span.preambleLine, infos[span.preambleLine].start, lines[span.preambleLine].length) }
        : null,
    firstLine: span.first,
    lastLine: span.last,
    nodes,
    strandedNotes: stranded,
  };
}

/**
 * Settles kind (heading or measure), the roles of its notes and the full range of each node,
 * children first.
 */
function finish(node: PlanNode, lines: string[], infos: LineInfo[], extraLines: ReadonlyMap<PlanNode, number>): void {
  let endLine = Math.max(node.textLines[node.textLines.length - 1], extraLines.get(node) ?? 0);
  for (const note of node.notes) endLine = Math.max(endLine, note.range.end.line);
  for (const child of node.children) {
    finish(child, lines, infos, extraLines);
    endLine = Math.max(endLine, child.range.end.line);
  }
  // With a lead named (牵头单位, `X牵头`), the 责任单位 carry the task out alongside it.
  if (node.notes.some((n) => n.role === 'lead')) {
    node.notes.forEach((n, i) => {
      if (n.role === 'responsible') node.notes[i] = { ...n, role: 'support' };
    });
  }
  node.range = { start: node.range.start, end: { line: endLine, character: lines[endLine].length } };
  node.kind = isMeasure(node, lines, infos) ? 'measure' : 'heading';
}

function isMeasure(node: PlanNode, lines: string[], infos: LineInfo[]): boolean {
  if (node.children.length > 0) return false;
  if (node.notes.length > 0) return true;
  if (node.marker === null) return true;
  // A top-level part (一、总体要求) is a heading even when written as prose without items.
  if (node.depth === 1) return false;
  if (node.textLines.length > 1) return true;
  const line = node.textLines[0];
  const text = lines[line].slice(infos[line].start);
  return SENTENCE_END.test(text) || text.length > 40;
}
