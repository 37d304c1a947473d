import { outlineReference } from '../../workspace/templates/template';
import type { Rule } from '../types';
import { headingRange } from './insert';
import { alsoCalled, insertSectionFix, placementAnchor, planStartRange, sectionPlacement, sectionsOf, whereToPut, type SectionFindingData } from './shared';

/** section-missing: a section the plan's template requires is not in the plan (found by the meaning of its heading, at any level). */
export const sectionMissing: Rule = {
  meta: {
    code: 'section-missing',
    defaultSeverity: 'error',
    title: { zh: '缺少纲要规定的必备章节', en: 'a section the outline mandates is missing' },
    fixable: true,
  },
  check(ctx, report) {
    const sections = sectionsOf(ctx);
    const { template } = sections;
    for (const section of template.sections) {
      if (!section.required || sections.nodeOf(section.id)) continue;
      const anchor = placementAnchor(ctx.plan, sectionPlacement(ctx.plan, sections, section));
      const ref = outlineReference(template, section);
      const also = alsoCalled(section.names, section.title);
      const where = whereToPut(anchor);
      const data: SectionFindingData = { template: template.id, section: section.id };
      report({
        code: 'section-missing',
        range: anchor.node ? headingRange(anchor.node) : planStartRange(ctx),
        message: {
          zh: `缺少必备章节“${section.title}”（${ref.zh}${also ? `；${also.zh}` : ''}）${where.zh}`,
          en: `mandated section "${section.title}" (${ref.en}${also ? `; ${also.en}` : ''}) is missing${where.en}`,
        },
        data,
        fixes: () => {
          const fix = insertSectionFix(ctx, sectionsOf(ctx), section);
          return fix ? [fix] : [];
        },
      });
    }
  },
};
