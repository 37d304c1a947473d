import { readFileSync } from 'fs';
import { join } from 'path';
import { MAX_DOCUMENT_LINES } from '../../server/src/service/limits';
import { toChineseNumeral } from '../../server/src/service/text/chinese';
import { syntheticPlan } from './synthetic';

/**
 * Pathological inputs for the size bench rows (`npm run bench`, check section) and the size tests
 * (test/unit/limits.test.ts). Each row is the worst of its variants: what a paste, a converter or a
 * hostile file can put into the editor.
 */

const ROOT = join(__dirname, '..', '..');
const HEAD = '某某县法治社会建设实施方案（2021—2025年）\n为加快推进法治社会建设，结合我县实际，制定本实施方案。\n一、总体要求\n（一）指导思想。坚持依法治县。\n二、推动全社会增强法治观念\n（一）维护宪法权威\n';

export interface PathologicalInput {
  readonly name: string;
  readonly text: string;
}

/** A whole seed pasted without its line breaks (a PDF copy), repeated to `chars`. */
function oneLine(chars: number): string {
  const seed = readFileSync(join(ROOT, 'corpus', 'seeds', '002_6165ec8d7c1e9a5d.txt'), 'utf8').replace(/\r?\n/g, '');
  return HEAD + '1.' + seed.repeat(Math.ceil(chars / seed.length)).slice(0, chars) + '\n牵头单位：县司法局\n';
}

/** 50 000 numbered measures with notes: 100 parts × 10 topics × 50 measures, a few numbers wrong. */
function manyItems(count: number): string {
  const lines = ['某某县法治社会建设实施方案（2021—2025年）', '为加快推进法治社会建设，结合我县实际，制定本实施方案。'];
  let n = 0;
  for (let part = 1; n < count; part++) {
    lines.push(`${toChineseNumeral(Math.min(part, 999))}、第${part}部分任务`);
    for (let topic = 1; topic <= 10 && n < count; topic++) {
      lines.push(`（${toChineseNumeral(topic)}）第${topic}项重点工作`);
      for (let m = 1; m <= 50 && n < count; m++, n++) {
        // every 97th number is skipped and every 89th repeated: findings and fixes all through the plan
        const written = n % 97 === 0 ? m + 1 : n % 89 === 0 ? Math.max(1, m - 1) : m;
        lines.push(`${written}.加强第${n}项措施的组织实施，按期完成。`, n % 7 === 0 ? '' : '牵头单位：县司法局');
      }
    }
  }
  return lines.join('\n');
}

/**
 * `lines` lines in all of short numbered items (`1.措施。`, 11 bytes), the bare marker `1.`, or items
 * each followed by its note line: what costs most memory per byte (a node, or a node and a note, per line).
 */
export function shortLines(lines: number, kind: 'short-items' | 'bare-markers' | 'items-and-notes'): string {
  const head = HEAD.split('\n').length - 1;
  const body = Array.from({ length: lines - head }, (_, i) =>
    kind === 'bare-markers' ? '1.' : kind === 'short-items' ? `${(i % 50) + 1}.措施。` : i % 2 ? '牵头单位：县司法局' : `${((i >> 1) % 50) + 1}.措施`,
  );
  return HEAD + body.join('\n');
}

/**
 * Notes naming units the registry does not know: `mentions` names in all, `distinct` of them
 * different (cycled), 50 to a note, one note per measure, 50 measures to a topic. Names of the
 * first kind are a typo of a known unit (a "did you mean" for each); of the second, made-up words.
 */
export function unknownUnits(mentions: number, distinct: number): string {
  const WORDS = '天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏闰余成岁律吕调阳云腾致雨露结为霜';
  const made = (i: number) => {
    let name = '';
    for (let k = i + WORDS.length; k > 0; k = Math.floor(k / WORDS.length)) name += WORDS[k % WORDS.length];
    return name;
  };
  const nameOf = (i: number) => (distinct === 1 ? '县司发局' : made(i % distinct));
  const lines = [HEAD.trimEnd()];
  let n = 0;
  for (let measure = 0; n < mentions; measure++) {
    if (measure % 50 === 0) lines.push(`（${toChineseNumeral((measure / 50) % 999 + 1)}）第${measure / 50 + 1}项重点工作`);
    const names: string[] = [];
    for (let k = 0; k < 50 && n < mentions; k++, n++) names.push(nameOf(n));
    lines.push(`${(measure % 50) + 1}.加强第${measure}项措施的组织实施。`, `牵头单位：${names.join('、')}`);
  }
  return lines.join('\n');
}

/**
 * A plan of about `chars` characters naming 20 long units of its own (one set per `document`): what
 * a closed document left in the unit-name caches (issue 16, item 2).
 */
export function namesPlan(document: number, chars: number): string {
  const lines = ['某县法治社会建设实施方案', '一、主要任务'];
  const filler = '健全工作机制，强化督促检查，确保取得实效。'.repeat(12);
  for (let i = 0; lines.join('\n').length < chars; ) {
    lines.push(`（${'一二三四五六七八九十'[Math.floor(i / 50) % 10]}）加强第${i}组工作`);
    for (let k = 0; k < 50; k++, i++) lines.push(`${k + 1}.落实第${i}项任务，${filler}`, `牵头单位：县第${document}批第${i % 20}号专项工作领导小组办公室`);
  }
  return lines.join('\n');
}

export const PATHOLOGICAL: Record<string, () => PathologicalInput[]> = {
  '5mb': () => [{ name: 'synthetic', text: syntheticPlan(5 * 1024 * 1024) }],
  '1mb-line': () => [
    { name: 'seed-002-as-one-line', text: oneLine(1024 * 1024) },
    { name: 'one-character', text: HEAD + '1.' + '法'.repeat(1024 * 1024) },
    { name: 'notes', text: HEAD + '1.措施' + '（牵头单位：县司法局、'.repeat(1024 * 1024 / 11) },
  ],
  'brackets-100k': () => [
    { name: 'nested', text: HEAD + '1.措施' + '（'.repeat(100_000) + '）'.repeat(100_000) + '\n牵头单位：县司法局' },
    { name: 'unclosed-in-note', text: HEAD + '1.措施。\n牵头单位：' + '各部门（'.repeat(100_000) },
    { name: 'unclosed-inline-notes', text: HEAD + '1.措施' + '（牵头单位：'.repeat(100_000) },
    { name: 'damaged-marker-lines', text: HEAD + Array.from({ length: 100_000 }, (_, i) => (i % 3 === 0 ? ')措施。' : i % 3 === 1 ? '（1）措施。' : '牵头单位：县司法局')).join('\n') },
    { name: 'open-bracket-lines', text: HEAD + Array.from({ length: 100_000 }, () => '（').join('\n') },
  ],
  // at the line limit (MAX_DOCUMENT_LINES): the most a structure-only check builds
  'lines-120k': () => (['short-items', 'bare-markers', 'items-and-notes'] as const).map((kind) => ({ name: kind, text: shortLines(MAX_DOCUMENT_LINES, kind) })),
  'items-50k': () => [
    { name: 'restarting', text: manyItems(50_000) },
    { name: 'all-numbered-1', text: HEAD + Array.from({ length: 50_000 }, (_, i) => `1.措施${i}。\n牵头单位：县司法局`).join('\n') },
    { name: 'headings', text: HEAD + Array.from({ length: 50_000 }, (_, i) => `（${toChineseNumeral((i % 999) + 1)}）第${i}项`).join('\n') },
  ],
  // issue 16, item 4: a "did you mean" per mention stalled the server (50 000 mentions: ~10 s a check)
  'unknown-units': () => [
    { name: 'one-name-50k-times', text: unknownUnits(50_000, 1) },
    { name: 'distinct-100k', text: unknownUnits(100_000, 100_000) },
  ],
};
