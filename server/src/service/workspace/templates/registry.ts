import type { Range } from 'vscode-languageserver-types';
import { getNodeValue } from 'jsonc-parser/lib/esm/main.js';
import type { Localized } from '../../l10n';
import { MAX_TEMPLATE_FILE_BYTES } from '../../limits';
import type { Plan, PlanFile } from '../../model/types';
import type { WorkspaceHost } from '../host';
import { loadOfficeFile } from '../officeFile';
import { joinPath } from '../paths';
import type { WorkspaceProblem } from '../problems';
import type { FanganSettings } from '../settings';
import { BUILTIN_TEMPLATES, GENERIC_TEMPLATE_ID } from './builtins';
import { readTemplate, type PlanTemplate } from './template';

/**
 * Which template a plan is checked against: an in-document directive
 * (`<!-- fangan: template fazhi-zhengfu -->`) wins over the `fangan.template` setting, which wins
 * over the plan's kind (its title). An office's own templates (`.fangan/templates/*.json`) come
 * before the built-in ones: one with a built-in's id replaces it, one that lists a kind is used for it.
 */

export type TemplateVia = 'directive' | 'setting' | 'kind';

export interface TemplateChoice {
  readonly template: PlanTemplate;
  readonly via: TemplateVia;
  /** A directive or setting named a template that does not exist; the kind's template is used. */
  readonly unknown?: { readonly id: string; readonly via: 'directive' | 'setting'; readonly range: Range | null };
}

/** Built-in templates with the workspace's own in front. */
export function availableTemplates(workspaceTemplates: readonly PlanTemplate[] = []): PlanTemplate[] {
  const ids = new Set(workspaceTemplates.map((t) => t.id));
  return [...workspaceTemplates, ...BUILTIN_TEMPLATES.filter((t) => !ids.has(t.id))];
}

function findTemplate(templates: readonly PlanTemplate[], id: string): PlanTemplate | undefined {
  return templates.find((t) => t.id === id);
}

function templateForKind(templates: readonly PlanTemplate[], kind: string): PlanTemplate {
  return (
    templates.find((t) => t.kinds.includes(kind)) ??
    findTemplate(templates, GENERIC_TEMPLATE_ID) ??
    BUILTIN_TEMPLATES.find((t) => t.id === GENERIC_TEMPLATE_ID)!
  );
}

/** `<!-- fangan: template ID -->` lines; a directive inside a plan governs that plan, one outside every plan the plans after it. */
export function templateDirectiveFor(file: PlanFile, plan: Plan): { id: string; range: Range } | null {
  let own: { id: string; range: Range } | null = null;
  let inherited: { id: string; range: Range } | null = null;
  for (const d of file.directives) {
    if (d.name !== 'fangan' || d.args[0] !== 'template' || d.args.length < 2) continue;
    const entry = { id: d.args[1], range: d.range };
    if (d.line >= plan.firstLine && d.line <= plan.lastLine) own = entry;
    else if (d.line < plan.firstLine && !file.plans.some((p) => d.line >= p.firstLine && d.line <= p.lastLine)) inherited = entry;
  }
  return own ?? inherited;
}

export function chooseTemplate(
  file: PlanFile,
  plan: Plan,
  settings: FanganSettings,
  workspaceTemplates: readonly PlanTemplate[] = [],
): TemplateChoice {
  const templates = availableTemplates(workspaceTemplates);
  const byKind = templateForKind(templates, plan.kind);
  const directive = templateDirectiveFor(file, plan);
  if (directive) {
    const named = findTemplate(templates, directive.id);
    if (named) return { template: named, via: 'directive' };
    return { template: byKind, via: 'kind', unknown: { id: directive.id, via: 'directive', range: directive.range } };
  }
  const setting = settings.template;
  if (setting && setting !== 'auto') {
    const named = findTemplate(templates, setting);
    if (named) return { template: named, via: 'setting' };
    return { template: byKind, via: 'kind', unknown: { id: setting, via: 'setting', range: null } };
  }
  return { template: byKind, via: 'kind' };
}

/** One message per file: the first few problems, and how many more. */
function summarize(problems: readonly Localized[]): Localized {
  const shown = problems.slice(0, 3);
  const more = problems.length - shown.length;
  return {
    zh: shown.map((p) => p.zh).join('；') + (more > 0 ? `；另有 ${more} 处问题` : ''),
    en: shown.map((p) => p.en).join('; ') + (more > 0 ? `; and ${more} more` : ''),
  };
}

/**
 * Reads every `.fangan/templates/*.json` of the workspace folders (comments allowed, as in every
 * office file). A file that cannot be read, is not JSON or is not a valid template is skipped
 * with one problem naming it; the others (and the built-in templates) are used as usual. Never throws.
 */
export async function loadWorkspaceTemplates(host: WorkspaceHost): Promise<{ templates: PlanTemplate[]; problems: WorkspaceProblem[] }> {
  const templates: PlanTemplate[] = [];
  const problems: WorkspaceProblem[] = [];
  for (const folder of host.workspaceFolders) {
    const dir = joinPath(folder, '.fangan', 'templates');
    let entries: Array<[string, 'file' | 'directory']>;
    try {
      if ((await host.stat(dir))?.type !== 'directory') continue;
      entries = await host.readDirectory(dir);
    } catch {
      continue;
    }
    const files = entries.filter(([name, type]) => type === 'file' && name.toLowerCase().endsWith('.json')).map(([name]) => name).sort();
    for (const name of files) {
      const path = joinPath(dir, name);
      const shown = `.fangan/templates/${name}`;
      const skipped = (message: Localized, at: Partial<WorkspaceProblem> = {}): void => {
        problems.push({
          file: path,
          line: at.line,
          column: at.column,
          message: {
            zh: `模板文件 ${shown} 有误，已跳过（内置模板照常使用）：${message.zh}`,
            en: `template file ${shown} was skipped (the built-in templates still work): ${message.en}`,
          },
        });
      };
      const loaded = await loadOfficeFile(host, path, MAX_TEMPLATE_FILE_BYTES);
      if (!loaded) continue;
      if (!loaded.json) {
        for (const p of loaded.problems) skipped(p.message, p);
        continue;
      }
      const read = readTemplate(getNodeValue(loaded.json.root), path);
      if ('problems' in read) {
        skipped(summarize(read.problems));
        continue;
      }
      const earlier = templates.find((t) => t.id === read.template.id);
      if (earlier) {
        skipped({
          zh: `模板标识“${read.template.id}”与 ${earlier.source} 重复`,
          en: `template id "${read.template.id}" is already used by ${earlier.source}`,
        });
        continue;
      }
      templates.push(read.template);
    }
  }
  return { templates, problems };
}
