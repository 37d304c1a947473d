import { formLevelOf } from '../../workspace/units/registry';
import type { Rule } from '../types';
import { leadUnitContext, type LeadUnitData } from './context';
import { messages } from './messages';

/** lead-unit-level: a unit of another level (省司法厅 in a county plan) or of another place of this level; the same unit at this level is offered. */
export const leadUnitLevel: Rule = {
  meta: {
    code: 'lead-unit-level',
    defaultSeverity: 'warning',
    fixable: true,
    title: { zh: '单位不是本级单位（如县级方案中的省司法厅）', en: 'A unit of another level (e.g. 省司法厅 in a county plan)' },
  },
  check(ctx, report) {
    const lead = leadUnitContext(ctx);
    if (!lead) return;
    const { scope, registry } = lead.units;
    const planLevel = formLevelOf(scope);
    if (!planLevel) return;
    for (const o of lead.units.occurrences) {
      const id = o.identity;
      if (id.status !== 'other-level' || o.carried) continue;
      const name = o.unit.name;
      // the unit of this level, as the plan writes it where it names it (县发改局, not 县发展改革局)
      const standard = registry.adapt(name, scope);
      const key = standard ? registry.identify(standard, scope).key : null;
      const adapted = (key && lead.units.spelling(key)) || standard;
      const data: LeadUnitData = { kind: 'replace', name, replacement: adapted, truncation: false };
      report({
        code: 'lead-unit-level',
        range: o.unit.range,
        message:
          id.level === planLevel
            ? messages.otherPrefix(name, scope.region ?? `本${scope.prefix ?? ''}`, adapted)
            : messages.otherLevel(name, id.level, scope.level ?? planLevel, adapted),
        data,
        fixes: () => (adapted ? [{ title: messages.fixReplace(adapted), edits: [{ range: o.unit.range, newText: adapted }] }] : []),
      });
    }
  },
};
