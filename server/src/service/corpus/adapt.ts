/**
 * Wording taken from a plan of another level, adapted to the draft's level where the change is
 * mechanical: 全省 → 全县, 省委宣传部 → 县委宣传部, 省司法厅 → 县司法局, 省政府办公厅 → 县政府办公室.
 * Anything that is not a level-bound name (各市(州), 贵州特色, 省会) is left as written; the
 * original is always shown next to the adapted text.
 */

export interface LevelOf {
  /** The character the plan's own units start with: 省 / 自治区 / 市 / 州 / 县 / 区 / 旗. */
  readonly levelPrefix: string | null;
  readonly region: string | null;
}

/** 贵州省 → 省, 宁夏回族自治区 → 自治区, 大足区 → 区. */
export function prefixOfRegion(region: string | null): string | null {
  if (!region) return null;
  if (region.endsWith('自治区')) return '自治区';
  if (['北京市', '上海市', '天津市', '重庆市'].includes(region)) return '市';
  const last = region[region.length - 1];
  return '省市州县区旗'.includes(last) ? last : null;
}

// Bodies whose names start with the level prefix (省委…, 省人大…, 省法院…).
const BODIES = '委|政府|人大|政协|纪委|监委|法院|人民法院|检察院|人民检察院|直|级|属|有关|内|域|情|直机关';
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// The prefix starts a name only at a word boundary (not 社区内, 城市委, 贵州), or after a verb or
// preposition that names a body: 报省政府, 由省委, 会同省法院.
const AT_NAME = '(?:(?<![\\u4e00-\\u9fff])|(?<=[由在对和及与同经向报请将把为是]))';

/** The text with level-bound names moved from `from`'s level to `to`'s; unchanged when they match. */
export function adaptToLevel(text: string, from: LevelOf, to: LevelOf): string {
  const source = from.levelPrefix;
  const target = to.levelPrefix;
  if (!source || !target || source === target) return text;
  const s = escape(source);
  let out = text;
  if (from.region && to.region && from.region !== to.region) out = out.split(from.region).join(to.region);
  // Self-references: 全省 / 我省 / 本省.
  out = out.replace(new RegExp(`([全我本])${s}`, 'g'), `$1${target}`);
  // 依法治省办 → 依法治县办, 团省委 → 团县委.
  out = out.replace(new RegExp(`依法治${s}`, 'g'), `依法治${target}`);
  out = out.replace(new RegExp(`团${s}委`, 'g'), `团${target}委`);
  if (source === '省' || source === '自治区') {
    // Provincial departments are 厅; below the province they are 局, and 办公厅 is 办公室.
    out = out.replace(new RegExp(`${AT_NAME}${s}([\\u4e00-\\u9fff]{0,10}?)办公厅`, 'g'), `${target}$1办公室`);
    out = out.replace(new RegExp(`${AT_NAME}${s}([\\u4e00-\\u9fff]{1,8}?)厅`, 'g'), `${target}$1局`);
  }
  out = out.replace(new RegExp(`${AT_NAME}${s}(${BODIES})`, 'g'), `${target}$1`);
  // Unit names: 省司法局, 省教育局, 省民政局 … (a short name ending in 局/委/办/部/院/会/中心).
  out = out.replace(new RegExp(`${AT_NAME}${s}([\\u4e00-\\u9fff]{1,8}?(?:局|委|办|部|院|会|中心))`, 'g'), `${target}$1`);
  return out;
}
