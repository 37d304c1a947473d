import type { PlanKind, PlanLevel } from './types';

/**
 * What the plan is (kind) and whom it is for (level, region), read from its title and,
 * when the file has no title line (seed 004), from its preamble and body.
 * All inputs are already folded to Simplified characters.
 */

const TITLE_KEYWORD = /方案|规划|纲要|计划|意见|要点|办法|细则|安排|措施|分解|清单/;

/** A line that can be a plan's title: short, unpunctuated, names a plan outside any 《》. */
export function isTitleLike(content: string): boolean {
  const s = content.trim().replace(/^\*\*|\*\*$/g, '');
  if (s.length < 5 || s.length > 60) return false;
  if (/[。；;，,：:！？!?]$/.test(s) || /[：:]/.test(s)) return false;
  if (/^[《“"•·\-—–*>#]/.test(s)) return false;
  if (/(通知|的函|的批复|的报告)$/.test(s)) return false;
  return TITLE_KEYWORD.test(withoutBookTitles(s));
}

/**
 * The text without its 《…》 titles (each from a 《 to the next 》), as `replace(/《[^》]*》/g, '')`
 * does, in linear time: that pattern retried from every 《 of a text with no 》 (quadratic).
 */
export function withoutBookTitles(s: string): string {
  let out = '';
  let from = 0;
  for (;;) {
    const open = s.indexOf('《', from);
    const close = open === -1 ? -1 : s.indexOf('》', open + 1);
    if (close === -1) return out + s.slice(from);
    out += s.slice(from, open);
    from = close + 1;
  }
}

/**
 * Whether some 《…》 (a 《 to the next 》) contains `term`, as `/《[^》]*term[^》]*》/` tests, in
 * linear time: the longest such span before each 》 starts at the first 《 after the previous 》.
 */
export function bookTitleContains(s: string, term: string): boolean {
  let from = 0;
  for (;;) {
    const close = s.indexOf('》', from);
    if (close === -1) return false;
    const open = s.indexOf('《', from);
    if (open !== -1 && open < close && s.slice(open + 1, close).includes(term)) return true;
    from = close + 1;
  }
}

/** `(2021—2025年)`, `（征求意见稿）`: a line that continues the title above it. */
export function isTitleContinuation(content: string): boolean {
  const s = content.trim();
  return /^[（(][^（()）]{2,20}[）)]$/.test(s) && /年|稿|试行|草案|修订/.test(s);
}

/** `为……，根据……，制定本实施方案。` */
export function isPreambleLike(content: string): boolean {
  const s = content.trim();
  if (s.length < 12 || !/[。.]$/.test(s)) return false;
  if (/制定本.{0,10}(方案|规划|计划|意见)|特制定本|制定如下/.test(s)) return true;
  return /^(为|为了)/.test(s) && /根据|按照|贯彻|落实/.test(s) && s.length >= 20;
}

const FOOTER =
  /^(上一篇|下一篇|相关信息|相关词条|热门词条|相关阅读|相关链接|联络我们|联系我们|网站地图|附件下载|扫一扫|分享到|打印本页|关闭窗口|【打印】|\[打印\]|主办[:：]|承办[:：]|主办单位[:：]|版权所有|网站标识码|.{0,30}ICP备)/;

/** Portal and encyclopedia footers that follow a published plan. */
export function isFooterLike(content: string): boolean {
  const s = content.trim();
  return s.length <= 80 && FOOTER.test(s);
}

/**
 * Kinds named by the title before the rule-of-law ones: an annual 法治政府建设工作要点 follows no
 * outline (it gets the generic template), and a 营商环境 plan is one whatever form it takes.
 */
const TITLE_KINDS: ReadonlyArray<readonly [RegExp, PlanKind]> = [
  [/营商环境|放管服/, 'yingshang-huanjing'],
  [/乡村振兴/, 'xiangcun-zhenxing'],
  [/安全生产/, 'anquan-shengchan'],
  [/要点|工作安排/, 'gongzuo-yaodian'],
  [/任务分解|责任分解|任务分工|责任分工/, 'renwu-fenjie'],
];

export function detectKind(title: string | null, preamble: string | null): PlanKind {
  if (title) {
    const plain = withoutBookTitles(title);
    for (const [pattern, kind] of TITLE_KINDS) if (pattern.test(plain)) return kind;
    if (/法治社会/.test(title)) return 'fazhi-shehui';
    if (/法治政府/.test(title)) return 'fazhi-zhengfu';
    if (/法治.{0,8}规划/.test(title)) return 'fazhi-guihua';
  }
  if (preamble) {
    if (/制定本规划/.test(preamble) && /法治/.test(preamble)) return 'fazhi-guihua';
    if (bookTitleContains(preamble, '法治社会') || /法治社会建设/.test(preamble)) return 'fazhi-shehui';
    if (bookTitleContains(preamble, '法治政府') || /法治政府建设/.test(preamble)) return 'fazhi-zhengfu';
  }
  return 'other';
}

export interface LevelInfo {
  level: PlanLevel | null;
  region: string | null;
  levelPrefix: string | null;
}

const MUNICIPALITIES = new Set(['北京市', '上海市', '天津市', '重庆市']);
const REGION = /^(.{2,10}?(?:自治区|自治州|自治县|省|市|州|盟|县|区|旗))/;
const REGION_STOP = /^(法治|关于|建设|实施|推进|加强|全面|贯彻|落实|人民|委员会|委|政府)/;

function levelOfSuffix(region: string): { level: PlanLevel; prefix: string } {
  if (MUNICIPALITIES.has(region)) return { level: 'province', prefix: '市' };
  if (region.endsWith('自治区')) return { level: 'province', prefix: '自治区' };
  if (region.endsWith('省')) return { level: 'province', prefix: '省' };
  if (region.endsWith('自治州')) return { level: 'city', prefix: '州' };
  if (region.endsWith('市')) return { level: 'city', prefix: '市' };
  // a 盟's units are 盟X局 (阿拉善盟司法局), not 市X局
  if (region.endsWith('盟')) return { level: 'city', prefix: '盟' };
  if (region.endsWith('州')) return { level: 'city', prefix: '州' };
  if (region.endsWith('县') || region.endsWith('自治县')) return { level: 'county', prefix: '县' };
  if (region.endsWith('旗')) return { level: 'county', prefix: '旗' };
  return { level: 'county', prefix: '区' };
}

/** 贵州省法治社会… → 贵州省; 重庆市大足区法治… → 大足区 (a district of a municipality). */
export function regionFromTitle(title: string): string | null {
  let rest = title.trim().replace(/^中共/, '');
  let region: string | null = null;
  for (let i = 0; i < 3; i++) {
    const m = REGION.exec(rest);
    if (!m || REGION_STOP.test(m[1])) break;
    // 法治社会建设实施方案 has no region; a 建设/法治 inside the match means we overran it.
    if (/法治|建设|方案|规划|关于/.test(m[1])) break;
    // 西塘区2024年区政府…: a year ends the place name
    if (/[0-9０-９年]/.test(m[1])) break;
    region = m[1];
    rest = rest.slice(m[1].length);
    if (REGION_STOP.test(rest)) break;
  }
  return region;
}

/** Level prefixes, longest first (自治区 before 区). */
export const PREFIXES: readonly string[] = ['自治区', '省', '市', '州', '盟', '县', '区', '旗'];

/** The level prefix a name starts with (`县司法局` → 县; `市场监管局` has none). */
export function leadingPrefix(name: string): { prefix: string; length: number } | null {
  for (const p of PREFIXES) {
    if (!name.startsWith(p) || name.length <= p.length + 1) continue;
    const next = name.slice(p.length);
    // 市场监管局, 区域…, 县域…, 省级… / 县级…: words, not a prefix
    if (p === '市' && next.startsWith('场')) continue;
    if (/^(域|级|外|内|直各|属)/.test(next)) continue;
    return { prefix: p, length: p.length };
  }
  return null;
}

const SELF_REFERENCE = /(?:全|我|本)(省|自治区|市|州|县|区|旗)/g;

/** Lead units this many, and this share of them under one level, name the plan's level. */
const LEAD_EVIDENCE_MIN = 3;
const LEAD_EVIDENCE_SHARE = 0.75;

/**
 * The plan's level and place: from its title; without a place in it (a task list published under
 * its covering notice, `2024年县《政府工作报告》…`), from the prefixes of its lead units when most
 * agree (市发展改革委, 市科技局 …: a 市 plan, whatever one 本省 in the notice says); else from how it
 * speaks of itself (全市, 我县).
 */
export function detectLevel(title: string | null, bodySample: string, leadUnits: readonly string[] = []): LevelInfo {
  const region = title ? regionFromTitle(title) : null;
  if (region) {
    const { level, prefix } = levelOfSuffix(region);
    return { level, region, levelPrefix: prefix };
  }
  const byPrefix = new Map<string, number>();
  let prefixed = 0;
  for (const name of leadUnits) {
    const p = leadingPrefix(name.replace(/^中共/, ''))?.prefix;
    if (!p) continue;
    byPrefix.set(p, (byPrefix.get(p) ?? 0) + 1);
    prefixed++;
  }
  let top: string | null = null;
  for (const [p, n] of byPrefix) if (top === null || n > byPrefix.get(top)!) top = p;
  if (top !== null && prefixed >= LEAD_EVIDENCE_MIN && byPrefix.get(top)! >= LEAD_EVIDENCE_SHARE * prefixed) {
    const { level, prefix } = levelOfSuffix(`某${top}`);
    return { level, region: null, levelPrefix: prefix };
  }
  // No title (or no place in it) and no clear units: the plan speaks of itself as 全市 / 我县 / 本区.
  const counts = new Map<string, number>();
  for (const m of bodySample.matchAll(SELF_REFERENCE)) counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
  let best: string | null = null;
  for (const [suffix, n] of counts) if (best === null || n > (counts.get(best) ?? 0)) best = suffix;
  if (best === null) return { level: null, region: null, levelPrefix: null };
  const { level, prefix } = levelOfSuffix(`某${best}`);
  return { level, region: null, levelPrefix: prefix };
}
