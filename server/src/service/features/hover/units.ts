import type { Position } from 'vscode-languageserver-types';
import type { DocumentContext } from '../context';
import type { HoverSection } from './section';
import type { Locale } from '../../l10n';
import type { PlanNode } from '../../model/types';
import { nodeLabel, planAt } from '../../model/walk';
import { BUILTIN_UNITS } from '../../workspace/units/environment';
import { baseName, LEVEL_NAME, normalizeName } from '../../workspace/units/names';
import { formLevelOf } from '../../workspace/units/registry';
import { planUnits, type UnitOccurrence } from '../../workspace/units/usage';

/**
 * Hover on a unit name in a note: what it leads and supports in this plan (counts and a list of
 * the measures, each a link to its line), how the plan writes it, and its aliases.
 */

const LIST_LIMIT = 12;

function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_{}[\]()#+\-.!|<>])/g, '\\$1');
}

function measureLink(uri: string, node: PlanNode | null, line: number, locale: Locale): string {
  const label = node ? nodeLabel(node) : locale === 'zh' ? '（不在任何措施之后）' : '(after no measure)';
  const short = label.length > 28 ? `${label.slice(0, 28)}…` : label;
  const where = locale === 'zh' ? `第 ${line + 1} 行` : `line ${line + 1}`;
  return `- [${escapeMarkdown(short)}](${uri}#L${line + 1}) · ${where}`;
}

function list(uri: string, title: string, items: readonly UnitOccurrence[], locale: Locale): string[] {
  if (items.length === 0) return [];
  const seen = new Set<PlanNode | null>();
  const lines: string[] = [];
  for (const o of items) {
    if (o.node && seen.has(o.node)) continue;
    seen.add(o.node);
    lines.push(measureLink(uri, o.node, (o.node?.range.start.line ?? o.note.range.start.line), locale));
  }
  const shown = lines.slice(0, LIST_LIMIT);
  if (lines.length > LIST_LIMIT) shown.push(locale === 'zh' ? `- ……另有 ${lines.length - LIST_LIMIT} 项` : `- … ${lines.length - LIST_LIMIT} more`);
  return [`**${title}**`, shown.join('\n')];
}

export const unitHoverSection: HoverSection = {
  provide(ctx: DocumentContext, position: Position): string[] | undefined {
    const plan = planAt(ctx.file, position.line);
    if (!plan) return undefined;
    const env = ctx.units ?? BUILTIN_UNITS;
    const units = planUnits(plan, env.registry);
    const here = units.occurrences.find(
      (o) =>
        o.unit.range.start.line === position.line &&
        o.unit.range.start.character <= position.character &&
        position.character <= o.unit.range.end.character,
    );
    if (!here) return undefined;
    const zh = ctx.locale === 'zh';
    const id = here.identity;
    const same = id.key
      ? units.byKey.get(id.key) ?? [here]
      : units.occurrences.filter((o) => baseName(normalizeName(o.unit.name)) === baseName(normalizeName(here.unit.name)));
    const name = (id.key && units.spelling(id.key)) || here.effective;

    const what: string[] = [];
    const level = id.level ?? formLevelOf(units.scope);
    if (id.status === 'collective') what.push(zh ? '泛指多个单位，可作配合单位，不宜作牵头单位' : 'a group of units: fine as supporting units, not as the lead');
    else if (id.status === 'unknown') {
      what.push(zh ? '不在单位名录中' : 'not in the unit registry');
      if (here.closest) what.push(zh ? `可能是“${here.closest}”` : `perhaps "${here.closest}"`);
    } else {
      if (level) what.push(zh ? `${LEVEL_NAME[level].zh}单位` : `${LEVEL_NAME[level].en} unit`);
      if (id.workspace) what.push(zh ? `本单位名录（第 ${id.workspace.line} 行）` : `office registry (line ${id.workspace.line})`);
      else if (id.stem) what.push(zh ? `内置名录：${id.stem.name}` : `built-in registry: ${id.stem.name}`);
      if (id.status === 'other-level') what.push(zh ? '不是本方案层级的单位' : 'not a unit of this plan’s level');
    }

    const leads = same.filter((o) => o.role === 'lead');
    const responsible = same.filter((o) => o.role === 'responsible');
    const supports = same.filter((o) => o.role === 'support');
    const count = (items: readonly UnitOccurrence[]) => new Set(items.map((o) => o.node ?? o.note)).size;
    const counts = zh
      ? `本方案中：牵头 ${count(leads)} 项 · 责任 ${count(responsible)} 项 · 配合 ${count(supports)} 项`
      : `In this plan: leads ${count(leads)} · responsible for ${count(responsible)} · supports ${count(supports)}`;

    const forms = new Map<string, number>();
    for (const o of same) forms.set(o.unit.name, (forms.get(o.unit.name) ?? 0) + 1);
    const written = [...forms].map(([f, n]) => `${f}（${n}）`).join(zh ? '、' : ', ');
    const aliases = new Set<string>();
    if (id.workspace) for (const a of [id.workspace.name, ...id.workspace.aliases]) aliases.add(a);
    if (id.stem && level) {
      const prefix = units.scope.prefix ?? id.prefix;
      if (prefix) for (let i = 0; i < id.stem.forms[level].length; i++) aliases.add(units.registry.nameOf(id.stem, level, prefix, i)!);
    }
    for (const f of forms.keys()) aliases.delete(f);
    aliases.delete(name);

    const parts = [`**${escapeMarkdown(name)}** — ${what.join(zh ? '；' : '; ')}`, counts];
    parts.push(zh ? `本方案写作：${written}` : `Written as: ${written}`);
    if (aliases.size > 0) parts.push(zh ? `其他写法：${[...aliases].join('、')}` : `Also written: ${[...aliases].join(', ')}`);
    parts.push(...list(ctx.uri, zh ? '牵头的措施' : 'Leads', leads, ctx.locale));
    parts.push(...list(ctx.uri, zh ? '负责的措施（责任单位）' : 'Responsible for', responsible, ctx.locale));
    parts.push(...list(ctx.uri, zh ? '配合的措施' : 'Supports', supports, ctx.locale));
    return [parts.join('\n\n')];
  },
};
