import { pick, type Locale, type Localized } from '../l10n';
import type { PlanTemplate } from './templates/template';
import { BUILTIN_REGISTRY, type UnitRegistry } from './units/registry';
import type { WorkspaceConfig } from './config';

/**
 * What the service has read from the workspace's `.fangan/` folder. Loaded asynchronously through
 * the WorkspaceHost (`FanganLanguageService.reloadWorkspaceData`), then handed to every check and
 * feature with the document; checks never read files themselves.
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

/** A workspace file that could not be used, named, with what is wrong with it. */
export interface WorkspaceProblem {
  /** Absolute path of the file. */
  readonly file: string;
  /** 1-based position of the problem in the file, when known. */
  readonly line?: number;
  readonly column?: number;
  readonly message: Localized;
}

/** `/ws/.fangan/units.json:5:3：…` in the user's language, for notifications, logs and the CLI. */
export function formatWorkspaceProblem(problem: WorkspaceProblem, locale: Locale): string {
  const where = problem.line !== undefined ? `${problem.file}:${problem.line}:${problem.column ?? 1}` : '';
  if (!where) return pick(locale, problem.message);
  return locale === 'zh' ? `${where}：${problem.message.zh}` : `${where}: ${problem.message.en}`;
}
