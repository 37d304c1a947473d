import { strict as assert } from 'assert';
import { AlignmentType, Document, LevelFormat, LevelSuffix, Packer, Paragraph, Table, TableCell, TableRow, TextRun, type ILevelsOptions } from 'docx';
import JSZip from 'jszip';
import { CorpusStore } from '../../server/src/service/corpus/store';
import { parsePlanFile } from '../../server/src/service/model/parse';
import type { PlanNode } from '../../server/src/service/model/types';
import { walkNodes } from '../../server/src/service/model/walk';
import { DocxRefused, readDocx, type DocxRefusal } from '../../server/src/service/text/docx';
import { formatNumber } from '../../server/src/service/text/docx/numberFormat';
import { MAX_DOCX_FILE_BYTES } from '../../server/src/service/limits';
import { encryptedDocx, wordBinary } from '../helpers/cfb';
import { memoryHost } from '../helpers/memoryHost';
import { abstractNum, lvl, num, p, PLAN_LEVELS, W, wordPackage } from '../helpers/wordPackage';
import { deflatedRun, makeZip } from '../helpers/zip';

/**
 * The Word reader (issue 15): .docx files are built here, with the `docx` writer where it can say
 * what is tested and as hand-made XML where it cannot, and read back line by line.
 */

const lines = async (bytes: Uint8Array) => (await readDocx(bytes)).text.split('\n').slice(0, -1);

/** A document with one numbering definition `plan` and these paragraphs. */
async function planDocument(levels: ILevelsOptions[], children: Array<Paragraph | Table>, more: Partial<ConstructorParameters<typeof Document>[0]> = {}): Promise<Buffer> {
  return Packer.toBuffer(new Document({ numbering: { config: [{ reference: 'plan', levels }] }, sections: [{ children }], ...more }));
}

const item = (text: string, level: number, extra: { instance?: number; style?: string } = {}) =>
  new Paragraph({ text, numbering: { reference: 'plan', level, ...(extra.instance !== undefined ? { instance: extra.instance } : {}) }, ...(extra.style ? { style: extra.style } : {}) });

/** The GB/T 9704 levels as drafters set them up in Word. */
const GB_LEVELS: ILevelsOptions[] = [
  { level: 0, format: LevelFormat.CHINESE_COUNTING, text: '%1、', suffix: LevelSuffix.NOTHING },
  { level: 1, format: LevelFormat.CHINESE_COUNTING, text: '（%2）', suffix: LevelSuffix.NOTHING },
  { level: 2, format: LevelFormat.DECIMAL, text: '%3.', suffix: LevelSuffix.NOTHING },
  { level: 3, format: LevelFormat.DECIMAL, text: '（%4）', suffix: LevelSuffix.NOTHING },
  { level: 4, format: LevelFormat.DECIMAL_ENCLOSED_CIRCLE, text: '%5', suffix: LevelSuffix.NOTHING },
];

async function refusal(promise: Promise<unknown>): Promise<DocxRefused> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DocxRefused) return error;
    throw error;
  }
  assert.fail('the file was read, not refused');
}

async function refusedAs(bytes: Uint8Array, kind: DocxRefusal, zh: RegExp, name?: string): Promise<DocxRefused> {
  const started = Date.now();
  const heap = process.memoryUsage().heapUsed;
  const error = await refusal(readDocx(bytes, { name }));
  assert.ok(process.memoryUsage().heapUsed - heap < 32 * 1024 * 1024, 'nothing large was built from the file');
  assert.equal(error.kind, kind, error.reason.en);
  assert.match(error.reason.zh, zh);
  assert.ok(error.reason.en.length > 10 && !/[\u4e00-\u9fff]/.test(error.reason.en), error.reason.en);
  assert.ok(Date.now() - started < 2000, `refused in ${Date.now() - started} ms`);
  return error;
}

describe('Word documents (.docx) read as Word shows them', function () {
  this.timeout(30000);

  describe('automatic numbering written by Word (the docx writer)', () => {
    it('renders 一、 （一） 1. （1） ① with restarts under each higher level, and the model reads the markers', async () => {
      const bytes = await planDocument(GB_LEVELS, [
        new Paragraph('清河县法治社会建设实施方案'),
        item('总体要求', 0),
        item('指导思想', 1),
        item('主要原则', 1),
        item('主要任务', 0),
        item('维护宪法权威', 1),
        item('开展宪法宣传。', 2),
        new Paragraph('牵头单位：县委宣传部'),
        item('落实宪法宣誓制度。', 2),
        new Paragraph('牵头单位：县人大常委会办公室'),
        item('健全普法责任制', 1),
        item('落实“谁执法谁普法”。', 2),
        item('编制责任清单', 3),
        item('逐项公开', 4),
        item('按季度更新', 4),
        item('年度考评', 3),
      ]);
      assert.deepEqual(await lines(bytes), [
        '清河县法治社会建设实施方案',
        '一、总体要求',
        '（一）指导思想',
        '（二）主要原则',
        '二、主要任务',
        '（一）维护宪法权威',
        '1.开展宪法宣传。',
        '牵头单位：县委宣传部',
        '2.落实宪法宣誓制度。',
        '牵头单位：县人大常委会办公室',
        '（二）健全普法责任制',
        '1.落实“谁执法谁普法”。',
        '（1）编制责任清单',
        '①逐项公开',
        '②按季度更新',
        '（2）年度考评',
      ]);
      const file = parsePlanFile((await readDocx(bytes)).text);
      assert.equal(file.plans.length, 1);
      assert.equal(file.plans[0].title?.text, '清河县法治社会建设实施方案');
      const nodes = [...walkNodes(file.plans[0].nodes)];
      const markers = nodes.map((n: PlanNode) => `${n.depth}:${n.marker?.text}${n.marker?.number}`);
      assert.deepEqual(markers, ['1:一、1', '2:（一）1', '2:（二）2', '1:二、2', '2:（一）1', '3:1.1', '3:2.2', '2:（二）2', '3:1.1', '4:（1）1', '5:①1', '5:②2', '4:（2）2']);
      const lead = nodes.find((n) => n.title.startsWith('开展宪法宣传'))!;
      assert.deepEqual(lead.notes.map((n) => n.units.map((u) => u.name)), [['县委宣传部']]);
    });

    it('counts past ten as Word does: （十）（十一）… 二十、二十一、', async () => {
      const children = [
        ...Array.from({ length: 21 }, (_, i) => item(`部分${i + 1}`, 0)),
        ...Array.from({ length: 12 }, (_, i) => item(`专题${i + 1}`, 1)),
      ];
      const text = await lines(await planDocument(GB_LEVELS, children));
      assert.deepEqual(text.slice(8, 12), ['九、部分9', '十、部分10', '十一、部分11', '十二、部分12']);
      assert.deepEqual(text.slice(19, 21), ['二十、部分20', '二十一、部分21']);
      assert.deepEqual(text.slice(30, 33), ['（十）专题10', '（十一）专题11', '（十二）专题12']);
      const numbers = [...walkNodes(parsePlanFile(text.join('\n')).plans[0]?.nodes ?? [])].filter((n) => n.depth === 1).map((n) => n.marker?.number);
      assert.deepEqual(numbers, Array.from({ length: 21 }, (_, i) => i + 1));
    });

    it('starts at w:start, and writes full-width, circled, Heavenly-stem, letter and Roman numbers', async () => {
      const formats: Array<[(typeof LevelFormat)[keyof typeof LevelFormat], string, string[]]> = [
        [LevelFormat.DECIMAL_FULL_WIDTH, '%1．', ['３．', '４．', '５．']],
        [LevelFormat.DECIMAL_ENCLOSED_CIRCLE, '%1', ['③', '④', '⑤']],
        [LevelFormat.IDEOGRAPH_TRADITIONAL, '%1、', ['丙、', '丁、', '戊、']],
        [LevelFormat.UPPER_LETTER, '%1.', ['C.', 'D.', 'E.']],
        [LevelFormat.LOWER_LETTER, '(%1)', ['(c)', '(d)', '(e)']],
        [LevelFormat.UPPER_ROMAN, '%1.', ['III.', 'IV.', 'V.']],
        [LevelFormat.LOWER_ROMAN, '%1)', ['iii)', 'iv)', 'v)']],
        [LevelFormat.CHINESE_COUNTING_THOUSAND, '（%1）', ['（三）', '（四）', '（五）']],
        [LevelFormat.DECIMAL, '(%1)', ['(3)', '(4)', '(5)']],
      ];
      for (const [format, text, expected] of formats) {
        const bytes = await planDocument([{ level: 0, format, text, start: 3, suffix: LevelSuffix.NOTHING }], [item('甲', 0), item('乙', 0), item('丙', 0)]);
        assert.deepEqual(await lines(bytes), expected.map((marker, i) => `${marker}${'甲乙丙'[i]}`), format);
      }
    });

    it('writes no number for `none` and no bullet glyph for `bullet`, but counts on', async () => {
      const bytes = await planDocument(
        [
          { level: 0, format: LevelFormat.NONE, text: '', suffix: LevelSuffix.NOTHING },
          { level: 1, format: LevelFormat.BULLET, text: '\u25cf', suffix: LevelSuffix.TAB },
          { level: 2, format: LevelFormat.DECIMAL, text: '%3.', suffix: LevelSuffix.NOTHING },
        ],
        [item('无编号', 0), item('要点', 1), item('第一', 2), item('第二', 2), item('要点', 1), item('重新', 2)],
      );
      assert.deepEqual(await lines(bytes), ['无编号', '要点', '1.第一', '2.第二', '要点', '1.重新']);
    });

    it('suffix: nothing after punctuation, a space after a bare number (a tab in Word), a space when asked', async () => {
      const bytes = await planDocument(
        [
          { level: 0, format: LevelFormat.CHINESE_COUNTING, text: '%1、', suffix: LevelSuffix.TAB },
          { level: 1, format: LevelFormat.DECIMAL, text: '%2', suffix: LevelSuffix.TAB },
          { level: 2, format: LevelFormat.DECIMAL, text: '（%3）', suffix: LevelSuffix.SPACE },
        ],
        [item('总体要求', 0), item('强化组织领导', 1), item('健全机制', 2)],
      );
      const text = await lines(bytes);
      assert.deepEqual(text, ['一、总体要求', '1 强化组织领导', '（1） 健全机制']);
      // `1 标题` is a numbered title to the model, as in seed 002
      const nodes = parsePlanFile(text.join('\n')).plans.flatMap((plan) => [...walkNodes(plan.nodes)]);
      assert.ok(nodes.some((n) => n.marker?.text === '1' && n.marker.close === ' ' && n.title.startsWith('强化组织领导')), JSON.stringify(nodes.map((n) => n.marker?.text)));
    });

    it('multi-level text: %1.%2 in each level’s format, all decimal under legal numbering', async () => {
      const levels = (legal: boolean): ILevelsOptions[] => [
        { level: 0, format: LevelFormat.CHINESE_COUNTING, text: '%1、', suffix: LevelSuffix.NOTHING },
        { level: 1, format: LevelFormat.DECIMAL, text: '%1.%2', suffix: LevelSuffix.SPACE, isLegalNumberingStyle: legal },
      ];
      const children = () => [item('甲', 0), item('乙', 1), item('丙', 1), item('丁', 0), item('戊', 1)];
      assert.deepEqual(await lines(await planDocument(levels(false), children())), ['一、甲', '一.1 乙', '一.2 丙', '二、丁', '二.1 戊']);
      assert.deepEqual(await lines(await planDocument(levels(true), children())), ['一、甲', '1.1 乙', '1.2 丙', '二、丁', '2.1 戊']);
    });

    it('a new instance of the list starts again at its start override, and the list counts on from there (Word keeps one count per definition)', async () => {
      const bytes = await planDocument(GB_LEVELS, [
        item('第一项', 2, { instance: 1 }),
        item('第二项', 2, { instance: 1 }),
        new Paragraph('（中间的说明）'),
        item('另一组第一项', 2, { instance: 2 }),
        item('第三项', 2, { instance: 1 }),
      ]);
      // The docx writer means instance 1 to count on by itself (3.); Word counts every w:num of one
      // w:abstractNum as one list, so after the restarted 1. it shows 2. — and so does the reader.
      assert.deepEqual(await lines(bytes), ['1.第一项', '2.第二项', '（中间的说明）', '1.另一组第一项', '2.第三项']);
    });

    it('numbering applied through a paragraph style, and through a style based on it', async () => {
      const bytes = await planDocument(GB_LEVELS, [new Paragraph({ text: '总体要求', style: 'PlanHeading1' }), new Paragraph({ text: '主要任务', style: 'PlanHeading1Red' }), item('维护宪法权威', 1)], {
        styles: {
          paragraphStyles: [
            { id: 'PlanHeading1', name: 'Plan Heading 1', paragraph: { numbering: { reference: 'plan', level: 0 } } },
            { id: 'PlanHeading1Red', name: 'Plan Heading 1 Red', basedOn: 'PlanHeading1', run: { color: 'C00000' } },
          ],
        },
      });
      assert.deepEqual(await lines(bytes), ['一、总体要求', '二、主要任务', '（一）维护宪法权威']);
    });

    it('runs, line breaks, tabs and tables: one line per paragraph or row', async () => {
      const bytes = await Packer.toBuffer(
        new Document({
          sections: [
            {
              children: [
                new Paragraph({ children: [new TextRun('开展'), new TextRun({ text: '宪法', bold: true }), new TextRun('宣传。')] }),
                new Paragraph({ children: [new TextRun('第一行'), new TextRun({ text: '第二行', break: 1 })] }),
                new Paragraph({ children: [new TextRun('左'), new TextRun({ children: ['\t', '右'] })], alignment: AlignmentType.LEFT }),
                new Table({
                  rows: [
                    new TableRow({ children: ['序号', '任务', '牵头单位'].map((t) => new TableCell({ children: [new Paragraph(t)] })) }),
                    new TableRow({
                      children: [
                        new TableCell({ children: [new Paragraph('1')] }),
                        new TableCell({ children: [new Paragraph('开展宪法宣传'), new Paragraph('（常态化）')] }),
                        new TableCell({ children: [new Paragraph('县委宣传部')] }),
                      ],
                    }),
                  ],
                }),
                new Paragraph('表后'),
              ],
            },
          ],
        }),
      );
      assert.deepEqual(await lines(bytes), ['开展宪法宣传。', '第一行', '第二行', '左\t右', '序号\t任务\t牵头单位', '1\t开展宪法宣传 （常态化）\t县委宣传部', '表后']);
    });
  });

  describe('numbering Word writes that the docx writer cannot (hand-made numbering.xml)', () => {
    it('w:num instances share their abstract list; a start override restarts it once; an overriding w:lvl changes the format', async () => {
      const numbering =
        abstractNum(0, lvl(0, 'decimal', '%1.', { suff: 'nothing' })) +
        num(1, 0) +
        num(2, 0, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>') +
        num(3, 0) +
        num(4, 0, `<w:lvlOverride w:ilvl="0"><w:startOverride w:val="4"/>${lvl(0, 'upperRoman', '%1)', { suff: 'nothing' })}</w:lvlOverride>`);
      const body = [p('甲', { numId: 1 }), p('乙', { numId: 1 }), p('丙', { numId: 1 }), p('重新开始', { numId: 2 }), p('接着', { numId: 2 }), p('回到第一个', { numId: 1 }), p('另一个实例', { numId: 3 }), p('罗马', { numId: 4 }), p('罗马续', { numId: 4 })].join('');
      assert.deepEqual(await lines(await wordPackage({ body, numbering })), ['1.甲', '2.乙', '3.丙', '1.重新开始', '2.接着', '3.回到第一个', '4.另一个实例', 'IV)罗马', 'V)罗马续']);
    });

    it('w:lvlRestart: 1 counts through each top-level part, 0 through the whole plan (both forms of continuous counting)', async () => {
      const levels = (restart: number) => lvl(0, 'chineseCounting', '%1、', { suff: 'nothing' }) + lvl(1, 'chineseCounting', '（%2）', { suff: 'nothing' }) + lvl(2, 'decimal', '%3.', { suff: 'nothing', restart });
      const body = [p('部分', { numId: 1, level: 0 }), p('专题', { numId: 1, level: 1 }), p('甲', { numId: 1, level: 2 }), p('乙', { numId: 1, level: 2 }), p('专题', { numId: 1, level: 1 }), p('丙', { numId: 1, level: 2 }), p('部分', { numId: 1, level: 0 }), p('专题', { numId: 1, level: 1 }), p('丁', { numId: 1, level: 2 })].join('');
      const read = async (restart: number) => (await lines(await wordPackage({ body, numbering: abstractNum(0, levels(restart)) + num(1, 0) }))).filter((l) => /^\d/.test(l));
      assert.deepEqual(await read(1), ['1.甲', '2.乙', '3.丙', '1.丁']);
      assert.deepEqual(await read(0), ['1.甲', '2.乙', '3.丙', '4.丁']);
      assert.deepEqual(await read(2), ['1.甲', '2.乙', '1.丙', '1.丁']);
    });

    it('numbering through w:pStyle: inherited along w:basedOn, the level from the style or the level linked to it; numId 0 switches it off', async () => {
      const styles = [
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>',
        '<w:style w:type="paragraph" w:styleId="PlanBase"><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr></w:style>',
        '<w:style w:type="paragraph" w:styleId="Part"><w:basedOn w:val="PlanBase"/></w:style>',
        '<w:style w:type="paragraph" w:styleId="Topic"><w:basedOn w:val="Part"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>',
        '<w:style w:type="paragraph" w:styleId="Item"><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr></w:style>',
        '<w:style w:type="paragraph" w:styleId="ItemLoopA"><w:basedOn w:val="ItemLoopB"/></w:style>',
        '<w:style w:type="paragraph" w:styleId="ItemLoopB"><w:basedOn w:val="ItemLoopA"/></w:style>',
      ].join('');
      const levels = lvl(0, 'chineseCounting', '%1、', { suff: 'nothing' }) + lvl(1, 'chineseCounting', '（%2）', { suff: 'nothing' }) + lvl(2, 'decimal', '%3.', { suff: 'nothing', pStyle: 'Item' });
      const body = [
        p('总体要求', { style: 'Part' }),
        p('指导思想', { style: 'Topic' }),
        p('主要任务', { style: 'Part' }),
        p('维护宪法权威', { style: 'Topic' }),
        p('开展宪法宣传', { style: 'Item' }),
        p('不编号的说明', { style: 'Item', numId: 0 }),
        p('落实宪法宣誓', { style: 'Item' }),
        p('循环的样式', { style: 'ItemLoopA' }),
        p('正文', {}),
      ].join('');
      assert.deepEqual(await lines(await wordPackage({ body, styles, numbering: abstractNum(3, levels) + num(5, 3) })), [
        '一、总体要求',
        '（一）指导思想',
        '二、主要任务',
        '（一）维护宪法权威',
        '1.开展宪法宣传',
        '不编号的说明',
        '2.落实宪法宣誓',
        '循环的样式',
        '正文',
      ]);
    });

    it('a list defined by a numbering style (w:numStyleLink → style → w:numId → w:styleLink) is followed', async () => {
      const styles = '<w:style w:type="numbering" w:styleId="PlanList"><w:name w:val="Plan List"/><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>';
      const numbering =
        abstractNum(10, '', '<w:numStyleLink w:val="PlanList"/>') + abstractNum(11, PLAN_LEVELS, '<w:styleLink w:val="PlanList"/>') + num(7, 11) + num(8, 10);
      const body = [p('总体要求', { numId: 8, level: 0 }), p('指导思想', { numId: 8, level: 1 }), p('主要任务', { numId: 7, level: 0 })].join('');
      const read = await readDocx(await wordPackage({ body, styles, numbering }));
      assert.deepEqual(read.text.split('\n').slice(0, -1), ['一、总体要求', '（一）指导思想', '二、主要任务']);
      assert.deepEqual(read.notes, []);
      assert.equal(read.numbered, 3);
    });

    it('a self-referencing numbering style, a missing w:abstractNum or w:num: text without numbers, each said once, quickly', async () => {
      const styles = '<w:style w:type="numbering" w:styleId="Loop"><w:pPr><w:numPr><w:numId w:val="9"/></w:numPr></w:pPr></w:style>';
      const numbering = abstractNum(20, '', '<w:numStyleLink w:val="Loop"/>') + num(9, 20) + num(30, 99) + abstractNum(1, PLAN_LEVELS) + num(1, 1);
      const body = [p('循环', { numId: 9 }), p('循环二', { numId: 9 }), p('缺定义', { numId: 30 }), p('缺实例', { numId: 77 }), p('正常', { numId: 1 })].join('');
      const started = Date.now();
      const read = await readDocx(await wordPackage({ body, styles, numbering }));
      assert.ok(Date.now() - started < 2000);
      assert.deepEqual(read.text.split('\n').slice(0, -1), ['循环', '循环二', '缺定义', '缺实例', '一、正常']);
      assert.equal(read.notes.length, 3, JSON.stringify(read.notes));
      assert.match(read.notes[0].zh, /自动编号 9 的编号样式循环引用自身/);
      assert.match(read.notes[1].zh, /编号定义 99 不存在/);
      assert.match(read.notes[2].en, /automatic numbering 77 is not defined/);
    });

    it('1,000 levels in one definition and 1,000 definitions: levels 0–8 are used, quickly', async () => {
      const many = Array.from({ length: 1000 }, (_, i) => lvl(i, i === 1 ? 'chineseCounting' : 'decimal', i === 1 ? '（%2）' : `%${Math.min(i + 1, 9)}.`, { suff: 'nothing' })).join('');
      const numbering = abstractNum(0, many) + Array.from({ length: 1000 }, (_, i) => abstractNum(i + 1, PLAN_LEVELS) + num(i + 1, i + 1)).join('') + num(5000, 0);
      const body = [p('甲', { numId: 5000, level: 0 }), p('乙', { numId: 5000, level: 1 }), p('越界的级别', { numId: 5000, level: 999 }), p('第一千个', { numId: 1000, level: 0 })].join('');
      const started = Date.now();
      assert.deepEqual(await lines(await wordPackage({ body, numbering })), ['1.甲', '（一）乙', '越界的级别', '一、第一千个']);
      assert.ok(Date.now() - started < 3000, `${Date.now() - started} ms`);
    });
  });

  describe('what Word shows of the text', () => {
    it('tracked changes as accepted, hidden text, fields by their result, symbols, hyperlinks and content controls', async () => {
      const r = (text: string, rPr = '') => `<w:r>${rPr ? `<w:rPr>${rPr}</w:rPr>` : ''}<w:t xml:space="preserve">${text}</w:t></w:r>`;
      const body = [
        `<w:p>${r('加强')}<w:del w:id="1" w:author="审核人"><w:r><w:delText>和改进</w:delText></w:r></w:del><w:ins w:id="2" w:author="审核人">${r('和完善')}</w:ins>${r('组织领导。')}</w:p>`,
        `<w:p>${r('可见')}${r('隐藏的批注', '<w:vanish/>')}${r('文字')}</w:p>`,
        `<w:p>${r('见第')}<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGEREF _Toc1 \\h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>${r('3')}<w:r><w:fldChar w:fldCharType="end"/></w:r>${r('页')}</w:p>`,
        `<w:p><w:fldSimple w:instr=" SEQ 表 ">${r('1')}</w:fldSimple>${r('号表')}</w:p>`,
        `<w:p>${r('脚注后')}<w:r><w:footnoteReference w:id="1"/></w:r>${r('继续')}<w:r><w:sym w:font="Symbol" w:char="F0B7"/></w:r><w:r><w:sym w:font="SimSun" w:char="2605"/></w:r></w:p>`,
        `<w:p><w:hyperlink w:anchor="x">${r('链接文字')}</w:hyperlink><w:r><w:t>A</w:t><w:noBreakHyphen/><w:t>B</w:t><w:softHyphen/><w:t>C</w:t><w:tab/><w:t>D</w:t><w:br/><w:t>E</w:t></w:r></w:p>`,
        `<w:sdt><w:sdtPr><w:alias w:val="标题"/></w:sdtPr><w:sdtContent><w:p>${r('控件中的段落')}</w:p></w:sdtContent></w:sdt>`,
        `<w:p><m:oMath><m:r><m:t>x+1</m:t></m:r></m:oMath>${r('公式后')}</w:p>`,
        `<w:p>${r('残缺的域')}<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> REF 无结尾 </w:instrText></w:r></w:p>`,
        `<w:p>${r('之后的段落照常读出')}</w:p>`,
      ].join('');
      assert.deepEqual(await lines(await wordPackage({ body })), [
        '加强和完善组织领导。',
        '可见文字',
        '见第3页',
        '1号表',
        '脚注后继续★',
        '链接文字A-BC\tD',
        'E',
        '控件中的段落',
        'x+1公式后',
        '残缺的域',
        '之后的段落照常读出',
      ]);
    });

    it('a paragraph deleted with changes tracked leaves no line and takes no number; a deleted mark joins two paragraphs', async () => {
      const numbering = abstractNum(0, PLAN_LEVELS) + num(1, 0);
      const deletedMark = '<w:rPr><w:del w:id="9" w:author="审核人"/></w:rPr>';
      const body = [
        p('第一项', { numId: 1, level: 2 }),
        `<w:p><w:pPr><w:numPr><w:ilvl w:val="2"/><w:numId w:val="1"/></w:numPr>${deletedMark}</w:pPr><w:del w:id="3" w:author="审核人"><w:r><w:delText>整段删除的措施</w:delText></w:r></w:del></w:p>`,
        p('第二项', { numId: 1, level: 2 }),
        `<w:p><w:pPr>${deletedMark}</w:pPr><w:r><w:t>前半句</w:t></w:r></w:p>`,
        p('后半句', {}),
        '<w:tbl><w:tr><w:trPr><w:del w:id="4" w:author="审核人"/></w:trPr><w:tc><w:p><w:r><w:t>删除的行</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>保留的行</w:t></w:r></w:p></w:tc></w:tr></w:tbl>',
      ].join('');
      assert.deepEqual(await lines(await wordPackage({ body, numbering })), ['1.第一项', '2.第二项', '前半句后半句', '保留的行']);
    });

    it('a plan numbered by Word reads as the same text typed by hand (so the same markers and findings), a mistaken start override included', async () => {
      const typed = ['清河县法治社会建设实施方案', '一、总体要求', '（一）指导思想', '（二）主要原则', '二、主要任务', '（一）维护宪法权威', '1.开展宪法宣传。', '牵头单位：县委宣传部', '3.落实宪法宣誓制度。'];
      const numbering = abstractNum(0, PLAN_LEVELS) + num(1, 0) + num(2, 0, `<w:lvlOverride w:ilvl="2"><w:startOverride w:val="3"/></w:lvlOverride>`);
      const body = [
        p('清河县法治社会建设实施方案'),
        p('总体要求', { numId: 1, level: 0 }),
        p('指导思想', { numId: 1, level: 1 }),
        p('主要原则', { numId: 1, level: 1 }),
        p('主要任务', { numId: 1, level: 0 }),
        p('维护宪法权威', { numId: 1, level: 1 }),
        p('开展宪法宣传。', { numId: 1, level: 2 }),
        p('牵头单位：县委宣传部'),
        p('落实宪法宣誓制度。', { numId: 2, level: 2 }), // "set numbering value" to 3 by mistake
      ].join('');
      const imported = (await readDocx(await wordPackage({ body, numbering }))).text;
      assert.equal(imported, `${typed.join('\n')}\n`);
    });
  });

  describe('the package', () => {
    it('finds the document, its styles and numbering through the package’s relationships, whatever their names and case', async () => {
      const original = await JSZip.loadAsync(await wordPackage({ body: p('总体要求', { style: 'Part' }), styles: '<w:style w:type="paragraph" w:styleId="Part"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>', numbering: abstractNum(0, PLAN_LEVELS) + num(1, 0) }));
      const moved = new JSZip();
      const renames: Record<string, string> = { 'word/document.xml': 'content/main.xml', 'word/styles.xml': 'content/Looks.XML', 'word/numbering.xml': 'lists.xml', 'word/_rels/document.xml.rels': 'content/_rels/main.xml.rels' };
      for (const [name, entry] of Object.entries(original.files)) if (!entry.dir) moved.file(renames[name] ?? name, await entry.async('string'));
      moved.file('_rels/.rels', (await original.file('_rels/.rels')!.async('string')).replace('Target="word/document.xml"', 'Target="/content/main.xml"'));
      moved.file('content/_rels/main.xml.rels', (await original.file('word/_rels/document.xml.rels')!.async('string')).replace('Target="styles.xml"', 'Target="looks.xml"').replace('Target="numbering.xml"', 'Target="../lists.xml"'));
      assert.deepEqual(await lines(await moved.generateAsync({ type: 'nodebuffer' })), ['一、总体要求']);
    });
  });

  describe('the corpus', () => {
    it('a Word plan in a corpus folder keeps its automatic numbers: its measures have their markers, sections and lead units', async () => {
      const body = [
        p('长乐县法治社会建设实施方案'),
        p('主要任务', { numId: 1, level: 0 }),
        p('维护宪法权威', { numId: 1, level: 1 }),
        p('开展长乐宪法知识进祠堂活动，弘扬宪法精神。', { numId: 1, level: 2 }),
        p('牵头单位：县委宣传部'),
        p('落实宪法宣誓制度。', { numId: 1, level: 2 }),
        p('牵头单位：县人大常委会办公室'),
      ].join('');
      const files = new Map<string, string | Uint8Array>([['/ws/plans/长乐.docx', await wordPackage({ body, numbering: abstractNum(0, PLAN_LEVELS) + num(1, 0) })]]);
      const problems: unknown[] = [];
      const store = new CorpusStore(memoryHost(['/ws'], files), { onProblem: (problem) => problems.push(problem) });
      await store.load(['plans']);
      assert.deepEqual(problems, []);
      const measure = store.search('宪法知识进祠堂')[0]?.clause.measure;
      assert.ok(measure, 'the Word plan is indexed');
      assert.equal(measure.marker, '1.');
      assert.deepEqual(measure.sectionPath, ['一、主要任务', '（一）维护宪法权威']);
      assert.deepEqual(measure.lead, ['县委宣传部']);
      assert.equal(store.search('落实宪法宣誓制度')[0]?.clause.measure.marker, '2.');
    });
  });

  describe('number formats', () => {
    it('Chinese counting, thousands and legal forms; decimal fallbacks where Word has no glyph', () => {
      const cases: Array<[string, number, string]> = [
        ['chineseCounting', 1, '一'], ['chineseCounting', 10, '十'], ['chineseCounting', 11, '十一'], ['chineseCounting', 20, '二十'],
        ['chineseCounting', 99, '九十九'], ['chineseCounting', 100, '一〇〇'],
        ['chineseCountingThousand', 11, '十一'], ['chineseCountingThousand', 27, '二十七'], ['chineseCountingThousand', 100, '一百'],
        ['chineseCountingThousand', 105, '一百零五'], ['chineseCountingThousand', 110, '一百一十'], ['chineseCountingThousand', 1010, '一千零一十'],
        ['chineseCountingThousand', 10001, '一万零一'], ['chineseLegalSimplified', 12, '壹拾贰'], ['ideographTraditional', 11, '甲'],
        ['decimalEnclosedCircle', 20, '⑳'], ['decimalEnclosedCircle', 21, '21'], ['decimalFullWidth', 12, '１２'], ['decimalZero', 7, '07'],
        ['upperLetter', 27, 'AA'], ['lowerLetter', 53, 'aaa'], ['upperLetter', 100000, '100000'], ['upperRoman', 1994, 'MCMXCIV'], ['lowerRoman', 4000, '4000'],
        ['ideographZodiac', 13, '子'], ['someFutureFormat', 5, '5'], ['none', 5, ''], ['bullet', 5, ''],
      ];
      for (const [format, value, expected] of cases) assert.equal(formatNumber(value, format), expected, `${format} ${value}`);
    });
  });

  describe('files Fangan refuses, each with its reason, quickly', () => {
    it('an encrypted (password-protected) document', async () => {
      await refusedAs(encryptedDocx(), 'encrypted', /加密.*密码/, '方案.docx');
    });

    it('a Word 97–2003 .doc, also one whose text holds “EncryptedPackage”, and a WPS .wps (compound files, told apart by name)', async () => {
      await refusedAs(wordBinary(), 'doc', /Word 97–2003 文档（\.doc）.*另存为/, '方案.doc');
      await refusedAs(wordBinary('EncryptedPackage'), 'doc', /Word 97–2003/, '方案.docx');
      await refusedAs(wordBinary(), 'wps', /WPS 文字文档（\.wps）/, '方案.WPS');
      await refusedAs(Buffer.from('not a compound file at all'), 'wps', /WPS/, '方案.wps');
    });

    it('a damaged zip, a zip that is not Word, a file that is no zip', async () => {
      const good = await wordPackage({ body: p('一、总体要求') });
      await refusedAs(good.subarray(0, Math.floor(good.length / 2)), 'not-zip', /不是有效的 Word/);
      const garbled = Buffer.from(good);
      const local = garbled.indexOf(Buffer.from('word/document.xml')) + 'word/document.xml'.length;
      garbled.fill(0x55, local, local + 40); // the deflated data of the document part
      const damaged = await refusal(readDocx(garbled));
      assert.ok(damaged.kind === 'corrupt' || damaged.kind === 'not-zip', damaged.kind);
      assert.match(damaged.reason.zh, /不是有效的 Word/);
      const other = new JSZip();
      other.file('content.xml', '<office:document/>');
      await refusedAs(await other.generateAsync({ type: 'nodebuffer' }), 'not-docx', /不是 Word 文档（其中没有 word\/document\.xml）/, '方案.docx');
      await refusedAs(Buffer.from('%PDF-1.7 not Word'), 'not-zip', /不是有效的 Word/, '方案.docx');
    });

    it('a document part that is not XML, or is cut short, is refused as damaged', async () => {
      const zip = await JSZip.loadAsync(await wordPackage({ body: p('x') }));
      const cut = `<w:document xmlns:w="${W}"><w:body>${p('一、总体要求')}<w:p><w:r><w:t>（一）指导`;
      for (const broken of ['not XML at all', '', '<?xml version="1.0"?><w:document x="1></w:document>', cut]) {
        zip.file('word/document.xml', broken);
        const error = await refusedAs(await zip.generateAsync({ type: 'nodebuffer' }), 'corrupt', /文件已损坏（word\/document\.xml/);
        assert.ok(error.reason.en.length < 300, error.reason.en);
      }
    });

    it('a file over the size limit is refused before it is opened', async () => {
      await refusedAs(Buffer.alloc(MAX_DOCX_FILE_BYTES + 1), 'too-large', /超过 32 MB/);
    });

    it('too many paragraphs or too much text: refused at the cap', async () => {
      const body = Array.from({ length: 1001 }, (_, i) => p(`第${i}段`)).join('');
      const bytes = await wordPackage({ body });
      assert.match((await refusal(readDocx(bytes, { limits: { maxParagraphs: 1000 } }))).reason.zh, /超过 1000 个段落/);
      assert.match((await refusal(readDocx(bytes, { limits: { maxChars: 2000 } }))).reason.zh, /正文超过 2000 个字符/);
      assert.equal((await readDocx(bytes, { limits: { maxParagraphs: 1001 } })).paragraphs, 1001);
    });

    it('a numbering part above the XML cap is refused by size, before it is parsed', async () => {
      const big = abstractNum(0, lvl(0, 'decimal', '%1.')) + Array.from({ length: 120_000 }, (_, i) => num(i + 1, 0)).join('');
      const bytes = await wordPackage({ body: p('x', { numId: 1 }), numbering: big });
      const error = await refusal(readDocx(bytes, { limits: { maxXmlBytes: 2 * 1024 * 1024 } }));
      assert.equal(error.kind, 'too-large');
      assert.match(error.reason.zh, /word\/numbering\.xml 解压后超过 2 MB/);
    });

    it('a zip bomb in a part that is not read (a picture) is never inflated; one in the document is stopped at the cap', async () => {
      const flood = await deflatedRun(100);
      const valid = await JSZip.loadAsync(await wordPackage({ body: p('一、总体要求') }));
      const parts = await Promise.all(Object.values(valid.files).filter((f) => !f.dir).map(async (f) => ({ name: f.name, data: await f.async('uint8array') })));
      const stored = parts.map((part) => ({ name: part.name, data: part.data, method: 0 as const, declaredSize: part.data.length }));
      let started = Date.now();
      const picture = makeZip([...stored, { name: 'word/media/image1.png', data: flood, method: 8, declaredSize: 1000 }]);
      assert.equal((await readDocx(picture)).text, '一、总体要求\n');
      assert.ok(Date.now() - started < 1000, `${Date.now() - started} ms: the picture was inflated`);
      started = Date.now();
      const inDocument = makeZip([...stored.filter((s) => s.name !== 'word/document.xml'), { name: 'word/document.xml', data: flood, method: 8, declaredSize: 1000 }]);
      const before = process.memoryUsage().arrayBuffers;
      const error = await refusal(readDocx(inDocument));
      assert.equal(error.kind, 'zip-bomb');
      assert.match(error.reason.zh, /解压后超过 64 MB（可能是压缩炸弹）/);
      assert.ok(process.memoryUsage().arrayBuffers - before < 48 * 1024 * 1024);
    });

    it('entity expansion (“billion laughs”) and content nested 10 000 deep: no expansion, no stack overflow, a sane result', async () => {
      const laughs = '<!DOCTYPE w:document [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">]>';
      const zip = await JSZip.loadAsync(await wordPackage({ body: '' }));
      zip.file('word/document.xml', `<?xml version="1.0"?>${laughs}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&g;&g;&g;</w:t></w:r></w:p></w:body></w:document>`);
      let started = Date.now();
      // xmldom defines no entity from a DTD: the references are errors, and the part is refused, unexpanded
      const laughed = await refusal(readDocx(await zip.generateAsync({ type: 'nodebuffer' })));
      assert.ok(Date.now() - started < 2000);
      assert.equal(laughed.kind, 'corrupt');
      assert.match(laughed.reason.en, /entity not found/);

      const depth = 10_000;
      const nested = `${'<w:sdt><w:sdtContent>'.repeat(depth)}${p('深处')}${'</w:sdtContent></w:sdt>'.repeat(depth)}${p('之后')}`;
      started = Date.now();
      const deep = await readDocx(await wordPackage({ body: nested }));
      assert.ok(Date.now() - started < 5000, `${Date.now() - started} ms`);
      assert.deepEqual(deep.text, '之后\n');
      assert.match(deep.notes[0].zh, /嵌套超过 64 层/);
    });
  });
});
