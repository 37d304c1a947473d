import type { Rule } from '../types';
import { numberingMeta, reportIssues } from './findings';

/** numbering-missing: see docs/rules/numbering-missing.md. The issues come from the plan's numbering analysis (analysis.ts). */
export const numberingMissing: Rule = {
  meta: numberingMeta('numbering-missing', 'warning', { zh: '措施段落缺少编号', en: 'A measure paragraph has lost its number' }),
  check: (ctx, report) => reportIssues('numbering-missing', ctx, report),
};
