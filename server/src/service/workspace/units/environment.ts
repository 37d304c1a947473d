import type { Plan, PlanNode } from '../../model/types';
import { BUILTIN_REGISTRY, type UnitRegistry } from './registry';

/**
 * What the lead-unit check and the unit editor features get from the rest of the service.
 *   - `noteRequirement`: overrides whether a section's measures carry notes (tests); by default
 *     the plan's template decides (sections/notesRequirementFor);
 *   - `similarMeasureLeads`: the lead units of the corpus measures most similar to a text (the
 *     corpus search, wired in languageService.ts); without it, suggestions come from this plan and
 *     the registry.
 */

/** Whether the measures under a node must name a lead unit. */
export type NoteRequirement = 'required' | 'optional' | 'never';

/**
 * `required`: every measure names a lead; `never`: no notes expected (总体要求);
 * `optional`: notes are expected only if the plan notes that section at all (组织保障).
 * Called for measures and for the headings above them.
 */
export type NoteRequirementOf = (plan: Plan, node: PlanNode) => NoteRequirement;

/** Lead units of the corpus measures most like `text`, most similar first, as those plans wrote them. */
export type SimilarMeasureLeads = (text: string) => string[][];

export interface UnitsEnvironment {
  readonly registry: UnitRegistry;
  readonly noteRequirement?: NoteRequirementOf;
  readonly similarMeasureLeads?: SimilarMeasureLeads;
}

export const BUILTIN_UNITS: UnitsEnvironment = { registry: BUILTIN_REGISTRY };
