import { directiveInvalid } from './directive/directive-invalid';
import { leadUnitCollective } from './lead-unit/lead-unit-collective';
import { leadUnitEmpty } from './lead-unit/lead-unit-empty';
import { leadUnitInconsistent } from './lead-unit/lead-unit-inconsistent';
import { leadUnitLevel } from './lead-unit/lead-unit-level';
import { leadUnitMalformed } from './lead-unit/lead-unit-malformed';
import { leadUnitMissing } from './lead-unit/lead-unit-missing';
import { leadUnitUnknown } from './lead-unit/lead-unit-unknown';
import { numberingDamaged } from './numbering/numbering-damaged';
import { numberingDuplicate } from './numbering/numbering-duplicate';
import { numberingGap } from './numbering/numbering-gap';
import { numberingMissing } from './numbering/numbering-missing';
import { numberingStyle } from './numbering/numbering-style';
import { sectionMissing } from './sections/section-missing';
import { sectionOrder } from './sections/section-order';
import { subsectionMissing } from './sections/subsection-missing';
import { subsectionUnstructured } from './sections/subsection-unstructured';
import { templateUnknown } from './sections/template-unknown';
import { sourceLeadDiffers } from './source/source-lead-differs';
import { sourceUncovered } from './source/source-uncovered';
import { NUMBERING_FAMILY } from './numbering/findings';
import type { Rule, RuleFamily } from './types';

/**
 * Every rule, one module per diagnostic code, in the order the documentation lists them (README's
 * rules table, the settings schema). A new rule is one module and one line here (CONTRIBUTING).
 */
export const RULES: readonly Rule[] = [
  sectionMissing,
  sectionOrder,
  subsectionMissing,
  subsectionUnstructured,
  templateUnknown,
  numberingGap,
  numberingDuplicate,
  numberingMissing,
  numberingDamaged,
  numberingStyle,
  leadUnitMissing,
  leadUnitEmpty,
  leadUnitMalformed,
  leadUnitUnknown,
  leadUnitCollective,
  leadUnitLevel,
  leadUnitInconsistent,
  sourceUncovered,
  sourceLeadDiffers,
  // last: it names every code above
  directiveInvalid(() => RULES.map((r) => r.meta.code)),
];

export const RULE_BY_CODE: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.meta.code, r]));

/** `numbering-gap` → `numbering`; the family a directive or a setting may name instead of one code. */
export function familyOf(code: string): string {
  return code.slice(0, code.lastIndexOf('-'));
}

/** The families (the codes' prefixes), with what fix-all of each is called where the editor offers it. */
const DECLARED_FAMILIES: readonly RuleFamily[] = [NUMBERING_FAMILY];
export const FAMILIES: ReadonlyMap<string, RuleFamily> = new Map(
  [...new Set(RULES.map((r) => familyOf(r.meta.code)))].map((id): [string, RuleFamily] => [id, DECLARED_FAMILIES.find((f) => f.id === id) ?? { id }]),
);
