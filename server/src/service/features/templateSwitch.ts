import type { TextEdit } from 'vscode-languageserver-types';
import type { FanganSettings } from '../workspace/settings';
import type { Localized } from '../l10n';
import { parsePlanFile } from '../model/parse';
import type { Plan, PlanFile } from '../model/types';
import { planAt } from '../model/walk';
import { availableTemplates, chooseTemplate, templateDirectiveFor, type TemplateVia } from '../workspace/templates/registry';
import type { PlanTemplate } from '../workspace/templates/template';
import { applyEdits } from '../text/edits';

/**
 * Switching a plan's template from the editor writes (or updates) the plan's own
 * `<!-- fangan: template ID -->` line, so the choice travels with the draft; choosing "auto"
 * removes that line. Every edit is checked by re-reading the text before it is offered: the plan
 * gets the template asked for, and no other plan of the file changes template.
 */

export interface TemplateInfo {
  readonly id: string;
  readonly name: string;
  readonly outline: string | null;
  /** `built-in` or the office's file. */
  readonly source: string;
}

export interface TemplatesAnswer {
  readonly templates: TemplateInfo[];
  /** The template of the plan at the line asked about, and how it was chosen. */
  readonly current: { readonly id: string; readonly via: TemplateVia } | null;
}

export function templatesFor(file: PlanFile | null, line: number, settings: FanganSettings, workspaceTemplates: readonly PlanTemplate[] = []): TemplatesAnswer {
  const templates = availableTemplates(workspaceTemplates).map((t) => ({ id: t.id, name: t.name, outline: t.outline, source: t.source }));
  const plan = file ? planAt(file, line) ?? file.plans[0] : undefined;
  if (!file || !plan) return { templates, current: null };
  const choice = chooseTemplate(file, plan, settings, workspaceTemplates);
  return { templates, current: { id: choice.template.id, via: choice.via } };
}

export type TemplateSwitch = { readonly edits: TextEdit[] } | { readonly problem: Localized };

export const AUTO = 'auto';

const directiveText = (id: string) => `<!-- fangan: template ${id} -->`;

/** The plan's own directive line (inside the plan), if it has one. */
function ownDirective(file: PlanFile, plan: Plan) {
  let own = null;
  for (const d of file.directives) {
    if (d.name === 'fangan' && d.args[0] === 'template' && d.line >= plan.firstLine && d.line <= plan.lastLine) own = d;
  }
  return own;
}

/**
 * Where a new directive goes: inside the plan, after its title (and a `（2021—2025年）` line), or
 * after its first line when it has no title (before it, it would govern the plans after it too).
 */
export function insertionLine(file: PlanFile, plan: Plan): number {
  let line = (plan.title ? plan.title.range.end.line : plan.firstLine) + 1;
  // a title continued on the next line (`（2021—2025年）`) stays with the title
  while (line <= plan.lastLine && /^[\s\u3000]*[（(][^）)]{0,20}[）)][\s\u3000]*$/.test(file.lines[line] ?? '')) line++;
  return line;
}

function lineEnd(file: PlanFile, line: number) {
  return { line, character: (file.lines[line] ?? '').length };
}

/** The edits that give the plan at `line` the template `id` (or `auto`), checked by re-reading. */
export function switchTemplate(
  text: string,
  line: number,
  id: string,
  settings: FanganSettings,
  workspaceTemplates: readonly PlanTemplate[] = [],
): TemplateSwitch {
  const file = parsePlanFile(text);
  const index = file.plans.findIndex((p) => line >= p.firstLine && line <= p.lastLine);
  const planIndex = index === -1 ? 0 : index;
  const plan = file.plans[planIndex];
  if (!plan) return { problem: { zh: '此文件中没有识别出方案', en: 'no plan was found in this file' } };
  if (id !== AUTO && !availableTemplates(workspaceTemplates).some((t) => t.id === id)) {
    return { problem: { zh: `没有标识为“${id}”的模板`, en: `there is no template "${id}"` } };
  }
  const own = ownDirective(file, plan);
  const edits: TextEdit[] = [];
  if (id === AUTO) {
    if (own) edits.push({ range: { start: { line: own.line, character: 0 }, end: { line: own.line + 1, character: 0 } }, newText: '' });
    const inherited = templateDirectiveFor(file, plan);
    if (!own && inherited) {
      if (file.plans.length > 1) {
        return {
          problem: {
            zh: `此方案的模板由第 ${inherited.range.start.line + 1} 行的指令指定，该指令也作用于其后的方案，请直接修改或删除该行`,
            en: `the template of this plan is set by the directive on line ${inherited.range.start.line + 1}, which also governs the plans after it; edit or remove that line`,
          },
        };
      }
      const l = inherited.range.start.line;
      edits.push({ range: { start: { line: l, character: 0 }, end: { line: l + 1, character: 0 } }, newText: '' });
    }
  } else if (own) {
    edits.push({ range: { start: { line: own.line, character: own.range.start.character }, end: lineEnd(file, own.line) }, newText: directiveText(id) });
  } else {
    const at = insertionLine(file, plan);
    edits.push({ range: { start: { line: at, character: 0 }, end: { line: at, character: 0 } }, newText: `${directiveText(id)}\n` });
  }
  if (edits.length === 0) return { edits };

  // Read the result back: this plan has the template asked for, the others keep theirs.
  const before = file.plans.map((p) => chooseTemplate(file, p, settings, workspaceTemplates).template.id);
  const after = parsePlanFile(applyEdits(text, edits));
  const ok =
    after.plans.length === file.plans.length &&
    after.plans.every((p, i) => {
      const choice = chooseTemplate(after, p, settings, workspaceTemplates);
      if (i !== planIndex) return choice.template.id === before[i];
      return id === AUTO ? choice.via !== 'directive' : choice.template.id === id && choice.via === 'directive';
    });
  if (!ok) {
    return {
      problem: {
        zh: `无法在此处写入模板指令，请在方案标题下一行手动写入 ${directiveText(id === AUTO ? '模板标识' : id)}`,
        en: `cannot place the template directive here; write ${directiveText(id === AUTO ? 'ID' : id)} on the line after the plan's title`,
      },
    };
  }
  return { edits };
}
