import * as OpenCC from 'opencc-js/t2cn';

/**
 * Chinese text helpers shared by the model, the checks and the corpus.
 * Traditional → Simplified folding is OpenCC's character table (length-preserving
 * for every seed; callers that map positions still check the length).
 */

let toSimplifiedFn: ((s: string) => string) | undefined;

/** Traditional → Simplified (OpenCC t → cn). */
export function toSimplified(text: string): string {
  if (!toSimplifiedFn) toSimplifiedFn = OpenCC.Converter({ from: 't', to: 'cn' });
  return toSimplifiedFn(text);
}

// Characters that exist only in Traditional script and are frequent in plans.
const TRADITIONAL_ONLY = '會設實劃綱總導標織護權網絡進規範觀強頭單責參與協關於為這個們說對時發動務機體國際經濟區縣門';
// As a table of char codes: every parse asks this of the first 6000 characters, and a regex
// character class cost more than the rest of the parse of a short plan.
const TRADITIONAL_TABLE = new Uint8Array(0x10000);
for (const c of TRADITIONAL_ONLY) TRADITIONAL_TABLE[c.charCodeAt(0)] = 1;

/** Heuristic: the sample is written in Traditional characters. */
export function looksTraditional(sample: string): boolean {
  let hits = 0;
  for (let i = 0; i < sample.length; i++) hits += TRADITIONAL_TABLE[sample.charCodeAt(i)];
  return hits >= 5 && hits * 200 >= sample.length;
}

const CN_DIGITS: Record<string, number> = {
  〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

/** Parses 一 … 九十九, 一百 … 九百九十九; returns null for anything else. */
export function parseChineseNumeral(text: string): number | null {
  if (text.length === 0) return null;
  let total = 0;
  let pending = -1; // digit waiting for its unit; -1 = none
  let lastUnit = 1000;
  for (const ch of text) {
    // 一百零五: the zero only marks the empty tens place
    if ((ch === '零' || ch === '〇') && pending === -1 && lastUnit === 100) continue;
    if (ch in CN_DIGITS) {
      if (pending !== -1) return null; // two digits in a row: not a numeral we know
      pending = CN_DIGITS[ch];
      continue;
    }
    const unit = ch === '十' ? 10 : ch === '百' ? 100 : 0;
    if (unit === 0 || unit >= lastUnit) return null;
    total += (pending === -1 ? 1 : pending) * unit;
    pending = -1;
    lastUnit = unit;
  }
  if (pending !== -1) total += pending;
  return total > 0 ? total : null;
}

const DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 27 → 二十七, 105 → 一百零五. */
export function toChineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n <= 0 || n >= 1000) return String(n);
  const hundreds = Math.floor(n / 100);
  const tens = Math.floor((n % 100) / 10);
  const ones = n % 10;
  let out = '';
  if (hundreds) out += DIGITS[hundreds] + '百';
  if (tens) out += (tens === 1 && !hundreds ? '' : DIGITS[tens]) + '十';
  else if (hundreds && ones) out += '零';
  if (ones) out += DIGITS[ones];
  return out;
}

/** Full-width ASCII forms (Ａ１：（) to half width; the ideographic space to a space. */
export function toHalfWidth(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000) out += ' ';
    else out += text[i];
  }
  return out;
}

/** Whitespace that starts lines of pasted text: ASCII, ideographic, en/em and no-break spaces, BOM. */
export function isIndentChar(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x3000 || c === 0xa0 || c === 0xfeff || (c >= 0x2000 && c <= 0x200b);
}
