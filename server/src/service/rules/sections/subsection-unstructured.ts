import { nodeLabel } from '../../model/walk';
import type { Rule } from '../types';
import { headingRange } from './insert';
import { firstMatches, hasProse, quoteList, sectionsOf } from './shared';

/** subsection-unstructured: a section with required parts is written as one paragraph (a common form; information only). */
export const subsectionUnstructured: Rule = {
  meta: {
    code: 'subsection-unstructured',
    defaultSeverity: 'information',
    title: { zh: '总体要求写成一段，未分列小标题', en: '总体要求 is one paragraph without sub-headings' },
    fixable: false,
  },
  check(ctx, report) {
    for (const m of firstMatches(sectionsOf(ctx))) {
      const required = m.section.subsections.filter((s) => s.required);
      if (required.length === 0 || m.node.children.length > 0 || !hasProse(ctx, m.node)) continue;
      report({
        code: 'subsection-unstructured',
        range: headingRange(m.node),
        message: {
          zh: `“${nodeLabel(m.node)}”写成一段，未分列${quoteList(required.map((s) => s.title))}小标题（常见写法，可不改）`,
          en: `"${nodeLabel(m.node)}" is written as one paragraph without the sub-headings ${required.map((s) => `"${s.title}"`).join(', ')} (a common form; no change needed)`,
        },
      });
    }
  },
};
