import { toSimplified } from '../text/chinese';

/**
 * The matching form of corpus text and queries. Both sides go through the same folding, so a
 * Traditional query finds Simplified text and a county draft finds the province's wording:
 *   - Traditional → Simplified (OpenCC t2cn), plus the mainland terms the converter leaves
 *     Taiwanese (網路 → 网络, 最佳化 → 优化, …: seed 000 has them);
 *   - full-width letters and digits → half width, Latin lower case;
 *   - punctuation, spaces and symbols dropped (`“12·4”` → `124`);
 *   - the level characters 省 市 县 区 州 旗 → one placeholder, and 厅 → 局, so 全省/全县 and
 *     省司法厅/县司法局 are the same to matching.
 * The matching form is never shown.
 */

/** Stands for any of 省 市 县 区 州 旗 in the matching form. */
export const LEVEL_PLACEHOLDER = '〓';

// Terms OpenCC's t→cn keeps in their Taiwanese form (seen in seed 000's converted web copy).
const TERM_FOLDS: ReadonlyArray<readonly [string, string]> = [
  ['网路', '网络'],
  ['最佳化', '优化'],
  ['数位化', '数字化'],
  ['套用', '应用'],
  ['格线', '网格'],
  ['资讯', '信息'],
];

const LEVEL_CHARS = '省市县区州旗';

/**
 * What each UTF-16 unit becomes in the matching form (0: dropped). A table, because the corpus
 * is normalised at server start when the JIT is cold: a typed-array lookup per character is the
 * cheapest loop there is.
 */
let foldTable: Uint16Array | undefined;

function table(): Uint16Array {
  if (foldTable) return foldTable;
  const t = new Uint16Array(0x10000);
  const keep = (from: number, to: number) => {
    for (let c = from; c <= to; c++) t[c] = c;
  };
  keep(0x4e00, 0x9fff); // CJK unified ideographs
  keep(0x3400, 0x4dbf); // extension A
  keep(0xf900, 0xfaff); // compatibility ideographs
  keep(0xd800, 0xdfff); // surrogate halves of extension B+ characters, kept as they are
  keep(0x30, 0x39); // 0-9
  keep(0x61, 0x7a); // a-z
  t[0x3007] = 0x3007; // 〇
  for (let c = 0x41; c <= 0x5a; c++) t[c] = c + 32; // A-Z → a-z
  for (let c = 0xff10; c <= 0xff19; c++) t[c] = c - 0xfee0; // ０-９
  for (let c = 0xff21; c <= 0xff3a; c++) t[c] = c - 0xfee0 + 32; // Ａ-Ｚ → a-z
  for (let c = 0xff41; c <= 0xff5a; c++) t[c] = c - 0xfee0; // ａ-ｚ
  for (const ch of LEVEL_CHARS) t[ch.charCodeAt(0)] = LEVEL_PLACEHOLDER.charCodeAt(0);
  t['厅'.charCodeAt(0)] = '局'.charCodeAt(0);
  foldTable = t;
  return t;
}

function simplify(text: string): string {
  const simplified = toSimplified(text);
  if (simplified.length === text.length) return simplified;
  // A phrase entry changed the length: convert character by character to keep positions.
  let out = '';
  for (const ch of text) {
    const one = toSimplified(ch);
    out += one.length === ch.length ? one : ch;
  }
  return out;
}

const TERM = new RegExp(TERM_FOLDS.map(([from]) => from).join('|'), 'g');
const HAS_TERM = new RegExp(TERM.source);
const TERM_TO = new Map(TERM_FOLDS);

/** The matching form of `text`. */
export function normalizeForMatch(text: string): string {
  const simplified = simplify(text);
  const fold = table();
  const out = new Uint16Array(simplified.length);
  let n = 0;
  for (let i = 0; i < simplified.length; i++) {
    const c = fold[simplified.charCodeAt(i)];
    if (c !== 0) out[n++] = c;
  }
  let norm = '';
  for (let i = 0; i < n; i += 4096) norm += String.fromCharCode.apply(null, out.subarray(i, Math.min(n, i + 4096)) as unknown as number[]);
  // Taiwanese converter terms (rare: only where the text has them).
  return HAS_TERM.test(norm) ? norm.replace(TERM, (term) => normalizeTerm(TERM_TO.get(term)!)) : norm;
}

function normalizeTerm(term: string): string {
  let out = '';
  for (let i = 0; i < term.length; i++) {
    const c = table()[term.charCodeAt(i)];
    if (c !== 0) out += String.fromCharCode(c);
  }
  return out;
}

/** The distinct character bigrams of a matching-form string, as 32-bit keys (two UTF-16 units). */
export function bigramKeys(norm: string): number[] {
  const seen = new Set<number>();
  for (let i = 0; i + 1 < norm.length; i++) seen.add(((norm.charCodeAt(i) << 16) | norm.charCodeAt(i + 1)) >>> 0);
  return [...seen];
}
