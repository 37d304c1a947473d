/**
 * Mandated sections (必备章节). What other modules use:
 * - `planSections(ctx)`: the template chosen for a plan and where each of its sections is
 *   (`sectionOf(node)`, `nodeOf(id)`, `matches`);
 * - `notesRequiredFor(ctx, node)` / `notesRequirementFor(ctx, node)`: whether measures in a node
 *   need a 牵头单位 ('never' in 总体要求, 'optional' in 组织保障, 'required' elsewhere);
 * - `sectionMap(plan, template, file)`: the same map for a template given explicitly.
 */
export { sectionMap, type SectionMap, type SectionMatch } from './match';
export { notesRequiredFor, notesRequirementFor, planSections, type PlanScope, type PlanSections } from './resolve';
export { availableTemplates, chooseTemplate, loadWorkspaceTemplates, type TemplateChoice } from './registry';
export type { NotesRequirement, PlanTemplate, TemplateSection, TemplateSubsection } from './template';
export { sectionsCheck } from '../../rules/sections/check';
export { sectionHover } from '../../features/hover/sections';
