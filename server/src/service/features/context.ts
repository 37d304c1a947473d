import type { FanganSettings } from '../config';
import type { WorkspaceHost } from '../host';
import type { Locale } from '../l10n';
import type { PlanFile } from '../model/types';
import type { UnitsEnvironment } from '../units/environment';

/** What every editor feature (hover, completion, actions) gets about the document it answers for. */
export interface DocumentContext {
  readonly uri: string;
  readonly file: PlanFile;
  readonly settings: FanganSettings;
  readonly locale: Locale;
  readonly host: WorkspaceHost;
  /** Unit registry and the lead-unit seams; the built-in registry when absent. */
  readonly units?: UnitsEnvironment;
}
