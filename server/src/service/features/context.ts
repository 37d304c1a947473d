import type { CancellationLike } from '../cancellation';
import type { CorpusStore } from '../corpus/store';
import type { Locale } from '../l10n';
import type { PlanFile } from '../model/types';
import type { Rule, RuleEnvironment } from '../rules/types';
import type { WorkspaceHost } from '../workspace/host';
import type { FanganSettings } from '../workspace/settings';

/**
 * What every feature gets about the document it answers for, in one object: the model, the
 * settings that apply, the user's language, the rules the document is checked with and what the
 * service loaded besides the document (workspace data, unit knowledge, the corpus).
 */
export interface DocumentContext extends RuleEnvironment {
  readonly uri: string;
  readonly file: PlanFile;
  readonly settings: FanganSettings;
  readonly locale: Locale;
  /** The rules the document is checked with: all of them, or the structure rules for a large document (limits.ts). */
  readonly rules: readonly Rule[];
  /** Files beyond the document (templates, corpus folders). */
  readonly host?: WorkspaceHost;
  /** The corpus of existing plans (absent where the host gives none, e.g. unit tests of other features). */
  readonly corpus?: CorpusStore;
  /** The page of a rule, linked from its diagnostics (`codeDescription.href`). */
  readonly ruleDocUri?: (code: string) => string | undefined;
  readonly token?: CancellationLike;
  /**
   * The user is typing (a check of the newest text is pending): answer from what is ready — a hover
   * leaves out the corpus measures it has not matched yet, so that a burst of keystrokes never
   * waits behind corpus searches; they appear once typing pauses.
   */
  readonly typing?: boolean;
}
