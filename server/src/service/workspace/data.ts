import { readWorkspaceConfigs, type WorkspaceConfig } from './config';
import type { WorkspaceHost } from './host';
import type { WorkspaceProblem } from './problems';
import { loadWorkspaceTemplates } from './templates/registry';
import type { PlanTemplate } from './templates/template';
import { readOfficeRegistry } from './units/officeUnits';
import { BUILTIN_REGISTRY, type UnitRegistry } from './units/registry';

export type { WorkspaceProblem } from './problems';
export { formatWorkspaceProblem } from './problems';

/**
 * What the service has read from the workspace's `.fangan/` folder. Loaded asynchronously through
 * the WorkspaceHost (`FanganLanguageService.reloadWorkspaceData`), then handed to every rule and
 * feature with the document; rules never read files themselves.
 */
export interface WorkspaceData {
  /** The office's own plan templates (`.fangan/templates/*.json`), valid ones only. */
  readonly templates: readonly PlanTemplate[];
  /** Built-in unit knowledge joined with the office's `.fangan/units.json`. */
  readonly units: UnitRegistry;
  /** The office's settings (`.fangan/config.json`), one per workspace folder that has one. */
  readonly configs?: readonly WorkspaceConfig[];
}

export const EMPTY_WORKSPACE_DATA: WorkspaceData = { templates: [], units: BUILTIN_REGISTRY };

/**
 * Reads every office file of the workspace folders (templates, units.json, config.json), each
 * through the one office-file reader (officeFile.ts). Files that cannot be used are skipped and
 * named in the problems; `ruleCodes` are the codes config.json may name.
 */
export async function reloadWorkspaceData(host: WorkspaceHost, ruleCodes: readonly string[]): Promise<{ data: WorkspaceData; problems: WorkspaceProblem[] }> {
  const [templates, units, config] = await Promise.all([loadWorkspaceTemplates(host), readOfficeRegistry(host), readWorkspaceConfigs(host, ruleCodes)]);
  return {
    data: { templates: templates.templates, units: units.registry, configs: config.configs },
    problems: [...templates.problems, ...units.problems, ...config.problems],
  };
}
