import type { Rule } from '../types';
import { leadUnitContext, roleLabelOf, type LeadUnitData } from './context';
import { messages } from './messages';

/** lead-unit-collective: a group of units (各乡镇, 县直有关单位) named as the lead: fine as supporting units, not as the one who leads. */
export const leadUnitCollective: Rule = {
  meta: {
    code: 'lead-unit-collective',
    defaultSeverity: 'warning',
    fixable: false,
    title: { zh: '泛指的单位集合被列为牵头单位', en: 'A group of units is named as the lead' },
  },
  check(ctx, report) {
    const lead = leadUnitContext(ctx);
    if (!lead) return;
    for (const o of lead.units.occurrences) {
      if (o.identity.status !== 'collective') continue;
      if (o.role !== 'lead' && !(o.role === 'responsible' && o.index === 0)) continue;
      const data: LeadUnitData = { kind: 'collective' };
      report({ code: 'lead-unit-collective', range: o.unit.range, message: messages.collective(o.unit.name, roleLabelOf(o.note)), data });
    }
  },
};
