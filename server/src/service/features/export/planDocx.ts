import type { Paragraph } from 'docx';
import type { Plan, PlanFile } from '../../model/types';
import { documentDefaults, loadDocx, pageNumberFooters, run, type Docx, type RunLook } from './docxCommon';
import { A4, BODY_CONDENSE, FIRST_LINE_INDENT, FONTS, FOOTER_DISTANCE, LINE_PITCH, mmToTwips, PLAN_MARGINS, SIZES } from './layout';
import { documentParagraphs, type ExportParagraph, type RunStyle } from './paragraphs';
import { xmlText } from './xmlText';

/**
 * A plan as a .docx in the official-document layout (GB/T 9704-2012; the numbers in layout.ts):
 * A4 portrait, 22 lines of 28 characters, the title in 二号 方正小标宋简体, body in 三号 仿宋_GB2312
 * with a two-character first-line indent, headings by marker rank (黑体, 楷体_GB2312, 仿宋 bold,
 * 仿宋), page numbers `— 1 —` at the outer edge. Markers are text, never Word numbering.
 * Pure: the model in, the file's bytes out.
 */

export const RUN_LOOKS: Readonly<Record<RunStyle, RunLook>> = {
  title: { font: FONTS.title, sizePt: SIZES.er },
  draftMark: { font: FONTS.kaiti, sizePt: SIZES.san, condense: BODY_CONDENSE },
  body: { font: FONTS.body, sizePt: SIZES.san, condense: BODY_CONDENSE },
  heading1: { font: FONTS.heiti, sizePt: SIZES.san, condense: BODY_CONDENSE },
  heading2: { font: FONTS.kaiti, sizePt: SIZES.san, condense: BODY_CONDENSE },
  heading3: { font: FONTS.body, sizePt: SIZES.san, bold: true, condense: BODY_CONDENSE },
  heading4: { font: FONTS.body, sizePt: SIZES.san, condense: BODY_CONDENSE },
};

/** Word's `exact` line rule (LineRuleType.EXACT). */
const EXACT = 'exact' as const;
const FIXED_LINE = { line: LINE_PITCH, lineRule: EXACT, before: 0, after: 0 } as const;

function toDocxParagraph(D: Docx, p: ExportParagraph): Paragraph {
  const centred = p.kind === 'title' || p.kind === 'draftMark';
  return new D.Paragraph({
    alignment: centred ? D.AlignmentType.CENTER : D.AlignmentType.BOTH,
    indent: centred || p.kind === 'blank' ? undefined : { firstLine: FIRST_LINE_INDENT, firstLineChars: 200 },
    spacing: FIXED_LINE,
    keepNext: p.kind === 'heading' || p.kind === 'title' || p.kind === 'draftMark',
    pageBreakBefore: p.pageBreakBefore === true,
    children: p.runs.map((r) => run(D, r.text, RUN_LOOKS[r.style])),
  });
}

export async function planToDocx(file: PlanFile, plan?: Plan): Promise<Uint8Array> {
  const paragraphs = documentParagraphs(file, plan);
  const title = (plan ?? file.plans[0])?.title?.text;
  const D = await loadDocx();
  const document = new D.Document({
    creator: '方案助手 Fangan',
    title: title ? xmlText(title) : undefined,
    evenAndOddHeaderAndFooters: true,
    styles: documentDefaults(FONTS.body, SIZES.san, { line: LINE_PITCH, lineRule: EXACT }),
    sections: [
      {
        properties: {
          page: {
            size: { width: A4.width, height: A4.height, orientation: D.PageOrientation.PORTRAIT },
            margin: { ...PLAN_MARGINS, header: mmToTwips(15), footer: FOOTER_DISTANCE, gutter: 0 },
          },
          // No character grid (see layout.ts BODY_CONDENSE); the line pitch is the fixed spacing's.
          grid: { linePitch: LINE_PITCH },
        },
        footers: pageNumberFooters(D),
        children: paragraphs.map((p) => toDocxParagraph(D, p)),
      },
    ],
  });
  return new Uint8Array(await D.Packer.toArrayBuffer(document));
}
