import type { TextEdit } from 'vscode-languageserver-types';
import { findSources, sourceDocuments, type SourceVia } from '../corpus/source';
import type { Localized } from '../l10n';
import { parsePlanFile } from '../model/parse';
import type { Plan, PlanFile, PlanLevel } from '../model/types';
import { planAt } from '../model/walk';
import { levelName } from '../corpus/present';
import { applyEdits } from '../text/edits';
import type { DocumentContext } from './context';
import { insertionLine } from './templateSwitch';

/**
 * Choosing the plan above from the editor (方案：选择上级方案): the corpus plans to choose from,
 * higher levels first, and the edit that names the one chosen in the plan's own
 * `<!-- fangan: source 标题 -->` line after its title — so the choice travels with the draft, as
 * the template's does (templateSwitch.ts). `auto` removes that line: the sources are then found
 * from the citations (and `fangan.source`). The edit is read back before it is offered.
 */

export interface SourceChoice {
  readonly title: string;
  /** Short name: 贵州省方案. */
  readonly name: string;
  readonly level: PlanLevel | null;
  /** `省级` / `province`, in the user's language. */
  readonly levelLabel: string;
  readonly path: string;
  /** The plan is a source of the draft now. */
  readonly current: boolean;
}

export interface SourceChoices {
  readonly plans: readonly SourceChoice[];
  /** The draft's sources now and how each was found. */
  readonly current: ReadonlyArray<{ readonly title: string; readonly via: SourceVia }>;
}

export type SourceSwitch = { readonly edits: TextEdit[] } | { readonly problem: Localized };

export const AUTO_SOURCE = 'auto';

const LEVEL_ORDER: Record<PlanLevel, number> = { province: 0, city: 1, county: 2 };
const rankOf = (level: PlanLevel | null) => (level ? LEVEL_ORDER[level] : 3);

const directiveText = (title: string) => `<!-- fangan: source ${title} -->`;

function planOf(file: PlanFile, line: number): Plan | undefined {
  return planAt(file, line) ?? file.plans[0];
}

/** Corpus plans to choose from for the plan at `line`: every plan but the draft itself, higher levels first. */
export function sourceChoices(ctx: DocumentContext, line: number): SourceChoices {
  const plan = planOf(ctx.file, line);
  const documents = ctx.corpus?.index.documents ?? [];
  if (!plan) return { plans: [], current: [] };
  const copies = ctx.planAbove?.copies(plan) ?? new Set<string>();
  const above = ctx.planAbove?.of(plan);
  const current = new Set(above?.resolution.sources.map((s) => s.source.plan) ?? []);
  const plans = sourceDocuments(documents)
    .filter((s) => !copies.has(s.plan.path) && s.measures.length > 0)
    .sort((a, b) => rankOf(a.plan.level) - rankOf(b.plan.level) || a.plan.title.localeCompare(b.plan.title, 'zh'))
    .map((s) => ({
      title: s.plan.title,
      name: s.plan.name,
      level: s.plan.level,
      levelLabel: levelName(s.plan.level, ctx.locale),
      path: s.plan.path,
      current: current.has(s.plan),
    }));
  return { plans, current: above?.resolution.sources.map((s) => ({ title: s.source.plan.title, via: s.via })) ?? [] };
}

/** The plan's own source directive (inside the plan), if it has one. */
function ownDirective(file: PlanFile, plan: Plan) {
  let own = null;
  for (const d of file.directives) {
    if (d.name === 'fangan' && d.args[0] === 'source' && d.line >= plan.firstLine && d.line <= plan.lastLine) own = d;
  }
  return own;
}

/** The edits that make `title` the plan's source (or, for `auto`, remove its own source line), read back. */
export function switchSource(ctx: DocumentContext, line: number, title: string): SourceSwitch {
  const { file } = ctx;
  const index = Math.max(0, file.plans.indexOf(planOf(file, line)!));
  const plan = file.plans[index];
  if (!plan) return { problem: { zh: '此文件中没有识别出方案', en: 'no plan was found in this file' } };
  const name = title.trim();
  if (!name || /[\r\n]|-->/.test(name)) return { problem: { zh: `“${name}”不是方案标题`, en: `"${name}" is not a plan title` } };
  const own = ownDirective(file, plan);
  const edits: TextEdit[] = [];
  if (name === AUTO_SOURCE) {
    if (own) edits.push({ range: { start: { line: own.line, character: 0 }, end: { line: own.line + 1, character: 0 } }, newText: '' });
    return { edits };
  }
  if (own) {
    edits.push({ range: { start: own.range.start, end: { line: own.line, character: (file.lines[own.line] ?? '').length } }, newText: directiveText(name) });
  } else {
    const at = insertionLine(file, plan);
    edits.push({ range: { start: { line: at, character: 0 }, end: { line: at, character: 0 } }, newText: `${directiveText(name)}\n` });
  }
  // Read back: the plan's directive names the plan chosen.
  const after = parsePlanFile(applyEdits(file.lines.join('\n'), edits));
  const afterPlan = after.plans[index];
  const documents = ctx.corpus?.index.documents ?? [];
  const found = afterPlan && findSources({ file: after, plan: afterPlan, documents }).sources.some((s) => s.via === 'directive' && s.source.plan.title === name);
  if (!found) {
    return {
      problem: {
        zh: `无法在此处写入上级方案指令，请在方案标题下一行手动写入 ${directiveText(name)}`,
        en: `cannot place the plan-above directive here; write ${directiveText(name)} on the line after the plan's title`,
      },
    };
  }
  return { edits };
}
