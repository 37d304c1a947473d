import { sectionsCheck } from './sections/check';
import { numberingCheck } from './numbering';
import { leadUnitsCheck } from './lead-unit';
import { directivesCheck } from './directive/directive-invalid';
import type { Check, RuleMeta } from './types';

/** Every check the service runs, in reporting order. A new check is one module and one line here. */
export const CHECKS: readonly Check[] = [
  sectionsCheck,
  numberingCheck,
  leadUnitsCheck,
  // last: it names every code above (read when it runs, after RULES exists)
  directivesCheck(() => [...RULES.keys()]),
];

export const RULES: ReadonlyMap<string, RuleMeta & { readonly check: Check }> = new Map(
  CHECKS.flatMap((check) => check.rules.map((rule) => [rule.code, { ...rule, check }] as const)),
);
