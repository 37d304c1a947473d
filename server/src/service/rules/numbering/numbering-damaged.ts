import type { Rule } from '../types';
import { numberingMeta, reportIssues } from './findings';

/** numbering-damaged: see docs/rules/numbering-damaged.md. The issues come from the plan's numbering analysis (analysis.ts). */
export const numberingDamaged: Rule = {
  meta: numberingMeta('numbering-damaged', 'error', { zh: '编号残缺（如“)维护宪法权威”“三)强化督查”）', en: 'A marker has lost characters ()…, 三)…)' }),
  check: (ctx, report) => reportIssues('numbering-damaged', ctx, report),
};
