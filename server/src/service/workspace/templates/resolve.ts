import type { FanganSettings } from '../settings';
import type { Plan, PlanFile, PlanNode } from '../../model/types';
import type { WorkspaceData } from '../data';
import { sectionMap, type SectionMap } from './match';
import { chooseTemplate, type TemplateChoice } from './registry';
import type { NotesRequirement } from './template';

/** What a check or feature knows about the plan it works on (CheckContext and DocumentContext both fit). */
export interface PlanScope {
  readonly file: PlanFile;
  readonly plan: Plan;
  readonly settings: FanganSettings;
  readonly workspace?: WorkspaceData;
}

export interface PlanSections extends SectionMap {
  readonly choice: TemplateChoice;
}

/** Per plan model and template: several checks and hover ask for the same plan after each edit. */
const cache = new WeakMap<Plan, PlanSections>();

/** The template chosen for the plan and where its sections are (cached per model and template). */
export function planSections(scope: PlanScope): PlanSections {
  const choice = chooseTemplate(scope.file, scope.plan, scope.settings, scope.workspace?.templates);
  const cached = cache.get(scope.plan);
  if (cached && cached.template === choice.template && cached.choice.unknown?.id === choice.unknown?.id) return cached;
  const map = sectionMap(scope.plan, choice.template, scope.file);
  const result: PlanSections = { ...map, choice };
  cache.set(scope.plan, result);
  return result;
}

/**
 * Whether measures in this node need responsibility notes, by the section they are in:
 * 'never' in 总体要求, 'optional' in 组织保障, 'required' in task areas and outside every section.
 */
export function notesRequirementFor(scope: PlanScope, node: PlanNode): NotesRequirement {
  return planSections(scope).notesRequirement(node);
}

/** True when a measure in this node must name a 牵头单位 or 责任单位 (false in 总体要求 and 组织保障). */
export function notesRequiredFor(scope: PlanScope, node: PlanNode): boolean {
  return notesRequirementFor(scope, node) === 'required';
}
