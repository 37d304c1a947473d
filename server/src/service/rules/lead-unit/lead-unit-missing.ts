import type { PlanFile, PlanNode } from '../../model/types';
import { insertLeadNote } from './insertNote';
import { measuresOf, nodeLabel, walkNodes } from '../../model/walk';
import type { Rule } from '../types';
import { exampleNote, isLeadNote, leadSuggestions, leadUnitContext, lineRange, roleLabelOf, type LeadUnitData } from './context';
import { messages } from './messages';

/** The measure's first line, marker to title: where a missing lead is reported. */
function measureRange(file: PlanFile, node: PlanNode) {
  const start = node.range.start;
  const t = node.titleRange;
  const end = t.end.line === start.line && t.end.character > start.character ? t.end.character : (file.lines[start.line] ?? '').length;
  return lineRange(start.line, start.character, end);
}

/** An ancestor heading that names a lead for everything under it. */
function ancestorLead(node: PlanNode): PlanNode | null {
  for (let n = node.parent; n; n = n.parent) if (n.notes.some((x) => isLeadNote(x) && x.units.length > 0)) return n;
  return null;
}

/**
 * lead-unit-missing: in a plan that uses responsibility notes, a measure that names no lead (or
 * responsible) unit. Sections whose template says `never` (总体要求) are skipped; `optional` ones
 * (组织保障) only when the plan notes that section at all. Fixes: the three likeliest leads.
 */
export const leadUnitMissing: Rule = {
  meta: {
    code: 'lead-unit-missing',
    defaultSeverity: 'error',
    fixable: true,
    title: { zh: '措施未写明牵头单位（或责任单位）', en: 'A measure names no lead (or responsible) unit' },
  },
  check(ctx, report) {
    const lead = leadUnitContext(ctx);
    if (!lead) return;
    const { file, plan } = ctx;
    const noted = new Map<PlanNode, boolean>();
    const sectionNoted = (node: PlanNode): boolean => {
      let root = node;
      while (root.parent && lead.requirementOf(plan, root.parent) === 'optional') root = root.parent;
      let answer = noted.get(root);
      if (answer === undefined) {
        answer = [...walkNodes([root])].some((n) => n.notes.length > 0);
        noted.set(root, answer);
      }
      return answer;
    };
    for (const node of measuresOf(plan)) {
      const requirement = lead.requirementOf(plan, node);
      if (requirement === 'never' || (requirement === 'optional' && !sectionNoted(node))) continue;
      if (ancestorLead(node)) continue; // reported once, on the heading's note
      if (node.notes.some(isLeadNote)) continue;
      const support = node.notes.find((n) => n.role === 'support');
      const label = nodeLabel(node);
      const data: LeadUnitData = { kind: 'missing', line: node.range.start.line };
      report({
        code: 'lead-unit-missing',
        range: measureRange(file, node),
        message: support
          ? messages.supportOnly(label, roleLabelOf(support), exampleNote(lead.style, support.notation === 'inline'))
          : messages.missing(label, exampleNote(lead.style, lead.style.notation === 'inline'), lead.style.notation === 'inline'),
        data,
        fixes: () =>
          leadSuggestions(ctx, lead, node, 3).map((name) => ({
            title: messages.fixInsertLead(name, lead.style.leadLabel),
            edits: insertLeadNote(file, node, [name], lead.style),
          })),
      });
    }
  },
};
