import type { TextEdit } from 'vscode-languageserver-types';
import { isFrameNode, type Alignment } from '../../corpus/align';
import { adaptToLevel } from '../../corpus/adapt';
import { notationOf, placeOf, type Placement } from '../../corpus/coverage';
import type { SourceMeasure } from '../../corpus/extract';
import { markerBeforeTitle, writableMarker } from '../../model/numbering/forms';
import { parsePlanFile } from '../../model/parse';
import type { MarkerRank, Plan, PlanFile, PlanNode } from '../../model/types';
import { walkNodes } from '../../model/walk';
import { applyEdits } from '../../text/edits';
import { normalizeHeading } from '../../workspace/templates/match';
import { scopeOf, type UnitRegistry } from '../../workspace/units/registry';
import { childRankOf, countedWith, formFor, isBlank, prefixOf, renumber, usesHalfWidth } from '../sections/insert';

/**
 * The edit that carries a missing measure of the plan above into the draft (the quick fix of
 * source-uncovered and the coverage view's insert action): where the source order puts it
 * (coverage.ts `placeOf`: after the draft measure of the source measure before it, under the draft
 * heading aligned to its source section), with the source wording adapted to the draft's level
 * (全省 → 全县, 省委宣传部 → 县委宣传部), the marker the draft's numbering scheme gives that place
 * (model/numbering: its form, its width, restart or continuous counting; the markers after it
 * renumbered), and the source's lead and supporting units, adapted, in the draft's notation. The
 * drafter's text is never touched. The result is read back: the new paragraph must parse as a
 * measure with the number meant, or no edit is offered.
 */

export interface SourceInsertion {
  readonly edits: TextEdit[];
  /** The new measure's first line as written (marker and the start of its wording), for titles. */
  readonly label: string;
  /** 0-based line of the new measure once the edits are made. */
  readonly line: number;
}

/** A source unit named at the draft's level: the registry's form (省司法厅 → 县司法局), else the mechanical change. */
export function adaptedUnit(name: string, alignment: Alignment, registry: UnitRegistry): string {
  const plan = alignment.draft.plan;
  if (plan.level) {
    const known = registry.adapt(name, scopeOf(plan));
    if (known) return known;
  }
  return adaptToLevel(name, alignment.source.plan, { levelPrefix: plan.levelPrefix, region: plan.region });
}

export interface InsertionSlot {
  /** The heading the new measure goes under (null: the plan's top level)… */
  readonly parent: PlanNode | null;
  /** …before this child of it. */
  readonly index: number;
}

/** The plan's frame (总体要求 and what is under it): each place writes its own, no task measure goes there. */
function inFrame(node: PlanNode): boolean {
  for (let n: PlanNode | null = node; n; n = n.parent) if (normalizeHeading(n.title).includes('总体要求')) return true;
  return node.children.some((c) => c.kind === 'measure' && isFrameNode(c));
}

/**
 * Where a missing source measure goes: under the draft heading aligned to its source section, after
 * the draft measure of the source measure before it (coverage.ts `placeOf`); where that heading
 * holds only headings, or is the plan's frame, next to the draft measure of the nearest source
 * measure before it (else after it), as the source order implies.
 */
export function insertionSlot(plan: Plan, alignment: Alignment, measure: SourceMeasure, placement?: Placement): InsertionSlot | null {
  const status = alignment.statusOf(measure);
  if (!status) return null;
  const place = placement ?? placeOf(alignment, status);
  const parent = place.section;
  if (!parent || !inFrame(parent)) {
    const siblings = parent ? parent.children : plan.nodes;
    if (place.after && siblings.includes(place.after)) return { parent, index: siblings.indexOf(place.after) + 1 };
    if (place.anchor && siblings.includes(place.anchor)) return { parent, index: siblings.indexOf(place.anchor) };
    const first = siblings.findIndex((n) => n.kind === 'measure');
    // The heading holds measures (or nothing): the new one goes before its first measure.
    if (parent && (first >= 0 || !siblings.some((n) => n.kind === 'heading'))) return { parent, index: first === -1 ? siblings.length : first };
  }
  const { statuses } = alignment;
  const usable = (node: PlanNode | undefined): node is PlanNode => !!node && !(node.parent && inFrame(node.parent));
  for (let i = status.index - 1; i >= 0; i--) {
    const node = statuses[i].draft[statuses[i].draft.length - 1];
    if (usable(node)) return { parent: node.parent, index: (node.parent ? node.parent.children : plan.nodes).indexOf(node) + 1 };
  }
  for (let i = status.index + 1; i < statuses.length; i++) {
    const node = statuses[i].draft[0];
    if (usable(node)) return { parent: node.parent, index: (node.parent ? node.parent.children : plan.nodes).indexOf(node) };
  }
  return null;
}

const nearestMeasure = (siblings: readonly PlanNode[], index: number): PlanNode | undefined => {
  for (let d = 0; d < siblings.length; d++) {
    const before = siblings[index - 1 - d];
    if (before?.kind === 'measure') return before;
    const after = siblings[index + d];
    if (after?.kind === 'measure') return after;
  }
  return undefined;
};

export function sourceInsertion(file: PlanFile, plan: Plan, alignment: Alignment, measure: SourceMeasure, registry: UnitRegistry): SourceInsertion | null {
  const slot = insertionSlot(plan, alignment, measure);
  if (!slot) return null;
  const { parent, index } = slot;
  const siblings = parent ? parent.children : plan.nodes;
  const prev = siblings[index - 1] as PlanNode | undefined;
  const next = siblings[index] as PlanNode | undefined;
  const mate = nearestMeasure(siblings, index);
  const rank: MarkerRank = mate?.rank ?? childRankOf(plan, parent?.rank ?? 0);
  /** Nodes that start on or after this line come after the new one. */
  const boundary = next ? next.range.start.line : (prev?.range.end.line ?? parent?.range.end.line ?? plan.lastLine) + 1;
  const wording = adaptToLevel(measure.text.replace(/\n/g, ''), alignment.source.plan, { levelPrefix: plan.levelPrefix, region: plan.region });

  // Numbered like its mates; a heading whose measures are all unnumbered gets an unnumbered one.
  const mates = siblings.filter((n) => n.kind === 'measure');
  const numbered = mates.length === 0 || mates.some((n) => n.marker !== null);
  const edits: TextEdit[] = [];
  let marker = '';
  let number: number | null = null;
  if (numbered) {
    const form = formFor(file, plan, rank, [mate, prev, next], usesHalfWidth(file, plan));
    const counted = countedWith(file, plan, rank, parent) ?? [];
    const before = counted.filter((n) => n.range.start.line < boundary);
    number = (before[before.length - 1]?.marker?.number ?? before.length) + 1;
    edits.push(...renumber(counted.filter((n) => n.range.start.line >= boundary), number + 1, form));
    const written = writableMarker(markerBeforeTitle(form, number), wording, rank, number);
    if (written === null) return null;
    marker = written;
  }

  // The units in the draft's notation (its colon, its word for supporting units, lines or inline).
  const notation = notationOf(alignment);
  const lead = measure.lead.map((u) => adaptedUnit(u, alignment, registry));
  const support = measure.support.map((u) => adaptedUnit(u, alignment, registry));
  const noteLines: string[] = [];
  let inline = '';
  if (lead.length > 0 && notation.notation === 'inline') {
    const parts = [`牵头单位${notation.colon}${lead.join('、')}`];
    if (support.length > 0) parts.push(`${notation.supportLabel}${notation.colon}${support.join('、')}`);
    inline = `（${parts.join('；')}）`;
  } else if (lead.length > 0 && notation.notation === 'line') {
    noteLines.push(`牵头单位${notation.colon}${lead.join('、')}`);
    if (support.length > 0) noteLines.push(`${notation.supportLabel}${notation.colon}${support.join('、')}`);
  }

  const reference = mate ?? next ?? prev;
  const first = `${prefixOf(file, reference)}${marker}${wording}${inline}`;
  // Blank lines between paragraphs where the draft has them.
  const gap = reference ? isBlank(file, reference.range.start.line - 1) : false;
  const block = [first, ...noteLines].join(gap ? '\n\n' : '\n');
  let at: number;
  let newText: string;
  if (next) {
    at = next.range.start.line - 1;
    // A `<!-- fangan-disable-next-line -->` stays right above the line it governs.
    while (at >= 0 && file.directives.some((d) => d.line === at)) at--;
    if (at < 0) return null;
    newText = `${gap && !isBlank(file, at) ? '\n' : ''}\n${block}${gap ? '\n' : ''}`;
  } else {
    at = Math.min(boundary - 1, file.lines.length - 1);
    newText = `${gap ? '\n' : ''}\n${block}`;
  }
  const end = { line: at, character: (file.lines[at] ?? '').length };
  edits.push({ range: { start: end, end }, newText });
  const line = at + (newText.length - newText.replace(/^\n+/, '').length);

  // Read back: the new paragraph is a measure of this plan, numbered as meant.
  const after = parsePlanFile(applyEdits(file.lines.join('\n'), edits));
  const node = [...after.plans.flatMap((p) => [...walkNodes(p.nodes)])].find((n) => n.range.start.line === line);
  if (!node || node.kind !== 'measure' || (number !== null && node.marker?.number !== number)) return null;
  return { edits, label: `${marker}${wording.length > 24 ? `${wording.slice(0, 24)}…` : wording}`, line };
}
