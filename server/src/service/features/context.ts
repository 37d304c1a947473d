import type { FanganSettings } from '../config';
import type { WorkspaceHost } from '../host';
import type { Locale } from '../l10n';
import type { PlanFile } from '../model/types';
import type { WorkspaceData } from '../workspaceData';

/** What every editor feature (hover, completion, actions) gets about the document it answers for. */
export interface DocumentContext {
  readonly uri: string;
  readonly file: PlanFile;
  readonly settings: FanganSettings;
  readonly locale: Locale;
  readonly host: WorkspaceHost;
  /** The workspace's `.fangan/` data (templates, …); absent: none loaded. */
  readonly workspace?: WorkspaceData;
}
