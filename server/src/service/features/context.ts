import type { FanganSettings } from '../workspace/settings';
import type { CorpusStore } from '../corpus/store';
import type { WorkspaceHost } from '../workspace/host';
import type { Locale } from '../l10n';
import type { PlanFile } from '../model/types';
import type { CheckEnvironment } from '../rules/types';

/** What every editor feature (hover, completion, actions) gets about the document it answers for. */
export interface DocumentContext extends CheckEnvironment {
  readonly uri: string;
  readonly file: PlanFile;
  readonly settings: FanganSettings;
  readonly locale: Locale;
  readonly host: WorkspaceHost;
  /** The corpus of existing plans (absent where the host gives none, e.g. unit tests of other features). */
  readonly corpus?: CorpusStore;
}
