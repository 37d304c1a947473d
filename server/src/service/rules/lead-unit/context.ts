import type { Range, TextEdit } from 'vscode-languageserver-types';
import type { PlanFile, PlanNode, ResponsibilityNote } from '../../model/types';
import { notationOf, type NotationStyle } from '../../model/notation';
import { toSimplifiedIfTraditional } from '../../text/chinese';
import { notesRequirementFor } from '../../workspace/templates/resolve';
import { BUILTIN_UNITS, type NoteRequirementOf, type UnitsEnvironment } from '../../workspace/units/environment';
import { measureText, suggestLeads } from '../../workspace/units/suggest';
import { planUnits, type PlanUnits } from '../../workspace/units/usage';
import type { RuleContext } from '../types';

/**
 * What the seven lead-unit rules share: whether the plan is checked for notes at all
 * (`fangan.leadUnits.check`: `auto` checks plans that use notes anywhere), every unit the plan
 * names read against the registry (workspace/units/usage.ts), how the plan writes its notes
 * (model/notation.ts), which sections need notes (the plan's template), and lead suggestions.
 */

/** What a lead-unit finding carries; its fixes are built from it and the model. */
export type LeadUnitData =
  | { kind: 'missing'; line: number }
  | { kind: 'empty'; line: number; character: number }
  | { kind: 'colon'; line: number; character: number; colon: string }
  | { kind: 'close'; line: number; character: number; close: string }
  | { kind: 'stranded' | 'on-heading' }
  | { kind: 'replace'; name: string; replacement: string | null; truncation: boolean }
  | { kind: 'collective' }
  | { kind: 'unify'; key: string; name: string; canonical: string };

export interface LeadUnitContext {
  readonly env: UnitsEnvironment;
  readonly units: PlanUnits;
  /** Learned from every note of the plan, so only when a message or a fix needs it. */
  readonly style: NotationStyle;
  readonly requirementOf: NoteRequirementOf;
}

// (一)指导思想。… is a 总体要求 item wherever it stands (seed 004's 规划 puts it under its own 一、).
const GENERAL_REQUIREMENT_ITEM = /^(指导思想|(主要|基本|工作)原则|(总体|主要|工作|发展)目标)/;
/** 指导思想, 基本原则, 总体目标 — and the items of a part of that name (`二、基本原则` / `1.坚持…`): no unit leads them. */
function isGeneralRequirementItem(node: PlanNode): boolean {
  if (node.kind !== 'measure') return false;
  return GENERAL_REQUIREMENT_ITEM.test(toSimplifiedIfTraditional(node.title)) || (node.parent !== null && GENERAL_REQUIREMENT_PART.test(toSimplifiedIfTraditional(node.parent.title).trim()));
}
// A part named exactly so (`二、基本原则`), not one that goes on (`二、主要目标任务` holds tasks).
const GENERAL_REQUIREMENT_PART = /^(指导思想|(主要|基本|工作)原则|(总体|主要|工作|发展)目标)[。.：:]?$/;

/** The plan's units and notation, or null when the plan is not checked for notes. */
export function leadUnitContext(ctx: RuleContext): LeadUnitContext | null {
  const mode = ctx.settings.leadUnits?.check ?? 'auto';
  if (mode === 'never') return null;
  const env = ctx.units ?? BUILTIN_UNITS;
  const units = planUnits(ctx.plan, env.registry);
  if (mode === 'auto' && !units.hasNotes) return null;
  return {
    env,
    units,
    get style() {
      return notationOf(ctx.file, ctx.plan);
    },
    // The plan's template says which sections carry notes (总体要求 never, 组织保障 optional).
    requirementOf: env.noteRequirement ?? ((plan, node) => (isGeneralRequirementItem(node) ? 'never' : notesRequirementFor({ ...ctx, plan }, node))),
  };
}

export const isLeadNote = (n: ResponsibilityNote): boolean => n.role !== 'support';

export function lineRange(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

export function insertAt(line: number, character: number, newText: string): TextEdit {
  return { range: lineRange(line, character, character), newText };
}

/** `（牵头单位：……）`, `牵头单位：……` or `（……牵头）`: how this plan writes a lead note, for messages. */
export function exampleNote(style: NotationStyle, inline: boolean): string {
  if (inline && style.phrase) return `${style.open}……牵头${style.close}`;
  return inline ? `${style.open}${style.leadLabel}${style.colon}……${style.close}` : `${style.leadLabel}${style.colon}……`;
}

const ROLE_LABEL: Record<ResponsibilityNote['role'], string> = { lead: '牵头单位', responsible: '责任单位', support: '配合单位' };

/** How messages name a note's role: its label (责任单位, 參加單位), or for a phrase (`X配合`) the label it stands for. */
export function roleLabelOf(note: ResponsibilityNote): string {
  return note.form === 'phrase' ? ROLE_LABEL[note.role] : note.label;
}

/** Who should lead a measure, best first, as this plan writes the names (units it already names left out). */
export function leadSuggestions(ctx: RuleContext, lead: LeadUnitContext, node: PlanNode, limit: number): string[] {
  const exclude = new Set<string>();
  for (const o of lead.units.occurrences) if (o.node === node && o.identity.key) exclude.add(o.identity.key);
  return suggestLeads(ctx.file, lead.units, lead.env, measureText(ctx.file as PlanFile, node), { node, exclude, limit }).map((s) => s.name);
}
