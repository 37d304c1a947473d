import { leadingPrefix, PREFIXES } from '../../model/detect';
import { endsLikeUnit } from '../../model/phrases';

// (read by the model too: a plan without a title takes its level from its units)
export { leadingPrefix, PREFIXES };
import { MAX_NAME_CACHE_CHARS } from '../../limits';
import { toHalfWidth, toSimplifiedIfTraditional } from '../../text/chinese';
import { TextCache } from '../../text/textCache';
import type { PlanLevel } from '../../model/types';

/**
 * Unit names as plans write them: normalisation, level prefixes (省/市/县…), regions (西吉县),
 * collectives (各乡镇, 省有关单位) and the edit distance used to find the closest known name.
 */

export const LEVELS: readonly PlanLevel[] = ['province', 'city', 'county'];

export const LEVEL_OF_PREFIX: Readonly<Record<string, PlanLevel>> = {
  省: 'province',
  自治区: 'province',
  市: 'city',
  州: 'city',
  盟: 'city',
  县: 'county',
  区: 'county',
  旗: 'county',
};

export const LEVEL_NAME: Readonly<Record<PlanLevel, { zh: string; en: string }>> = {
  province: { zh: '省级', en: 'province-level' },
  city: { zh: '市级', en: 'city-level' },
  county: { zh: '县级', en: 'county-level' },
};

/** The party committee of a level as unit names write it: 县委, 省委, 自治区党委. */
export function committeeOf(prefix: string): string {
  return prefix === '自治区' ? '自治区党委' : `${prefix}委`;
}

/** The level word inside a name: 依法治县办, 团区委 (an autonomous region says 区). */
export function levelWordOf(prefix: string): string {
  return prefix === '自治区' ? '区' : prefix;
}

const normalized = new TextCache<string>(MAX_NAME_CACHE_CHARS);

/**
 * The comparable form of a written name: Simplified, half-width brackets, no spaces, without a
 * leading 中共 or a trailing 等. Display always uses the name as written.
 */
export function normalizeName(name: string): string {
  return normalized.get(name) ?? normalized.set(name, normalizedForm(name));
}

function normalizedForm(name: string): string {
  const s = toSimplifiedIfTraditional(toHalfWidth(name).replace(/[\s\u00a0\u2000-\u200b\ufeff]+/g, ''));
  return s.replace(/^中共/, '').replace(/等$/, '');
}

/** The name without a bracketed remark: 省委党校(贵州行政学院) → 省委党校. */
export function baseName(normalizedName: string): string {
  const stripped = normalizedName.replace(/\([^()]*\)$/, '');
  return stripped.length >= 2 ? stripped : normalizedName;
}

const comparable = new TextCache<string>(MAX_NAME_CACHE_CHARS);

/** `baseName(normalizeName(name))`, cached: the form names are compared in. */
export function comparableName(name: string): string {
  // (its own cache only: a name read for the first time is not stored twice)
  return comparable.get(name) ?? comparable.set(name, baseName(normalizedForm(name)));
}

/** 西吉县 → 县, 宁夏回族自治区 → 自治区, 黔南布依族苗族自治州 → 州. */
const REGION = /^(.{2,10}?)(自治区|自治州|自治县|自治旗|省|市|州|盟|县|区|旗)/;
const REGION_STOP = /^(各|有关|其他|人民|人大|政府|党委|纪委|团|委)/;
export function splitRegion(name: string): { region: string; prefix: string; rest: string } | null {
  const m = REGION.exec(name);
  if (!m || REGION_STOP.test(m[1])) return null;
  const suffix = m[2];
  const prefix = suffix === '自治州' ? '州' : suffix === '自治县' ? '县' : suffix === '自治旗' ? '旗' : suffix;
  return { region: m[0], prefix, rest: name.slice(m[0].length) };
}


/** Whether a name ends like a unit (局, 委, 中心, 公司, 街道, …): one that ends otherwise is probably not a unit at all. */
export function hasUnitSuffix(name: string): boolean {
  return endsLikeUnit(name);
}

// Development zones and functional areas: 雲嶺經開區管委會, 东湖经济开发区, 高新区党工委.
const ZONE = /(开发区|经开区|高新区|新区|园区|产业园|集聚区|示范区|功能区|试验区|合作区)(管委会|管理委员会|党工委|工委|管理局)?$/;

/** A development zone or functional area (its 管委会): a unit of the level that names it in a plan. */
export function isZoneName(normalizedName: string): boolean {
  return normalizedName.length >= 4 && ZONE.test(normalizedName);
}

/**
 * A city bureau's branch in a county or district (市公安局南屏分局, 市生态环境局桐山分局): the
 * county's own unit of that kind. Returns the place the branch is named after.
 */
export function cityBranchPlace(normalizedName: string): string | null {
  const prefix = ['市', '州', '盟'].find((p) => normalizedName.startsWith(p));
  if (!prefix) return null;
  const suffix = ['分局', '管理局', '分中心'].find((x) => normalizedName.endsWith(x));
  if (!suffix) return null;
  const bureau = normalizedName.indexOf('局', prefix.length + 1);
  const end = normalizedName.length - suffix.length;
  if (bureau === -1 || bureau + 1 >= end) return null;
  const place = normalizedName.slice(bureau + 1, end);
  return place.length >= 2 && place.length <= 6 ? place : null;
}

const COLLECTIVE = [
  /^各/,
  /^(省|自治区|市|州|盟|县|区|旗)(内|属|直)?各/,
  // 沿黄各县区人民政府, 沿线各乡镇: each of a group of places
  /^.{1,6}各(县|市|区|州|旗|乡|镇|街道|地)/,
  /有关|相关/,
  /^其他|其它/,
  /成员单位$/,
  /^(省|自治区|市|州|县|区|旗)(级|直)(各|其他|有关)?.{0,8}(单位|部门|机关|机构)$/,
  /^(乡镇|街道|镇街|乡镇\(街道\)|村\(社区\)|村\(居\)|社区|村)(人民政府|党委|政府)?$/,
  /^(全省|全市|全县|全区)/,
  /(党委和政府|人大常委会和政府|党委政府)$/,
];

/** 各乡镇, 各部门（单位）, 省有关单位, 区级其他有关部门: a group, not one unit. */
export function isCollectiveName(normalizedName: string): boolean {
  return COLLECTIVE.some((re) => re.test(normalizedName));
}

/** Levenshtein distance, stopping early once it exceeds `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}
