import type { Rule } from '../types';
import { leadUnitContext, type LeadUnitData } from './context';
import { messages } from './messages';

/** lead-unit-inconsistent: one unit written two ways in the plan (司法局 and 县司法局 mixed); fix-all writes it one way throughout. */
export const leadUnitInconsistent: Rule = {
  meta: {
    code: 'lead-unit-inconsistent',
    inFixAll: true,
    defaultSeverity: 'information',
    fixable: true,
    title: { zh: '同一单位在方案中有两种写法', en: 'One unit is written two ways in the plan' },
  },
  check(ctx, report) {
    const lead = leadUnitContext(ctx);
    if (!lead) return;
    for (const inc of lead.units.inconsistencies.values()) {
      const edits = inc.deviating.map((o) => ({ range: o.unit.range, newText: inc.canonical }));
      for (const o of inc.deviating) {
        const data: LeadUnitData = { kind: 'unify', key: inc.key, name: o.unit.name, canonical: inc.canonical };
        report({
          code: 'lead-unit-inconsistent',
          range: o.unit.range,
          message: messages.inconsistent(o.unit.name, inc.canonical, inc.canonicalWritten),
          data,
          fixes: () => [{ title: messages.fixUnify(inc.canonical, edits.length), edits, automatic: true }],
        });
      }
    }
  },
};
