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
};
