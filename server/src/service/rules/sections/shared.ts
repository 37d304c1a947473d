import type { Range } from 'vscode-languageserver-types';
import type { Localized } from '../../l10n';
import type { Plan, PlanNode } from '../../model/types';
import { nodeLabel } from '../../model/walk';
import type { SectionMap } from '../../workspace/templates/match';
import { planSections, type PlanSections } from '../../workspace/templates/resolve';
import type { TemplateSection, TemplateSubsection } from '../../workspace/templates/template';
import type { Fix, RuleContext } from '../types';
import { insertEdits, type InsertRequest } from './insert';

/**
 * What the mandated-section rules share: the template chosen for the plan and where its sections
 * are (workspace/templates), where a missing section belongs, and the fixes that insert one.
 */

/** What a section finding carries: the template and the section (and subsection) it is about. */
export interface SectionFindingData {
  readonly template: string;
  readonly section: string;
  readonly subsection?: string;
}

export const sectionsOf = (ctx: RuleContext): PlanSections => planSections(ctx);

export function quoteList(names: readonly string[]): string {
  return names.map((n) => `“${n}”`).join('');
}

/** `也作“加大权利保护力度”` — the other names a drafter may have used. */
export function alsoCalled(names: readonly string[], title: string): Localized | null {
  const others = names.filter((n) => n !== title).slice(0, 3);
  if (others.length === 0) return null;
  return { zh: `也作${quoteList(others)}`, en: `also written ${others.map((n) => `"${n}"`).join(', ')}` };
}

/** Where a missing section goes: among the task areas, before them (总体要求) or after them (组织保障). */
export function sectionPlacement(plan: Plan, map: SectionMap, section: TemplateSection): { parent: PlanNode | null; index: number } {
  const sections = map.template.sections;
  const t = sections.indexOf(section);
  let previous: { section: TemplateSection; node: PlanNode } | null = null;
  let following: { section: TemplateSection; node: PlanNode } | null = null;
  for (let i = t - 1; i >= 0 && !previous; i--) {
    const node = map.nodeOf(sections[i].id);
    if (node) previous = { section: sections[i], node };
  }
  for (let i = t + 1; i < sections.length && !following; i++) {
    const node = map.nodeOf(sections[i].id);
    if (node) following = { section: sections[i], node };
  }
  const siblings = (node: PlanNode) => (node.parent ? node.parent.children : plan.nodes);
  const root = (node: PlanNode) => {
    let n = node;
    while (n.parent) n = n.parent;
    return n;
  };
  const before = (node: PlanNode) => ({ parent: node.parent, index: siblings(node).indexOf(node) });
  const after = (node: PlanNode) => ({ parent: node.parent, index: siblings(node).indexOf(node) + 1 });
  switch (section.role) {
    case 'general':
      if (following) return before(root(following.node));
      if (previous) return after(root(previous.node));
      return { parent: null, index: 0 };
    case 'task':
      if (previous?.section.role === 'task') return after(previous.node);
      if (following) return before(following.node);
      if (previous) return after(root(previous.node));
      return { parent: null, index: plan.nodes.length };
    case 'organisation':
      if (previous && previous.section.role !== 'general') return after(previous.node);
      if (previous) return after(root(previous.node));
      if (following) return before(following.node);
      return { parent: null, index: plan.nodes.length };
  }
}

/** The heading a finding about an insertion place points at: the node it goes before or after. */
export function placementAnchor(plan: Plan, place: { parent: PlanNode | null; index: number }): { node: PlanNode | null; before: boolean } {
  const siblings = place.parent ? place.parent.children : plan.nodes;
  if (siblings[place.index]) return { node: siblings[place.index], before: true };
  if (siblings[place.index - 1]) return { node: siblings[place.index - 1], before: false };
  return { node: place.parent, before: false };
}

export function planStartRange(ctx: RuleContext): Range {
  if (ctx.plan.title) return ctx.plan.title.range;
  const line = ctx.plan.firstLine;
  return { start: { line, character: 0 }, end: { line, character: ctx.file.lines[line]?.length ?? 0 } };
}

/** The node has text of its own beyond its heading: 总体要求 written as one paragraph. */
export function hasProse(ctx: RuleContext, node: PlanNode): boolean {
  if (node.textLines.length > 1) return true;
  const line = ctx.file.lines[node.titleRange.start.line] ?? '';
  return line.slice(node.titleRange.end.character).replace(/[\s。：:*_]/g, '').length > 0;
}

/** "…应在“X”之前/之后": where a heading should be, by the node it goes before or after. */
export function whereToPut(anchor: { node: PlanNode | null; before: boolean } | null, verb: Localized = { zh: '', en: 'expected' }): Localized {
  if (!anchor?.node) return { zh: '', en: '' };
  return anchor.before
    ? { zh: `，应在“${nodeLabel(anchor.node)}”之前`, en: `; ${verb.en} before "${nodeLabel(anchor.node)}"` }
    : { zh: `，应在“${nodeLabel(anchor.node)}”之后`, en: `; ${verb.en} after "${nodeLabel(anchor.node)}"` };
}

/** Quick fix for a missing section: insert it where the template's order puts it, numbered in the draft's scheme. */
export function insertSectionFix(ctx: RuleContext, sections: PlanSections, section: TemplateSection): Fix | null {
  if (sections.nodeOf(section.id)) return null;
  const place = sectionPlacement(ctx.plan, sections, section);
  const request: InsertRequest = {
    parent: place.parent,
    index: place.index,
    title: section.title,
    paragraphs: section.opening,
    items: section.subsections.filter((s) => s.required).map((s) => ({ title: s.title, text: s.text })),
  };
  const { edits, label } = insertEdits(ctx.file, ctx.plan, request);
  return {
    title: { zh: `插入章节“${label}”（含标准表述）`, en: `Insert section "${label}" with the standard wording` },
    edits,
  };
}

/** Quick fix for a missing subsection of 总体要求: insert `（二）主要原则。…` between its neighbours. */
export function insertSubsectionFix(ctx: RuleContext, sections: PlanSections, section: TemplateSection, subsection: TemplateSubsection): Fix | null {
  const match = sections.matches.find((m) => m.section === section && sections.nodeOf(section.id) === m.node);
  if (!match || match.subsections.some((s) => s.subsection === subsection)) return null;
  const order = section.subsections;
  const t = order.indexOf(subsection);
  const nodeOfSub = (sub: TemplateSubsection) => match.subsections.find((s) => s.subsection === sub)?.node;
  let index = 0;
  const previous = order.slice(0, t).reverse().map(nodeOfSub).find(Boolean);
  const following = order.slice(t + 1).map(nodeOfSub).find(Boolean);
  if (previous) index = match.node.children.indexOf(previous) + 1;
  else if (following) index = match.node.children.indexOf(following);
  const { edits, label } = insertEdits(ctx.file, ctx.plan, {
    parent: match.node,
    index,
    title: subsection.title,
    runIn: subsection.text,
    paragraphs: [],
    items: [],
  });
  return {
    title: { zh: `插入“${label}”（含标准表述）`, en: `Insert "${label}" with the standard wording` },
    edits,
  };
}

/** The first heading matched to each section, in document order (a section written twice counts once). */
export function firstMatches(sections: PlanSections): PlanSections['matches'] {
  return sections.matches.filter((m) => sections.nodeOf(m.section.id) === m.node);
}
