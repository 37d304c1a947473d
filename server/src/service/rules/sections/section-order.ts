import { nodeLabel } from '../../model/walk';
import { outlineReference } from '../../workspace/templates/template';
import type { Rule } from '../types';
import { headingRange } from './insert';
import { firstMatches, sectionsOf, whereToPut } from './shared';

/** section-order: a mandated section stands out of the template's (the outline's) order. */
export const sectionOrder: Rule = {
  meta: {
    code: 'section-order',
    defaultSeverity: 'warning',
    title: { zh: '章节顺序与纲要不一致', en: "a section is out of the outline's order" },
    fixable: false,
  },
  check(ctx, report) {
    const sections = sectionsOf(ctx);
    const { template } = sections;
    const firsts = firstMatches(sections);
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
      const where = whereToPut(anchor, { zh: '', en: 'it belongs' });
      report({
        code: 'section-order',
        range: headingRange(m.node),
        message: {
          zh: `“${nodeLabel(m.node)}”（${ref.zh}“${m.section.title}”）的位置与${template.outline ? '纲要' : '模板'}顺序不符${where.zh}`,
          en: `"${nodeLabel(m.node)}" (${ref.en}, "${m.section.title}") is out of the ${template.outline ? 'outline' : 'template'}'s order${where.en}`,
        },
      });
    }
  },
};

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

