import type { Rule } from '../types';
import { numberingMeta, reportIssues } from './findings';

/** numbering-duplicate: see docs/rules/numbering-duplicate.md. The issues come from the plan's numbering analysis (analysis.ts). */
export const numberingDuplicate: Rule = {
  meta: numberingMeta('numbering-duplicate', 'warning', { zh: '编号重复或倒退', en: 'A number repeats or goes backwards' }),
  check: (ctx, report) => reportIssues('numbering-duplicate', ctx, report),
};
