import type { IRunOptions, LineRuleType, Paragraph, TextRun, Footer } from 'docx';
import { FONTS, halfPoints, PAGE_NUMBER_INDENT, PAGE_NUMBER_LINE, SIZES } from './layout';
import { xmlText } from './xmlText';

/** What both .docx writers share: runs with the East-Asian font set, and the 公文 page numbers. */

export type Docx = typeof import('docx');

/** The docx library, loaded when a document is first written, not when the language server starts. */
export function loadDocx(): Promise<Docx> {
  return import('docx');
}

/** A font on every script slot of a run: ascii, hAnsi and eastAsia (and complex scripts). */
export function fontFor(name: string): NonNullable<IRunOptions['font']> {
  return { ascii: name, hAnsi: name, eastAsia: name, cs: name };
}

export interface RunLook {
  readonly font: string;
  readonly sizePt: number;
  readonly bold?: boolean;
  /** Twips taken off each character's advance (see layout.ts BODY_CONDENSE). */
  readonly condense?: number;
}

export function run(D: Docx, text: string, look: RunLook): TextRun {
  return new D.TextRun({
    text: xmlText(text),
    font: fontFor(look.font),
    size: halfPoints(look.sizePt),
    sizeComplexScript: halfPoints(look.sizePt),
    bold: look.bold === true,
    characterSpacing: look.condense ? -look.condense : undefined,
    language: { value: 'zh-CN', eastAsia: 'zh-CN' },
  });
}

function pageNumberParagraph(D: Docx, side: 'odd' | 'even'): Paragraph {
  const look = { font: FONTS.songti, sizePt: SIZES.si };
  const textRun = new D.TextRun({
    children: ['— ', D.PageNumber.CURRENT, ' —'],
    font: fontFor(look.font),
    size: halfPoints(look.sizePt),
    sizeComplexScript: halfPoints(look.sizePt),
  });
  return new D.Paragraph({
    alignment: side === 'odd' ? D.AlignmentType.RIGHT : D.AlignmentType.LEFT,
    indent: side === 'odd' ? { right: PAGE_NUMBER_INDENT } : { left: PAGE_NUMBER_INDENT },
    spacing: { line: PAGE_NUMBER_LINE, lineRule: D.LineRuleType.EXACT, before: 0, after: 0 },
    children: [textRun],
  });
}

/** `— 1 —` at the outer edge: odd pages right, even pages left (the document turns on even/odd footers). */
export function pageNumberFooters(D: Docx): { default: Footer; even: Footer } {
  return {
    default: new D.Footer({ children: [pageNumberParagraph(D, 'odd')] }),
    even: new D.Footer({ children: [pageNumberParagraph(D, 'even')] }),
  };
}

/** Default run and paragraph properties of the document, so empty paragraphs and new ones typed in Word match. */
export function documentDefaults(font: string, sizePt: number, spacing?: { line: number; lineRule: (typeof LineRuleType)[keyof typeof LineRuleType] }) {
  return {
    default: {
      document: {
        run: { font: fontFor(font), size: halfPoints(sizePt), sizeComplexScript: halfPoints(sizePt), language: { value: 'zh-CN', eastAsia: 'zh-CN' } },
        paragraph: spacing ? { spacing } : undefined,
      },
    },
  };
}
