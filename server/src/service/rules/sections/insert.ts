import type { Range, TextEdit } from 'vscode-languageserver-types';
import type { Marker, MarkerRank, Plan, PlanFile, PlanNode } from '../../model/types';
import { walkNodes } from '../../model/walk';
import { damagedForm, defaultForm, formOf, markerBeforeTitle, type MarkerForm } from '../../model/numbering/forms';
import { schemeOf } from '../../model/numbering/scheme';

/**
 * Inserting a section (or a subsection) into a draft, numbered in the draft's own scheme — the
 * one the numbering rules learn (model/numbering): the marker form, its width, and how the level
 * counts (under each parent, through the plan as in seed 003, or within each part). What follows
 * the insertion is renumbered, markers only. The drafter's text is never touched.
 */

/** A run-in item under the inserted heading: `（二）主要原则。坚持……`. */
export interface NewItem {
  readonly title: string;
  readonly text: string;
}

export interface InsertRequest {
  /** Where: under this heading (null: the plan's top level), before its `index`-th child. */
  readonly parent: PlanNode | null;
  readonly index: number;
  readonly title: string;
  /** Written on the heading's own line after `title。` (a run-in subsection), instead of a heading line. */
  readonly runIn?: string;
  /** Paragraphs under the heading (standard opening wording). */
  readonly paragraphs: readonly string[];
  /** Numbered run-in items under the heading (总体要求's 指导思想 · 主要原则 · 总体目标). */
  readonly items: readonly NewItem[];
}

export interface InsertResult {
  readonly edits: TextEdit[];
  /** The inserted heading as written (`四、加强权利保护`), for the fix's title. */
  readonly label: string;
}

function siblingsOf(plan: Plan, parent: PlanNode | null): readonly PlanNode[] {
  return parent ? parent.children : plan.nodes;
}

function nodesOfRank(plan: Plan, rank: MarkerRank): PlanNode[] {
  const out: PlanNode[] = [];
  for (const node of walkNodes(plan.nodes)) if (node.rank === rank && node.marker) out.push(node);
  return out;
}

/** The rank of the items under headings of `rank` (1 → usually 2; 004's 二、 holds `28.` directly: 3). */
export function childRankOf(plan: Plan, rank: number): MarkerRank {
  if (rank === 0) return plan.nodes.find((n) => n.marker)?.rank ?? 1;
  const counts = new Map<MarkerRank, number>();
  for (const node of walkNodes(plan.nodes)) {
    if (node.rank !== rank) continue;
    for (const child of node.children) if (child.marker) counts.set(child.rank, (counts.get(child.rank) ?? 0) + 1);
  }
  let best: MarkerRank | null = null;
  for (const [r, n] of counts) if (best === null || n > counts.get(best)! || (n === counts.get(best)! && r < best)) best = r;
  return best ?? (Math.min(rank + 1, 5) as MarkerRank);
}

function isIntact(marker: Marker | null): marker is Marker {
  return marker !== null && marker.damage === null && marker.numeral !== 'none';
}

/** The plan writes `,` `:` `(` rather than `，` `：` `（` (seeds 000, 001, 002, 004). */
export function usesHalfWidth(file: PlanFile, plan: Plan): boolean {
  let full = 0;
  let half = 0;
  const last = Math.min(plan.lastLine, plan.firstLine + 400);
  for (let i = plan.firstLine; i <= last; i++) {
    const line = file.lines[i] ?? '';
    for (let j = 0; j < line.length && j < 2000; j++) {
      const c = line[j];
      if (c === '，' || c === '：' || c === '（') full++;
      else if (c === ',' || c === ':' || c === '(') half++;
    }
  }
  return half > full;
}

/**
 * The form a new item of the rank is written in: its neighbour's, else the form the plan's scheme
 * learned for the level, else the bracket its damaged markers kept (001's `)`), else GB/T 9704's
 * in the plan's width.
 */
export function formFor(file: PlanFile, plan: Plan, rank: MarkerRank, near: ReadonlyArray<PlanNode | undefined>, halfWidth: boolean): MarkerForm {
  for (const node of near) {
    const form = node && node.rank === rank && node.marker ? formOf(node.marker) : null;
    if (form) return form;
  }
  const level = schemeOf(file, plan).levels.get(rank);
  if (level && level.formCount > 0) return level.form;
  const damaged = nodesOfRank(plan, rank).find((n) => n.marker);
  if (damaged && (damaged.marker!.close === ')' || damaged.marker!.close === '）')) return damagedForm(damaged.marker!, rank);
  return defaultForm(rank, halfWidth);
}

/**
 * The items of the rank that count together with a new one under `parent` (or, with
 * `newParentRank`, under a new heading of that rank placed under `parent`), by the plan's scheme:
 * the parent's items when the level restarts under each parent, every item of the plan when it
 * counts through the plan (seed 003's （一）…（二十七）), or those under the same heading of the
 * rank it restarts at. Null: the new item starts its own count.
 */
export function countedWith(file: PlanFile, plan: Plan, rank: MarkerRank, parent: PlanNode | null, newParentRank?: number): PlanNode[] | null {
  const resetRank = schemeOf(file, plan).levels.get(rank)?.resetRank ?? rank - 1;
  if (newParentRank !== undefined && newParentRank <= resetRank) return null;
  const anchorOf = (node: PlanNode | null): PlanNode | null => {
    let n = node;
    while (n && n.rank > resetRank) n = n.parent;
    return n;
  };
  const anchor = anchorOf(parent);
  return nodesOfRank(plan, rank).filter((n) => anchorOf(n.parent) === anchor);
}

/** Renumbers markers to first, first+1, …; only markers that differ (or are damaged) are edited. */
export function renumber(nodes: readonly PlanNode[], first: number, fallback: MarkerForm): TextEdit[] {
  const edits: TextEdit[] = [];
  nodes.forEach((node, i) => {
    const marker = node.marker;
    if (!marker) return;
    const expected = first + i;
    if (marker.number === expected && isIntact(marker)) return;
    const form = formOf(marker) ?? fallback;
    // `1 标题`: the marker range holds the digits only; the spaces after it stay as written.
    edits.push({ range: marker.range, newText: markerBeforeTitle(form, expected).trimEnd() });
  });
  return edits;
}

const HALF_WIDTH: Record<string, string> = { '，': ',', '；': ';', '：': ':', '（': '(', '）': ')', '！': '!', '？': '?' };

function adaptPunctuation(text: string, halfWidth: boolean): string {
  return halfWidth ? text.replace(/[，；：（）！？]/g, (c) => HALF_WIDTH[c]) : text;
}

export function prefixOf(file: PlanFile, node: PlanNode | undefined): string {
  if (!node?.marker) return '';
  return (file.lines[node.marker.range.start.line] ?? '').slice(0, node.marker.range.start.character);
}

/** Closing Markdown emphasis after a standalone heading (`**（一）…**`). */
function suffixOf(file: PlanFile, node: PlanNode | undefined): string {
  if (!node) return '';
  const rest = (file.lines[node.titleRange.end.line] ?? '').slice(node.titleRange.end.character);
  return /^[*_]{2}\s*$/.test(rest) ? rest.trim() : '';
}

/** `（二）主要原则。坚持……`; in Markdown the bold the draft opens before the marker closes after the title. */
function runInLine(prefix: string, label: string, text: string): string {
  const bold = /(\*\*|__)$/.exec(prefix)?.[1];
  if (bold) return `${prefix}${label}。${bold}${text ? ` ${text}` : ''}`;
  return `${prefix}${label}。${text}`;
}

export function isBlank(file: PlanFile, line: number): boolean {
  return line >= 0 && line < file.lines.length && file.lines[line].trim() === '';
}

export function headingRange(node: PlanNode): Range {
  return { start: node.marker ? node.marker.range.start : node.titleRange.start, end: node.titleRange.end };
}

/**
 * The edits that insert the heading (and its opening wording and items) at the requested place,
 * numbered after what precedes it, with what follows renumbered.
 */
export function insertEdits(file: PlanFile, plan: Plan, request: InsertRequest): InsertResult {
  const halfWidth = usesHalfWidth(file, plan);
  const siblings = siblingsOf(plan, request.parent);
  const index = Math.max(0, Math.min(request.index, siblings.length));
  const prev = siblings[index - 1] as PlanNode | undefined;
  const next = siblings[index] as PlanNode | undefined;
  const rank: MarkerRank = (prev ?? next)?.rank ?? childRankOf(plan, request.parent?.rank ?? 0);
  /** Nodes that start on or after this line come after the inserted one. */
  const boundary = next
    ? next.range.start.line
    : (prev?.range.end.line ?? request.parent?.range.end.line ?? plan.lastLine) + 1;

  const edits: TextEdit[] = [];
  const form = formFor(file, plan, rank, [prev, next], halfWidth);
  const counted = countedWith(file, plan, rank, request.parent) ?? [];
  const before = counted.filter((n) => n.range.start.line < boundary);
  const number = (before[before.length - 1]?.marker?.number ?? before.length) + 1;
  edits.push(...renumber(counted.filter((n) => n.range.start.line >= boundary), number + 1, form));

  const reference = next ?? prev;
  const marker = markerBeforeTitle(form, number);
  const label = `${marker}${request.title}`;
  const lines: string[] = [];
  if (request.runIn !== undefined) {
    lines.push(runInLine(prefixOf(file, reference), label, adaptPunctuation(request.runIn, halfWidth)));
  } else {
    lines.push(`${prefixOf(file, reference)}${label}${suffixOf(file, reference)}`);
    for (const p of request.paragraphs) lines.push(adaptPunctuation(p, halfWidth));
  }

  if (request.items.length > 0 && childRankOf(plan, rank) <= rank) {
    // No level below the heading's (it is ①, the deepest): the items are run-in paragraphs without a marker.
    for (const item of request.items) lines.push(`${item.title}。${item.text ? adaptPunctuation(item.text, halfWidth) : ''}`);
  } else if (request.items.length > 0) {
    const itemRank = childRankOf(plan, rank);
    const itemForm = formFor(file, plan, itemRank, [], halfWidth);
    const itemReference = nodesOfRank(plan, itemRank).find((n) => isIntact(n.marker));
    let first = 1;
    const items = countedWith(file, plan, itemRank, request.parent, rank);
    if (items) {
      const before = items.filter((n) => n.range.start.line < boundary);
      first = (before[before.length - 1]?.marker?.number ?? before.length) + 1;
      edits.push(...renumber(items.filter((n) => n.range.start.line >= boundary), first + request.items.length, itemForm));
    }
    request.items.forEach((item, i) => {
      const text = item.text ? adaptPunctuation(item.text, halfWidth) : '';
      lines.push(runInLine(prefixOf(file, itemReference), `${markerBeforeTitle(itemForm, first + i)}${item.title}`, text));
    });
  }

  // Blank lines between parts where the draft has them (003, 002), none where it has none (000).
  const gap = reference ? isBlank(file, reference.range.start.line - 1) : false;
  const block = lines.join(gap ? '\n\n' : '\n');
  if (next) {
    let x = next.range.start.line - 1;
    // A `<!-- fangan-disable-next-line -->` stays right above the line it governs.
    while (x >= 0 && file.directives.some((d) => d.line === x)) x--;
    if (x < 0) {
      edits.push({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: `${block}\n${gap ? '\n' : ''}` });
    } else {
      const end = { line: x, character: file.lines[x].length };
      edits.push({ range: { start: end, end }, newText: `${gap && !isBlank(file, x) ? '\n' : ''}\n${block}${gap ? '\n' : ''}` });
    }
  } else {
    const x = Math.min(boundary - 1, file.lines.length - 1);
    const end = { line: x, character: file.lines[x].length };
    edits.push({ range: { start: end, end }, newText: `${gap ? '\n' : ''}\n${block}` });
  }
  return { edits, label };
}
