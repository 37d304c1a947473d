import fazhiShehui from './builtin/fazhi-shehui.json';
import fazhiZhengfu from './builtin/fazhi-zhengfu.json';
import generic from './builtin/generic.json';
import { readTemplate, type PlanTemplate } from './template';

/**
 * The templates shipped with Fangan, bundled at build time. They go through the same reader as an
 * office's own templates; a mistake in one is a bug, caught by the tests (never thrown at a user).
 */

const RAW: ReadonlyArray<readonly [string, unknown]> = [
  ['fazhi-shehui.json', fazhiShehui],
  ['fazhi-zhengfu.json', fazhiZhengfu],
  ['generic.json', generic],
];

/** The id of the template used when no other fits. */
export const GENERIC_TEMPLATE_ID = 'generic';

function load(): { templates: PlanTemplate[]; problems: string[] } {
  const templates: PlanTemplate[] = [];
  const problems: string[] = [];
  for (const [name, json] of RAW) {
    const read = readTemplate(json, `built-in:${name}`);
    if ('template' in read) templates.push(read.template);
    else problems.push(...read.problems.map((p) => `${name}: ${p.en}`));
  }
  return { templates, problems };
}

const LOADED = load();

export const BUILTIN_TEMPLATES: readonly PlanTemplate[] = LOADED.templates;
/** Problems in the built-in templates (always empty in a release; asserted by the tests). */
export const BUILTIN_TEMPLATE_PROBLEMS: readonly string[] = LOADED.problems;
