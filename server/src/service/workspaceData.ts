import type { Localized } from './l10n';
import type { PlanTemplate } from './sections/template';

/**
 * What the service has read from the workspace's `.fangan/` folder. Loaded asynchronously through
 * the WorkspaceHost (`FanganLanguageService.reloadWorkspaceData`), then handed to every check and
 * feature with the document; checks never read files themselves.
 */
export interface WorkspaceData {
  /** The office's own plan templates (`.fangan/templates/*.json`), valid ones only. */
  readonly templates: readonly PlanTemplate[];
}

export const EMPTY_WORKSPACE_DATA: WorkspaceData = { templates: [] };

/** A workspace file that could not be used, named, with what is wrong with it. */
export interface WorkspaceProblem {
  /** Absolute path of the file. */
  readonly file: string;
  readonly message: Localized;
}
