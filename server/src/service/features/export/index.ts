import type { Localized } from '../../l10n';
import { MAX_EXPORT_CHARS } from '../../limits';
import type { Plan, PlanFile } from '../../model/types';
import { planToDocx } from './planDocx';
import { tableToDocx } from './tableDocx';
import { measureSheet, unitSheet, type TableSheet } from './tableSheets';
import { jsonBytes, measureTableJson, tableToCsv, unitTableJson } from './tableText';
import { tableToXlsx } from './tableXlsx';
import { taskTable, unitTable, type TableKnowledge } from './taskTable';

/**
 * Word out (issue 15): the plan as a .docx in the official layout, and its 任务分工表 as .xlsx,
 * .docx, .csv or .json. Pure: a plan model in, a file's bytes out; the CLI (cli/export.ts) and the
 * language server (lsp/export.ts) decide where they go.
 */

export { planToDocx } from './planDocx';
export { documentParagraphs, planParagraphs, type ExportParagraph, type ExportRun, type ParagraphKind, type RunStyle } from './paragraphs';
export { markerPath, planTaskTable, planUnitTable, taskTable, unitTable, type PlanTaskTable, type PlanUnitTable, type TableKnowledge, type TaskGroup, type TaskRow, type UnitTasks } from './taskTable';

export type ExportWhat = 'plan' | 'table';
export type ExportFormat = 'docx' | 'xlsx' | 'csv' | 'json';

export const PLAN_FORMATS: readonly ExportFormat[] = ['docx'];
export const TABLE_FORMATS: readonly ExportFormat[] = ['xlsx', 'docx', 'csv', 'json'];

export interface ExportRequest {
  readonly what: ExportWhat;
  readonly format: ExportFormat;
  /** The table per unit (each unit, the measures it leads, those it supports). */
  readonly byUnit?: boolean;
}

export type ExportResult = { readonly ok: true; readonly bytes: Uint8Array } | { readonly ok: false; readonly problem: Localized };

export const exportProblems = {
  noPlan: { zh: '文件中没有可导出的方案（标题、开头段或“一、”标题）', en: 'the file holds no plan to export (no title, preamble or 一、 heading)' } as Localized,
  noMeasures: { zh: '方案中没有措施，无法生成任务分工表（总体要求中的内容不列入）', en: 'the plan has no measures for a 任务分工表 (总体要求 is not listed)' } as Localized,
  planFormat: (format: string): Localized => ({ zh: `方案只能导出为 docx，不能是“${format}”`, en: `a plan exports as docx only, not "${format}"` }),
  tableFormat: (format: string): Localized => ({ zh: `任务分工表只能导出为 xlsx、docx、csv 或 json，不能是“${format}”`, en: `a 任务分工表 exports as xlsx, docx, csv or json, not "${format}"` }),
  byUnitNeedsTable: { zh: '--by-unit 只用于任务分工表（--table）', en: '--by-unit applies to the 任务分工表 only (--table)' } as Localized,
  tooLarge: (chars: number): Localized => ({
    zh: `文件有 ${chars} 个字符，超过导出上限 ${MAX_EXPORT_CHARS}（实际方案一般在 15 万字符以内）`,
    en: `the file has ${chars} characters, more than the ${MAX_EXPORT_CHARS} an export takes (real plans stay under 150 000)`,
  }),
};

/** Checks what is asked before any work: a problem, or null. */
export function requestProblem(request: { what: string; format: string; byUnit?: boolean }): Localized | null {
  if (request.what === 'plan') {
    if (!PLAN_FORMATS.includes(request.format as ExportFormat)) return exportProblems.planFormat(request.format);
    if (request.byUnit) return exportProblems.byUnitNeedsTable;
    return null;
  }
  if (request.what === 'table') return TABLE_FORMATS.includes(request.format as ExportFormat) ? null : exportProblems.tableFormat(request.format);
  return { zh: `不能导出“${request.what}”`, en: `cannot export "${request.what}"` };
}

/** The plan (or every plan of the file) exported as asked. */
export async function exportPlanFile(file: PlanFile, request: ExportRequest, plan?: Plan, knowledge: TableKnowledge = {}): Promise<ExportResult> {
  const problem = requestProblem(request);
  if (problem) return { ok: false, problem };
  if (file.plans.length === 0 && !plan) return { ok: false, problem: exportProblems.noPlan };
  const chars = file.lines.reduce((n, line) => n + line.length + 1, 0) - 1;
  if (chars > MAX_EXPORT_CHARS) return { ok: false, problem: exportProblems.tooLarge(chars) };
  if (request.what === 'plan') return { ok: true, bytes: await planToDocx(file, plan) };

  const byUnit = request.byUnit === true;
  const measures = byUnit ? null : taskTable(file, plan, knowledge);
  const units = byUnit ? unitTable(file, plan, knowledge) : null;
  const empty = measures ? measures.every((t) => t.groups.length === 0) : units!.every((t) => t.units.length === 0);
  if (empty) return { ok: false, problem: exportProblems.noMeasures };
  if (request.format === 'json') return { ok: true, bytes: jsonBytes(measures ? measureTableJson(measures) : unitTableJson(units!)) };
  const sheets: TableSheet[] = measures ? measures.map(measureSheet) : units!.map(unitSheet);
  if (request.format === 'csv') return { ok: true, bytes: tableToCsv(sheets) };
  if (request.format === 'docx') return { ok: true, bytes: await tableToDocx(sheets) };
  return { ok: true, bytes: await tableToXlsx(sheets) };
}

/** `方案.txt` → `方案`, `方案.fangan.txt` → `方案`: the name the exported files are named after. */
export function exportBaseName(fileName: string): string {
  const base = fileName.replace(/(\.fangan)?\.[^.\\/]*$/i, '');
  return base.length > 0 ? base : fileName;
}

/** The exported file's name: `X.docx`, `X.任务分工表.xlsx`, `X.任务分工表（按单位）.csv`. */
export function exportFileName(baseName: string, request: ExportRequest): string {
  if (request.what === 'plan') return `${baseName}.${request.format}`;
  return `${baseName}.任务分工表${request.byUnit ? '（按单位）' : ''}.${request.format}`;
}
