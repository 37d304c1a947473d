import type { Range, TextEdit } from 'vscode-languageserver-types';
import type { Locale, Localized } from '../l10n';
import type { Plan, PlanFile } from '../model/types';
import type { WorkspaceData } from '../workspace/data';
import type { FanganSettings, RuleSeverity } from '../workspace/settings';
import type { UnitsEnvironment } from '../workspace/units/environment';
import type { PlanAboveView } from '../corpus/aboveCache';

/**
 * A rule is one module per diagnostic code (`rules/<family>/<code>.ts`): its metadata and a pure
 * function over one plan of the model that reports findings. A finding carries its fixes as data
 * (text edits), best first; the features apply them — one at a time as quick fixes, or all the
 * automatic ones at once in one pass (fix-all, fix on save, `fangan check --fix`; features/fixes.ts).
 * Nothing is keyed on a message: a diagnostic is matched to its finding by code, range and data.
 */

export interface RuleMeta {
  /** Stable code carried by every diagnostic of this rule (`numbering-gap`). */
  readonly code: string;
  readonly defaultSeverity: Exclude<RuleSeverity, 'off'>;
  /** One line saying what the rule finds. */
  readonly title: Localized;
  /** Its findings come with fixes (quick fixes). */
  readonly fixable: boolean;
  /** Fix-all makes the fixes of its findings that need no choice (`Fix.automatic`). */
  readonly inFixAll?: boolean;
}

/** What the service loaded besides the document, handed to every rule. */
export interface RuleEnvironment {
  /** The workspace's `.fangan/` data (templates, …); absent: none loaded. */
  readonly workspace?: WorkspaceData;
  /** Unit registry and the lead-unit seams; the built-in registry when absent. */
  readonly units?: UnitsEnvironment;
  /** The plan above (上级方案) of each plan, computed on first use (corpus/aboveCache.ts); absent: no corpus. */
  readonly planAbove?: PlanAboveView;
}

/** One plan of a document, as a rule sees it. */
export interface RuleContext extends RuleEnvironment {
  readonly uri: string;
  readonly file: PlanFile;
  readonly plan: Plan;
  readonly settings: FanganSettings;
  readonly locale: Locale;
}

export interface Fix {
  readonly title: Localized;
  readonly edits: readonly TextEdit[];
  /** The fix needs no choice (a number, a colon, a truncated name): fix-all and `check --fix` make it. */
  readonly automatic?: boolean;
  /**
   * What the fix contributes when every automatic fix is made at once, where that differs from
   * `edits`: a numbering fix renumbers the items after it from its own number, which is right
   * alone but not beside the fix of the next item of the same count; together, each count is
   * numbered once, in order (the same edits for every finding of the count, taken once).
   */
  readonly together?: readonly TextEdit[];
}

export interface Finding {
  readonly code: string;
  readonly range: Range;
  readonly message: Localized;
  /** JSON data that identifies the finding (and tells the editor what its fix is about). */
  readonly data?: unknown;
  readonly related?: ReadonlyArray<{ readonly range: Range; readonly message: Localized }>;
  /** Its fixes, best first (the first is the preferred one); computed only when asked for. */
  readonly fixes?: () => readonly Fix[];
}

export interface Rule {
  readonly meta: RuleMeta;
  /** Reports the rule's findings in one plan. */
  check(ctx: RuleContext, report: (finding: Finding) => void): void;
}

/** Rules of one family (the code's prefix: `numbering`, `lead-unit`): what fix-all of the family is called. */
export interface RuleFamily {
  readonly id: string;
  /** A quick fix offered with each finding of the family that makes every automatic fix of the family in the file. */
  readonly fixAllTitle?: Localized;
}
