import fc from 'fast-check';
import { matchMarker } from '../../server/src/service/model/markers';
import { toChineseNumeral } from '../../server/src/service/text/chinese';

/**
 * fast-check generators of plan-like documents: a numbered outline in any of the drafts' marker
 * forms and counting schemes, then damaged the way drafts are (numbers lost, skipped, repeated,
 * forms mixed, brackets eaten), with notes, CJK traps, CRLF. Plus plain line soup.
 */

const FORMS: Record<number, readonly string[]> = {
  1: ['一、', '一．', '一.'],
  2: ['（一）', '(一)', '（一)', '(一）'],
  3: ['1.', '1．', '1、', '1 ', '1\u2002', '１．'],
  4: ['（1）', '(1)', '1)', '1）'],
  5: ['①'],
};

// ①–⑳, ㉑–㉟, ㊱–㊿; a plan never gets that far at this level
const CIRCLED = (n: number) =>
  n <= 20 ? String.fromCharCode(0x2460 + n - 1) : n <= 35 ? String.fromCharCode(0x3251 + n - 21) : n <= 50 ? String.fromCharCode(0x32b1 + n - 36) : '㊿';

function render(sample: string, n: number): string {
  if (sample === '①') return CIRCLED(n);
  if (sample.includes('一')) return sample.replace('一', toChineseNumeral(n));
  if (sample.includes('１')) return sample.replace('１', String(n).replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)));
  return sample.replace('1', String(n));
}

const TEXTS = [
  '深入宣传宪法，推动宪法进企业、进农村。',
  '落实宪法宣誓制度',
  '2025年，法治观念深入人心。',
  '1.5万名干部参加学法考试。',
  '“12·4”国家宪法日集中宣传。',
  '人民团体要在党的领导下开展工作。',
  '年度计划按期完成。',
  'A股市场监管。',
  '（此件公开发布）',
  '——党的领导更加有力。',
  '3月1日之前报送。',
  '“1.加强宪法学习；2.落实宪法宣誓。”',
  '维护宪法权威',
  '健全普法责任制',
  '一是加强领导，二是压实责任。',
  '100%的村建成法治文化阵地。',
];
const NOTES = ['牵头单位：县司法局', '责任单位：县委宣传部、县司法局', '牵头单位:县法院', '配合单位：各乡镇', '（牵头单位：区民政局；参加单位：区级其他有关部门）'];

interface Item {
  rank: number;
  children: Item[];
  text: string;
  notes: string[];
  /** Paragraphs after the first one (a measure over several paragraphs). */
  more: string[];
}

const text = fc.constantFrom(...TEXTS);

function itemArb(rank: number, depthLeft: number): fc.Arbitrary<Item> {
  const leaf = fc.record({
    rank: fc.constant(rank),
    children: fc.constant([] as Item[]),
    text,
    notes: fc.array(fc.constantFrom(...NOTES), { maxLength: 2 }),
    more: fc.array(text, { maxLength: 1 }),
  });
  if (depthLeft === 0 || rank >= 5) return leaf;
  // children usually one level down, sometimes two (a plan that skips a level)
  const childRank = fc.constantFrom(rank + 1, rank + 1, rank + 1, Math.min(5, rank + 2));
  const node = childRank.chain((r) =>
    fc.record({
      rank: fc.constant(rank),
      children: fc.array(itemArb(r, depthLeft - 1), { minLength: 1, maxLength: 4 }),
      text,
      notes: fc.constant([] as string[]),
      more: fc.array(text, { maxLength: 1 }),
    }),
  );
  return fc.oneof({ weight: 1, arbitrary: leaf }, { weight: 3, arbitrary: node });
}

type Mutation = 'none' | 'drop' | 'renumber' | 'restyle' | 'damage' | 'repeat' | 'delete';

interface Shape {
  title: boolean;
  parts: Item[];
  forms: Record<number, string>;
  /** Per rank: count through the plan (true) or restart under each parent. */
  continuous: Record<number, boolean>;
  mutations: Array<{ kind: Mutation; arg: number; form: string }>;
  crlf: boolean;
}

const shapeArb: fc.Arbitrary<Shape> = fc.record({
  title: fc.boolean(),
  parts: fc.array(itemArb(1, 3), { minLength: 1, maxLength: 4 }),
  forms: fc.record({
    1: fc.constantFrom(...FORMS[1]),
    2: fc.constantFrom(...FORMS[2]),
    3: fc.constantFrom(...FORMS[3]),
    4: fc.constantFrom(...FORMS[4]),
    5: fc.constantFrom(...FORMS[5]),
  }),
  // ①… lists are short and restart: a continuous one would run past ㊿
  continuous: fc.record({ 1: fc.constant(false), 2: fc.boolean(), 3: fc.boolean(), 4: fc.boolean(), 5: fc.constant(false) }),
  mutations: fc.array(
    fc.record({
      kind: fc.constantFrom<Mutation>('none', 'drop', 'renumber', 'restyle', 'damage', 'repeat', 'delete'),
      arg: fc.nat(200),
      form: fc.constantFrom(...Object.values(FORMS).flat()),
    }),
    { maxLength: 6 },
  ),
  crlf: fc.boolean(),
});

/** Whether the model reads `marker` at the start of `line` (`1.3月1日` is a decimal, `2 年度` a quantity). */
function readable(line: string, n: number): boolean {
  const m = matchMarker(line.slice(0, 64));
  return m !== null && m.number === n;
}

function build(shape: Shape): string {
  const lines: Array<{ marker: string | null; rank: number; n: number; rest: string; kind: 'marker' | 'text' }> = [];
  if (shape.title) lines.push({ marker: null, rank: 0, n: 0, rest: '某某县法治社会建设实施方案（2021—2025年）', kind: 'text' });
  lines.push({ marker: null, rank: 0, n: 0, rest: '为加快推进法治社会建设，结合我县实际，制定本实施方案。', kind: 'text' });
  const counters: Record<number, number> = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  const emit = (items: Item[]) => {
    // a restarting level starts each sibling list at 1
    if (items[0] && !shape.continuous[items[0].rank]) counters[items[0].rank] = 0;
    for (const item of items) {
      const n = ++counters[item.rank];
      const marker = render(shape.forms[item.rank], n);
      // a well-numbered plan writes its markers so that they read as markers
      const rest = shape.mutations.length > 0 || readable(marker + item.text, n) ? item.text : '维护宪法权威';
      lines.push({ marker, rank: item.rank, n, rest, kind: 'marker' });
      for (const m of item.more) lines.push({ marker: null, rank: 0, n: 0, rest: m, kind: 'text' });
      for (const note of item.notes) lines.push({ marker: null, rank: 0, n: 0, rest: note, kind: 'text' });
      if (item.children.length) emit(item.children);
    }
  };
  emit(shape.parts);

  const markerLines = () => lines.map((l, i) => (l.kind === 'marker' ? i : -1)).filter((i) => i >= 0);
  for (const m of shape.mutations) {
    const ms = markerLines();
    if (ms.length === 0) break;
    const i = ms[m.arg % ms.length];
    const line = lines[i];
    switch (m.kind) {
      case 'drop':
        lines[i] = { ...line, marker: null, kind: 'text' };
        break;
      case 'renumber':
        line.marker = render(shape.forms[line.rank], Math.max(1, line.n + (m.arg % 5) - 2));
        break;
      case 'restyle':
        line.marker = render(m.form, line.n);
        break;
      case 'damage':
        line.marker = [')', '()', `${toChineseNumeral(line.n)})`, '）'][m.arg % 4];
        break;
      case 'repeat':
        lines.splice(i + 1, 0, { ...line });
        break;
      case 'delete':
        lines.splice(i, 1);
        break;
      case 'none':
        break;
    }
  }
  const eol = shape.crlf ? '\r\n' : '\n';
  return lines.map((l) => (l.marker ?? '') + l.rest).join(eol);
}

/** A plan-like document, numbered in some scheme and then damaged. */
export const planDocument: fc.Arbitrary<string> = shapeArb.map(build);

/** A well-numbered plan: one form per level, each level counted in one scheme, nothing damaged. */
export const wellNumberedPlan: fc.Arbitrary<string> = shapeArb.map((shape) => build({ ...shape, mutations: [] }));

/** Lines drawn from markers, notes and text in any order (no outline at all). */
export const lineSoup: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.tuple(fc.constantFrom(...Object.values(FORMS).flat()), fc.integer({ min: 1, max: 30 }), text).map(([f, n, t]) => render(f, n) + t),
      fc.constantFrom(')', '()', '三)', '）', '（').chain((d) => text.map((t) => d + t)),
      fc.constantFrom(...NOTES),
      text,
      fc.constant(''),
      fc.string({ maxLength: 12 }),
    ),
    { maxLength: 40 },
  )
  .chain((lines) => fc.constantFrom('\n', '\r\n').map((eol) => lines.join(eol)));

// ---- Any text, biased towards what breaks parsers of plans (issue #8's property tests) ----------

/** Pieces that matter to the model and the checks, and pieces that break naive text handling. */
const TOKENS = [
  // markers of every level, damaged ones, brackets alone
  '一、', '二、', '十一、', '（一）', '(二)', '（二十七）', '1.', '2、', '3．', '１．', '4 ', '（1）', '(2)', '3)', '①', '②',
  ')', '）', '(', '（', '()', '三)', '【', '】', '《', '》', '“', '”',
  // notes and units
  '牵头单位：', '牵头单位:', '牵头单位', '责任单位：', '配合单位：', '参加单位：', '（牵头单位：', '；参加单位：', '）',
  '县司法局', '县委宣传部', '省司法厅', '委宣传部', '各乡镇', '各部门（单位）', '、', '，', '；', '。',
  // sections, titles, preambles, directives
  '某某县法治社会建设实施方案', '（2021—2025年）', '为加快推进法治社会建设，结合我县实际，制定本实施方案。',
  '总体要求', '指导思想', '推动全社会增强法治观念', '加强组织保障', '组织实施', '依法治理网络空间', '主要任务',
  '<!-- fangan-disable numbering-gap -->', '<!-- fangan: template fazhi-zhengfu -->', '<!-- fangan-disable-next-line -->',
  '## ', '**', '> ', '法治', '宪法', '會議', '網路',
  // line breaks of every kind, BOM, spaces of every width
  '\n', '\n', '\n', '\r\n', '\r', '\u2028', '\u0085', '\ufeff', ' ', '\u3000', '\t', '\u00a0', '\u2002',
  // surrogate pairs, lone surrogates, combining marks, controls
  '𠀀', '😀', '𪚥', '\ud800', '\udfff', 'e\u0301', '\u0000', '\u200b', '\u202e',
];

const token = fc.constantFrom(...TOKENS);
/** Any UTF-16 code unit, lone surrogates included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

/** Arbitrary text: mostly plan tokens, with any code units and any code points between them. */
export const unicodeSoup: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { weight: 6, arbitrary: token },
      { weight: 1, arbitrary: fc.string({ unit: codeUnit, maxLength: 6 }) },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
    ),
    { maxLength: 80 },
  )
  .map((parts) => parts.join(''));

/** A plan-like document with arbitrary text spliced in, a BOM or other line breaks. */
export const perturbedPlan: fc.Arbitrary<string> = fc
  .tuple(planDocument, fc.array(fc.tuple(fc.nat(), unicodeSoup), { maxLength: 3 }), fc.boolean(), fc.constantFrom('\n', '\r\n', '\r'))
  .map(([doc, splices, bom, eol]) => {
    let out = eol === '\n' ? doc : doc.replace(/\r?\n/g, eol);
    for (const [at, text] of splices) {
      const i = at % (out.length + 1);
      out = out.slice(0, i) + text + out.slice(i);
    }
    return bom ? `\ufeff${out}` : out;
  });

/** What the property tests draw: plans, damaged plans, line soup and arbitrary text. */
export const anyDocument: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: planDocument },
  { weight: 3, arbitrary: perturbedPlan },
  { weight: 2, arbitrary: lineSoup },
  { weight: 2, arbitrary: unicodeSoup },
);

/** Text typed or pasted by an edit: plan tokens and arbitrary characters. */
export const insertedText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.array(token, { maxLength: 4 }).map((t) => t.join('')) },
  { weight: 1, arbitrary: fc.string({ unit: codeUnit, maxLength: 4 }) },
  { weight: 1, arbitrary: fc.constant('') },
);
