/**
 * The official-document layout (GB/T 9704-2012 《党政机关公文格式》) as numbers Word understands.
 * Word measures pages in twips (1/20 pt, 1440 to the inch), font sizes in half-points and the
 * document grid's character pitch in 1/4096 pt. Everything is derived here, once, from the
 * standard's millimetres and character counts, so the tests can check the arithmetic.
 */

/** Millimetres to twips, rounded to the nearest twip (1 mm = 56.69 twips). */
export function mmToTwips(mm: number): number {
  return Math.round((mm / 25.4) * 1440);
}

/** Points to half-points (Word's font size unit). */
export const halfPoints = (pt: number): number => Math.round(pt * 2);

/** A4, 210 mm × 297 mm. */
export const A4 = { width: mmToTwips(210), height: mmToTwips(297) } as const; // 11906 × 16838

/** 天头 37 mm, bottom 35 mm, 订口 (left, the binding) 28 mm, right 26 mm. */
export const PLAN_MARGINS = {
  top: mmToTwips(37), // 2098
  bottom: mmToTwips(35), // 1984
  left: mmToTwips(28), // 1587
  right: mmToTwips(26), // 1474
} as const;

/** The type area (版心): 156 mm × 225 mm. */
export const TYPE_AREA = {
  width: A4.width - PLAN_MARGINS.left - PLAN_MARGINS.right, // 8845 twips = 156.0 mm
  height: A4.height - PLAN_MARGINS.top - PLAN_MARGINS.bottom, // 12756 twips = 225.0 mm
} as const;

/** 22 lines of 28 characters a page. */
export const LINES_PER_PAGE = 22;
export const CHARS_PER_LINE = 28;

/** Font sizes (号) in points. */
export const SIZES = {
  /** 二号: the title. */
  er: 22,
  /** 三号: body and headings. */
  san: 16,
  /** 四号: page numbers. */
  si: 14,
  /** 小四: the body of the 任务分工表 (dense cells). */
  xiaoSi: 12,
} as const;

/**
 * Fixed line spacing: the largest whole number of twips that puts 22 lines in the 225 mm type
 * area: 12756 / 22 = 579.8 → 579 twips = 28.95 pt (22 × 579 = 12738 ≤ 12756). The standard's
 * "28 pt" line pitch is this, rounded. The same value is the document grid's line pitch.
 */
export const LINE_PITCH = Math.floor(TYPE_AREA.height / LINES_PER_PAGE);

/**
 * 28 characters a line: 28 in the 156 mm type area leave 8845 / 28 = 315.9 twips (15.79 pt) for
 * each, a little less than the 320 twips of 三号. Body runs are therefore condensed by the
 * smallest whole number of twips that fits 28: 320 − 315.9 → 5 twips (0.25 pt), 28 × 315 = 8820.
 * Word's own way is a character grid (docGrid linesAndChars, charSpace ≈ −841), but LibreOffice
 * lays a 16 pt character on a 15.79 pt grid over two cells (14 characters a line). Condensing is
 * plain character spacing, which word processors honour without a grid (LibreOffice: 28 a line,
 * checked by test/e2e/wordExport.js; Word and WPS were not available to check).
 */
export const BODY_CONDENSE = Math.ceil(SIZES.san * 20 - TYPE_AREA.width / CHARS_PER_LINE);

/** Characters of 二号 a title line holds: 8845 / 440 → 20. */
export const TITLE_CHARS_PER_LINE = Math.floor(TYPE_AREA.width / (SIZES.er * 20));

/** Two characters of 三号 (the first-line indent), in twips; also written as 200 hundredths of a character. */
export const FIRST_LINE_INDENT = SIZES.san * 20 * 2;

/**
 * Page numbers: 四号 宋体 half-width digits between one-character dashes (`— 1 —`), the dashes'
 * top 7 mm under the type area; odd pages at the right, even pages at the left, one character in.
 * The footer line is set to exactly 14 pt, so the footer's bottom edge sits
 * 35 mm − 7 mm − 14 pt (4.94 mm) ≈ 23.06 mm above the page's bottom edge.
 */
export const PAGE_NUMBER_LINE = SIZES.si * 20;
export const FOOTER_DISTANCE = mmToTwips(35 - 7) - PAGE_NUMBER_LINE;
export const PAGE_NUMBER_INDENT = SIZES.si * 20;

/** Landscape A4 for the 任务分工表: 297 mm × 210 mm, margins 26 mm (28 mm at the binding). */
export const TABLE_MARGINS = {
  top: mmToTwips(26),
  bottom: mmToTwips(26),
  left: mmToTwips(28),
  right: mmToTwips(26),
} as const;
export const TABLE_TYPE_WIDTH = A4.height - TABLE_MARGINS.left - TABLE_MARGINS.right;
/** The page number's dashes 7 mm under the table's type area, as on the plan's pages. */
export const TABLE_FOOTER_DISTANCE = mmToTwips(26 - 7) - PAGE_NUMBER_LINE;

/**
 * Fonts by the names Word and WPS know on Chinese Windows (GB/T 9704 names them so). Where a font
 * is missing the reader's word processor substitutes its own; LibreOffice on Linux uses Noto CJK.
 */
export const FONTS = {
  /** 方正小标宋简体: the title. */
  title: '方正小标宋简体',
  /** 仿宋_GB2312: body, notes, level-three and level-four headings. */
  body: '仿宋_GB2312',
  /** 黑体: level-one headings (`一、`), the table header. */
  heiti: '黑体',
  /** 楷体_GB2312: level-two headings (`（一）`), a draft mark such as （征求意见稿）. */
  kaiti: '楷体_GB2312',
  /** 宋体: page numbers. */
  songti: '宋体',
} as const;
