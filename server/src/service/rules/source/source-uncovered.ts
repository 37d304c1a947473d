import type { Range } from 'vscode-languageserver-types';
import type { MissingMeasure } from '../../corpus/coverage';
import type { Localized } from '../../l10n';
import type { Plan, PlanNode } from '../../model/types';
import { BUILTIN_REGISTRY } from '../../workspace/units/registry';
import type { Rule } from '../types';
import { insertionSlot, sourceInsertion, type InsertionSlot } from './insert';

/**
 * source-uncovered: a measure of the plan above (上级方案) that the draft carries over nowhere —
 * no draft measure implements it, not even in part (corpus/align.ts). Reported at the draft
 * heading where it belongs (coverage.ts `placeOf`), naming the source's marker and its first
 * words; its fix inserts the measure there, adapted to the draft's level (./insert.ts). A partial
 * counterpart is no finding (the coverage view shows it). Not in fix-all: which measures a county
 * carries over is the drafter's choice.
 */

export const SOURCE_UNCOVERED = 'source-uncovered';

/** What identifies the finding: the source plan's file and the measure's line in it. */
export interface SourceUncoveredData {
  readonly plan: string;
  readonly line: number;
  readonly marker: string | null;
}

const FIRST_WORDS = 20;

/** The first words of a measure's text, for messages and titles. */
export function firstWords(text: string, max = FIRST_WORDS): string {
  const flat = text.replace(/\s+/g, '');
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

const SECTION_CHARS = 20;

/** The source measure's marker as written (`(19)`), or its section when it has none. */
export function sourceMarker(measure: { readonly marker: string | null; readonly section: string }): string {
  return measure.marker?.trim() || measure.section;
}

/** The source's section, shortened: `二(三)5 推进多层次多领域依法治理`. */
function sectionOf(measure: { readonly section: string }): string {
  return measure.section.length > SECTION_CHARS ? `${measure.section.slice(0, SECTION_CHARS)}…` : measure.section;
}

/** At the plan's top level: the node the new measure goes after (or before). */
function slotNeighbour(plan: Plan, slot: InsertionSlot): PlanNode | null {
  return plan.nodes[slot.index - 1] ?? plan.nodes[slot.index] ?? null;
}

function headingRangeOf(node: PlanNode): Range {
  return { start: node.marker ? node.marker.range.start : node.titleRange.start, end: node.titleRange.end };
}

function planRange(plan: Plan): Range {
  if (plan.title) return plan.title.range;
  return { start: { line: plan.firstLine, character: 0 }, end: { line: plan.firstLine, character: 0 } };
}

export const messages = {
  missing: (planName: string, missing: MissingMeasure): Localized => ({
    zh: `上级方案（${planName}）的措施 ${sourceMarker(missing)}“${firstWords(missing.text)}”在本方案中没有对应措施${missing.section ? `（上级方案：${sectionOf(missing)}）` : ''}`,
    en: `measure ${sourceMarker(missing)} of the plan above (${planName}), "${firstWords(missing.text)}", has no counterpart in this plan${missing.section ? ` (plan above: ${sectionOf(missing)})` : ''}`,
  }),
  insert: (missing: MissingMeasure): Localized => ({
    zh: `插入上级方案的措施 ${sourceMarker(missing)}“${firstWords(missing.text, 12)}”（按本级改写）`,
    en: `Insert measure ${sourceMarker(missing)} of the plan above, "${firstWords(missing.text, 12)}", adapted to this level`,
  }),
};

export const sourceUncovered: Rule = {
  meta: {
    code: SOURCE_UNCOVERED,
    defaultSeverity: 'information',
    title: { zh: '上级方案的措施在本方案中没有对应措施', en: 'A measure of the plan above has no counterpart in the draft' },
    fixable: true,
  },
  check(ctx, report) {
    const above = ctx.planAbove?.of(ctx.plan);
    if (!above) return;
    const registry = ctx.units?.registry ?? BUILTIN_REGISTRY;
    for (const coverage of above.coverages) {
      const { alignment } = coverage;
      const source = alignment.source.plan;
      for (const missing of coverage.missing) {
        // Reported on the heading it goes under (where its quick fix inserts it), else where the source order puts it.
        const slot = insertionSlot(ctx.plan, alignment, missing.measure, missing.placement);
        const at = slot ? (slot.parent ?? slotNeighbour(ctx.plan, slot)) : (missing.placement.section ?? missing.placement.anchor);
        const data: SourceUncoveredData = { plan: source.path, line: missing.measure.line, marker: missing.marker };
        report({
          code: SOURCE_UNCOVERED,
          range: at ? headingRangeOf(at) : planRange(ctx.plan),
          message: messages.missing(source.name, missing),
          data,
          fixes: () => {
            const insertion = sourceInsertion(ctx.file, ctx.plan, alignment, missing.measure, registry);
            return insertion ? [{ title: messages.insert(missing), edits: insertion.edits }] : [];
          },
        });
      }
    }
  },
};
