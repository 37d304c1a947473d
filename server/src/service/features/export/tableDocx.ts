import type { Paragraph, Table, TableCell, TableRow } from 'docx';
import { documentDefaults, loadDocx, pageNumberFooters, run, type Docx, type RunLook } from './docxCommon';
import { A4, FONTS, mmToTwips, SIZES, TABLE_FOOTER_DISTANCE, TABLE_MARGINS, TABLE_TYPE_WIDTH } from './layout';
import type { TableSheet } from './tableSheets';
import { xmlText } from './xmlText';

/**
 * The 任务分工表 as a .docx: landscape A4, the caption in 二号 方正小标宋简体, then a table in the
 * 公文 style — header in 黑体, body in 仿宋_GB2312 小四, single borders, the header row repeated on
 * every page, fixed column widths — with a group row (黑体) above each section's (or unit's) rows.
 */

const CAPTION: RunLook = { font: FONTS.title, sizePt: SIZES.er };
const HEADER: RunLook = { font: FONTS.heiti, sizePt: SIZES.xiaoSi };
const GROUP: RunLook = { font: FONTS.heiti, sizePt: SIZES.xiaoSi };
const BODY: RunLook = { font: FONTS.body, sizePt: SIZES.xiaoSi };

/** A single 0.5 pt line (BorderStyle.SINGLE). */
const LINE = { style: 'single', size: 4, color: '000000' } as const;
const BORDERS = { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE };

/** Column widths in twips from the shares, the last taking what rounding left. */
export function columnWidths(sheet: TableSheet, total = TABLE_TYPE_WIDTH): number[] {
  const sum = sheet.columns.reduce((s, c) => s + c.share, 0);
  const widths = sheet.columns.map((c) => Math.floor((total * c.share) / sum));
  widths[widths.length - 1] += total - widths.reduce((s, w) => s + w, 0);
  return widths;
}

function cellParagraphs(D: Docx, text: string, look: RunLook, centred: boolean): Paragraph[] {
  const lines = text.length > 0 ? text.split('\n') : [''];
  return lines.map((line) => new D.Paragraph({ alignment: centred ? D.AlignmentType.CENTER : D.AlignmentType.BOTH, children: [run(D, line, look)] }));
}

function cell(D: Docx, text: string, look: RunLook, centred: boolean, width: number, columnSpan?: number): TableCell {
  return new D.TableCell({
    children: cellParagraphs(D, text, look, centred),
    width: { size: width, type: D.WidthType.DXA },
    columnSpan,
    verticalAlign: D.VerticalAlignTable.CENTER,
  });
}

function sheetTable(D: Docx, sheet: TableSheet): Table {
  const widths = columnWidths(sheet);
  const header = new D.TableRow({
    tableHeader: true,
    cantSplit: true,
    children: sheet.columns.map((c, i) => cell(D, c.header, HEADER, true, widths[i])),
  });
  const rows: TableRow[] = [header];
  for (const group of sheet.groups) {
    rows.push(new D.TableRow({ cantSplit: true, children: [cell(D, group.label, GROUP, false, TABLE_TYPE_WIDTH, widths.length)] }));
    for (const values of group.rows) {
      rows.push(new D.TableRow({ children: values.map((v, i) => cell(D, v, BODY, sheet.columns[i].centred, widths[i])) }));
    }
  }
  return new D.Table({
    rows,
    width: { size: TABLE_TYPE_WIDTH, type: D.WidthType.DXA },
    columnWidths: widths,
    layout: D.TableLayoutType.FIXED,
    borders: BORDERS,
  });
}

export async function tableToDocx(sheets: readonly TableSheet[]): Promise<Uint8Array> {
  const D = await loadDocx();
  const children: Array<Paragraph | Table> = [];
  sheets.forEach((sheet, i) => {
    children.push(new D.Paragraph({ alignment: D.AlignmentType.CENTER, pageBreakBefore: i > 0, keepNext: true, children: [run(D, sheet.caption, CAPTION)] }));
    children.push(new D.Paragraph({ keepNext: true, children: [] }));
    children.push(sheetTable(D, sheet));
  });
  const document = new D.Document({
    creator: '方案助手 Fangan',
    title: sheets[0] ? xmlText(sheets[0].caption) : undefined,
    evenAndOddHeaderAndFooters: true,
    styles: documentDefaults(FONTS.body, SIZES.xiaoSi),
    sections: [
      {
        properties: {
          page: {
            // docx swaps the sides of a landscape page: portrait width and height go in.
            size: { width: A4.width, height: A4.height, orientation: D.PageOrientation.LANDSCAPE },
            margin: { ...TABLE_MARGINS, header: mmToTwips(15), footer: TABLE_FOOTER_DISTANCE, gutter: 0 },
          },
        },
        footers: pageNumberFooters(D),
        children,
      },
    ],
  });
  return new Uint8Array(await D.Packer.toArrayBuffer(document));
}
