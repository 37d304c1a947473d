import { nodeLabel } from '../../model/walk';
import type { Rule } from '../types';
import { headingRange } from './insert';
import { alsoCalled, firstMatches, hasProse, insertSubsectionFix, sectionsOf, type SectionFindingData } from './shared';

/** subsection-missing: a section with required parts (总体要求: 指导思想 · 主要原则 · 总体目标) lacks one. */
export const subsectionMissing: Rule = {
  meta: {
    code: 'subsection-missing',
    defaultSeverity: 'warning',
    title: { zh: '总体要求缺少指导思想、主要原则或总体目标', en: '总体要求 lacks 指导思想, 主要原则 or 总体目标' },
    fixable: true,
  },
  check(ctx, report) {
    const sections = sectionsOf(ctx);
    for (const m of firstMatches(sections)) {
      const required = m.section.subsections.filter((s) => s.required);
      // written as one paragraph: subsection-unstructured says so instead
      if (required.length === 0 || (m.node.children.length === 0 && hasProse(ctx, m.node))) continue;
      const present = new Set(m.subsections.map((s) => s.subsection));
      for (const sub of required) {
        if (present.has(sub)) continue;
        const also = alsoCalled(sub.names, sub.title);
        const data: SectionFindingData = { template: sections.template.id, section: m.section.id, subsection: sub.title };
        report({
          code: 'subsection-missing',
          range: headingRange(m.node),
          message: {
            zh: `“${nodeLabel(m.node)}”缺少“${sub.title}”${also ? `（${also.zh}）` : ''}`,
            en: `"${nodeLabel(m.node)}" has no "${sub.title}"${also ? ` (${also.en})` : ''}`,
          },
          data,
          fixes: () => {
            const fix = insertSubsectionFix(ctx, sectionsOf(ctx), m.section, sub);
            return fix ? [fix] : [];
          },
        });
      }
    }
  },
};
