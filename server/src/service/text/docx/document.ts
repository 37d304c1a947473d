import type { Notes } from './notes';
import type { ListNumbering } from './numbering';
import { DocxRefused, REFUSALS } from './refused';
import { numberingPropertiesOf, type Styles } from './styles';
import { elements, isElement, isOn, isTextNode, isW, wAttr, wChild, wVal, type XmlElement } from './xml';

/**
 * The body of `word/document.xml` as plan text, one line per paragraph, as Word shows it:
 *
 * - runs concatenated (`w:t`; `w:tab` → tab; `w:br`/`w:cr` → a new line; `w:noBreakHyphen` → `-`;
 *   `w:softHyphen` → nothing; `w:sym` → its character unless it is a symbol-font glyph);
 * - tracked changes as accepted: deleted text (`w:del`, `w:moveFrom`) dropped, inserted kept, a
 *   paragraph whose mark was deleted joined with the next; hidden text (`w:vanish`) dropped;
 * - fields by their result (the instruction between `begin` and `separate` dropped);
 * - footnote and comment marks, drawings and text boxes left out; headers, footers and notes live
 *   in other parts and are never read;
 * - a table row is one line, its cells separated by a tab (a cell's paragraphs joined by a space);
 * - automatic numbers written in front of their paragraphs (numbering.ts).
 */

const MATH_NAMESPACE = 'http://schemas.openxmlformats.org/officeDocument/2006/math';
const MARKUP_COMPATIBILITY = 'http://schemas.openxmlformats.org/markup-compatibility/2006';
/** Nesting followed (tables in tables, content controls); deeper content is left out, said once. */
export const MAX_NESTING = 64;

export interface BodyLimits {
  readonly maxParagraphs: number;
  readonly maxChars: number;
}

/** Paragraph-level elements that hold no text of their own or only text Word does not show. */
const SKIPPED_INLINE = new Set([
  'pPr', 'rPr', 'del', 'moveFrom', 'sdtPr', 'sdtEndPr', 'customXmlPr', 'smartTagPr', 'proofErr',
  'bookmarkStart', 'bookmarkEnd', 'commentRangeStart', 'commentRangeEnd', 'permStart', 'permEnd',
  'moveFromRangeStart', 'moveFromRangeEnd', 'moveToRangeStart', 'moveToRangeEnd',
]);

export class BodyReader {
  paragraphs = 0;
  numbered = 0;
  private chars = 0;
  /** Open complex fields, innermost last: true once past `separate` (showing the result). */
  private readonly fields: boolean[] = [];

  constructor(
    private readonly styles: Styles,
    private readonly numbering: ListNumbering,
    private readonly notes: Notes,
    private readonly limits: BodyLimits,
  ) {}

  /** Every line of the document's body. */
  read(documentRoot: XmlElement): string[] {
    const body = wChild(documentRoot, 'body');
    return body ? this.blocks(body, 0) : [];
  }

  /** The lines of a block container (the body, a cell, a content control). */
  private blocks(container: XmlElement, depth: number): string[] {
    const lines: string[] = [];
    if (!this.within(depth)) return lines;
    let carried = ''; // text of paragraphs whose mark was deleted: it joins the next paragraph
    for (const child of elements(container)) {
      if (isW(child, 'p')) {
        const paragraph = this.paragraph(child, depth, carried);
        carried = paragraph.joinsNext ? paragraph.text : '';
        if (!paragraph.joinsNext) this.add(lines, paragraph.text.split('\n'));
      } else if (isW(child, 'tbl')) {
        this.add(lines, this.table(child, depth + 1));
      } else if (isW(child, 'sdt')) {
        const content = wChild(child, 'sdtContent');
        if (content) this.add(lines, this.blocks(content, depth + 1));
      } else if (isW(child, 'customXml') || isW(child, 'ins') || isW(child, 'moveTo')) {
        this.add(lines, this.blocks(child, depth + 1));
      }
    }
    if (carried !== '') this.add(lines, carried.split('\n'));
    return lines;
  }

  private add(lines: string[], more: readonly string[]): void {
    for (const line of more) {
      this.chars += line.length + 1;
      if (this.chars > this.limits.maxChars) throw new DocxRefused(REFUSALS.tooMuchText(this.limits.maxChars), 'too-large');
      lines.push(line);
    }
  }

  private paragraph(p: XmlElement, depth: number, carried: string): { text: string; joinsNext: boolean } {
    if (++this.paragraphs > this.limits.maxParagraphs) throw new DocxRefused(REFUSALS.tooManyParagraphs(this.limits.maxParagraphs), 'too-large');
    const pPr = wChild(p, 'pPr');
    const text = carried + this.inline(p, depth + 1);
    // A field's instruction never runs past its paragraph (its result may: a table of contents);
    // one left open by a damaged file must not hide the rest of the document.
    this.fields.fill(true);
    const mark = wChild(pPr, 'rPr');
    if (wChild(mark, 'del') || wChild(mark, 'moveFrom') || isOn(wChild(mark, 'vanish'))) return { text, joinsNext: true };
    const own = numberingPropertiesOf(pPr);
    const style = this.styles.paragraphStyle(wVal(pPr, 'pStyle'));
    const inherited = this.styles.numberingOf(style);
    const numId = own.numId ?? inherited.numId;
    if (numId === undefined || numId === '0') return { text, joinsNext: false };
    const number = this.numbering.next(numId, own.level ?? inherited.level, this.styles.chainOf(style));
    if (number !== '') this.numbered++;
    return { text: number + text, joinsNext: false };
  }

  /** The text of a paragraph's content: runs, hyperlinks, insertions, fields, content controls. */
  private inline(parent: XmlElement, depth: number): string {
    if (!this.within(depth)) return '';
    let text = '';
    for (const child of elements(parent)) {
      if (isW(child)) {
        const name = child.localName;
        if (name === 'r') text += this.run(child, depth + 1);
        else if (name === 'ruby') text += this.inline(wChild(child, 'rubyBase') ?? child, depth + 1);
        else if (name === 'p' || name === 'tbl' || SKIPPED_INLINE.has(name)) continue;
        else text += this.inline(child, depth + 1); // hyperlink, ins, moveTo, fldSimple, smartTag, customXml, sdt, sdtContent, dir, bdo
      } else if (child.namespaceURI === MATH_NAMESPACE) {
        if (this.showing()) text += mathText(child, depth + 1);
      } else if (child.namespaceURI === MARKUP_COMPATIBILITY && child.localName === 'AlternateContent') {
        const fallback = [...elements(child)].find((e) => e.localName === 'Fallback');
        if (fallback) text += this.inline(fallback, depth + 1);
      }
    }
    return text;
  }

  private run(r: XmlElement, depth: number): string {
    const hidden = isOn(wChild(wChild(r, 'rPr'), 'vanish'));
    let text = '';
    for (const child of elements(r)) {
      if (!isW(child)) continue;
      const name = child.localName;
      if (name === 'fldChar') {
        this.fieldChar(wAttr(child, 'fldCharType'));
        continue;
      }
      if (hidden || !this.showing()) continue;
      if (name === 't') text += textOf(child).replace(/[\r\n]/g, ' ');
      else if (name === 'tab' || name === 'ptab') text += '\t';
      else if (name === 'br' || name === 'cr') text += '\n';
      else if (name === 'noBreakHyphen') text += '-';
      else if (name === 'sym') text += symbol(wAttr(child, 'char'));
      else if (name === 'ruby') text += this.inline(wChild(child, 'rubyBase') ?? child, depth + 1);
      // instrText, delText, footnote/endnote/comment references, drawings, pictures, objects: not shown text
    }
    return text;
  }

  private fieldChar(type: string | null): void {
    if (type === 'begin') this.fields.push(false);
    else if (type === 'separate' && this.fields.length > 0) this.fields[this.fields.length - 1] = true;
    else if (type === 'end') this.fields.pop();
  }

  /** Text is shown unless it is the instruction of a field that is open. */
  private showing(): boolean {
    return this.fields.every((result) => result);
  }

  private table(tbl: XmlElement, depth: number): string[] {
    const lines: string[] = [];
    if (!this.within(depth)) return lines;
    for (const row of rowsOf(tbl, depth)) {
      if (wChild(wChild(row, 'trPr'), 'del')) continue; // a row deleted with changes tracked
      const cells = cellsOf(row, depth).map((cell) => this.blocks(cell, depth + 1).filter((line) => line.trim() !== '').join(' '));
      lines.push(cells.join('\t'));
    }
    return lines;
  }

  private within(depth: number): boolean {
    if (depth <= MAX_NESTING) return true;
    this.notes.add('nesting', () => ({
      zh: `文档中有嵌套超过 ${MAX_NESTING} 层的内容（表格或内容控件），其中的文字未读取`,
      en: `the document nests content (tables or content controls) more than ${MAX_NESTING} levels deep; the text inside was not read`,
    }));
    return false;
  }
}

/** A table's rows, also those wrapped in content controls or custom XML. */
function rowsOf(container: XmlElement, depth: number): XmlElement[] {
  if (depth > MAX_NESTING) return [];
  const rows: XmlElement[] = [];
  for (const child of elements(container)) {
    if (isW(child, 'tr')) rows.push(child);
    else if (isW(child, 'sdt')) rows.push(...rowsOf(wChild(child, 'sdtContent') ?? child, depth + 1));
    else if (isW(child, 'customXml') || isW(child, 'sdtContent')) rows.push(...rowsOf(child, depth + 1));
  }
  return rows;
}

function cellsOf(row: XmlElement, depth: number): XmlElement[] {
  if (depth > MAX_NESTING) return [];
  const cells: XmlElement[] = [];
  for (const child of elements(row)) {
    if (isW(child, 'tc')) cells.push(child);
    else if (isW(child, 'sdt')) cells.push(...cellsOf(wChild(child, 'sdtContent') ?? child, depth + 1));
    else if (isW(child, 'customXml') || isW(child, 'sdtContent')) cells.push(...cellsOf(child, depth + 1));
  }
  return cells;
}

function textOf(element: XmlElement): string {
  let text = '';
  for (let node = element.firstChild; node !== null; node = node.nextSibling) if (isTextNode(node)) text += node.nodeValue ?? '';
  return text;
}

/** The text of an equation: its `m:t` runs. */
function mathText(element: XmlElement, depth: number): string {
  if (depth > MAX_NESTING) return '';
  if (element.localName === 't') return textOf(element);
  let text = '';
  for (const child of elements(element)) if (isElement(child) && child.namespaceURI === MATH_NAMESPACE) text += mathText(child, depth + 1);
  return text;
}

/** `w:sym w:char="F0B7"`: a glyph of a symbol font (U+F000–U+F0FF) has no meaning as text. */
function symbol(char: string | null): string {
  const code = char === null ? NaN : parseInt(char, 16);
  if (!Number.isInteger(code) || code <= 0 || code > 0x10ffff || (code >= 0xe000 && code <= 0xf8ff)) return '';
  return String.fromCodePoint(code);
}
