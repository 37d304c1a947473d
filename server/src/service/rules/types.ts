import type { Diagnostic, Range, TextEdit } from 'vscode-languageserver-types';
import type { FanganSettings, RuleSeverity } from '../workspace/settings';
import type { Locale, Localized } from '../l10n';
import type { Plan, PlanFile } from '../model/types';
import type { UnitsEnvironment } from '../workspace/units/environment';
import type { WorkspaceData } from '../workspace/data';

/**
 * The seam between the service and its checks. A check is a module with metadata for each
 * rule code it reports and a pure function over the plan model; its fixes are data (text edits)
 * keyed on the diagnostic's `code` and `data`, never on its message.
 */

export interface RuleMeta {
  /** Stable code carried by every diagnostic of this rule (`numbering-gap`). */
  readonly code: string;
  readonly defaultSeverity: Exclude<RuleSeverity, 'off'>;
  /** One line saying what the rule finds. */
  readonly title: Localized;
  readonly fixable: boolean;
  /** Fix-all (`source.fixAll.fangan`, also on save) fixes its findings whose fix needs no choice. */
  readonly inFixAll?: boolean;
}

/** What the service loaded besides the document, handed to every check and feature. */
export interface CheckEnvironment {
  /** The workspace's `.fangan/` data (templates, …); absent: none loaded. */
  readonly workspace?: WorkspaceData;
  /** Unit registry and the lead-unit seams; the built-in registry when absent. */
  readonly units?: UnitsEnvironment;
}

export interface CheckContext extends CheckEnvironment {
  readonly uri: string;
  readonly file: PlanFile;
  readonly plan: Plan;
  readonly settings: FanganSettings;
  readonly locale: Locale;
}

export interface Finding {
  readonly code: string;
  readonly range: Range;
  readonly message: Localized;
  /** JSON data the rule's fixes need (expected marker, replacement, …). */
  readonly data?: unknown;
  readonly related?: ReadonlyArray<{ readonly range: Range; readonly message: Localized }>;
}

export interface FixProposal {
  readonly title: Localized;
  readonly edits: TextEdit[];
  readonly isPreferred?: boolean;
}

export interface Check {
  readonly id: string;
  readonly rules: readonly RuleMeta[];
  run(ctx: CheckContext, report: (finding: Finding) => void): void;
  /** Quick fixes for one diagnostic this check reported (matched on code and data). */
  quickFixes?(ctx: CheckContext, diagnostic: Diagnostic): FixProposal[];
  /** Every fix this check would make in the plan, for "fix all". */
  fixAll?(ctx: CheckContext): TextEdit[];
}
