import type { Rule } from '../types';
import { numberingMeta, reportIssues } from './findings';

/** numbering-gap: see docs/rules/numbering-gap.md. The issues come from the plan's numbering analysis (analysis.ts). */
export const numberingGap: Rule = {
  meta: numberingMeta('numbering-gap', 'warning', { zh: '编号跳号（如“2.”之后是“4.”）', en: 'A number is skipped (2. then 4.)' }),
  check: (ctx, report) => reportIssues('numbering-gap', ctx, report),
};
