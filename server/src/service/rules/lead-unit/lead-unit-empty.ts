import { colonOf } from '../../model/notation';
import { notesOf } from '../../model/walk';
import type { Rule } from '../types';
import { insertAt, leadSuggestions, leadUnitContext, type LeadUnitData } from './context';
import { messages } from './messages';

/** lead-unit-empty: a note whose label is followed by no unit (`牵头单位：` and nothing). Fixes: the likeliest leads. */
export const leadUnitEmpty: Rule = {
  meta: {
    code: 'lead-unit-empty',
    defaultSeverity: 'error',
    fixable: true,
    title: { zh: '牵头/配合单位一栏没有写单位名称', en: 'A responsibility note names no unit' },
  },
  check(ctx, report) {
    const lead = leadUnitContext(ctx);
    if (!lead) return;
    for (const { note, node } of notesOf(ctx.plan)) {
      if (!node || node.kind === 'heading' || note.units.length > 0) continue;
      const at = note.valueRange.start;
      const data: LeadUnitData = { kind: 'empty', line: at.line, character: at.character };
      report({
        code: 'lead-unit-empty',
        range: note.range,
        message: messages.empty(note.label, note.role),
        data,
        fixes: () => {
          if (note.role === 'support') return [];
          const colon = note.problem === 'missing-colon' || colonOf(ctx.file, note) === null ? lead.style.colon : '';
          return leadSuggestions(ctx, lead, node, 3).map((name) => ({
            title: messages.fixInsertLead(name, note.label),
            edits: [insertAt(at.line, at.character, `${colon}${name}`)],
          }));
        },
      });
    }
  },
};
