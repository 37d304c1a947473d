import type { Rule } from '../types';
import { numberingMeta, reportIssues } from './findings';

/** numbering-style: see docs/rules/numbering-style.md. The issues come from the plan's numbering analysis (analysis.ts). */
export const numberingStyle: Rule = {
  meta: numberingMeta('numbering-style', 'warning', { zh: '同级编号格式不统一（全角半角、“1.”与“1、”、混用他级格式）', en: 'A level mixes marker forms' }),
  check: (ctx, report) => reportIssues('numbering-style', ctx, report),
};
