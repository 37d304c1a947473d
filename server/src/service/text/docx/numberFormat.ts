/**
 * One counter value in one of Word's number formats (`w:numFmt`, ECMA-376 §17.18.59), as Word
 * shows it. Formats a plan never uses fall back to decimal; so does a value a format cannot
 * write (0, ① past 20, Roman past 3999), as Word does. Every result is short: letters repeat
 * (27 → AA), so a huge counter is written in decimal rather than as a run of thousands of letters.
 */

const IDEOGRAPH_DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const FULL_WIDTH_DIGITS = ['０', '１', '２', '３', '４', '５', '６', '７', '８', '９'];
const HEAVENLY_STEMS = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];
const EARTHLY_BRANCHES = ['子', '丑', '寅', '卯', '辰', '巳', '午', '未', '申', '酉', '戌', '亥'];

interface CountingGlyphs {
  readonly digits: readonly string[];
  readonly units: readonly [ten: string, hundred: string, thousand: string];
  readonly myriad: string;
  readonly hundredMillion: string;
}
const CHINESE: CountingGlyphs = { digits: ['零', ...IDEOGRAPH_DIGITS.slice(1)], units: ['十', '百', '千'], myriad: '万', hundredMillion: '亿' };
const CHINESE_LEGAL: CountingGlyphs = { digits: ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'], units: ['拾', '佰', '仟'], myriad: '万', hundredMillion: '亿' };
const TRADITIONAL_LEGAL: CountingGlyphs = { digits: ['零', '壹', '貳', '參', '肆', '伍', '陸', '柒', '捌', '玖'], units: ['拾', '佰', '仟'], myriad: '萬', hundredMillion: '億' };

/** Letters repeated more often than this are written in decimal (Word would write 40 A's). */
const MAX_LETTER_REPEAT = 10;

export function formatNumber(value: number, format: string): string {
  if (format === 'none' || format === 'bullet') return '';
  if (!Number.isSafeInteger(value) || value < 0) return String(value);
  if (value === 0) return format === 'decimalZero' ? '00' : '0';
  switch (format) {
    case 'decimalZero':
      return value < 10 ? `0${value}` : String(value);
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return digitsOf(value, FULL_WIDTH_DIGITS);
    case 'ideographDigital':
      return digitsOf(value, IDEOGRAPH_DIGITS);
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return value <= 20 ? String.fromCharCode(0x2460 + value - 1) : String(value);
    case 'decimalEnclosedParen':
      return value <= 20 ? String.fromCharCode(0x2474 + value - 1) : String(value);
    case 'decimalEnclosedFullstop':
      return value <= 20 ? String.fromCharCode(0x2488 + value - 1) : String(value);
    case 'ideographEnclosedCircle':
      return value <= 10 ? String.fromCharCode(0x3220 + value - 1) : String(value);
    case 'chineseCounting':
    case 'taiwaneseCounting':
    case 'japaneseCounting':
      return chineseCounting(value);
    case 'chineseCountingThousand':
    case 'taiwaneseCountingThousand':
      return grouped(value, CHINESE);
    case 'chineseLegalSimplified':
      return grouped(value, CHINESE_LEGAL);
    case 'ideographLegalTraditional':
      return grouped(value, TRADITIONAL_LEGAL);
    case 'ideographTraditional':
      return HEAVENLY_STEMS[(value - 1) % HEAVENLY_STEMS.length];
    case 'ideographZodiac':
      return EARTHLY_BRANCHES[(value - 1) % EARTHLY_BRANCHES.length];
    case 'upperLetter':
      return letters(value);
    case 'lowerLetter':
      return letters(value).toLowerCase();
    case 'upperRoman':
      return value < 4000 ? roman(value) : String(value);
    case 'lowerRoman':
      return value < 4000 ? roman(value).toLowerCase() : String(value);
    default:
      // decimal, decimalHalfWidth, ordinal, cardinalText and every script Chinese plans do not use
      return String(value);
  }
}

function digitsOf(value: number, digits: readonly string[]): string {
  let out = '';
  for (const ch of String(value)) out += digits[ch.charCodeAt(0) - 0x30];
  return out;
}

/** 一 … 十 十一 … 九十九 as counted; from 100 on, digit by digit (一〇〇), as Word writes this format. */
function chineseCounting(value: number): string {
  if (value < 10) return IDEOGRAPH_DIGITS[value];
  if (value < 100) {
    const tens = Math.floor(value / 10);
    const ones = value % 10;
    return `${tens === 1 ? '' : IDEOGRAPH_DIGITS[tens]}十${ones === 0 ? '' : IDEOGRAPH_DIGITS[ones]}`;
  }
  return digitsOf(value, IDEOGRAPH_DIGITS);
}

/** Counting with 十 百 千 万 亿: 十一, 二十, 一百零五, 一千零一十, 一万. */
function grouped(value: number, glyphs: CountingGlyphs): string {
  if (value >= 1e8) {
    const high = Math.floor(value / 1e8);
    const low = value % 1e8;
    return `${grouped(high, glyphs)}${glyphs.hundredMillion}${low === 0 ? '' : (low < 1e7 ? glyphs.digits[0] : '') + groupedInner(low, glyphs)}`;
  }
  const text = groupedInner(value, glyphs);
  // 10–19 are said 十, 十一 … (not 一十一) when they stand alone
  return value >= 10 && value < 20 && glyphs === CHINESE ? text.slice(1) : text;
}

function groupedInner(value: number, glyphs: CountingGlyphs): string {
  const high = Math.floor(value / 10000);
  const low = value % 10000;
  let out = high > 0 ? `${fourDigits(high, glyphs)}${glyphs.myriad}` : '';
  if (low > 0) out += (high > 0 && low < 1000 ? glyphs.digits[0] : '') + fourDigits(low, glyphs);
  return out;
}

function fourDigits(value: number, glyphs: CountingGlyphs): string {
  const places = [Math.floor(value / 1000) % 10, Math.floor(value / 100) % 10, Math.floor(value / 10) % 10, value % 10];
  const units = [glyphs.units[2], glyphs.units[1], glyphs.units[0], ''];
  let out = '';
  let zero = false;
  for (let i = 0; i < 4; i++) {
    if (places[i] === 0) {
      zero = out !== '';
      continue;
    }
    if (zero) out += glyphs.digits[0];
    zero = false;
    out += glyphs.digits[places[i]] + units[i];
  }
  return out;
}

/** A … Z, then AA … ZZ, AAA …: Word repeats the letter. */
function letters(value: number): string {
  const repeat = Math.floor((value - 1) / 26) + 1;
  if (repeat > MAX_LETTER_REPEAT) return String(value);
  return String.fromCharCode(0x41 + ((value - 1) % 26)).repeat(repeat);
}

const ROMAN: ReadonlyArray<[number, string]> = [
  [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
  [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
];

function roman(value: number): string {
  let out = '';
  let rest = value;
  for (const [n, glyph] of ROMAN) {
    while (rest >= n) {
      out += glyph;
      rest -= n;
    }
  }
  return out;
}
