import type { Borders, Worksheet } from 'exceljs';
import { FONTS } from './layout';
import type { TableSheet } from './tableSheets';
import { xmlText } from './xmlText';

/**
 * The 任务分工表 as an .xlsx workbook, one worksheet per plan: the caption in row 1, the header in
 * row 2, both frozen; set column widths; wrapped text; each group a merged, bold row with its rows
 * under it as an Excel outline group (collapsible); printed landscape A4, one page wide, the header
 * repeated on every printed page.
 *
 * exceljs is loaded when a workbook is first written, not when the language server starts.
 */

/** Characters across the whole sheet, shared out by the columns' shares. */
const SHEET_WIDTH_CHARS = 170;
const THIN = { style: 'thin' } as const;
const BORDER: Partial<Borders> = { top: THIN, bottom: THIN, left: THIN, right: THIN };
/** Excel's charset for GB2312 fonts, so Chinese font names resolve on Chinese Windows. */
const GB2312 = 134;

export function xlsxColumnWidths(sheet: TableSheet): number[] {
  const sum = sheet.columns.reduce((s, c) => s + c.share, 0);
  return sheet.columns.map((c) => Math.round((SHEET_WIDTH_CHARS * c.share) / sum));
}

/**
 * A worksheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, unique in the workbook.
 * One plan: 任务分工表; several: each plan's number and title.
 */
export function worksheetName(sheet: TableSheet, index: number, count: number, taken: Set<string>): string {
  const base = xmlText(count > 1 ? `${index + 1} ${sheet.plan || sheet.name}` : sheet.name).replace(/[[\]:*?/\\]/g, ' ').trim() || `Sheet${index + 1}`;
  let name = base.slice(0, 31);
  for (let n = 2; taken.has(name); n++) name = `${base.slice(0, 31 - String(n).length - 1)}~${n}`;
  taken.add(name);
  return name;
}

function fill(ws: Worksheet, sheet: TableSheet): void {
  const columnCount = sheet.columns.length;
  ws.columns = xlsxColumnWidths(sheet).map((width) => ({ width }));
  ws.properties.outlineProperties = { summaryBelow: false, summaryRight: false };

  const caption = ws.addRow([xmlText(sheet.caption)]);
  ws.mergeCells(caption.number, 1, caption.number, columnCount);
  caption.height = 32;
  caption.getCell(1).font = { name: FONTS.title, size: 18, charset: GB2312 };
  caption.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };

  const header = ws.addRow(sheet.columns.map((c) => c.header));
  header.eachCell((c) => {
    c.font = { name: FONTS.heiti, size: 12, charset: GB2312 };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.border = BORDER;
  });

  for (const group of sheet.groups) {
    const row = ws.addRow([xmlText(group.label)]);
    ws.mergeCells(row.number, 1, row.number, columnCount);
    const c = row.getCell(1);
    c.font = { name: FONTS.heiti, size: 12, bold: true, charset: GB2312 };
    c.alignment = { vertical: 'middle', wrapText: true };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDEDED' } };
    c.border = BORDER;
    for (const values of group.rows) {
      const r = ws.addRow(values.map(xmlText));
      r.outlineLevel = 1;
      for (let i = 1; i <= columnCount; i++) {
        const cell = r.getCell(i);
        cell.font = { name: FONTS.body, size: 12, charset: GB2312 };
        cell.alignment = { horizontal: sheet.columns[i - 1].centred ? 'center' : 'left', vertical: 'top', wrapText: true };
        cell.border = BORDER;
      }
    }
  }
}

export async function tableToXlsx(sheets: readonly TableSheet[]): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '方案助手 Fangan';
  const taken = new Set<string>();
  sheets.forEach((sheet, i) => {
    const ws = workbook.addWorksheet(worksheetName(sheet, i, sheets.length, taken), {
      views: [{ state: 'frozen', xSplit: 0, ySplit: 2, topLeftCell: 'A3', activeCell: 'A3' }],
      pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '2:2' },
    });
    fill(ws, sheet);
  });
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
