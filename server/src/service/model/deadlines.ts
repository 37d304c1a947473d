/**
 * When a measure is due, as plans write it next to their responsibility notes (test/realworld/FORMS.md):
 * a labelled line or note segment (`完成时限：2024年12月底前`, `时间节点：长期坚持`, `完成时间：…`), or
 * the last item of a note (`（牵头单位：…；责任单位：…，6月底完成）`). A date inside the measure's own
 * sentences is not its deadline. All tests run on folded (Simplified) text.
 */

/** Labels that introduce a deadline, longest first. */
export const DEADLINE_LABELS: readonly string[] = ['完成时限', '完成时间', '完成期限', '时间节点', '时限要求', '办结时限', '时间要求', '时限'];

const LABEL_START = new Set(DEADLINE_LABELS.map((l) => l.charCodeAt(0)));

/** Expressions that name a deadline without a date. */
const STANDING = new Set([
  '长期坚持', '持续推进', '长期推进', '持续开展', '常态化推进', '常态化开展', '长期', '持续', '常态化',
  '每年', '每季度', '每月', '每半年', '年内完成', '年底前', '年底前完成', '年内', '上半年', '下半年',
]);

/** Characters a dated deadline is made of: numerals, date words, and 每/第/前/内 around them. */
const DATE_CHARS = /^[0-9０-９〇○零一二三四五六七八九十年月日底末前内旬中上下季度第每半份起至到—\-－~～、及和]+$/;
/** A date must name a time: a year, a month, a quarter, or the end of one. */
const DATE_WORD = /[年月季旬]/;
/** What a deadline may end with after its date: `9月底完成`, `2025年底前全面建成`. */
const DONE_VERB = /(完成|前完成|启动|建成|出台|到位|落实到位|办结|实现|见效|全面完成|基本完成|完成任务)$/;

/** Whether a note item (already trimmed, folded) is a deadline written without a label. */
export function isDeadlineText(folded: string): boolean {
  if (folded.length < 2 || folded.length > 24) return false;
  if (STANDING.has(folded)) return true;
  const verb = DONE_VERB.exec(folded);
  const date = verb && verb.index > 0 ? folded.slice(0, verb.index) : folded;
  return DATE_CHARS.test(date) && DATE_WORD.test(date);
}

/** The deadline label a text starts with at `from` (after spaces), and where its value starts. */
export function deadlineLabelAt(folded: string, from: number): { label: string; start: number; valueStart: number; colon: boolean } | null {
  let i = from;
  while (i < folded.length && isBlank(folded.charCodeAt(i))) i++;
  if (!LABEL_START.has(folded.charCodeAt(i))) return null;
  for (const label of DEADLINE_LABELS) {
    if (!folded.startsWith(label, i)) continue;
    let j = i + label.length;
    while (j < folded.length && isBlank(folded.charCodeAt(j))) j++;
    const colon = folded[j] === '：' || folded[j] === ':';
    // `时限` alone must be a label (`时限：…`), not the start of a sentence
    if (!colon && label.length < 4) return null;
    if (colon) j++;
    while (j < folded.length && isBlank(folded.charCodeAt(j))) j++;
    return { label, start: i, valueStart: j, colon };
  }
  return null;
}

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x3000 || c === 0xa0;
}
