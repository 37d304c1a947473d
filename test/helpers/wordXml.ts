import JSZip from 'jszip';

/** The little of the DOM read here (xmldom's own types would bring the DOM library into every file). */
interface Element {
  readonly nodeName: string;
  readonly firstChild: Element | null;
  readonly nextSibling: Element | null;
  readonly textContent: string | null;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  getElementsByTagName(name: string): ArrayLike<Element>;
}
const { DOMParser } = require('@xmldom/xmldom') as { DOMParser: new () => { parseFromString(xml: string, type: string): Element } };

/**
 * Reads what a .docx says about its layout, straight from its XML (no Word reader of ours): page
 * size and margins, each body paragraph with its alignment, indent, spacing and runs (text, fonts,
 * size, bold, condensing), the tables, footers and settings. The export tests assert against it;
 * a round-trip test through the project's .docx reader can compare the same paragraphs.
 */

export interface WordRun {
  readonly text: string;
  readonly fonts: { readonly ascii: string | null; readonly hAnsi: string | null; readonly eastAsia: string | null };
  /** Half-points; null when the run inherits it. */
  readonly size: number | null;
  readonly bold: boolean;
  /** Character spacing in twips (negative: condensed); null when none. */
  readonly spacing: number | null;
}

export interface WordParagraph {
  readonly text: string;
  readonly runs: readonly WordRun[];
  readonly align: string | null;
  readonly firstLine: number | null;
  readonly firstLineChars: number | null;
  readonly line: number | null;
  readonly lineRule: string | null;
  readonly pageBreakBefore: boolean;
  readonly keepNext: boolean;
}

export interface WordTableRow {
  readonly header: boolean;
  readonly cells: ReadonlyArray<{ readonly text: string; readonly gridSpan: number; readonly paragraphs: readonly WordParagraph[] }>;
}

export interface WordTable {
  readonly gridCols: readonly number[];
  readonly layout: string | null;
  readonly borders: readonly string[];
  readonly rows: readonly WordTableRow[];
}

export interface WordDocument {
  readonly documentXml: string;
  /** Body paragraphs outside tables, in order. */
  readonly paragraphs: readonly WordParagraph[];
  readonly tables: readonly WordTable[];
  readonly page: { readonly width: number; readonly height: number; readonly orient: string | null };
  readonly margins: Readonly<Record<'top' | 'bottom' | 'left' | 'right' | 'header' | 'footer', number>>;
  /** Footer reference type (`default`, `even`) → the footer part's XML. */
  readonly footers: Readonly<Record<string, string>>;
  readonly settingsXml: string;
  readonly files: readonly string[];
}

const child = (el: Element, name: string): Element | null => {
  for (let n = el.firstChild; n; n = n.nextSibling) if ((n as Element).nodeName === name) return n as Element;
  return null;
};
const children = (el: Element, name: string): Element[] => {
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) if ((n as Element).nodeName === name) out.push(n as Element);
  return out;
};
const attr = (el: Element | null, name: string): string | null => (el && el.hasAttribute(name) ? el.getAttribute(name) : null);
const num = (value: string | null): number | null => (value === null ? null : Number(value));
const on = (el: Element | null): boolean => !!el && attr(el, 'w:val') !== 'false' && attr(el, 'w:val') !== '0';

function runOf(r: Element): WordRun {
  const rPr = child(r, 'w:rPr');
  const fonts = rPr && child(rPr, 'w:rFonts');
  let text = '';
  for (const t of children(r, 'w:t')) text += t.textContent ?? '';
  return {
    text,
    fonts: { ascii: attr(fonts, 'w:ascii'), hAnsi: attr(fonts, 'w:hAnsi'), eastAsia: attr(fonts, 'w:eastAsia') },
    size: num(attr(rPr && child(rPr, 'w:sz'), 'w:val')),
    bold: on(rPr && child(rPr, 'w:b')),
    spacing: num(attr(rPr && child(rPr, 'w:spacing'), 'w:val')),
  };
}

export function paragraphOf(p: Element): WordParagraph {
  const pPr = child(p, 'w:pPr');
  const ind = pPr && child(pPr, 'w:ind');
  const spacing = pPr && child(pPr, 'w:spacing');
  const runs = children(p, 'w:r').map(runOf);
  return {
    text: runs.map((r) => r.text).join(''),
    runs,
    align: attr(pPr && child(pPr, 'w:jc'), 'w:val'),
    firstLine: num(attr(ind, 'w:firstLine')),
    firstLineChars: num(attr(ind, 'w:firstLineChars')),
    line: num(attr(spacing, 'w:line')),
    lineRule: attr(spacing, 'w:lineRule'),
    pageBreakBefore: on(pPr && child(pPr, 'w:pageBreakBefore')),
    keepNext: on(pPr && child(pPr, 'w:keepNext')),
  };
}

function tableOf(tbl: Element): WordTable {
  const grid = child(tbl, 'w:tblGrid');
  const tblPr = child(tbl, 'w:tblPr');
  const borders = tblPr && child(tblPr, 'w:tblBorders');
  return {
    gridCols: grid ? children(grid, 'w:gridCol').map((c) => Number(attr(c, 'w:w'))) : [],
    layout: attr(tblPr && child(tblPr, 'w:tblLayout'), 'w:type'),
    borders: borders ? ['w:top', 'w:bottom', 'w:left', 'w:right', 'w:insideH', 'w:insideV'].filter((b) => attr(child(borders, b), 'w:val') === 'single') : [],
    rows: children(tbl, 'w:tr').map((tr) => {
      const trPr = child(tr, 'w:trPr');
      return {
        header: !!(trPr && child(trPr, 'w:tblHeader')),
        cells: children(tr, 'w:tc').map((tc) => {
          const tcPr = child(tc, 'w:tcPr');
          const paragraphs = children(tc, 'w:p').map(paragraphOf);
          return { text: paragraphs.map((p) => p.text).join('\n'), gridSpan: num(attr(tcPr && child(tcPr, 'w:gridSpan'), 'w:val')) ?? 1, paragraphs };
        }),
      };
    }),
  };
}

export async function readWord(bytes: Uint8Array): Promise<WordDocument> {
  const zip = await JSZip.loadAsync(bytes);
  const read = async (name: string) => (await zip.file(name)?.async('string')) ?? '';
  const documentXml = await read('word/document.xml');
  const doc = new DOMParser().parseFromString(documentXml, 'text/xml');
  const body = doc.getElementsByTagName('w:body')[0];
  const paragraphs: WordParagraph[] = [];
  const tables: WordTable[] = [];
  for (let n = body.firstChild; n; n = n.nextSibling) {
    if (n.nodeName === 'w:p') paragraphs.push(paragraphOf(n as Element));
    else if (n.nodeName === 'w:tbl') tables.push(tableOf(n as Element));
  }
  const sectPr = doc.getElementsByTagName('w:sectPr')[0];
  const pgSz = child(sectPr, 'w:pgSz');
  const pgMar = child(sectPr, 'w:pgMar');
  const rels = await read('word/_rels/document.xml.rels');
  const footers: Record<string, string> = {};
  for (const ref of children(sectPr, 'w:footerReference')) {
    const id = attr(ref, 'r:id');
    const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${id}"`).exec(rels);
    footers[attr(ref, 'w:type') ?? 'default'] = await read(`word/${target?.[1] ?? target?.[2]}`);
  }
  const margin = (name: string) => Number(attr(pgMar, `w:${name}`));
  return {
    documentXml,
    paragraphs,
    tables,
    page: { width: Number(attr(pgSz, 'w:w')), height: Number(attr(pgSz, 'w:h')), orient: attr(pgSz, 'w:orient') },
    margins: { top: margin('top'), bottom: margin('bottom'), left: margin('left'), right: margin('right'), header: margin('header'), footer: margin('footer') },
    footers,
    settingsXml: await read('word/settings.xml'),
    files: Object.keys(zip.files),
  };
}
