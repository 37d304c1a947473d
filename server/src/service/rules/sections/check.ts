import type { Diagnostic, Range } from 'vscode-languageserver-types';
import type { Check, CheckContext, Finding, FixProposal } from '../types';
import type { Localized } from '../../l10n';
import type { Plan, PlanNode } from '../../model/types';
import { nodeLabel } from '../../model/walk';
import { toChineseNumeral } from '../../text/chinese';
import { headingRange, insertEdits, type InsertRequest } from './insert';
import type { SectionMap } from '../../workspace/templates/match';
import { availableTemplates } from '../../workspace/templates/registry';
import { planSections, type PlanSections } from '../../workspace/templates/resolve';
import type { PlanTemplate, TemplateSection, TemplateSubsection } from '../../workspace/templates/template';

/**
 * Mandated sections: every section the template requires is present (found by the meaning of the
 * heading, at any level), in the template's order, and 总体要求 has its parts.
 */

export const SECTION_MISSING = 'section-missing';
export const SECTION_ORDER = 'section-order';
export const SUBSECTION_MISSING = 'subsection-missing';
export const SUBSECTION_UNSTRUCTURED = 'subsection-unstructured';
export const TEMPLATE_UNKNOWN = 'template-unknown';

export interface SectionFindingData {
  readonly template: string;
  readonly section: string;
  readonly subsection?: string;
}

/** 《法治社会建设实施纲要（2020—2025年）》第四部分 / 模板“通用方案” */
export function outlineReference(template: PlanTemplate, section: TemplateSection): Localized {
  if (template.outline) {
    return {
      zh: `《${template.outline}》第${toChineseNumeral(section.part)}部分`,
      en: `part ${section.part} of 《${template.outline}》`,
    };
  }
  return { zh: `“${template.name}”模板`, en: `template "${template.name}"` };
}

function quoteList(names: readonly string[]): string {
  return names.map((n) => `“${n}”`).join('');
}

/** `也作“加大权利保护力度”` — the other names a drafter may have used. */
function alsoCalled(names: readonly string[], title: string): Localized | null {
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
function placementAnchor(plan: Plan, place: { parent: PlanNode | null; index: number }): { node: PlanNode | null; before: boolean } {
  const siblings = place.parent ? place.parent.children : plan.nodes;
  if (siblings[place.index]) return { node: siblings[place.index], before: true };
  if (siblings[place.index - 1]) return { node: siblings[place.index - 1], before: false };
  return { node: place.parent, before: false };
}

function planStartRange(ctx: CheckContext): Range {
  if (ctx.plan.title) return ctx.plan.title.range;
  const line = ctx.plan.firstLine;
  return { start: { line, character: 0 }, end: { line, character: ctx.file.lines[line]?.length ?? 0 } };
}

/** Longest run of sections already in the template's order; the others are out of order. */
function outOfOrder(indices: readonly number[]): Set<number> {
  const n = indices.length;
  const length = new Array<number>(n).fill(1);
  const prev = new Array<number>(n).fill(-1);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      if (indices[j] < indices[i] && length[j] + 1 > length[i]) {
        length[i] = length[j] + 1;
        prev[i] = j;
      }
    }
  }
  let end = 0;
  for (let i = 1; i < n; i++) if (length[i] > length[end]) end = i;
  const inOrder = new Set<number>();
  for (let i = n > 0 ? end : -1; i !== -1; i = prev[i]) inOrder.add(i);
  const out = new Set<number>();
  for (let i = 0; i < n; i++) if (!inOrder.has(i)) out.add(i);
  return out;
}

/** The node has text of its own beyond its heading: 总体要求 written as one paragraph. */
function hasProse(ctx: CheckContext, node: PlanNode): boolean {
  if (node.textLines.length > 1) return true;
  const line = ctx.file.lines[node.titleRange.start.line] ?? '';
  return line.slice(node.titleRange.end.character).replace(/[\s。：:*_]/g, '').length > 0;
}

function runChecks(ctx: CheckContext, report: (finding: Finding) => void): void {
  const sections = planSections(ctx);
  const { template, choice } = sections;
  if (choice.unknown) {
    const ids = availableTemplates(ctx.workspace?.templates).map((t) => t.id).join('、');
    const via = choice.unknown.via === 'directive' ? { zh: '文档中的模板指令', en: 'the template directive' } : { zh: '设置 fangan.template ', en: 'the fangan.template setting' };
    report({
      code: TEMPLATE_UNKNOWN,
      range: choice.unknown.range ?? planStartRange(ctx),
      message: {
        zh: `${via.zh}指定的方案模板“${choice.unknown.id}”不存在（可用：${ids}），已按方案类型使用“${template.name}”模板`,
        en: `${via.en} names plan template "${choice.unknown.id}", which does not exist (available: ${ids.replace(/、/g, ', ')}); using "${template.name}" for this kind of plan`,
      },
    });
  }

  // section-missing
  for (const section of template.sections) {
    if (!section.required || sections.nodeOf(section.id)) continue;
    const place = sectionPlacement(ctx.plan, sections, section);
    const anchor = placementAnchor(ctx.plan, place);
    const ref = outlineReference(template, section);
    const also = alsoCalled(section.names, section.title);
    const where: Localized = anchor.node
      ? anchor.before
        ? { zh: `，应在“${nodeLabel(anchor.node)}”之前`, en: `; expected before "${nodeLabel(anchor.node)}"` }
        : { zh: `，应在“${nodeLabel(anchor.node)}”之后`, en: `; expected after "${nodeLabel(anchor.node)}"` }
      : { zh: '', en: '' };
    const data: SectionFindingData = { template: template.id, section: section.id };
    report({
      code: SECTION_MISSING,
      range: anchor.node ? headingRange(anchor.node) : planStartRange(ctx),
      message: {
        zh: `缺少必备章节“${section.title}”（${ref.zh}${also ? `；${also.zh}` : ''}）${where.zh}`,
        en: `mandated section "${section.title}" (${ref.en}${also ? `; ${also.en}` : ''}) is missing${where.en}`,
      },
      data,
    });
  }

  // section-order: the first heading of each section, in document order
  const firsts = sections.matches.filter((m) => sections.nodeOf(m.section.id) === m.node);
  const indices = firsts.map((m) => template.sections.indexOf(m.section));
  const misplaced = outOfOrder(indices);
  for (const i of misplaced) {
    const m = firsts[i];
    const t = indices[i];
    // Its in-order neighbours in the template; name the one it is on the wrong side of.
    const inOrder = firsts.map((other, j) => ({ node: other.node, index: indices[j], j })).filter((x) => !misplaced.has(x.j));
    const below = inOrder.filter((x) => x.index < t).sort((x, y) => y.index - x.index)[0];
    const above = inOrder.filter((x) => x.index > t).sort((x, y) => x.index - y.index)[0];
    const line = m.node.range.start.line;
    const anchor =
      below && below.node.range.start.line > line
        ? { node: below.node, before: false }
        : above && above.node.range.start.line < line
          ? { node: above.node, before: true }
          : null;
    const ref = outlineReference(template, m.section);
    const where: Localized = anchor
      ? anchor.before
        ? { zh: `，应在“${nodeLabel(anchor.node)}”之前`, en: `; it belongs before "${nodeLabel(anchor.node)}"` }
        : { zh: `，应在“${nodeLabel(anchor.node)}”之后`, en: `; it belongs after "${nodeLabel(anchor.node)}"` }
      : { zh: '', en: '' };
    report({
      code: SECTION_ORDER,
      range: headingRange(m.node),
      message: {
        zh: `“${nodeLabel(m.node)}”（${ref.zh}“${m.section.title}”）的位置与${template.outline ? '纲要' : '模板'}顺序不符${where.zh}`,
        en: `"${nodeLabel(m.node)}" (${ref.en}, "${m.section.title}") is out of the ${template.outline ? 'outline' : 'template'}'s order${where.en}`,
      },
    });
  }

  // subsection-missing / subsection-unstructured
  for (const m of firsts) {
    const required = m.section.subsections.filter((s) => s.required);
    if (required.length === 0) continue;
    const present = new Set(m.subsections.map((s) => s.subsection));
    if (m.node.children.length === 0 && hasProse(ctx, m.node)) {
      report({
        code: SUBSECTION_UNSTRUCTURED,
        range: headingRange(m.node),
        message: {
          zh: `“${nodeLabel(m.node)}”写成一段，未分列${quoteList(required.map((s) => s.title))}小标题（常见写法，可不改）`,
          en: `"${nodeLabel(m.node)}" is written as one paragraph without the sub-headings ${required.map((s) => `"${s.title}"`).join(', ')} (a common form; no change needed)`,
        },
      });
      continue;
    }
    for (const sub of required) {
      if (present.has(sub)) continue;
      const also = alsoCalled(sub.names, sub.title);
      const data: SectionFindingData = { template: template.id, section: m.section.id, subsection: sub.title };
      report({
        code: SUBSECTION_MISSING,
        range: headingRange(m.node),
        message: {
          zh: `“${nodeLabel(m.node)}”缺少“${sub.title}”${also ? `（${also.zh}）` : ''}`,
          en: `"${nodeLabel(m.node)}" has no "${sub.title}"${also ? ` (${also.en})` : ''}`,
        },
        data,
      });
    }
  }
}

function isData(data: unknown): data is SectionFindingData {
  const d = data as SectionFindingData | null;
  return typeof d === 'object' && d !== null && typeof d.template === 'string' && typeof d.section === 'string';
}

/** Quick fix for a missing section: insert it where the template's order puts it, numbered in the draft's scheme. */
export function insertSectionFix(ctx: CheckContext, sections: PlanSections, section: TemplateSection): FixProposal | null {
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
    isPreferred: true,
  };
}

/** Quick fix for a missing subsection of 总体要求: insert `（二）主要原则。…` between its neighbours. */
export function insertSubsectionFix(ctx: CheckContext, sections: PlanSections, section: TemplateSection, subsection: TemplateSubsection): FixProposal | null {
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
    isPreferred: true,
  };
}

export const sectionsCheck: Check = {
  id: 'sections',
  rules: [
    {
      code: SECTION_MISSING,
      defaultSeverity: 'error',
      title: { zh: '缺少纲要规定的必备章节', en: 'a section the outline mandates is missing' },
      fixable: true,
    },
    {
      code: SECTION_ORDER,
      defaultSeverity: 'warning',
      title: { zh: '章节顺序与纲要不一致', en: 'a section is out of the outline\'s order' },
      fixable: false,
    },
    {
      code: SUBSECTION_MISSING,
      defaultSeverity: 'warning',
      title: { zh: '总体要求缺少指导思想、主要原则或总体目标', en: '总体要求 lacks 指导思想, 主要原则 or 总体目标' },
      fixable: true,
    },
    {
      code: SUBSECTION_UNSTRUCTURED,
      defaultSeverity: 'information',
      title: { zh: '总体要求写成一段，未分列小标题', en: '总体要求 is one paragraph without sub-headings' },
      fixable: false,
    },
    {
      code: TEMPLATE_UNKNOWN,
      defaultSeverity: 'warning',
      title: { zh: '指定的方案模板不存在', en: 'the plan template named does not exist' },
      fixable: false,
    },
  ],
  run: runChecks,
  quickFixes(ctx: CheckContext, diagnostic: Diagnostic): FixProposal[] {
    if (!isData(diagnostic.data)) return [];
    const data = diagnostic.data;
    const sections = planSections(ctx);
    if (sections.template.id !== data.template) return [];
    const section = sections.template.sections.find((s) => s.id === data.section);
    if (!section) return [];
    if (diagnostic.code === SECTION_MISSING) {
      const fix = insertSectionFix(ctx, sections, section);
      return fix ? [fix] : [];
    }
    if (diagnostic.code === SUBSECTION_MISSING && data.subsection) {
      const subsection = section.subsections.find((s) => s.title === data.subsection);
      const fix = subsection ? insertSubsectionFix(ctx, sections, section, subsection) : null;
      return fix ? [fix] : [];
    }
    return [];
  },
};
