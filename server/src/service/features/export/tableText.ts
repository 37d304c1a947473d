import type { PlanTaskTable, PlanUnitTable, TaskRow } from './taskTable';
import { tableCaption, type TableSheet } from './tableSheets';

/**
 * The 任务分工表 as text: CSV for spreadsheets and scripts, JSON for programs.
 *
 * CSV (RFC 4180): UTF-8 with a byte-order mark (Excel reads BOM-less CSV in the system's ANSI code
 * page and garbles Chinese), CRLF line ends, a field quoted when it holds `"`, `,`, CR or LF, quotes
 * doubled. One header line, then one line per row; the group is a column (部分, or 单位 by unit),
 * and a 方案 column (the plan's title) comes first when the file holds several plans. A field that a spreadsheet
 * would read as a formula (starting with `=`, `+`, `-`, `@`) is prefixed with `'`.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function tableToCsv(sheets: readonly TableSheet[]): Uint8Array {
  const several = sheets.length > 1;
  const lines: string[] = [];
  const first = sheets[0];
  if (first) lines.push([...(several ? ['方案'] : []), first.groupHeader, ...first.columns.map((c) => c.header)].map(csvField).join(','));
  sheets.forEach((sheet, i) => {
    // A plan without a title (seed 004's first and third) is named by its place in the file.
    const plan = sheet.plan || `第${i + 1}个方案`;
    for (const group of sheet.groups) {
      for (const row of group.rows) lines.push([...(several ? [plan] : []), group.key, ...row].map(csvField).join(','));
    }
  });
  return new TextEncoder().encode(`\uFEFF${lines.map((l) => `${l}\r\n`).join('')}`);
}

/** The JSON shape (README "Export"): `{format, version, byUnit, plans: [...]}`. */
export const TABLE_JSON_FORMAT = 'fangan.taskTable';
export const TABLE_JSON_VERSION = 1;

function rowJson(row: TaskRow) {
  return {
    path: row.path,
    task: row.task,
    content: row.content,
    lead: row.lead,
    support: row.support,
    deadline: row.deadline,
    line: row.line,
    inherited: row.inherited,
  };
}

export function measureTableJson(tables: readonly PlanTaskTable[]) {
  return {
    format: TABLE_JSON_FORMAT,
    version: TABLE_JSON_VERSION,
    byUnit: false,
    plans: tables.map((t) => ({
      title: t.title,
      caption: tableCaption(t.title, false),
      groups: t.groups.map((g) => ({ section: g.section, rows: g.rows.map(rowJson) })),
    })),
  };
}

export function unitTableJson(tables: readonly PlanUnitTable[]) {
  return {
    format: TABLE_JSON_FORMAT,
    version: TABLE_JSON_VERSION,
    byUnit: true,
    plans: tables.map((t) => ({
      title: t.title,
      caption: tableCaption(t.title, true),
      units: t.units.map((u) => ({ unit: u.unit, leads: u.leads.map(rowJson), supports: u.supports.map(rowJson) })),
    })),
  };
}

export function jsonBytes(value: unknown): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);
}
