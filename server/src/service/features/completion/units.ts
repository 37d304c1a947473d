import { CompletionItemKind, type CompletionItem, type Position } from 'vscode-languageserver-types';
import type { CompletionSource } from './source';
import type { DocumentContext } from '../context';
import { pick, type Localized } from '../../l10n';
import type { NoteRole, PlanNode } from '../../model/types';
import { NOTE_LABELS } from '../../model/notes';
import { nodeAt, planAt } from '../../model/walk';
import { toSimplified } from '../../text/chinese';
import { BUILTIN_UNITS } from '../../workspace/units/environment';
import { LEVEL_NAME } from '../../workspace/units/names';
import { formLevelOf, scopeOf, type PlanScope } from '../../workspace/units/registry';
import { measureText, suggestLeads, type SuggestionSource } from '../../workspace/units/suggest';
import { planUnits, type PlanUnits } from '../../workspace/units/usage';

/**
 * Unit names after any role label (`牵头单位：`, `牵头部门：`, `责任单位：`, `配合单位：`, `参加单位：`,
 * `协同单位：` …, either colon) and inside an inline note `（牵头单位：…`; `、` continues the list.
 * Where a lead is typed (a lead label, or the first unit of a lone 责任单位), the units that lead this
 * plan's most similar measures come first, then the plan's own units, the office's registry and the
 * built-in units of the plan's level — never a group; where supporting units are typed (配合单位, the
 * 责任单位 of a measure that names its lead, the rest of a 责任单位 list), the plan's units and groups
 * by how often they support.
 */

// Every role label and synonym the model reads (model/notes.ts), longest first.
const LABEL_COLON = new RegExp(`(${NOTE_LABELS.map(([l]) => l).join('|')})[ \\t\\u3000]*[：:]`, 'g');
const ROLE = new Map<string, NoteRole>(NOTE_LABELS);

const OPEN = '（(【[［〔﹝《“';
const CLOSE = '）)】]］〕﹞》”';
const SEPARATORS = '、，,；;';

export interface NoteContext {
  readonly label: string;
  readonly role: NoteRole;
  /** A lead label comes before this one in the same note (`（牵头单位：A；责任单位：…`). */
  readonly afterLead: boolean;
  /** Where the name being typed starts (character on the line). */
  readonly partialStart: number;
  /** Names already in the list before it. */
  readonly listed: readonly string[];
}

/** Whether the text before the cursor is inside a note's unit list, and where. */
export function noteContextAt(linePrefix: string): NoteContext | null {
  const simplified = toSimplified(linePrefix);
  const folded = simplified.length === linePrefix.length ? simplified : linePrefix;
  let last: RegExpExecArray | null = null;
  let afterLead = false;
  LABEL_COLON.lastIndex = 0;
  for (let m = LABEL_COLON.exec(folded); m; m = LABEL_COLON.exec(folded)) {
    if (last && ROLE.get(last[1]) === 'lead') afterLead = true;
    last = m;
  }
  if (!last) return null;
  const valueStart = last.index + last[0].length;
  const listed: string[] = [];
  let depth = 0;
  let itemStart = valueStart;
  for (let i = valueStart; i < linePrefix.length; i++) {
    const c = linePrefix[i];
    if (OPEN.includes(c)) depth++;
    else if (CLOSE.includes(c)) {
      if (depth === 0) return null; // the inline note is closed
      depth--;
    } else if (c === '。') return null;
    else if (depth === 0 && SEPARATORS.includes(c)) {
      const name = linePrefix.slice(itemStart, i).trim();
      if (name) listed.push(name);
      itemStart = i + 1;
    }
  }
  while (itemStart < linePrefix.length && /\s/.test(linePrefix[itemStart])) itemStart++;
  return { label: last[1], role: ROLE.get(last[1]) ?? 'support', afterLead, partialStart: itemStart, listed };
}

const DETAIL: Record<SuggestionSource | 'workspace' | 'builtin' | 'support', (n: number, level: string) => Localized> = {
  similar: () => ({ zh: '本方案相似措施的牵头单位', en: 'leads similar measures of this plan' }),
  corpus: () => ({ zh: '其他方案相似措施的牵头单位（已换为本级）', en: 'leads similar measures in other plans (adapted to this level)' }),
  keyword: () => ({ zh: '与本措施内容相关的本级单位', en: 'a unit of this level related to the measure' }),
  common: (_n, level) => ({ zh: `常见的${level}牵头单位`, en: `a common ${level} lead unit` }),
  plan: (n) => ({ zh: `本方案牵头 ${n} 项`, en: `leads ${n} measure(s) in this plan` }),
  support: (n) => ({ zh: `本方案配合 ${n} 项`, en: `supports ${n} measure(s) in this plan` }),
  workspace: () => ({ zh: '本单位名录（.fangan/units.json）', en: 'office registry (.fangan/units.json)' }),
  builtin: (_n, level) => ({ zh: `内置名录：${level}单位`, en: `built-in registry: ${level} unit` }),
};

function roleCounts(units: PlanUnits, key: string): { lead: number; support: number } {
  const list = units.byKey.get(key) ?? [];
  return { lead: list.filter((o) => o.role !== 'support').length, support: list.filter((o) => o.role === 'support').length };
}

/**
 * Whether the unit being typed is the one who leads: after a lead label; after a lone 责任单位,
 * its first unit (the rest carry the task out with it, groups included). Where the measure names
 * its lead elsewhere (`牵头单位：` before, on this line or another), 责任单位 are supporting units.
 */
function leadsHere(note: NoteContext, measure: PlanNode | undefined, line: number): boolean {
  if (note.role === 'lead') return true;
  if (note.role === 'support') return false;
  const leadElsewhere = note.afterLead || !!measure?.notes.some((n) => n.role === 'lead' && n.units.length > 0 && n.range.start.line !== line);
  return !leadElsewhere && note.listed.length === 0;
}

export const unitCompletionSource: CompletionSource = {
  provide(ctx: DocumentContext, position: Position, linePrefix: string): CompletionItem[] | undefined {
    if (!/[：:、，,；;]/.test(linePrefix)) return undefined;
    const note = noteContextAt(linePrefix);
    if (!note) return undefined;
    const env = ctx.units ?? BUILTIN_UNITS;
    const registry = env.registry;
    const plan = planAt(ctx.file, position.line) ?? ctx.file.plans[0];
    const scope: PlanScope = plan ? scopeOf(plan) : { level: null, prefix: null, region: null };
    const units = plan ? planUnits(plan, registry) : null;
    const levelWord = pick(ctx.locale, LEVEL_NAME[formLevelOf(scope) ?? 'county']);
    const listedKeys = new Set(note.listed.map((n) => registry.identify(n, scope).key).filter((k): k is string => k !== null));
    const range = { start: { line: position.line, character: note.partialStart }, end: position };

    const items: CompletionItem[] = [];
    const seenKeys = new Set<string>(listedKeys);
    const seenNames = new Set<string>();
    const push = (name: string, key: string | null, detail: Localized) => {
      if ((key && seenKeys.has(key)) || seenNames.has(name) || note.listed.includes(name)) return;
      if (key) seenKeys.add(key);
      seenNames.add(name);
      items.push({
        label: name,
        kind: CompletionItemKind.Value,
        detail: pick(ctx.locale, detail),
        sortText: String(items.length).padStart(4, '0'),
        filterText: name,
        textEdit: { range, newText: name },
      });
    };

    // The measure the note belongs to: the one the cursor's line is in.
    const node = plan ? nodeAt(plan, position.line) : undefined;
    const measure = node?.kind === 'measure' ? node : undefined;
    const lead = leadsHere(note, measure, position.line);
    if (plan && units) {
      if (lead) {
        if (measure) {
          for (const s of suggestLeads(ctx.file, units, env, measureText(ctx.file, measure), { node: measure, exclude: listedKeys, limit: 12 })) {
            const counts = roleCounts(units, s.key);
            push(s.name, s.key, s.source === 'plan' ? DETAIL.plan(counts.lead, levelWord) : DETAIL[s.source](0, levelWord));
          }
        }
      }
      // The plan's own units (and, for support, the groups it writes), most used in this role first.
      const own: Array<{ name: string; key: string | null; lead: number; support: number }> = [];
      for (const key of units.byKey.keys()) {
        const name = units.spelling(key);
        const status = units.byKey.get(key)![0].identity.status;
        if (name && (status === 'known' || status === 'plausible')) own.push({ name, key, ...roleCounts(units, key) });
      }
      if (!lead) {
        const groups = new Map<string, number>();
        for (const o of units.occurrences) if (o.identity.status === 'collective') groups.set(o.unit.name, (groups.get(o.unit.name) ?? 0) + 1);
        for (const [name, n] of groups) own.push({ name, key: null, lead: 0, support: n });
      }
      own.sort((a, b) => (lead ? b.lead - a.lead : b.support - a.support) || b.lead + b.support - (a.lead + a.support));
      for (const x of own) push(x.name, x.key, lead || x.support === 0 ? DETAIL.plan(x.lead, levelWord) : DETAIL.support(x.support, levelWord));
    }
    // The office's registry, then the built-in units of this level (each unit once, in its usual form).
    const known = registry.namesAt(scope);
    for (const k of known) if (k.workspace) push(k.name, k.key, DETAIL.workspace(0, levelWord));
    for (const k of known) if (!k.workspace && k.preferred) push(k.name, k.key, DETAIL.builtin(0, levelWord));
    return items;
  },
};
