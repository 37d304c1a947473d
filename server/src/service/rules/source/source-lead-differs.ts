import type { TextEdit } from 'vscode-languageserver-types';
import type { AlignedPair, Alignment } from '../../corpus/align';
import type { SourceMeasure } from '../../corpus/extract';
import type { Localized } from '../../l10n';
import type { PlanNode, ResponsibilityNote } from '../../model/types';
import { BUILTIN_REGISTRY, scopeOf, type PlanScope, type UnitRegistry } from '../../workspace/units/registry';
import type { Fix, Rule } from '../types';
import { adaptedUnit } from './insert';
import { firstWords, sourceMarker } from './source-uncovered';

/**
 * source-lead-differs: the draft names a lead unit for a measure whose counterpart in the plan
 * above names another KIND of unit — the source's 省司法厅 and the draft's 县教育局 — where the
 * same unit at the draft's level (省司法厅 → 县司法局) is no finding, nor a lead that is one of
 * several the source names. Kinds are the unit registry's (workspace/units): one stem for every
 * level's form (司法厅 / 司法局, {C}宣传部), the office's own units by their entry, other names
 * by what follows their level word (厅 read as 局). A measure that names no lead is
 * lead-unit-missing's finding; groups (各乡镇) are no kind. The fixes give the source's unit at
 * the draft's level: in place of the draft's only lead, or added before its leads — never
 * removing the drafter's other units.
 */

export const SOURCE_LEAD_DIFFERS = 'source-lead-differs';

export interface SourceLeadDiffersData {
  readonly plan: string;
  /** The line of the draft measure's best source measure in its file. */
  readonly line: number;
  /** The source's lead units at the draft's level. */
  readonly expected: readonly string[];
}

/** A unit's kind: one key for 省司法厅, 市司法局, 县司法局 and 司法局; null for a group or a name it cannot read. */
export function unitKind(name: string, scope: PlanScope, registry: UnitRegistry): string | null {
  const id = registry.identify(name, scope);
  // A group leads nothing of its own; a damaged or unreadable name (委宣传部) is lead-unit-unknown's.
  if (id.status === 'collective' || id.status === 'unknown') return null;
  if (id.stem) return `stem:${id.stem.id}`;
  if (id.workspace) return `office:${id.key}`;
  const rest = id.rest.trim();
  if (!rest) return null;
  return `name:${rest.endsWith('厅') ? `${rest.slice(0, -1)}局` : rest}`;
}

/** The notes that name the measure's lead: 牵头单位, or 责任单位 where the plan does not split. */
const leadNotes = (node: PlanNode): ResponsibilityNote[] => node.notes.filter((n) => n.role !== 'support' && n.units.length > 0);

export const messages = {
  differs: (planName: string, measure: SourceMeasure, source: readonly string[], expected: readonly string[], actual: readonly string[]): Localized => ({
    zh: `上级方案（${planName}）的措施 ${sourceMarker(measure)}“${firstWords(measure.text, 12)}”由${source.join('、')}牵头（本级为${expected.join('、')}），本方案写的牵头单位是${actual.join('、')}`,
    en: `measure ${sourceMarker(measure)} of the plan above (${planName}), "${firstWords(measure.text, 12)}", is led by ${source.join(', ')} (at this level ${expected.join(', ')}); this plan names ${actual.join(', ')} as the lead`,
  }),
  replace: (unit: string, by: string): Localized => ({ zh: `将牵头单位“${unit}”改为“${by}”（同上级方案）`, en: `Replace the lead "${unit}" with "${by}" (as the plan above)` }),
  add: (unit: string): Localized => ({ zh: `加上牵头单位“${unit}”（同上级方案）`, en: `Add "${unit}" as a lead (as the plan above)` }),
};

function fixesFor(notes: readonly ResponsibilityNote[], expected: readonly string[]): Fix[] {
  const fixes: Fix[] = [];
  const units = notes.flatMap((n) => n.units);
  const unit = expected.join('、');
  if (units.length === 1) fixes.push({ title: messages.replace(units[0].name, unit), edits: [{ range: units[0].range, newText: unit }] });
  const first = units[0];
  const add: TextEdit = { range: { start: first.range.start, end: first.range.start }, newText: `${unit}、` };
  fixes.push({ title: messages.add(unit), edits: [add] });
  return fixes;
}

function check(alignment: Alignment, registry: UnitRegistry, report: Parameters<Rule['check']>[1]): void {
  const draftScope = scopeOf(alignment.draft.plan);
  const source = alignment.source.plan;
  const sourceScope: PlanScope = { level: source.level, prefix: source.levelPrefix, region: source.region };
  const byNode = new Map<PlanNode, AlignedPair[]>();
  for (const pair of alignment.pairs) {
    const list = byNode.get(pair.draft);
    if (list) list.push(pair);
    else byNode.set(pair.draft, [pair]);
  }
  for (const [node, pairs] of byNode) {
    const notes = leadNotes(node);
    if (notes.length === 0) continue;
    const draftKinds = new Set(notes.flatMap((n) => n.units.map((u) => unitKind(u.name, draftScope, registry))).filter((k): k is string => k !== null));
    // The best source that names a lead decides what is expected; every source's leads count as agreeing.
    const led = pairs.filter((p) => p.source.lead.length > 0).sort((a, b) => b.score - a.score);
    if (led.length === 0 || draftKinds.size === 0) continue;
    const sourceKinds = new Set(led.flatMap((p) => p.source.lead.map((u) => unitKind(u, sourceScope, registry))).filter((k): k is string => k !== null));
    if (sourceKinds.size === 0 || [...draftKinds].some((k) => sourceKinds.has(k))) continue;
    const best = led[0].source;
    const sourceUnits = best.lead.filter((u) => unitKind(u, sourceScope, registry) !== null);
    if (sourceUnits.length === 0) continue;
    const expected = [...new Set(sourceUnits.map((u) => adaptedUnit(u, alignment, registry)))];
    const actual = notes.flatMap((n) => n.units.map((u) => u.name));
    const data: SourceLeadDiffersData = { plan: source.path, line: best.line, expected };
    report({
      code: SOURCE_LEAD_DIFFERS,
      range: { start: notes[0].units[0].range.start, end: notes[0].units[notes[0].units.length - 1].range.end },
      message: messages.differs(source.name, best, sourceUnits, expected, actual),
      data,
      fixes: () => fixesFor(notes, expected),
    });
  }
}

export const sourceLeadDiffers: Rule = {
  meta: {
    code: SOURCE_LEAD_DIFFERS,
    defaultSeverity: 'information',
    title: { zh: '牵头单位与上级方案对应措施的牵头单位不是同一类单位', en: 'The lead unit is of another kind than the plan above names for the measure' },
    fixable: true,
  },
  check(ctx, report) {
    const above = ctx.planAbove?.of(ctx.plan);
    if (!above) return;
    const registry = ctx.units?.registry ?? BUILTIN_REGISTRY;
    for (const alignment of above.alignments) check(alignment, registry, report);
  },
};
