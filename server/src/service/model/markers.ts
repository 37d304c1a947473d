import { parseChineseNumeral } from '../text/chinese';
import type { MarkerDamage, MarkerRank, Numeral } from './types';

/**
 * Recognises the numbering marker at the start of a line's text (after indentation).
 * All patterns are anchored and linear: no backtracking over the rest of the line.
 */

export interface RawMarker {
  text: string;
  /** Offset of the text after the marker and the spaces that follow it. */
  contentStart: number;
  rank: MarkerRank;
  numeral: Numeral;
  open: '' | '(' | '（';
  close: '' | ')' | '）' | '、' | '.' | '．' | ' ';
  number: number | null;
  damage: MarkerDamage | null;
  /** Rank is a guess (damaged paren marker: `)`, `()`): the parser settles it per plan. */
  rankUncertain: boolean;
}

const CN = '〇零一二三四五六七八九十百两';
const SPACE = '[ \\t\\u3000\\u00a0\\u2000-\\u200b]';

// 一、  一．  (`一.` is a style variant of the same level)
const CN_DUN = new RegExp(`^([${CN}]{1,4})${SPACE}*([、.．])`);
// （一）  (一)  （一)  (一）
const CN_PAREN = new RegExp(`^([（(])${SPACE}*([${CN}]{1,4})${SPACE}*([）)])`);
// 三)  三）  — the opening bracket was lost
const CN_NO_OPEN = new RegExp(`^([${CN}]{1,4})([）)])`);
// ()  （）  — the numeral was lost
const PAREN_EMPTY = new RegExp(`^([（(])${SPACE}*([）)])`);
// （1）  (1)  (１)
const AR_PAREN = new RegExp(`^([（(])${SPACE}*([0-9０-９]{1,3})${SPACE}*([）)])`);
// 1)  1）
const AR_RPAREN = /^([0-9０-９]{1,3})([）)])/;
// 1.  1．  1、  — not 1.5万
const AR_DOT = /^([0-9０-９]{1,3})[ \t\u3000]*([.．、])(?![0-9０-９])/;
// `1 标题` (seed 002): digits, spaces, then a CJK character that does not make the digits a quantity
const AR_SPACE = /^([0-9０-９]{1,3})([ \t\u3000\u00a0\u2002\u2003]+)(?=[\u4e00-\u9fff“"《])(?![年月日时分秒万亿元个名人家件次项条户余多岁天周])/;
const CIRCLED = /^([\u2460-\u2473\u3251-\u325f\u32b1-\u32bf])/;
// （五加强…  （五 加强…  （五、加强…  (5加强…  — the closing bracket was lost (or a 、 written for it)
// (not `（一般…`, `（三年…`, `（二是…`: a numeral that starts a word is no marker)
const CN_NO_CLOSE = new RegExp(
  `^([（(])${SPACE}*([${CN}]{1,4})(、|${SPACE}+)?(?=[\\u4e00-\\u9fff“《])(?![年月日时分秒万亿元个名人家件次项条户余多岁天周是般体律切定批些致起直同道类级方部号])`,
);
const AR_NO_CLOSE = new RegExp(`^([（(])${SPACE}*([0-9０-９]{1,3})(、|${SPACE}+)?(?=[\\u4e00-\\u9fff“《])(?![年月日时分秒万亿元个名人家件次项条户余多岁天周号])`);
// （（五）  — an opening bracket too many
const DOUBLE_OPEN = new RegExp(`^[（(]${SPACE}*[（(]${SPACE}*([${CN}]{1,4}|[0-9０-９]{1,3})${SPACE}*[）)]`);
// （伍）  — the numeral in financial capitals
const UPPER = '壹贰叁肆伍陆柒捌玖拾佰';
const UPPER_PAREN = new RegExp(`^[（(]${SPACE}*([${UPPER}零]{1,4})${SPACE}*[）)]`);
// 〔五〕  【五】  — brackets of another kind
const OTHER_BRACKETS = new RegExp(`^[〔【]${SPACE}*([${CN}]{1,4}|[0-9０-９]{1,3})${SPACE}*[〕】]`);
const AFTER_SPACES = new RegExp(`^${SPACE}*`);

function arabic(digits: string): number {
  let n = 0;
  for (const ch of digits) {
    const c = ch.charCodeAt(0);
    n = n * 10 + (c >= 0xff10 ? c - 0xff10 : c - 0x30);
  }
  return n;
}

/** 伍 → 五: financial capitals as the everyday numerals. */
function fromUpper(numeral: string): string {
  return [...numeral].map((c) => '一二三四五六七八九十百'[UPPER.indexOf(c)] ?? (c === '零' ? '零' : c)).join('');
}

/** A numeral written in any of the model's digits. */
function numberOf(numeral: string): number | null {
  return /^[0-9０-９]+$/.test(numeral) ? arabic(numeral) : parseChineseNumeral(numeral);
}

/**
 * Whether a bracket opened at the start of the line is closed before another one opens: then it is
 * a parenthesis (`（三年行动）…`), not a marker that lost its `）`.
 */
function closedSoon(text: string, from: number): boolean {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xff09 || c === 0x29) return true;
    if (c === 0xff08 || c === 0x28) return false;
  }
  return false;
}

/**
 * A marker whose form was damaged or is not a plan's: `（五加强…`, `（五、`, `（（五）`, `（伍）`,
 * `〔五〕`. Its number survived; a fix writes the level's own marker in its place.
 */
function malformed(text: string): RawMarker | null {
  let m: RegExpExecArray | null;
  if ((m = DOUBLE_OPEN.exec(text))) {
    const n = numberOf(m[1]);
    const cn = !/^[0-9０-９]/.test(m[1]);
    if (n !== null) return make(text, m[0], cn ? 2 : 4, cn ? 'cn' : 'ar', '（', '）', n, 'malformed', false);
  }
  if ((m = UPPER_PAREN.exec(text))) {
    const n = parseChineseNumeral(fromUpper(m[1]));
    if (n !== null) return make(text, m[0], 2, 'cn', text[0] as '(' | '（', '', n, 'malformed', false);
  }
  if ((m = CN_NO_CLOSE.exec(text)) && !closedSoon(text, m[0].length)) {
    const n = parseChineseNumeral(m[2]);
    const written = m[3] === '、' ? m[0] : m[0].trimEnd();
    if (n !== null) return make(text, written, 2, 'cn', m[1] as '(' | '（', '', n, 'missing-close', false);
  }
  if ((m = AR_NO_CLOSE.exec(text)) && !closedSoon(text, m[0].length)) {
    const written = m[3] === '、' ? m[0] : m[0].trimEnd();
    return make(text, written, 4, 'ar', m[1] as '(' | '（', '', arabic(m[2]), 'missing-close', false);
  }
  return null;
}

function circledNumber(ch: string): number {
  const c = ch.charCodeAt(0);
  if (c <= 0x2473) return c - 0x2460 + 1;
  if (c <= 0x325f) return c - 0x3251 + 21;
  return c - 0x32b1 + 36;
}

function skipSpaces(text: string, from: number): number {
  const m = AFTER_SPACES.exec(text.slice(from, from + 8));
  return from + (m ? m[0].length : 0);
}

// A start a reader could take for a marker even where the model reads none (`2 人民团体…` may be
// `2 ` before a title or a count of people): a fix inserts no marker in front of it.
const FRAGMENT = new RegExp(`^(?:[0-9０-９]{1,3}${SPACE}|[0-9０-９]{1,3}[.．、)）]|[（(〔【][${CN}${UPPER}0-9０-９]|[${CN}]{1,3}[、.．)）]|[）)〕】])`);

/** Whether the text starts with something marker-shaped (see FRAGMENT). */
export function startsLikeMarker(text: string): boolean {
  return FRAGMENT.test(text.slice(0, 8));
}

/** `text` is the line with indentation already removed. */
export function matchMarker(text: string): RawMarker | null {
  const first = text.charCodeAt(0);
  if (Number.isNaN(first)) return null;
  let m: RegExpExecArray | null;

  if (first === 0x28 || first === 0xff08) {
    // ( or （
    if ((m = CN_PAREN.exec(text))) {
      const number = parseChineseNumeral(m[2]);
      if (number !== null) {
        return make(text, m[0], 2, 'cn', m[1] as '(' | '（', m[3] as ')' | '）', number, null, false);
      }
      return null;
    }
    if ((m = AR_PAREN.exec(text))) {
      return make(text, m[0], 4, 'ar', m[1] as '(' | '（', m[3] as ')' | '）', arabic(m[2]), null, false);
    }
    if ((m = PAREN_EMPTY.exec(text)) && text.length > m[0].length) {
      return make(text, m[0], 2, 'none', m[1] as '(' | '（', m[2] as ')' | '）', null, 'missing-numeral', true);
    }
    return malformed(text);
  }
  if (first === 0x3014 || first === 0x3010) {
    // 〔 or 【
    if ((m = OTHER_BRACKETS.exec(text))) {
      const n = numberOf(m[1]);
      const cn = !/^[0-9０-９]/.test(m[1]);
      if (n !== null) return make(text, m[0], cn ? 2 : 4, cn ? 'cn' : 'ar', '（', '）', n, 'malformed', false);
    }
    return null;
  }
  if (first === 0x29 || first === 0xff09) {
    // a line that starts with a closing bracket lost `（一` (or `（1`)
    if (text.length > 1) {
      return make(text, text[0], 2, 'none', '', text[0] as ')' | '）', null, 'missing-open-numeral', true);
    }
    return null;
  }
  if ((first >= 0x30 && first <= 0x39) || (first >= 0xff10 && first <= 0xff19)) {
    if ((m = AR_DOT.exec(text))) {
      return make(text, m[0], 3, 'ar', '', m[2] as '.' | '．' | '、', arabic(m[1]), null, false);
    }
    if ((m = AR_RPAREN.exec(text))) {
      return make(text, m[0], 4, 'ar', '', m[2] as ')' | '）', arabic(m[1]), null, false);
    }
    if ((m = AR_SPACE.exec(text))) {
      const marker = make(text, m[1], 3, 'ar', '', ' ', arabic(m[1]), null, false);
      marker.contentStart = m[0].length;
      return marker;
    }
    return null;
  }
  if ((m = CIRCLED.exec(text))) {
    return make(text, m[0], 5, 'circled', '', '', circledNumber(m[1]), null, false);
  }
  if (CN.includes(text[0])) {
    if ((m = CN_DUN.exec(text))) {
      const number = parseChineseNumeral(m[1]);
      if (number !== null) return make(text, m[0], 1, 'cn', '', m[2] as '、' | '.' | '．', number, null, false);
      return null;
    }
    if ((m = CN_NO_OPEN.exec(text)) && text.length > m[0].length) {
      const number = parseChineseNumeral(m[1]);
      if (number !== null) return make(text, m[0], 2, 'cn', '', m[2] as ')' | '）', number, 'missing-open', false);
    }
  }
  return null;
}

function make(
  text: string,
  matched: string,
  rank: MarkerRank,
  numeral: Numeral,
  open: RawMarker['open'],
  close: RawMarker['close'],
  number: number | null,
  damage: MarkerDamage | null,
  rankUncertain: boolean,
): RawMarker {
  // The marker text keeps inner spaces (`(一 )`) but not the ones after it.
  return {
    text: matched,
    contentStart: skipSpaces(text, matched.length),
    rank,
    numeral,
    open,
    close,
    number,
    damage,
    rankUncertain,
  };
}
