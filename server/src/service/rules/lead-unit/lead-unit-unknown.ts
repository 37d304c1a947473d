import { formLevelOf } from '../../workspace/units/registry';
import type { Rule } from '../types';
import { leadUnitContext, type LeadUnitData } from './context';
import { messages } from './messages';

/**
 * lead-unit-unknown: a unit name neither in the registry nor shaped like a unit of this level.
 * The closest known name is offered; a truncated one (委宣传部 for 县委宣传部) is restored by fix-all.
 */
export const leadUnitUnknown: Rule = {
  meta: {
    code: 'lead-unit-unknown',
    inFixAll: true,
    defaultSeverity: 'warning',
    fixable: true,
    title: { zh: '单位名称不在名录中，也不像本级单位', en: 'A unit name is neither registered nor plausible at this level' },
  },
  check(ctx, report) {
    const lead = leadUnitContext(ctx);
    if (!lead) return;
    const planLevel = formLevelOf(lead.units.scope);
    for (const o of lead.units.occurrences) {
      if (o.identity.status !== 'unknown') continue;
      const name = o.unit.name;
      const replacement = o.closest;
      const truncation = !!replacement && replacement.endsWith(name);
      const data: LeadUnitData = { kind: 'replace', name, replacement, truncation };
      report({
        code: 'lead-unit-unknown',
        range: o.unit.range,
        message: messages.unknown(name, planLevel, replacement),
        data,
        fixes: () => (replacement ? [{ title: messages.fixReplace(replacement), edits: [{ range: o.unit.range, newText: replacement }], automatic: truncation }] : []),
      });
    }
  },
};
