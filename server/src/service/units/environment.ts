import type { Plan, PlanNode } from '../model/types';
import { toSimplified } from '../text/chinese';
import { BUILTIN_REGISTRY, type UnitRegistry } from './registry';

/**
 * What the lead-unit check and the unit editor features get from the rest of the service.
 * Two seams are filled by modules built elsewhere and wired in languageService.ts:
 *   - `noteRequirement`: whether a section's template says its measures carry notes (the
 *     template module); without it, `builtinNoteRequirement` recognises sections by name;
 *   - `similarMeasureLeads`: the lead units of the corpus measures most similar to a text (the
 *     corpus search); without it, suggestions come from this plan and the registry.
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

// 总体要求 and its items never carry units; 组织保障 / 组织实施 sometimes do (seed 002 does, 001 and 003 do not).
const NEVER_SECTION = /总体要求|指导思想|(主要|基本|工作)原则|(总体|主要|工作|发展)目标/;
const NEVER_ITEM = /^(指导思想|(主要|基本|工作)原则|(总体|主要|工作|发展)目标)/;
const OPTIONAL_SECTION = /组织保障|组织实施|保障措施|组织领导和|实施保障/;

const simplified = new Map<string, string>();
function titleOf(node: PlanNode): string {
  let t = simplified.get(node.title);
  if (t === undefined) {
    t = toSimplified(node.title);
    if (simplified.size > 5000) simplified.clear();
    simplified.set(node.title, t);
  }
  return t;
}

// Per node (a node object lives as long as its document version): each heading is judged once.
const requirements = new WeakMap<PlanNode, NoteRequirement>();

/** The built-in fallback: recognises 总体要求 and 组织保障 headings by their names (Traditional folded). */
export const builtinNoteRequirement: NoteRequirementOf = (plan, node) => {
  let r = requirements.get(node);
  if (r) return r;
  const title = titleOf(node);
  if (node.kind === 'measure' && NEVER_ITEM.test(title)) r = 'never';
  else if (node.kind === 'heading' && NEVER_SECTION.test(title)) r = 'never';
  else {
    const above = node.parent ? builtinNoteRequirement(plan, node.parent) : 'required';
    r = above === 'required' && node.kind === 'heading' && OPTIONAL_SECTION.test(title) ? 'optional' : above;
  }
  requirements.set(node, r);
  return r;
};
