import type { Diagnostic, Range, TextEdit } from 'vscode-languageserver-types';
import type { Plan, PlanFile, PlanNode, ResponsibilityNote } from '../../model/types';
import { measuresOf, nodeLabel, walkNodes } from '../../model/walk';
import { notesRequirementFor } from '../../workspace/templates';
import { toSimplified } from '../../text/chinese';
import { BUILTIN_UNITS, type NoteRequirementOf, type UnitsEnvironment } from '../../workspace/units/environment';
import { colonOf, insertLeadNote, notationOf, type NotationStyle } from '../../model/notation';
import { formLevelOf } from '../../workspace/units/registry';
import { measureText, suggestLeads } from '../../workspace/units/suggest';
import { notesOf, planUnits, type PlanUnits } from '../../workspace/units/usage';
import type { Check, CheckContext, Finding, FixProposal, RuleMeta } from '../types';
import { messages } from './messages';

/**
 * Lead units (牵头单位): every measure of a plan that uses responsibility notes names who leads
 * it, with a well-formed note, and names units that exist at the plan's level, written one way.
 * Codes are stable; fixes key on `code` and `data` only.
 */

export const CODES = {
  missing: 'lead-unit-missing',
  empty: 'lead-unit-empty',
  malformed: 'lead-unit-malformed',
  unknown: 'lead-unit-unknown',
  collective: 'lead-unit-collective',
  level: 'lead-unit-level',
  inconsistent: 'lead-unit-inconsistent',
} as const;

const RULES: readonly RuleMeta[] = [
  { code: CODES.missing, defaultSeverity: 'error', fixable: true, title: { zh: '措施未写明牵头单位（或责任单位）', en: 'A measure names no lead (or responsible) unit' } },
  { code: CODES.empty, defaultSeverity: 'error', fixable: true, title: { zh: '牵头/配合单位一栏没有写单位名称', en: 'A responsibility note names no unit' } },
  { code: CODES.malformed, inFixAll: true, defaultSeverity: 'warning', fixable: true, title: { zh: '牵头单位的写法有误（缺冒号、缺右括号、不在措施之后）', en: 'A responsibility note is malformed (no colon, unclosed, not after a measure)' } },
  { code: CODES.unknown, inFixAll: true, defaultSeverity: 'warning', fixable: true, title: { zh: '单位名称不在名录中，也不像本级单位', en: 'A unit name is neither registered nor plausible at this level' } },
  { code: CODES.collective, defaultSeverity: 'warning', fixable: false, title: { zh: '泛指的单位集合被列为牵头单位', en: 'A group of units is named as the lead' } },
  { code: CODES.level, defaultSeverity: 'warning', fixable: true, title: { zh: '单位不是本级单位（如县级方案中的省司法厅）', en: 'A unit of another level (e.g. 省司法厅 in a county plan)' } },
  { code: CODES.inconsistent, inFixAll: true, defaultSeverity: 'information', fixable: true, title: { zh: '同一单位在方案中有两种写法', en: 'One unit is written two ways in the plan' } },
];

/** What a finding's fix needs; the only thing quick fixes read besides the model. */
export type LeadUnitData =
  | { kind: 'missing'; line: number }
  | { kind: 'empty'; line: number; character: number }
  | { kind: 'colon'; line: number; character: number; colon: string }
  | { kind: 'close'; line: number; character: number; close: string }
  | { kind: 'stranded' | 'on-heading' }
  | { kind: 'replace'; name: string; replacement: string | null; truncation: boolean }
  | { kind: 'collective' }
  | { kind: 'unify'; key: string; name: string; canonical: string };

/** What a `close` fix may insert: closers of inner brackets, then the note's own. */
const CLOSERS = /^[）)】\]》”]{0,8}[）)]$/;
const PAIRS: Record<string, string> = { '（': '）', '(': ')', '【': '】', '[': ']', '《': '》', '“': '”' };

/** Closers for the brackets opened in text[from, to) and left open, innermost first (at most 8). */
function innerClosers(text: string, from: number, to: number): string {
  const open: string[] = [];
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (PAIRS[c]) open.push(PAIRS[c]);
    else if ('）)】]》”'.includes(c)) open.pop();
  }
  return open.reverse().slice(0, 8).join('');
}

interface Prepared {
  readonly env: UnitsEnvironment;
  readonly units: PlanUnits;
  readonly style: NotationStyle;
  readonly requirementOf: NoteRequirementOf;
}

function prepare(ctx: CheckContext): Prepared | null {
  const mode = ctx.settings.leadUnits?.check ?? 'auto';
  if (mode === 'never') return null;
  const env = ctx.units ?? BUILTIN_UNITS;
  const units = planUnits(ctx.plan, env.registry);
  if (mode === 'auto' && !units.hasNotes) return null;
  return {
    env,
    units,
    // Learned from every note of the plan, so only when a message or a fix needs it.
    get style() {
      return notationOf(ctx.file, ctx.plan);
    },
    // The plan's template says which sections carry notes (总体要求 never, 组织保障 optional).
    requirementOf: env.noteRequirement ?? ((plan, node) => (isGeneralRequirementItem(node) ? 'never' : notesRequirementFor({ ...ctx, plan }, node))),
  };
}

const isLeadNote = (n: ResponsibilityNote) => n.role !== 'support';

// (一)指导思想。… is a 总体要求 item wherever it stands (seed 004's 规划 puts it under its own 一、).
const GENERAL_REQUIREMENT_ITEM = /^(指导思想|(主要|基本|工作)原则|(总体|主要|工作|发展)目标)/;
function isGeneralRequirementItem(node: PlanNode): boolean {
  return node.kind === 'measure' && GENERAL_REQUIREMENT_ITEM.test(toSimplified(node.title));
}

function lineRange(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

/** The measure's first line, marker to title: where a missing lead is reported. */
function measureRange(file: PlanFile, node: PlanNode): Range {
  const start = node.range.start;
  const t = node.titleRange;
  const end = t.end.line === start.line && t.end.character > start.character ? t.end.character : (file.lines[start.line] ?? '').length;
  return lineRange(start.line, start.character, end);
}

function run(ctx: CheckContext, report: (finding: Finding) => void): void {
  const prepared = prepare(ctx);
  if (!prepared) return;
  const { units, requirementOf } = prepared;
  const { file, plan } = ctx;
  const example = (inline: boolean) => {
    const style = prepared.style;
    return inline ? `${style.open}${style.leadLabel}${style.colon}……${style.close}` : `${style.leadLabel}${style.colon}……`;
  };

  // Measures without a lead.
  const noted = new Map<PlanNode, boolean>();
  const sectionNoted = (node: PlanNode): boolean => {
    let root = node;
    while (root.parent && requirementOf(plan, root.parent) === 'optional') root = root.parent;
    let answer = noted.get(root);
    if (answer === undefined) {
      answer = [...walkNodes([root])].some((n) => n.notes.length > 0);
      noted.set(root, answer);
    }
    return answer;
  };
  for (const node of measuresOf(plan)) {
    const requirement = requirementOf(plan, node);
    if (requirement === 'never' || (requirement === 'optional' && !sectionNoted(node))) continue;
    if (ancestorLead(node)) continue; // reported once, on the heading's note
    if (node.notes.some(isLeadNote)) continue;
    const support = node.notes.find((n) => n.role === 'support');
    const label = nodeLabel(node);
    report({
      code: CODES.missing,
      range: measureRange(file, node),
      message: support
        ? messages.supportOnly(label, support.label, example(support.notation === 'inline'))
        : messages.missing(label, example(prepared.style.notation === 'inline'), prepared.style.notation === 'inline'),
      data: { kind: 'missing', line: node.range.start.line } satisfies LeadUnitData,
    });
  }

  // Notes: empty, malformed, stranded, on a heading.
  const unclosedLines = new Set<number>();
  for (const { note, node } of notesOf(plan)) {
    if (!node) {
      report({ code: CODES.malformed, range: note.range, message: messages.stranded(note.label), data: { kind: 'stranded' } satisfies LeadUnitData });
      continue;
    }
    if (node.kind === 'heading') {
      report({
        code: CODES.malformed,
        range: note.range,
        message: messages.onHeading(note.label, nodeLabel(node), [...walkNodes(node.children)].filter((n) => n.kind === 'measure').length),
        data: { kind: 'on-heading' } satisfies LeadUnitData,
      });
      continue;
    }
    if (note.units.length === 0) {
      report({
        code: CODES.empty,
        range: note.range,
        message: messages.empty(note.label, note.role),
        data: { kind: 'empty', line: note.valueRange.start.line, character: note.valueRange.start.character } satisfies LeadUnitData,
      });
      continue;
    }
    if (note.problem === 'missing-colon') {
      const units = note.units.map((u) => u.name).join('、');
      report({
        code: CODES.malformed,
        range: note.range,
        message: messages.missingColon(note.label, units, prepared.style.colon),
        data: { kind: 'colon', line: note.labelRange.end.line, character: note.labelRange.end.character, colon: prepared.style.colon } satisfies LeadUnitData,
      });
    }
    if (note.problem === 'unclosed' && !unclosedLines.has(note.range.start.line)) {
      // One bracket, however many notes it holds: report it once, close it after the last.
      const line = note.range.start.line;
      unclosedLines.add(line);
      const open = file.lines[line]?.[note.range.start.character] === '(' ? '(' : '（';
      const end = Math.max(...node.notes.filter((n) => n.problem === 'unclosed' && n.range.start.line === line).map((n) => n.range.end.character));
      // Brackets opened inside the note are closed first, or the note's own would close one of them.
      const close = innerClosers(file.lines[line] ?? '', note.range.start.character + 1, end) + (open === '(' ? ')' : '）');
      report({
        code: CODES.malformed,
        range: note.range,
        message: messages.unclosed(open, note.label, close),
        data: { kind: 'close', line, character: end, close } satisfies LeadUnitData,
      });
    }
  }

  // Unit names.
  const scope = units.scope;
  const planLevel = formLevelOf(scope);
  for (const o of units.occurrences) {
    const name = o.unit.name;
    const id = o.identity;
    if (id.status === 'collective') {
      if (o.role === 'lead' || (o.role === 'responsible' && o.index === 0)) {
        report({ code: CODES.collective, range: o.unit.range, message: messages.collective(name, o.note.label), data: { kind: 'collective' } satisfies LeadUnitData });
      }
    } else if (id.status === 'unknown') {
      report({
        code: CODES.unknown,
        range: o.unit.range,
        message: messages.unknown(name, planLevel, o.closest),
        data: { kind: 'replace', name, replacement: o.closest, truncation: !!o.closest && o.closest.endsWith(name) } satisfies LeadUnitData,
      });
    } else if (id.status === 'other-level' && !o.carried && planLevel) {
      const adapted = units.registry.adapt(name, scope);
      const samePrefixLevel = id.level === planLevel;
      report({
        code: CODES.level,
        range: o.unit.range,
        message: samePrefixLevel
          ? messages.otherPrefix(name, scope.region ?? `本${scope.prefix ?? ''}`, adapted)
          : messages.otherLevel(name, id.level, scope.level ?? planLevel, adapted),
        data: { kind: 'replace', name, replacement: adapted, truncation: false } satisfies LeadUnitData,
      });
    }
  }
  for (const inc of units.inconsistencies.values()) {
    for (const o of inc.deviating) {
      report({
        code: CODES.inconsistent,
        range: o.unit.range,
        message: messages.inconsistent(o.unit.name, inc.canonical, inc.canonicalWritten),
        data: { kind: 'unify', key: inc.key, name: o.unit.name, canonical: inc.canonical } satisfies LeadUnitData,
      });
    }
  }
}

/** An ancestor heading that names a lead for everything under it. */
function ancestorLead(node: PlanNode): PlanNode | null {
  for (let n = node.parent; n; n = n.parent) if (n.notes.some((x) => isLeadNote(x) && x.units.length > 0)) return n;
  return null;
}

function textAt(file: PlanFile, range: Range): string {
  if (range.start.line !== range.end.line) return '';
  return (file.lines[range.start.line] ?? '').slice(range.start.character, range.end.character);
}

function isData(value: unknown): value is LeadUnitData {
  return typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string';
}

const num = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const str = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

function insertAt(line: number, character: number, newText: string): TextEdit {
  return { range: lineRange(line, character, character), newText };
}

/** The measure (or noted node) starting on a line. */
function nodeOnLine(plan: Plan, line: number): PlanNode | undefined {
  for (const node of walkNodes(plan.nodes)) if (node.range.start.line === line) return node;
  return undefined;
}

function leadSuggestions(ctx: CheckContext, prepared: Prepared, node: PlanNode, limit: number): string[] {
  const exclude = new Set<string>();
  for (const o of prepared.units.occurrences) if (o.node === node && o.identity.key) exclude.add(o.identity.key);
  return suggestLeads(ctx.file, prepared.units, prepared.env, measureText(ctx.file, node), { node, exclude, limit }).map((s) => s.name);
}

function quickFixes(ctx: CheckContext, diagnostic: Diagnostic): FixProposal[] {
  const data = diagnostic.data;
  if (!isData(data)) return [];
  const prepared = prepare(ctx);
  if (!prepared) return [];
  const { file, plan } = ctx;
  const d = data as Record<string, unknown>;
  switch (data.kind) {
    case 'missing': {
      if (!num(d.line)) return [];
      const node = nodeOnLine(plan, d.line);
      if (!node || node.kind !== 'measure' || node.notes.some(isLeadNote)) return [];
      return leadSuggestions(ctx, prepared, node, 3).map((name, i) => ({
        title: messages.fixInsertLead(name, prepared.style.leadLabel),
        edits: insertLeadNote(file, node, [name], prepared.style),
        isPreferred: i === 0,
      }));
    }
    case 'empty': {
      if (!num(d.line) || !num(d.character)) return [];
      const found = notesOf(plan).find(({ note }) => note.valueRange.start.line === d.line && note.valueRange.start.character === d.character);
      if (!found?.node || found.note.units.length > 0 || found.note.role === 'support') return [];
      const colon = found.note.problem === 'missing-colon' || colonOf(file, found.note) === null ? prepared.style.colon : '';
      return leadSuggestions(ctx, prepared, found.node, 3).map((name, i) => ({
        title: messages.fixInsertLead(name, found.note.label),
        edits: [insertAt(d.line as number, d.character as number, `${colon}${name}`)],
        isPreferred: i === 0,
      }));
    }
    case 'colon':
      if (!num(d.line) || !num(d.character) || (d.colon !== '：' && d.colon !== ':')) return [];
      return [{ title: messages.fixColon(d.colon), edits: [insertAt(d.line, d.character, d.colon)], isPreferred: true }];
    case 'close':
      if (!num(d.line) || !num(d.character) || !str(d.close) || !CLOSERS.test(d.close)) return [];
      return [{ title: messages.fixClose(d.close), edits: [insertAt(d.line, d.character, d.close)], isPreferred: true }];
    case 'replace':
      if (!str(d.name) || !str(d.replacement) || textAt(file, diagnostic.range) !== d.name) return [];
      return [{ title: messages.fixReplace(d.replacement), edits: [{ range: diagnostic.range, newText: d.replacement }], isPreferred: true }];
    case 'unify': {
      if (!str(d.key) || !str(d.canonical)) return [];
      const edits = unifyEdits(prepared.units, d.key, d.canonical);
      return edits.length ? [{ title: messages.fixUnify(d.canonical, edits.length), edits, isPreferred: true }] : [];
    }
    default:
      return [];
  }
}

function unifyEdits(units: PlanUnits, key: string, canonical: string): TextEdit[] {
  const inc = units.inconsistencies.get(key);
  if (!inc || inc.canonical !== canonical) return [];
  return inc.deviating.map((o) => ({ range: o.unit.range, newText: canonical }));
}

/** Fix-all makes only the fixes that need no choice: colons, brackets, truncated names, one spelling per unit. */
function fixAll(ctx: CheckContext): TextEdit[] {
  const edits: TextEdit[] = [];
  const unified = new Set<string>();
  const prepared = prepare(ctx);
  if (!prepared) return edits;
  run(ctx, (finding) => {
    const data = finding.data;
    if (!isData(data)) return;
    if (data.kind === 'colon') edits.push(insertAt(data.line, data.character, data.colon));
    else if (data.kind === 'close') edits.push(insertAt(data.line, data.character, data.close));
    else if (data.kind === 'replace' && data.truncation && data.replacement && finding.code === CODES.unknown) {
      edits.push({ range: finding.range, newText: data.replacement });
    } else if (data.kind === 'unify' && !unified.has(data.key)) {
      unified.add(data.key);
      edits.push(...unifyEdits(prepared.units, data.key, data.canonical));
    }
  });
  return edits;
}

export const leadUnitsCheck: Check = { id: 'lead-units', rules: RULES, run, quickFixes, fixAll };
