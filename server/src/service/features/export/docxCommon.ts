import { AlignmentType, Footer, LineRuleType, PageNumber, Paragraph, TextRun, type IRunOptions } from 'docx';
import { FONTS, halfPoints, PAGE_NUMBER_INDENT, PAGE_NUMBER_LINE, SIZES } from './layout';

/** What both .docx writers share: runs with the East-Asian font set, and the 公文 page numbers. */

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

export function run(text: string, look: RunLook): TextRun {
  return new TextRun({
    text,
    font: fontFor(look.font),
    size: halfPoints(look.sizePt),
    sizeComplexScript: halfPoints(look.sizePt),
    bold: look.bold === true,
    characterSpacing: look.condense ? -look.condense : undefined,
    language: { value: 'zh-CN', eastAsia: 'zh-CN' },
  });
}

function pageNumberParagraph(side: 'odd' | 'even'): Paragraph {
  const look = { font: FONTS.songti, sizePt: SIZES.si };
  const textRun = new TextRun({
    children: ['— ', PageNumber.CURRENT, ' —'],
    font: fontFor(look.font),
    size: halfPoints(look.sizePt),
    sizeComplexScript: halfPoints(look.sizePt),
  });
  return new Paragraph({
    alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
    indent: side === 'odd' ? { right: PAGE_NUMBER_INDENT } : { left: PAGE_NUMBER_INDENT },
    spacing: { line: PAGE_NUMBER_LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    children: [textRun],
  });
}

/** `— 1 —` at the outer edge: odd pages right, even pages left (the document turns on even/odd footers). */
export function pageNumberFooters(): { default: Footer; even: Footer } {
  return {
    default: new Footer({ children: [pageNumberParagraph('odd')] }),
    even: new Footer({ children: [pageNumberParagraph('even')] }),
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
