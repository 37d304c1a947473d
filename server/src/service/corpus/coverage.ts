import type { Position } from 'vscode-languageserver-types';
import type { Locale } from '../l10n';
import type { Marker, PlanNode, ResponsibilityNote } from '../model/types';
import { measuresOf } from '../model/walk';
import { toChineseNumeral } from '../text/chinese';
import { adaptToLevel } from './adapt';
import type { AlignedPair, Alignment, CoverageStatus, MeasureStatus } from './align';
import type { SourceMeasure } from './extract';
import { LEVEL_PLACEHOLDER, normalizeForMatch } from './normalize';

/**
 * What an alignment means to the drafter: per source, how many of its measures the draft carries
 * over (covered, partial) and which are missing — each with its marker as the source writes it
 * (`(31)`), its text and section, and where it belongs in the draft.
 *
 * API for the editor:
 *   `coverageOf(alignment)` → `SourceCoverage` (the coverage view and the status bar:
 *       `coverageSummary(coverage, locale)` is `已覆盖 82/94 项，部分覆盖 5 项，缺 7 项`);
 *   rule source-uncovered: one finding per `coverage.missing[i]`, at `placement.anchor` (the draft
 *       heading or measure it would follow); its quick fix inserts `insertionFor(alignment,
 *       missing.measure)` — `{position, text}`: the source wording adapted to the draft's level
 *       (全省 → 全县, 省司法厅 → 县司法局), with a marker in the draft's style (the next number; the
 *       numbering fix renumbers what follows) and the lead units in the draft's notation;
 *   rule source-lead-differs: `leadDifference(pair, draftPlan)` for each pair → null when the draft
 *       names the source's lead units (adapted to its level), else the expected and actual units.
 * Frame items under 总体要求 (指导思想, 主要原则, 总体目标) are aligned but not counted: a county
 * writes its own.
 */

export interface Placement {
  /** The draft heading aligned to the measure's source section, or null when no heading is. */
  readonly section: PlanNode | null;
  /** The draft measure it goes after (the last one implementing an earlier source measure), or null. */
  readonly after: PlanNode | null;
  /** Where a finding about it stands: `after`, else the heading, else the measure it goes before. */
  readonly anchor: PlanNode | null;
  /** Insert a new paragraph at the end of this line (0-based): `after`'s last line (notes included), or the heading's. */
  readonly line: number;
}

export interface MissingMeasure {
  readonly measure: SourceMeasure;
  /** The measure's marker as the source writes it (`(31)`), or null when it has none. */
  readonly marker: string | null;
  readonly text: string;
  /** Compact section in the source: `二(二)8 加强道德规范建设`. */
  readonly section: string;
  readonly placement: Placement;
}

export interface CoverageEntry {
  readonly measure: SourceMeasure;
  readonly status: CoverageStatus;
  readonly share: number;
  readonly draft: readonly PlanNode[];
}

export interface SourceCoverage {
  readonly alignment: Alignment;
  /** The source plan's title. */
  readonly plan: string;
  /** Measures to carry over (frame items left out). */
  readonly measures: number;
  readonly covered: number;
  readonly partial: number;
  /** measures = covered + partial + missing.length. */
  readonly missing: readonly MissingMeasure[];
  /** Every counted source measure in source order (the coverage view). */
  readonly entries: readonly CoverageEntry[];
}

export function coverageOf(alignment: Alignment): SourceCoverage {
  const counted = alignment.statuses.filter((st) => !st.framing);
  const missing = counted
    .filter((st) => st.status === 'missing')
    .map((st) => ({ measure: st.measure, marker: st.measure.marker, text: st.measure.text, section: st.measure.section, placement: placeOf(alignment, st) }));
  return {
    alignment,
    plan: alignment.source.plan.title,
    measures: counted.length,
    covered: counted.filter((st) => st.status === 'covered').length,
    partial: counted.filter((st) => st.status === 'partial').length,
    missing,
    entries: counted.map((st) => ({ measure: st.measure, status: st.status, share: st.share, draft: st.draft })),
  };
}

/** `已覆盖 82/94 项，部分覆盖 5 项，缺 7 项` / `covered 82/94, partial 5, missing 7`. */
export function coverageSummary(coverage: SourceCoverage, locale: Locale): string {
  const { covered, partial, measures, missing } = coverage;
  return locale === 'zh'
    ? `已覆盖 ${covered}/${measures} 项，部分覆盖 ${partial} 项，缺 ${missing.length} 项`
    : `covered ${covered}/${measures}, partial ${partial}, missing ${missing.length}`;
}

const sameSection = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** The first draft measure that implements a source measure. */
function draftOf(status: MeasureStatus): PlanNode | null {
  return status.draft[0] ?? null;
}

/**
 * Where a source measure belongs in the draft: under the draft heading aligned to its source
 * section, after the last draft measure there that implements an earlier source measure; without
 * such a heading, after the draft measure of the nearest earlier source measure (or before that of
 * the nearest later one).
 */
export function placeOf(alignment: Alignment, status: MeasureStatus): Placement {
  const { statuses } = alignment;
  const path = status.measure.sectionPath;
  const link = alignment.sections.find((l) => l.draft !== null && sameSection(l.sourcePath, path));
  const orderOf = (node: PlanNode): number => {
    // The earliest source measure the draft measure implements.
    const pairs = alignment.pairsOf(node);
    let best = Infinity;
    for (const p of pairs) best = Math.min(best, alignment.statusOf(p.source)?.index ?? Infinity);
    return best;
  };
  if (link && link.draft) {
    const heading = link.draft;
    const mates = heading.children.filter((c) => c.kind === 'measure');
    let after: PlanNode | null = null;
    for (const m of mates) if (orderOf(m) < status.index) after = m;
    const line = after ? after.range.end.line : Math.max(...heading.textLines);
    return { section: heading, after, anchor: after ?? heading, line };
  }
  for (let i = status.index - 1; i >= 0; i--) {
    const node = draftOf(statuses[i]);
    if (node) return { section: node.parent, after: node, anchor: node, line: node.range.end.line };
  }
  for (let i = status.index + 1; i < statuses.length; i++) {
    const node = draftOf(statuses[i]);
    if (node) {
      // Before it: after whatever precedes it in the draft.
      const all = measuresOf(alignment.draft.plan);
      const at = all.indexOf(node);
      const previous = at > 0 ? all[at - 1] : null;
      const line = previous ? previous.range.end.line : Math.max(node.parent ? Math.max(...node.parent.textLines) : alignment.draft.plan.firstLine, node.range.start.line - 1);
      return { section: node.parent, after: previous, anchor: node, line };
    }
  }
  const lastLine = alignment.draft.plan.lastLine;
  return { section: null, after: null, anchor: null, line: lastLine };
}

function circled(n: number): string | null {
  if (n >= 1 && n <= 20) return String.fromCharCode(0x2460 + n - 1);
  return null;
}

/** A marker like `model` (same brackets, numeral and closing) carrying `n`. */
export function markerLike(model: Marker, n: number): string {
  const numeral = model.numeral === 'cn' ? toChineseNumeral(n) : model.numeral === 'circled' ? (circled(n) ?? String(n)) : String(n);
  // A damaged model (`(一` without its closing) still gives a whole marker.
  const close = model.close || (model.open === '（' ? '）' : model.open === '(' ? ')' : '');
  return `${model.open}${numeral}${close}`;
}

export interface DraftNotation {
  readonly notation: 'line' | 'inline' | 'none';
  readonly colon: string;
  readonly supportLabel: string;
}

/** How the draft writes its responsibility notes (the first noted measure decides). */
export function notationOf(alignment: Alignment): DraftNotation {
  const { file, plan } = alignment.draft;
  let support = '配合单位';
  let first: ResponsibilityNote | undefined;
  for (const m of measuresOf(plan)) {
    for (const note of m.notes) {
      first ??= note;
      if (note.role === 'support') {
        support = note.label;
        break;
      }
    }
    if (first && support !== '配合单位') break;
  }
  if (!first) return { notation: 'none', colon: '：', supportLabel: support };
  const line = file.lines[first.labelRange.end.line] ?? '';
  const colon = line[first.labelRange.end.character] === ':' ? ':' : '：';
  return { notation: first.notation, colon, supportLabel: support };
}

/** Whether the draft separates paragraphs with blank lines (most of its measures are followed by one). */
function blankLinesBetween(alignment: Alignment): boolean {
  const { file, plan } = alignment.draft;
  let blank = 0;
  let total = 0;
  for (const m of measuresOf(plan)) {
    const next = m.textLines[0] + 1;
    if (next >= file.lines.length) continue;
    total++;
    if ((file.lines[next] ?? '').trim() === '') blank++;
  }
  return total > 0 && blank * 2 >= total;
}

/** A source measure's units adapted to the draft's level: 省委宣传部 → 县委宣传部. */
function adaptedUnits(units: readonly string[], alignment: Alignment): string[] {
  const plan = alignment.draft.plan;
  return units.map((u) => adaptToLevel(u, alignment.source.plan, { levelPrefix: plan.levelPrefix, region: plan.region }));
}

export interface Insertion {
  /** Insert `text` here (the end of `placement.line`). */
  readonly position: Position;
  readonly text: string;
  readonly placement: Placement;
}

/**
 * The edit that inserts a missing source measure where it belongs: a new paragraph after
 * `placement.line`, never touching the drafter's own text.
 */
export function insertionFor(alignment: Alignment, measure: SourceMeasure): Insertion | null {
  const status = alignment.statusOf(measure);
  if (!status) return null;
  const placement = placeOf(alignment, status);
  const { file, plan } = alignment.draft;
  const level = { levelPrefix: plan.levelPrefix, region: plan.region };
  const wording = adaptToLevel(measure.text.replace(/\n/g, ''), alignment.source.plan, level);
  // The marker: like the neighbour's, with the next number.
  const neighbour = placement.after ?? (placement.section?.children.find((c) => c.kind === 'measure') ?? measuresOf(plan)[0]);
  let marker = '';
  if (neighbour?.marker && neighbour.marker.number !== null) {
    const n = placement.after ? neighbour.marker.number + 1 : neighbour.marker.number;
    marker = markerLike(neighbour.marker, n);
  }
  const notation = notationOf(alignment);
  const lead = adaptedUnits(measure.lead, alignment);
  const support = adaptedUnits(measure.support, alignment);
  const gap = blankLinesBetween(alignment) ? '\n\n' : '\n';
  let text = `${gap}${marker}${wording}`;
  if (notation.notation === 'inline' && lead.length > 0) {
    const parts = [`牵头单位${notation.colon}${lead.join('、')}`];
    if (support.length > 0) parts.push(`${notation.supportLabel}${notation.colon}${support.join('、')}`);
    text += `（${parts.join('；')}）`;
  } else if (notation.notation === 'line' && lead.length > 0) {
    text += `${gap}牵头单位${notation.colon}${lead.join('、')}`;
    if (support.length > 0) text += `${gap}${notation.supportLabel}${notation.colon}${support.join('、')}`;
  }
  const line = Math.min(placement.line, file.lines.length - 1);
  return { position: { line, character: (file.lines[line] ?? '').length }, text, placement };
}

export interface LeadDifference {
  /** The source's lead units adapted to the draft's level. */
  readonly expected: readonly string[];
  /** The draft measure's lead units (牵头单位, or 责任单位) as written. */
  readonly actual: readonly string[];
  /** Expected units the draft does not name. */
  readonly missing: readonly string[];
}

/** A unit's comparison form: level folded, the level word at the start dropped (县司法局 = 司法局). */
function unitKey(name: string): string {
  const norm = normalizeForMatch(name);
  return norm.startsWith(LEVEL_PLACEHOLDER) ? norm.slice(1) : norm;
}

/**
 * Whether a pair's draft measure names the source measure's lead units (adapted to the draft's
 * level; abbreviations such as 司法局 for 县司法局 count). Null when it does, or when either side
 * names no lead (an unassigned measure is lead-unit-missing's finding, not this one).
 */
export function leadDifference(pair: AlignedPair, alignment: Alignment): LeadDifference | null {
  if (pair.source.lead.length === 0) return null;
  const actual = pair.draft.notes.filter((n) => n.role !== 'support').flatMap((n) => n.units.map((u) => u.name));
  if (actual.length === 0) return null;
  const expected = adaptedUnits(pair.source.lead, alignment);
  const have = new Set(actual.map(unitKey));
  const missing = expected.filter((u) => !have.has(unitKey(u)));
  if (missing.length === 0) return null;
  return { expected, actual, missing };
}
