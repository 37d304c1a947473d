import { matchMarker } from '../markers';
import type { Marker, MarkerRank } from '../types';
import { toChineseNumeral } from '../../text/chinese';

/**
 * A marker's written form apart from its number: `（一）`, `(一)`, `1.`, `1、`, `1 `, `①`…
 * Two markers of one level should share it; the scheme learns which one the draft uses.
 */
export interface MarkerForm {
  readonly numeral: 'cn' | 'ar' | 'circled';
  readonly open: '' | '(' | '（';
  readonly close: '' | ')' | '）' | '、' | '.' | '．' | ' ';
  /** `１．` rather than `1.` */
  readonly fullWidthDigits: boolean;
}

/** GB/T 9704 forms, used when a level has no intact marker to learn from. */
const DEFAULT_FORMS: Record<MarkerRank, MarkerForm> = {
  1: { numeral: 'cn', open: '', close: '、', fullWidthDigits: false },
  2: { numeral: 'cn', open: '（', close: '）', fullWidthDigits: false },
  3: { numeral: 'ar', open: '', close: '.', fullWidthDigits: false },
  4: { numeral: 'ar', open: '（', close: '）', fullWidthDigits: false },
  5: { numeral: 'circled', open: '', close: '', fullWidthDigits: false },
};

/** The GB/T 9704 form of a level; `halfWidth` for a plan that writes `(` rather than `（`. */
export function defaultForm(rank: MarkerRank, halfWidth = false): MarkerForm {
  const form = DEFAULT_FORMS[rank];
  return halfWidth && form.open === '（' ? { ...form, open: '(', close: ')' } : form;
}

/** The written form of an intact marker; null for a damaged one (its form is what was lost). */
export function formOf(marker: Marker): MarkerForm | null {
  if (marker.damage || marker.numeral === 'none') return null;
  return {
    numeral: marker.numeral,
    open: marker.open,
    close: marker.close,
    fullWidthDigits: marker.numeral === 'ar' && /[０-９]/.test(marker.text),
  };
}

/** The form a damaged marker was meant to have, read off the bracket it kept. */
export function damagedForm(marker: Marker, rank: MarkerRank): MarkerForm {
  const fullWidth = marker.close === '）' || marker.open === '（';
  const numeral = rank === 4 ? 'ar' : 'cn';
  return { numeral, open: fullWidth ? '（' : '(', close: fullWidth ? '）' : ')', fullWidthDigits: false };
}

export function formKey(form: MarkerForm): string {
  return `${form.open}${form.numeral}${form.fullWidthDigits ? 'F' : ''}${form.close}`;
}

export function sameForm(a: MarkerForm, b: MarkerForm): boolean {
  return formKey(a) === formKey(b);
}

const CIRCLED_FIRST = [0x2460, 0x3251, 0x32b1]; // ①–⑳, ㉑–㉟, ㊱–㊿

function circled(n: number): string | null {
  if (n >= 1 && n <= 20) return String.fromCharCode(CIRCLED_FIRST[0] + n - 1);
  if (n >= 21 && n <= 35) return String.fromCharCode(CIRCLED_FIRST[1] + n - 21);
  if (n >= 36 && n <= 50) return String.fromCharCode(CIRCLED_FIRST[2] + n - 36);
  return null;
}

function arabic(n: number, fullWidth: boolean): string {
  const digits = String(n);
  return fullWidth ? digits.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)) : digits;
}

/**
 * The marker for number n in this form, as it is written in the text (`（三）`, `3.`; the space
 * form `3 标题` is written `3`, the space is the text's). Null when the form cannot carry n.
 */
export function renderMarker(form: MarkerForm, n: number): string | null {
  if (!Number.isInteger(n) || n < 1) return null;
  let numeral: string | null;
  if (form.numeral === 'cn') numeral = n < 1000 ? toChineseNumeral(n) : null;
  else if (form.numeral === 'circled') numeral = circled(n);
  else numeral = n < 1000 ? arabic(n, form.fullWidthDigits) : null;
  if (numeral === null) return null;
  return form.close === ' ' ? numeral : `${form.open}${numeral}${form.close}`;
}

/**
 * The marker for n as it starts a new line before a title: `（三）`, `3.`, and `3 ` for the space form;
 * a number the form cannot write (㊿ is the last circled one) in Arabic digits in the same brackets.
 */
export function markerBeforeTitle(form: MarkerForm, n: number): string {
  const marker = renderMarker(form, n) ?? renderMarker({ ...form, numeral: 'ar', fullWidthDigits: false }, n) ?? String(n);
  return form.close === ' ' ? `${marker} ` : marker;
}

/** `1.`, `（一）`: the form as a drafter recognises it, for messages. */
export function formSample(form: MarkerForm): string {
  return form.close === ' ' ? '1 ' : renderMarker(form, 1)!;
}

/**
 * Whether `marker` written before `rest` (the text after it) is read back as a marker of that rank
 * and number, with `marker` as its whole text. Every edit a fix makes is checked with this, so
 * a fix can never produce a marker the model does not read (`3.2025年`, `3 年度`).
 */
export function readsBack(marker: string, rest: string, rank: MarkerRank, n: number): boolean {
  const m = matchMarker(`${marker}${rest}`.slice(0, 64));
  if (!m || m.number !== n || m.damage) return false;
  return m.rank === rank && m.text === marker;
}

/**
 * What to write in place of a marker so that, followed by `rest`, it reads back as `marker`:
 * the marker itself, or the marker and a space when the text would glue onto it (`3.2025年`);
 * null when neither does.
 */
export function writableMarker(marker: string, rest: string, rank: MarkerRank, n: number): string | null {
  if (readsBack(marker, rest, rank, n)) return marker;
  if (!/^\s/.test(rest) && readsBack(marker, ` ${rest}`, rank, n)) return `${marker} `;
  return null;
}
