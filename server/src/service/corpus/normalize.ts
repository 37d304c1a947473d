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
 * The matching form is never shown; `normalizeWithMap` maps it back to the original text.
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

const LEVEL_CHARS = new Set(['省', '市', '县', '区', '州', '旗']);

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

/** Folds one character (already Simplified); '' drops it. */
function foldChar(ch: string, code: number): string {
  if (code >= 0x4e00 && code <= 0x9fff) {
    if (LEVEL_CHARS.has(ch)) return LEVEL_PLACEHOLDER;
    if (ch === '厅') return '局';
    return ch;
  }
  if ((code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a)) return ch;
  if (code >= 0x41 && code <= 0x5a) return String.fromCharCode(code + 32);
  if (code >= 0xff10 && code <= 0xff19) return String.fromCharCode(code - 0xfee0); // ０-９
  if (code >= 0xff21 && code <= 0xff3a) return String.fromCharCode(code - 0xfee0 + 32); // Ａ-Ｚ
  if (code >= 0xff41 && code <= 0xff5a) return String.fromCharCode(code - 0xfee0); // ａ-ｚ
  if ((code >= 0x3400 && code <= 0x4dbf) || (code >= 0xf900 && code <= 0xfaff) || code === 0x3007) return ch;
  if (code >= 0xd800 && code <= 0xdfff) return ch; // CJK extension B+ (surrogate halves), kept as is
  return '';
}

/** The matching form of `text` and, for each of its characters, the offset in `text` it came from. */
export function normalizeWithMap(text: string): { text: string; map: number[] } {
  const simplified = simplify(text);
  let out = '';
  const map: number[] = [];
  for (let i = 0; i < simplified.length; i++) {
    const code = simplified.charCodeAt(i);
    // Multi-character term folds (rare): checked only where such a term can start.
    if (code === 0x7f51 /* 网 */ || code === 0x6700 /* 最 */ || code === 0x6570 /* 数 */ || code === 0x5957 /* 套 */ || code === 0x683c /* 格 */ || code === 0x8d44 /* 资 */) {
      const fold = TERM_FOLDS.find(([from]) => simplified.startsWith(from, i));
      if (fold) {
        const [from, to] = fold;
        for (let k = 0; k < to.length; k++) {
          out += foldChar(to[k], to.charCodeAt(k));
          map.push(i + Math.min(k, from.length - 1));
        }
        i += from.length - 1;
        continue;
      }
    }
    const folded = foldChar(simplified[i], code);
    if (folded) {
      out += folded;
      map.push(i);
    }
  }
  return { text: out, map };
}

/** The matching form of `text`. */
export function normalizeForMatch(text: string): string {
  return normalizeWithMap(text).text;
}

/** The distinct character bigrams of a matching-form string, as 32-bit keys (two UTF-16 units). */
export function bigramKeys(norm: string): number[] {
  const seen = new Set<number>();
  for (let i = 0; i + 1 < norm.length; i++) seen.add(((norm.charCodeAt(i) << 16) | norm.charCodeAt(i + 1)) >>> 0);
  return [...seen];
}
