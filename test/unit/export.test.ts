import { strict as assert } from 'assert';
import { readdirSync, readFileSync } from 'fs';
import JSZip from 'jszip';
import { join } from 'path';
import {
  documentParagraphs,
  exportBaseName,
  exportFileName,
  exportPlanFile,
  planToDocx,
  taskTable,
  unitTable,
  type ExportRequest,
  type TaskRow,
} from '../../server/src/service/features/export';
import { BODY_CONDENSE, CHARS_PER_LINE, LINE_PITCH, LINES_PER_PAGE, PLAN_MARGINS, TYPE_AREA } from '../../server/src/service/features/export/layout';
import { csvField } from '../../server/src/service/features/export/tableText';
import { MAX_EXPORT_CHARS } from '../../server/src/service/limits';
import { parsePlanFile } from '../../server/src/service/model/parse';
import type { Plan, PlanFile, PlanNode } from '../../server/src/service/model/types';
import { measuresOf, walkNodes } from '../../server/src/service/model/walk';
import fc from 'fast-check';
import { anyDocument } from '../helpers/arbitraryPlan';
import { SEEDS, seedText } from '../helpers/fixture';
import { readWord, type WordDocument, type WordParagraph } from '../helpers/wordXml';
import { readDocx } from '../../server/src/service/text/docx';

/**
 * Word out (issue 15): every seed and the example exported, then read back from the .docx's own XML
 * (page, margins, fonts and sizes per paragraph kind, every marker, title and note in order, no
 * Word numbering), and the 任务分工表 checked against the plans' measures and the file formats.
 */

const ROOT = join(__dirname, '..', '..');
const EXAMPLE = readdirSync(join(ROOT, 'examples')).find((f) => f.endsWith('.txt'))!;
const exampleText = () => readFileSync(join(ROOT, 'examples', EXAMPLE), 'utf8');
const SOURCES: Array<[string, () => string]> = [...Object.entries(SEEDS).map(([name, file]): [string, () => string] => [`seed ${name}`, () => seedText(file)]), ['the example', exampleText]];

const mmOf = (twips: number) => (twips / 1440) * 25.4;
const withoutEmphasis = (s: string) => s.replace(/\*\*/g, '');

/** The fonts GB/T 9704 prescribes for each kind of run, written out here rather than imported. */
const EXPECTED_RUN = {
  title: { font: '方正小标宋简体', size: 44, bold: false },
  draftMark: { font: '楷体_GB2312', size: 32, bold: false },
  body: { font: '仿宋_GB2312', size: 32, bold: false },
  heading1: { font: '黑体', size: 32, bold: false },
  heading2: { font: '楷体_GB2312', size: 32, bold: false },
  heading3: { font: '仿宋_GB2312', size: 32, bold: true },
  heading4: { font: '仿宋_GB2312', size: 32, bold: false },
} as const;

function assertRun(run: WordParagraph['runs'][number], style: keyof typeof EXPECTED_RUN, where: string): void {
  const want = EXPECTED_RUN[style];
  assert.equal(run.fonts.eastAsia, want.font, `${where}: eastAsia font of “${run.text.slice(0, 20)}”`);
  assert.equal(run.fonts.ascii, want.font, `${where}: ascii font`);
  assert.equal(run.fonts.hAnsi, want.font, `${where}: hAnsi font`);
  assert.equal(run.size, want.size, `${where}: size of “${run.text.slice(0, 20)}”`);
  assert.equal(run.bold, want.bold, `${where}: bold`);
}

/** Every marker, title and note of the model, in document order, must be in the text, in that order. */
function assertModelInOrder(file: PlanFile, plans: readonly Plan[], text: string, where: string): void {
  let at = 0;
  const next = (s: string, what: string) => {
    if (s.length === 0) return;
    const i = text.indexOf(s, at);
    assert.ok(i >= 0, `${where}: ${what} “${s}” is not in the document after offset ${at}`);
    at = i + s.length;
  };
  for (const plan of plans) {
    for (const note of plan.strandedNotes) next(note.label, 'stranded note');
    for (const node of walkNodes(plan.nodes)) {
      if (node.marker) next(node.marker.text, `marker of line ${node.textLines[0] + 1}`);
      next(withoutEmphasis(node.title), `title of line ${node.textLines[0] + 1}`);
      const notes = [...node.notes].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
      for (const note of notes) {
        next(note.label, `note label of line ${note.range.start.line + 1}`);
        for (const unit of note.units) next(unit.name, `unit of line ${note.range.start.line + 1}`);
      }
    }
  }
  void file;
}

describe('export: the plan as a .docx in the official layout (GB/T 9704)', function () {
  this.timeout(60000);

  it('the layout arithmetic: A4, margins 37/35/28/26 mm, exactly 22 lines and 28 characters in the type area', () => {
    assert.ok(Math.abs(mmOf(PLAN_MARGINS.top) - 37) < 0.05 && Math.abs(mmOf(PLAN_MARGINS.bottom) - 35) < 0.05);
    assert.ok(Math.abs(mmOf(PLAN_MARGINS.left) - 28) < 0.05 && Math.abs(mmOf(PLAN_MARGINS.right) - 26) < 0.05);
    assert.ok(Math.abs(mmOf(TYPE_AREA.width) - 156) < 0.1 && Math.abs(mmOf(TYPE_AREA.height) - 225) < 0.1);
    assert.ok(LINES_PER_PAGE * LINE_PITCH <= TYPE_AREA.height && (LINES_PER_PAGE + 1) * LINE_PITCH > TYPE_AREA.height, `line pitch ${LINE_PITCH}`);
    assert.ok(Math.abs(LINE_PITCH / 20 - 28.95) < 0.01, 'about 28.95 pt');
    const advance = 16 * 20 - BODY_CONDENSE;
    assert.ok(CHARS_PER_LINE * advance <= TYPE_AREA.width && (CHARS_PER_LINE + 1) * advance > TYPE_AREA.width, `advance ${advance}`);
  });

  for (const [name, text] of SOURCES) {
    describe(name, () => {
      let file: PlanFile;
      let doc: WordDocument;
      before(async () => {
        file = parsePlanFile(text());
        doc = await readWord(await planToDocx(file));
      });

      it('A4 portrait with the 公文 margins, page numbers in even/odd footers', () => {
        assert.deepEqual(doc.page, { width: 11906, height: 16838, orient: 'portrait' });
        assert.deepEqual(
          { top: doc.margins.top, bottom: doc.margins.bottom, left: doc.margins.left, right: doc.margins.right },
          { top: 2098, bottom: 1984, left: 1587, right: 1474 },
        );
        assert.match(doc.settingsXml, /<w:evenAndOddHeaders\/>/);
        assert.deepEqual(Object.keys(doc.footers).sort(), ['default', 'even']);
        for (const [type, xml] of Object.entries(doc.footers)) {
          assert.match(xml, /PAGE/, `${type}: a page number field`);
          assert.match(xml, /— <\/w:t>/, `${type}: a dash before the number`);
          assert.match(xml, /w:ascii="宋体"[^>]*w:eastAsia="宋体"|w:eastAsia="宋体"/, `${type}: 宋体`);
          assert.match(xml, /<w:sz w:val="28"\/>/, `${type}: 四号`);
        }
        assert.match(doc.footers.default, /<w:jc w:val="right"\/>/, 'odd pages: right');
        assert.match(doc.footers.even, /<w:jc w:val="left"\/>/, 'even pages: left');
      });

      it('markers are text: no Word numbering anywhere in the document', () => {
        assert.ok(!doc.documentXml.includes('w:numPr'));
        assert.ok(!doc.documentXml.includes('w:numId'));
      });

      it('every marker, title and note of the model appears as text, in order', () => {
        assertModelInOrder(file, file.plans, doc.paragraphs.map((p) => p.text).join('\n'), name);
      });

      it('one paragraph per line of the plans, none of the wrapper (portal menus, footers)', () => {
        const expected = documentParagraphs(file);
        assert.equal(doc.paragraphs.length, expected.length);
        const planLines = new Set<number>();
        for (const plan of file.plans) for (let l = plan.firstLine; l <= plan.lastLine; l++) planLines.add(l);
        const exported = new Set(expected.map((p) => p.line));
        for (const l of planLines) if (file.lines[l].replace(/\*\*/g, '').trim() && !file.directives.some((d) => d.line === l)) assert.ok(exported.has(l), `line ${l + 1} exported`);
        const docText = doc.paragraphs.map((p) => p.text).join('\n');
        const planText = [...planLines].map((l) => file.lines[l]).join('\n');
        for (const range of file.wrapper) {
          for (let l = range.firstLine; l <= range.lastLine; l++) {
            const line = file.lines[l].trim();
            if (line.length >= 6 && !planText.includes(line)) assert.ok(!docText.includes(line), `wrapper line ${l + 1} “${line.slice(0, 20)}” is not exported`);
          }
        }
      });

      it('fonts and sizes per paragraph kind; fixed 28.95 pt lines; body indented two characters', () => {
        const expected = documentParagraphs(file);
        expected.forEach((p, i) => {
          const got = doc.paragraphs[i];
          const where = `${name} line ${p.line + 1} (${p.kind})`;
          assert.equal(got.text, p.runs.map((r) => r.text).join(''), where);
          assert.equal(got.line, 579, `${where}: line spacing`);
          assert.equal(got.lineRule, 'exact', where);
          if (p.kind === 'title' || p.kind === 'draftMark') {
            assert.equal(got.align, 'center', where);
            assert.equal(got.firstLine, null, where);
          } else if (p.kind !== 'blank') {
            assert.equal(got.align, 'both', where);
            assert.equal(got.firstLine, 640, `${where}: 2 characters of 16 pt`);
            assert.equal(got.firstLineChars, 200, where);
          }
          got.runs.forEach((run, j) => assertRun(run, p.runs[j].style, where));
          for (const run of got.runs) if (run.size === 32) assert.equal(run.spacing, -BODY_CONDENSE, `${where}: condensed to 28 a line`);
          if (p.kind === 'heading' || p.kind === 'measure') {
            const style = got.runs[0] && p.runs[0].style;
            if (style && style !== 'body') {
              const family = { 1: 'heading1', 2: 'heading2', 3: 'heading3', 4: 'heading4', 5: 'heading4' }[p.rank!];
              assert.equal(style, family, `${where}: the marker's rank decides the typeface`);
            }
          }
        });
      });
    });
  }

  it('the example: title split before its years, draft mark in 楷体, headings by rank, prose measures plain, notes as written', async () => {
    const doc = await readWord(await planToDocx(parsePlanFile(exampleText())));
    const texts = doc.paragraphs.map((p) => p.text);
    assert.deepEqual(texts.slice(0, 6), ['清河县法治社会建设实施方案', '（2021—2025年）', '（征求意见稿）', '', texts[4], '一、总体要求']);
    assert.ok(texts[4].startsWith('为深入贯彻落实'));
    const para = (start: string) => doc.paragraphs.find((p) => p.text.startsWith(start))!;
    assertRun(para('清河县').runs[0], 'title', 'title');
    assertRun(para('（2021—2025年）').runs[0], 'title', 'title years');
    assertRun(para('（征求意见稿）').runs[0], 'draftMark', 'draft mark');
    assertRun(para('一、总体要求').runs[0], 'heading1', '一、');
    const guiding = para('（一）指导思想');
    assert.deepEqual(guiding.runs.map((r) => r.text.slice(0, 8)), ['（一）指导思想。', '坚持以习近平新时']);
    assertRun(guiding.runs[0], 'heading2', '（一）run-in title');
    assertRun(guiding.runs[1], 'body', '（一）text');
    assertRun(para('（一）维护宪法权威').runs[0], 'heading2', '（一）heading');
    const prose = para('1.在全县国家工作人员');
    assert.equal(prose.runs.length, 1);
    assertRun(prose.runs[0], 'body', 'a prose measure');
    assert.ok(texts.includes('牵头单位：委宣传部'), 'a line note is its own paragraph, as written');
    assert.ok(texts.includes('牵头单位县发展改革局'), 'a note without its colon stays as written');
    assert.ok(texts.includes(')推进社会诚信建设'), 'a damaged marker stays as written');
    assert.ok(!texts.some((t) => t.startsWith('\u3000') || t.startsWith(' ')), 'indentation is the paragraph’s, not spaces');
  });

  it('inline notes stay inside their paragraph; Markdown marks and directive lines are not exported; several plans start new pages', async () => {
    const md = [
      '# 长乐县法治社会建设实施方案',
      '',
      '<!-- fangan: template fazhi-shehui -->',
      '为推进法治社会建设，结合本县实际，制定本方案。',
      '',
      '## 一、总体要求',
      '',
      '**（一）指导思想。**坚持依法治县。',
      '',
      '## 二、主要任务',
      '',
      '1 推进信用建设',
      '',
      '（1）建立守信激励机制，完善信用目录。（牵头单位：县发展改革局；参加单位：县市场监管局）',
      '',
      '长乐县法治政府建设实施方案',
      '',
      '一、总体要求',
      '',
      '（一）指导思想。坚持依法行政。',
    ].join('\n');
    const file = parsePlanFile(md);
    assert.equal(file.plans.length, 2);
    const doc = await readWord(await planToDocx(file));
    const texts = doc.paragraphs.map((p) => p.text);
    assert.ok(texts.includes('（1）建立守信激励机制，完善信用目录。（牵头单位：县发展改革局；参加单位：县市场监管局）'));
    assert.ok(!texts.some((t) => t.includes('**') || t.startsWith('#') || t.includes('fangan:')), texts.join(' | '));
    assert.deepEqual(texts.filter((t) => t.startsWith('长乐县')), ['长乐县法治社会建设实施方案', '长乐县法治政府建设实施方案']);
    assert.deepEqual(doc.paragraphs.filter((p) => p.pageBreakBefore).map((p) => p.text), ['长乐县法治政府建设实施方案']);
    const topic = doc.paragraphs.find((p) => p.text === '1 推进信用建设')!;
    assertRun(topic.runs[0], 'heading3', 'a rank-3 heading: 仿宋 bold');
    // only the plan asked for
    const second = await readWord(await planToDocx(file, file.plans[1]));
    assert.equal(second.paragraphs[0].text, '长乐县法治政府建设实施方案');
    assert.ok(!second.paragraphs.some((p) => p.text.startsWith('长乐县法治社会')));
  });
});

/** The example's measures as written: path, lead units (facts read off the example, not computed). */
const EXAMPLE_ROWS: Array<[string, string, string]> = [
  ['二(一)1', '委宣传部', '各乡镇、县直各部门'],
  ['二(一)2', '县人大常委会办公室', '县委组织部'],
  ['二(一)4', '县司法局', '各乡镇、县直各部门'],
  ['二(二)1', '', '各乡镇'],
  ['二(二)2', '省教育厅', '县司法局、团县委'],
  ['二(二)3', '司法局', '县直各执法部门'],
  ['三(一)1', '县发展改革局', '县市场监管局、县人民银行'],
  ['三(一)2', '县委宣传部', '县发展改革局'],
  ['四(一)1', '各乡镇', '县财政局'],
  ['四(一)2', '县司法局', '县财政局、县人力资源社会保障局'],
  ['四(一)2', '县委政法委', '县法院、县司法局'],
  ['五(一)1', '县司法局', '县民政局、各乡镇'],
  ['五(一)2', '县民政局', '县农业农村局、各乡镇'],
  ['六(一)', '', ''],
  ['六(二)', '', ''],
];

/** Measures outside 总体要求 (read here from the headings' own words). */
function taskMeasures(plan: Plan): PlanNode[] {
  const general = (n: PlanNode): boolean => /总体要求|總體要求/.test(n.title) || /^(指导思想|指導思想|主要原则|基本原则|总体目标|總體目標|主要目标|工作原则|主要原則|基本原則|總體目標)/.test(n.title);
  return measuresOf(plan).filter((m) => {
    for (let n: PlanNode | null = m; n; n = n.parent) if (general(n)) return false;
    return true;
  });
}

const flat = (t: { groups: ReadonlyArray<{ rows: readonly TaskRow[] }> }) => t.groups.flatMap((g) => g.rows);

describe('export: the 任务分工表', function () {
  this.timeout(60000);

  it('the example: one row per measure outside 总体要求, marker paths, leads and supports as written, grouped by part', () => {
    const [table] = taskTable(parsePlanFile(exampleText()));
    assert.deepEqual(
      flat(table).map((r) => [r.path, r.lead.join('、'), r.support.join('、')]),
      EXAMPLE_ROWS,
    );
    assert.deepEqual(table.groups.map((g) => g.section), ['二、推动全社会增强法治观念', '三、健全社会领域制度规范', '四、加强权利保护', '五、推进社会治理法治化', '六、加强组织保障']);
    const first = flat(table)[0];
    assert.equal(first.task, '在全县国家工作人员中深入开展宪法学习教育');
    assert.equal(first.content, '在全县国家工作人员中深入开展宪法学习教育，把宪法纳入县委理论学习中心组学习内容和县委党校主体班次必修课程。');
    assert.equal(first.deadline, null);
    const organisation = flat(table).find((r) => r.path === '六(一)')!;
    assert.equal(organisation.task, '加强组织领导');
    assert.ok(organisation.content.startsWith('加强组织领导。各级党组织'));
  });

  for (const [name, text] of SOURCES) {
    it(`${name}: rows are the model's measures outside 总体要求, in order, with their notes' units`, () => {
      const file = parsePlanFile(text());
      const tables = taskTable(file);
      const withRows = file.plans.filter((p) => taskMeasures(p).length > 0);
      assert.equal(tables.length, withRows.length);
      tables.forEach((table, i) => {
        const measures = taskMeasures(withRows[i]);
        const rows = flat(table);
        assert.deepEqual(rows.map((r) => r.line), measures.map((m) => m.textLines[0]), `${name} plan ${i + 1}: the measures' lines`);
        rows.forEach((row, j) => {
          const m = measures[j];
          const own = m.marker ? m.marker.text.replace(/[（）()、.．\s]/g, '') : null;
          if (own && m.marker!.number !== null) assert.ok(row.path.replace(/[()]/g, '').endsWith(own), `${row.path} ends with ${own}`);
          if (m.notes.some((n) => n.units.length > 0)) {
            // 责任单位 alone: its first unit leads, the rest support
            const names = (n: (typeof m.notes)[number]) => n.units.map((u) => u.name);
            const leads = m.notes.filter((n) => n.role === 'lead').flatMap(names);
            const support: string[] = [];
            let firstResponsible = leads.length === 0;
            const lead = [...leads];
            for (const n of m.notes) {
              if (n.role === 'support') support.push(...names(n));
              else if (n.role === 'responsible' && firstResponsible && n.units.length > 0) {
                lead.push(names(n)[0]);
                support.push(...names(n).slice(1));
                firstResponsible = false;
              } else if (n.role === 'responsible') support.push(...names(n));
            }
            assert.deepEqual([row.lead, row.support], [lead, support], `${row.path} lead and support`);
            assert.equal(row.inherited, false);
          }
          for (const note of m.notes.filter((n) => n.notation === 'inline')) assert.ok(!row.content.includes(note.label), `${row.path}: 具体内容 without its notes`);
          assert.ok(row.content.length > 0 && row.task.length > 0, `${row.path}: task and content`);
        });
      });
    });
  }

  it('the seeds’ counts and paths (test/seeds/FACTS.md)', () => {
    const rows = (seed: string, plan = 0) => {
      const file = parsePlanFile(seedText(seed));
      return flat(taskTable(file, file.plans[plan])[0]);
    };
    assert.equal(rows(SEEDS.chengdu).length, 28);
    const guizhou = rows(SEEDS.guizhou);
    assert.equal(guizhou.length, 94);
    assert.deepEqual(guizhou.map((r) => /\((\d+)\)$/.exec(r.path)?.[1]), Array.from({ length: 94 }, (_, i) => String(i + 1)), '(1)…(94), continuous');
    assert.equal(guizhou[0].path, '二(一)1(1)');
    assert.equal(guizhou[93].path, '三26(94)', 'a topic right under 三、');
    assert.ok(guizhou.every((r) => r.lead.length > 0), 'every measure of 002 has a lead or responsible unit');
    const dazu = rows(SEEDS.dazu);
    assert.equal(dazu.length, 24);
    assert.deepEqual([dazu[0].path, dazu[23].path], ['二(四)', '七(二十七)']);
    assert.deepEqual(dazu[0].lead, ['区人大常委会办公室', '区委宣传部', '区委组织部', '区司法局', '区教委'], 'inline notes of 003');
    assert.deepEqual(dazu[0].support, ['区委办公室', '区政府办公室', '区级其他有关部门', '各镇街']);
    assert.ok(dazu[0].content.endsWith('。') && !dazu[0].content.includes('牵头单位'), '具体内容 without the bracket');
    const xiji = rows(SEEDS.xiji);
    assert.equal(xiji.length, 76 + 3);
    const lost = xiji.find((r) => r.task.startsWith('持续开展中小学生'))!;
    assert.equal(lost.path, '二(一)3', 'a measure that lost its 3. is counted after 2.');
    assert.deepEqual([lost.lead, lost.support], [['县教育体育局'], []], '责任单位 alone: the first leads');
    const responsible = xiji.find((r) => r.task.startsWith('推动企业法治文化建设'))!;
    assert.deepEqual([responsible.lead, responsible.support], [['县司法局'], ['商务工业信息化局', '工商联']]);
    assert.deepEqual([rows(SEEDS.suizhou, 0).length, rows(SEEDS.suizhou, 1).length, rows(SEEDS.suizhou, 2).length], [34, 30, 25]);
  });

  it('by unit: each unit with the measures it leads and supports; two spellings of one unit are one unit', () => {
    const [table] = unitTable(parsePlanFile(exampleText()));
    const unit = (name: string) => table.units.find((u) => u.unit === name)!;
    const paths = (rows: readonly TaskRow[]) => rows.map((r) => r.path);
    assert.deepEqual(paths(unit('县司法局').leads), ['二(一)4', '二(二)3', '四(一)2', '五(一)1'], '司法局 is 县司法局');
    assert.deepEqual(paths(unit('县司法局').supports), ['二(二)2', '四(一)2']);
    assert.deepEqual(paths(unit('县财政局').leads), []);
    assert.deepEqual(paths(unit('县财政局').supports), ['四(一)1', '四(一)2']);
    assert.ok(!table.units.some((u) => u.unit === '司法局'));
    // every lead and support of the measure table is under its unit, once
    const [measures] = taskTable(parsePlanFile(exampleText()));
    const pairs = table.units.flatMap((u) => [...u.leads.map((r) => `L ${r.line}`), ...u.supports.map((r) => `S ${r.line}`)]).sort();
    const expected = flat(measures).flatMap((r) => [...r.lead.map(() => `L ${r.line}`), ...r.support.map(() => `S ${r.line}`)]).sort();
    assert.deepEqual(pairs, expected);
  });
});

/** RFC 4180 read back: fields with quotes, commas and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += c;
  }
  return rows;
}

async function exported(file: PlanFile, request: ExportRequest): Promise<Uint8Array> {
  const result = await exportPlanFile(file, request);
  assert.ok(result.ok, result.ok ? '' : result.problem.en);
  return result.bytes;
}

describe('export: the 任务分工表 files', function () {
  this.timeout(60000);
  const tricky = [
    '长乐县"诚信"建设实施方案',
    '',
    '一、主要任务',
    '',
    '（一）推进诚信建设',
    '',
    '1.建立"红黑名单"制度, 按季度公布。',
    '每年开展一次评估。',
    '牵头单位：县发展改革局',
    '配合单位：县市场监管局、县人民银行',
    '',
    '2.=SUM(A1:A9) 不是公式。',
    '责任单位：县司法局、县财政局',
  ].join('\n');

  it('csv: UTF-8 with a BOM, RFC 4180 quoting, one line per row with its part, formulas defused', async () => {
    const bytes = await exported(parsePlanFile(tricky), { what: 'table', format: 'csv' });
    assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    assert.ok(text.endsWith('\r\n') && !/[^\r]\n(?![^"]*")/.test(text.split('"').filter((_, i) => i % 2 === 0).join('')), 'CRLF line ends outside quotes');
    const rows = parseCsv(text);
    assert.deepEqual(rows[0], ['部分', '序号', '任务措施', '具体内容', '牵头单位', '配合单位', '完成时限']);
    assert.deepEqual(rows[1], ['一、主要任务', '一(一)1', '建立"红黑名单"制度, 按季度公布', '建立"红黑名单"制度, 按季度公布。\n每年开展一次评估。', '县发展改革局', '县市场监管局、县人民银行', '']);
    assert.deepEqual(rows[2].slice(1), ['一(一)2', "'=SUM(A1:A9) 不是公式", "'=SUM(A1:A9) 不是公式。", '县司法局', '县财政局', '']);
    assert.equal(rows.length, 3);
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "x"'), '"say ""x"""');
    assert.equal(csvField('plain'), 'plain');
  });

  it('csv by unit, and a file of several plans gets a 方案 column', async () => {
    const rows = parseCsv(new TextDecoder().decode((await exported(parsePlanFile(tricky), { what: 'table', format: 'csv', byUnit: true })).slice(3)));
    assert.deepEqual(rows[0], ['单位', '职责', '序号', '任务措施', '具体内容', '牵头单位', '配合单位', '完成时限']);
    assert.deepEqual(rows.slice(1).map((r) => [r[0], r[1], r[2]]), [
      ['县发展改革局', '牵头', '一(一)1'],
      ['县市场监管局', '配合', '一(一)1'],
      ['县人民银行', '配合', '一(一)1'],
      ['县司法局', '牵头', '一(一)2'],
      ['县财政局', '配合', '一(一)2'],
    ]);
    const suizhou = parsePlanFile(seedText(SEEDS.suizhou));
    const several = parseCsv(new TextDecoder().decode((await exported(suizhou, { what: 'table', format: 'csv' })).slice(3)));
    assert.equal(several[0][0], '方案');
    assert.equal(several.length - 1, 34 + 30 + 25);
    assert.equal(new Set(several.slice(1).map((r) => r[0])).size, 3);
  });

  it('xlsx: a frozen header, set column widths, wrapped text, merged group rows with their rows outlined under them', async () => {
    const file = parsePlanFile(exampleText());
    const zip = await JSZip.loadAsync(await exported(file, { what: 'table', format: 'xlsx' }));
    const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    const styles = await zip.file('xl/styles.xml')!.async('string');
    const workbook = await zip.file('xl/workbook.xml')!.async('string');
    assert.match(sheet, /<pane [^>]*ySplit="2"[^>]*state="frozen"/);
    const widths = [...sheet.matchAll(/<col [^>]*width="([\d.]+)"[^>]*customWidth="1"/g)].map((m) => Number(m[1]));
    assert.equal(widths.length, 6);
    assert.ok(widths[2] === Math.max(...widths), '具体内容 is the widest');
    assert.match(styles, /wrapText="1"/);
    const [table] = taskTable(file);
    const merged = [...sheet.matchAll(/<mergeCell ref="A(\d+):F\1"\/>/g)];
    assert.equal(merged.length, 1 + table.groups.length, 'the caption and one row per group');
    assert.equal([...sheet.matchAll(/<row [^>]*outlineLevel="1"/g)].length, flat(table).length);
    assert.match(workbook, /name="任务分工表"/);
    assert.match(workbook, /_xlnm\.Print_Titles/);
    const strings = await zip.file('xl/sharedStrings.xml')!.async('string');
    for (const header of ['序号', '任务措施', '具体内容', '牵头单位', '配合单位', '完成时限', '二、推动全社会增强法治观念', '二(一)1']) assert.ok(strings.includes(`>${header}<`), header);
  });

  it('docx table: landscape A4, header row repeated on every page in 黑体, body in 仿宋, borders, fixed column widths', async () => {
    const file = parsePlanFile(exampleText());
    const doc = await readWord(await exported(file, { what: 'table', format: 'docx' }));
    assert.deepEqual(doc.page, { width: 16838, height: 11906, orient: 'landscape' });
    assert.equal(doc.paragraphs[0].text, '清河县法治社会建设实施方案（2021—2025年）任务分工表');
    assertRun(doc.paragraphs[0].runs[0], 'title', 'caption');
    assert.equal(doc.tables.length, 1);
    const table = doc.tables[0];
    assert.deepEqual(table.borders, ['w:top', 'w:bottom', 'w:left', 'w:right', 'w:insideH', 'w:insideV']);
    assert.equal(table.layout, 'fixed');
    assert.equal(table.gridCols.reduce((a, b) => a + b, 0), 16838 - doc.margins.left - doc.margins.right);
    const [header, ...rows] = table.rows;
    assert.ok(header.header && rows.every((r) => !r.header), 'only the first row repeats');
    assert.deepEqual(header.cells.map((c) => c.text), ['序号', '任务措施', '具体内容', '牵头单位', '配合单位', '完成时限']);
    for (const c of header.cells) assert.equal(c.paragraphs[0].runs[0].fonts.eastAsia, '黑体');
    const groups = rows.filter((r) => r.cells.length === 1);
    assert.deepEqual(groups.map((r) => [r.cells[0].text, r.cells[0].gridSpan]), taskTable(file)[0].groups.map((g) => [g.section, 6]));
    const body = rows.filter((r) => r.cells.length === 6);
    assert.deepEqual(body.map((r) => [r.cells[0].text, r.cells[3].text, r.cells[4].text]), EXAMPLE_ROWS);
    for (const r of body) for (const c of r.cells) for (const p of c.paragraphs) for (const run of p.runs) assert.equal(run.fonts.eastAsia, '仿宋_GB2312');
    assert.deepEqual(Object.keys(doc.footers).sort(), ['default', 'even']);
  });

  it('json: the documented shape, by measure and by unit', async () => {
    const file = parsePlanFile(exampleText());
    const json = JSON.parse(new TextDecoder().decode(await exported(file, { what: 'table', format: 'json' })));
    assert.deepEqual(Object.keys(json), ['format', 'version', 'byUnit', 'plans']);
    assert.deepEqual([json.format, json.version, json.byUnit], ['fangan.taskTable', 1, false]);
    assert.deepEqual(Object.keys(json.plans[0]), ['title', 'caption', 'groups']);
    assert.deepEqual(Object.keys(json.plans[0].groups[0]), ['section', 'rows']);
    assert.deepEqual(Object.keys(json.plans[0].groups[0].rows[0]), ['path', 'task', 'content', 'lead', 'support', 'deadline', 'line', 'inherited']);
    const byUnit = JSON.parse(new TextDecoder().decode(await exported(file, { what: 'table', format: 'json', byUnit: true })));
    assert.equal(byUnit.byUnit, true);
    assert.deepEqual(Object.keys(byUnit.plans[0]), ['title', 'caption', 'units']);
    assert.deepEqual(Object.keys(byUnit.plans[0].units[0]), ['unit', 'leads', 'supports']);
  });

  it('says why when there is nothing to export, and refuses what cannot be exported', async () => {
    const empty = await exportPlanFile(parsePlanFile(''), { what: 'plan', format: 'docx' });
    assert.ok(!empty.ok && /no plan/.test(empty.problem.en) && /没有/.test(empty.problem.zh));
    const skeleton = parsePlanFile('长乐县法治社会建设实施方案\n\n一、总体要求\n\n（一）指导思想。坚持依法治县。\n\n二、主要任务\n');
    const noMeasures = await exportPlanFile(skeleton, { what: 'table', format: 'xlsx' });
    assert.ok(!noMeasures.ok && /no measures/.test(noMeasures.problem.en));
    assert.ok((await exportPlanFile(skeleton, { what: 'plan', format: 'docx' })).ok, 'the plan itself exports');
    const csvPlan = await exportPlanFile(skeleton, { what: 'plan', format: 'csv' });
    assert.ok(!csvPlan.ok && /docx only/.test(csvPlan.problem.en));
  });

  it('file names: beside the plan, the table named as such', () => {
    assert.equal(exportBaseName('清河县方案.txt'), '清河县方案');
    assert.equal(exportBaseName('draft.fangan.txt'), 'draft');
    assert.equal(exportBaseName('plan'), 'plan');
    assert.equal(exportFileName('X', { what: 'plan', format: 'docx' }), 'X.docx');
    assert.equal(exportFileName('X', { what: 'table', format: 'xlsx' }), 'X.任务分工表.xlsx');
    assert.equal(exportFileName('X', { what: 'table', format: 'csv', byUnit: true }), 'X.任务分工表（按单位）.csv');
  });
});

describe('export: hostile text', function () {
  this.timeout(120000);
  const SCALE = Math.max(0.05, Number(process.env.FANGAN_PROPERTY_RUNS ?? 1) || 1);

  /** Parses XML and collects what the parser complains about. */
  function xmlProblems(xml: string): string[] {
    const problems: string[] = [];
    // required, not imported: xmldom's types would bring the DOM library into the project
    const { DOMParser } = require('@xmldom/xmldom') as { DOMParser: new (options: object) => { parseFromString(xml: string, type: string): unknown } };
    new DOMParser({ errorHandler: { warning: () => undefined, error: (e: string) => problems.push(e), fatalError: (e: string) => problems.push(e) } }).parseFromString(xml, 'text/xml');
    if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(xml)) problems.push('a character XML 1.0 does not allow');
    return problems;
  }

  async function assertWellFormed(file: PlanFile, where: string): Promise<void> {
    for (const request of [{ what: 'plan', format: 'docx' }, { what: 'table', format: 'docx' }, { what: 'table', format: 'xlsx' }] as ExportRequest[]) {
      const result = await exportPlanFile(file, request);
      if (!result.ok) continue;
      const zip = await JSZip.loadAsync(result.bytes);
      for (const name of Object.keys(zip.files).filter((n) => n.endsWith('.xml'))) {
        assert.deepEqual(xmlProblems(await zip.file(name)!.async('string')), [], `${where} ${request.what} ${request.format} ${name}`);
      }
    }
  }

  it('control characters and lone surrogates pasted into a plan do not make the files unreadable', async () => {
    const text = '长乐县法治社会建设实施方案\n\n一、主要任务\n\n（一）推进\u000b诚信\u0007建设\n\n1.建立\ud800守信\uFFFE激励制度。\u0000\n牵头单位：县司法局\u001f\n';
    const file = parsePlanFile(text);
    await assertWellFormed(file, 'controls');
    const doc = await readWord((await exportPlanFile(file, { what: 'plan', format: 'docx' }) as { bytes: Uint8Array }).bytes);
    assert.ok(doc.paragraphs.some((p) => p.text === '（一）推进诚信建设'), 'controls dropped, the text kept');
    assert.ok(doc.paragraphs.some((p) => p.text === '1.建立\uFFFD守信\uFFFD激励制度。'));
  });

  it('any document (plans, damaged plans, arbitrary Unicode) exports without throwing, as well-formed files', async () => {
    await fc.assert(
      fc.asyncProperty(anyDocument, async (text) => {
        const file = parsePlanFile(text);
        for (const request of [{ what: 'table', format: 'csv' }, { what: 'table', format: 'json', byUnit: true }] as ExportRequest[]) await exportPlanFile(file, request);
        await assertWellFormed(file, JSON.stringify(text.slice(0, 60)));
      }),
      { numRuns: Math.max(1, Math.round(25 * SCALE)) },
    );
  });
});

/** What a plan says, without where it says it: the reading a round trip through Word must keep. */
function modelReading(file: PlanFile) {
  return file.plans.map((plan) => ({
    title: plan.title?.text.replace(/\s+/g, '') ?? null,
    kind: plan.kind,
    level: plan.level,
    region: plan.region,
    nodes: [...walkNodes(plan.nodes)].map((node) => ({
      depth: node.depth,
      kind: node.kind,
      marker: node.marker?.text ?? null,
      title: withoutEmphasis(node.title),
      deadline: node.deadline,
      notes: node.notes.map((note) => ({ role: note.role, label: note.label, units: note.units.map((u) => u.name), problem: note.problem })),
    })),
  }));
}

describe('export then import: the .docx reads back as the same plan', function () {
  this.timeout(60000);
  for (const [name, text] of SOURCES) {
    it(`${name}: markers, titles, depths, notes, units and deadlines survive Word`, async () => {
      const file = parsePlanFile(text());
      const exportedBytes = await planToDocx(file);
      const back = parsePlanFile((await readDocx(exportedBytes)).text);
      const before = modelReading(file);
      const after = modelReading(back);
      assert.ok(before[0].nodes.length > 10, 'a real plan');
      assert.deepEqual(after, before);
    });
  }

  it('a plan in other notations (bracketed notes with deadlines, own-line roles) reads back the same', async () => {
    const text = [
      '长乐县优化营商环境工作实施方案',
      '',
      '一、重点任务',
      '（一）压缩开办时间',
      '1.推行开办企业一网通办，全程网上办理。（县市场监管局牵头，县政务服务中心配合，2025年6月底前完成）',
      '2.建立企业注销联办机制。',
      '责任单位：县市场监管局、县税务局',
      '完成时限：长期坚持',
      '（二）提升审批效率',
      '3.推进工程建设项目审批制度改革。【牵头单位：县住房城乡建设局】',
      '',
    ].join('\n');
    const file = parsePlanFile(text);
    const back = parsePlanFile((await readDocx(await planToDocx(file))).text);
    assert.deepEqual(modelReading(back), modelReading(file));
  });
});

describe('export: size limit', () => {
  it('a document beyond MAX_EXPORT_CHARS is not exported, with a message naming its size', async () => {
    const measure = '1.建立守信激励机制，完善信用目录。\n牵头单位：县发展改革局\n';
    const head = '长乐县法治社会建设实施方案\n\n一、主要任务\n\n（一）推进诚信建设\n\n';
    const big = head + measure.repeat(Math.ceil(MAX_EXPORT_CHARS / measure.length) + 1);
    const result = await exportPlanFile(parsePlanFile(big), { what: 'plan', format: 'docx' });
    assert.ok(!result.ok && result.problem.en.includes(String(big.length)), result.ok ? 'exported' : result.problem.en);
    const small = await exportPlanFile(parsePlanFile(head + measure.repeat(100)), { what: 'plan', format: 'docx' });
    assert.ok(small.ok);
  });
});
