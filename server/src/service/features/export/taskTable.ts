import type { MarkerRank, Plan, PlanFile, PlanNode, ResponsibilityNote, UnitRef } from '../../model/types';
import { measuresOf, nodeLabel } from '../../model/walk';
import { toChineseNumeral, toSimplified } from '../../text/chinese';
import { DEFAULT_SETTINGS, type FanganSettings } from '../../workspace/settings';
import { sectionMap, type SectionMap } from '../../workspace/templates/match';
import { availableTemplates, chooseTemplate } from '../../workspace/templates/registry';
import type { PlanTemplate } from '../../workspace/templates/template';
import { comparableName } from '../../workspace/units/names';
import { BUILTIN_REGISTRY, type UnitRegistry } from '../../workspace/units/registry';
import { planUnits } from '../../workspace/units/usage';
import { runInTitleEnd, withoutEmphasis } from './paragraphs';

/**
 * The 任务分工表: one row per measure of a plan — its marker path, the task, its full text, lead
 * and supporting units and deadline — grouped by the section it belongs to; or the same rows per
 * unit (`byUnit`): each unit with the measures it leads and those it supports.
 *
 * Which measures: every measure of the model except those of 总体要求 (指导思想, 主要原则,
 * 总体目标: they never carry units), found by the plan's template as the section check finds them,
 * or by their titles. Groups: the mandated section a measure is in (seed 002's task areas
 * are `（一）…` under `二、主要任务和具体落实措施`), else its top-level heading.
 */

export interface TaskRow {
  /** 序号: the compact markers of the measure's ancestors and its own, `二(一)3`. */
  readonly path: string;
  /** 任务措施: the measure's title (its lead phrase, or run-in title). */
  readonly task: string;
  /** 具体内容: the measure's full text without its marker and notes; paragraphs joined by `\n`. */
  readonly content: string;
  /** 牵头单位, as the draft writes them. */
  readonly lead: readonly string[];
  /** 配合单位 (also 参加单位, …), as the draft writes them. */
  readonly support: readonly string[];
  /** 完成时限, as the draft writes it; null when it names none. */
  readonly deadline: string | null;
  /** The measure's first line (0-based). */
  readonly line: number;
  /** The units come from a note under a heading above the measure, which names none itself. */
  readonly inherited: boolean;
}

export interface TaskGroup {
  /** The section's heading as written: `二、推动全社会增强法治观念`. */
  readonly section: string;
  readonly rows: readonly TaskRow[];
}

export interface PlanTaskTable {
  readonly title: string | null;
  readonly groups: readonly TaskGroup[];
}

export interface UnitTasks {
  /** The unit as the plan writes it (one way, if it writes it two ways). */
  readonly unit: string;
  readonly leads: readonly TaskRow[];
  readonly supports: readonly TaskRow[];
}

export interface PlanUnitTable {
  readonly title: string | null;
  /** Units in the order the plan first names them. */
  readonly units: readonly UnitTasks[];
}

/** The compact form of a marker for a path: `一、` → 一, `（一）` → (一), `1.` → 1, `（1）` → (1), `①` as written. */
export function compactMarker(rank: MarkerRank, numeral: 'cn' | 'ar' | 'circled' | 'none', number: number, written: string): string {
  if (rank === 5 || numeral === 'circled') return written;
  const digits = numeral === 'cn' || (numeral === 'none' && rank <= 2) ? toChineseNumeral(number) : String(number);
  return rank === 2 || rank === 4 ? `(${digits})` : digits;
}

/**
 * A node's number: as written; when its numeral was lost (`)维护宪法法律权威`) or it has no marker
 * (a measure whose `3.` was lost), one more than the sibling of its rank before it, else its position.
 */
function numberOf(node: PlanNode): number {
  if (node.marker?.number != null) return node.marker.number;
  const siblings = node.parent ? node.parent.children : null;
  if (!siblings) return 1;
  let position = 0;
  for (let i = siblings.indexOf(node) - 1; i >= 0; i--) {
    const sibling = siblings[i];
    if (sibling.rank !== node.rank) continue;
    position++;
    if (sibling.marker?.number != null) return sibling.marker.number + position;
  }
  return position + 1;
}

function compactOf(node: PlanNode): string {
  const marker = node.marker;
  return compactMarker(node.rank, marker?.numeral ?? 'none', numberOf(node), marker?.text ?? '');
}

export function markerPath(node: PlanNode): string {
  const parts: string[] = [];
  for (let n: PlanNode | null = node; n; n = n.parent) parts.unshift(compactOf(n));
  return parts.join('');
}

/** Inline notes removed from a line: each bracket with everything the notes in it hold. */
function withoutInlineNotes(text: string, offset: number, notes: readonly ResponsibilityNote[]): string {
  const spans = notes.map((n) => [n.range.start.character - offset, n.range.end.character - offset] as [number, number]).sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (let i = 0; i < spans.length; i++) {
    let [start, end] = spans[i];
    // Notes of one bracket are separated by `；` only: `（牵头单位：A；参加单位：B）` goes as a whole.
    while (i + 1 < spans.length && /^[\s；;]*$/.test(text.slice(end, spans[i + 1][0]))) end = spans[++i][1];
    start = Math.max(start, at);
    if (end <= start) continue;
    out += text.slice(at, start);
    at = end;
  }
  return (out + text.slice(at)).trimEnd();
}

/** 具体内容: the node's own text without its marker and its inline notes. */
export function measureContent(file: PlanFile, node: PlanNode): string {
  const paragraphs: string[] = [];
  node.textLines.forEach((line, i) => {
    const raw = file.lines[line] ?? '';
    const from = i === 0 ? node.titleRange.start.character : raw.length - raw.trimStart().length;
    const inline = node.notes.filter((n) => n.notation === 'inline' && n.range.start.line === line);
    const text = withoutEmphasis(withoutInlineNotes(raw.slice(from), from, inline)).trim();
    if (text.length > 0) paragraphs.push(text);
  });
  return paragraphs.join('\n');
}

const STOPS = new Set([...'。．：:，,；; \t\u3000']);

/** Trailing punctuation and spaces off (a loop: `/[…]+$/` backtracks quadratically on long runs). */
function trimStops(text: string): string {
  let end = text.length;
  while (end > 0 && STOPS.has(text[end - 1])) end--;
  return text.slice(0, end).trim();
}

/** 任务措施: the run-in title, else the model's lead phrase (the first sentence, cut at a comma when long). */
function taskOf(file: PlanFile, node: PlanNode, content: string): string {
  const end = runInTitleEnd(file, node);
  const title = trimStops(withoutEmphasis(node.title));
  if (end !== null || title.length > 0) return title;
  const sentence = /^[^。；;！!？?]*[。；;！!？?]?/.exec(content)?.[0] ?? content;
  return sentence.replace(/[。；;]$/, '');
}

interface Assignment {
  lead: UnitRef[];
  support: UnitRef[];
  inherited: boolean;
}

/**
 * Who does a measure: its 牵头单位 and 配合/参加单位 notes; a note of 责任单位 alone reads as the
 * first unit leading and the rest supporting (as the lead-unit checks read it). A measure that
 * names nobody takes the notes of the nearest heading above it that has some.
 */
function assignmentOf(node: PlanNode): Assignment {
  for (let n: PlanNode | null = node; n; n = n.parent) {
    if (n.notes.some((note) => note.units.length > 0)) return { ...split(n.notes), inherited: n !== node };
  }
  return { lead: [], support: [], inherited: false };
}

function split(notes: readonly ResponsibilityNote[]): { lead: UnitRef[]; support: UnitRef[] } {
  const lead: UnitRef[] = [];
  const support: UnitRef[] = [];
  const hasLead = notes.some((n) => n.role === 'lead' && n.units.length > 0);
  for (const note of notes) {
    if (note.role === 'lead') lead.push(...note.units);
    else if (note.role === 'support') support.push(...note.units);
    else if (hasLead) support.push(...note.units);
    else {
      const [first, ...rest] = note.units;
      if (first && lead.length === 0) lead.push(first);
      else if (first) support.push(first);
      support.push(...rest);
    }
  }
  return { lead, support };
}

function planTitle(plan: Plan): string | null {
  return plan.title ? withoutEmphasis(plan.title.text) : null;
}

interface MeasureEntry {
  readonly node: PlanNode;
  readonly row: TaskRow;
  readonly group: PlanNode;
  readonly units: Assignment;
}

/**
 * Whether a measure is part of 总体要求 rather than a task: it is in that section, or (a plan whose
 * first part has another name, seed 004) its title starts with one of the section's items
 * (指导思想, 主要原则, 总体目标 and their other names).
 */
function isGeneral(map: SectionMap, node: PlanNode): boolean {
  if (map.notesRequirement(node) === 'never') return true;
  const title = toSimplified(withoutEmphasis(node.title));
  return generalItemNames().some((name) => title.startsWith(name));
}

let generalNames: string[] | undefined;
/** The items of 总体要求 in every built-in template: 指导思想, 主要原则, 基本原则, 总体目标, …. */
function generalItemNames(): string[] {
  generalNames ??= [
    ...new Set(availableTemplates().flatMap((t) => t.sections.filter((s) => s.role === 'general').flatMap((s) => s.subsections.flatMap((sub) => sub.names)))),
  ];
  return generalNames;
}

/** What the table is built with: the document's settings and the office's templates and units (the built-in ones by default). */
export interface TableKnowledge {
  readonly settings?: FanganSettings;
  readonly templates?: readonly PlanTemplate[];
  readonly registry?: UnitRegistry;
}

function measureEntries(file: PlanFile, plan: Plan, knowledge: TableKnowledge): MeasureEntry[] {
  const sections = sectionMap(plan, chooseTemplate(file, plan, knowledge.settings ?? DEFAULT_SETTINGS, knowledge.templates).template, file);
  const out: MeasureEntry[] = [];
  for (const node of measuresOf(plan)) {
    if (isGeneral(sections, node)) continue;
    let group: PlanNode = node;
    while (group.parent && !sections.matchAt(group)) group = group.parent;
    const content = measureContent(file, node);
    const units = assignmentOf(node);
    const row: TaskRow = {
      path: markerPath(node),
      task: taskOf(file, node, content),
      content,
      lead: units.lead.map((u) => u.name),
      support: units.support.map((u) => u.name),
      deadline: node.deadline,
      line: node.textLines[0],
      inherited: units.inherited,
    };
    out.push({ node, row, group, units });
  }
  return out;
}

/** The plan's rows grouped by section. */
export function planTaskTable(file: PlanFile, plan: Plan, knowledge: TableKnowledge = {}): PlanTaskTable {
  const groups: Array<{ section: string; rows: TaskRow[] }> = [];
  let current: PlanNode | null = null;
  for (const entry of measureEntries(file, plan, knowledge)) {
    if (entry.group !== current || groups.length === 0) {
      current = entry.group;
      groups.push({ section: withoutEmphasis(nodeLabel(entry.group)), rows: [] });
    }
    groups[groups.length - 1].rows.push(entry.row);
  }
  return { title: planTitle(plan), groups };
}

/** The rows of the given plan, or of every plan in the file that has measures. */
export function taskTable(file: PlanFile, plan?: Plan, knowledge: TableKnowledge = {}): PlanTaskTable[] {
  const plans = plan ? [plan] : file.plans;
  return plans.map((p) => planTaskTable(file, p, knowledge)).filter((t) => plan || t.groups.length > 0);
}

/**
 * The same rows per unit. A unit written two ways (`县司法局` / `司法局`) or abbreviated in a list
 * (`县法院、检察院` → 县检察院) is one unit, named as the plan writes it.
 */
export function planUnitTable(file: PlanFile, plan: Plan, knowledge: TableKnowledge = {}): PlanUnitTable {
  const units = planUnits(plan, knowledge.registry ?? BUILTIN_REGISTRY);
  const occurrence = new Map(units.occurrences.map((o) => [o.unit, o]));
  const byKey = new Map<string, { unit: string; leads: TaskRow[]; supports: TaskRow[] }>();
  const add = (ref: UnitRef, row: TaskRow, role: 'leads' | 'supports') => {
    const o = occurrence.get(ref);
    const key = o?.identity.key ?? `name:${comparableName(o?.effective ?? ref.name)}`;
    let entry = byKey.get(key);
    if (!entry) {
      entry = { unit: (o?.identity.key && units.spelling(o.identity.key)) || ref.name, leads: [], supports: [] };
      byKey.set(key, entry);
    }
    const list = entry[role];
    if (list[list.length - 1] !== row) list.push(row);
  };
  for (const { row, units: assigned } of measureEntries(file, plan, knowledge)) {
    for (const ref of assigned.lead) add(ref, row, 'leads');
    for (const ref of assigned.support) add(ref, row, 'supports');
  }
  return { title: planTitle(plan), units: [...byKey.values()] };
}

export function unitTable(file: PlanFile, plan?: Plan, knowledge: TableKnowledge = {}): PlanUnitTable[] {
  const plans = plan ? [plan] : file.plans;
  return plans.map((p) => planUnitTable(file, p, knowledge)).filter((t) => plan || t.units.length > 0);
}
