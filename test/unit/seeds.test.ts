import { strict as assert } from 'assert';
import { parsePlanFile } from '../../server/src/service/model/parse';
import type { PlanFile, PlanNode } from '../../server/src/service/model/types';
import { measuresOf, walkNodes } from '../../server/src/service/model/walk';
import { SEEDS, seedText } from '../helpers/fixture';

/** Facts verified by reading the seeds (see test/seeds/FACTS.md); lines here are 1-based. */

const parsed = new Map<string, PlanFile>();
function seed(name: string): PlanFile {
  if (!parsed.has(name)) parsed.set(name, parsePlanFile(seedText(name)));
  return parsed.get(name)!;
}

const nodesOf = (file: PlanFile, plan = 0) => [...walkNodes(file.plans[plan].nodes)];
const line1 = (n: PlanNode) => n.range.start.line + 1;
const hasLead = (n: PlanNode) => n.notes.some((x) => (x.role === 'lead' || x.role === 'responsible') && x.units.length > 0);

describe('seed plans', () => {
  describe('000 成都市 (Traditional, no notes)', () => {
    const file = () => seed(SEEDS.chengdu);
    it('is one city plan with its title, the encyclopedia footer outside it', () => {
      const f = file();
      assert.equal(f.plans.length, 1);
      const plan = f.plans[0];
      assert.equal(plan.title?.text, '成都市法治社會建設實施方案(2021—2025年)');
      assert.deepEqual([plan.kind, plan.level, plan.region], ['fazhi-shehui', 'city', '成都市']);
      assert.equal(plan.preamble?.range.start.line, 13);
      assert.equal(plan.lastLine + 1, 61);
      assert.ok(f.wrapper.some((w) => w.firstLine + 1 === 63 && w.lastLine + 1 === 67));
    });
    it('has measures 1.–28. numbered through the whole plan, under 一、/二、(一)…(六)', () => {
      const measures = nodesOf(file()).filter((n) => n.rank === 3);
      assert.deepEqual(measures.map((n) => n.marker?.number), Array.from({ length: 28 }, (_, i) => i + 1));
      assert.ok(measures.every((n) => n.kind === 'measure' && n.depth === 3));
      const org = nodesOf(file()).find((n) => n.title === '加強組織保障')!;
      assert.deepEqual([org.rank, org.marker?.text, line1(org)], [2, '(六)', 58]);
    });
    it('carries no responsibility notes', () => {
      assert.equal(nodesOf(file()).flatMap((n) => n.notes).length, 0);
    });
  });

  describe('001 西吉县 (damaged markers, line notes)', () => {
    const file = () => seed(SEEDS.xiji);
    it('is a county plan; the government-site wrapper is outside it', () => {
      const plan = file().plans[0];
      assert.equal(file().plans.length, 1);
      assert.deepEqual([plan.kind, plan.level, plan.region, plan.levelPrefix], ['fazhi-shehui', 'county', '西吉县', '县']);
      assert.equal(plan.firstLine + 1, 23);
      assert.equal(plan.lastLine + 1, 530);
    });
    it('keeps all 23 damaged level-2 markers, as damaged', () => {
      const damaged = nodesOf(file()).filter((n) => n.marker?.damage);
      assert.deepEqual(
        damaged.map(line1),
        [34, 38, 62, 92, 118, 148, 162, 188, 204, 224, 244, 280, 302, 324, 330, 374, 416, 448, 470, 478, 510, 526, 530],
      );
      assert.ok(damaged.every((n) => n.rank === 2 && n.depth === 2));
      assert.equal(damaged.find((n) => line1(n) === 204)?.marker?.damage, 'missing-numeral');
      assert.deepEqual(
        [damaged.find((n) => line1(n) === 530)?.marker?.damage, damaged.find((n) => line1(n) === 530)?.marker?.number],
        ['missing-open', 3],
      );
    });
    it('finds the two measures that lost their number as unnumbered measures between 2. and 4.', () => {
      const lost = nodesOf(file()).filter((n) => n.marker === null && n.parent?.children.some((c) => c.marker?.number === 4));
      assert.deepEqual(lost.map(line1), [52, 256]);
      for (const n of lost) {
        const siblings = n.parent!.children;
        const i = siblings.indexOf(n);
        assert.deepEqual([siblings[i - 1].marker?.number, siblings[i + 1].marker?.number], [2, 4]);
        assert.equal(n.notes[0].role, 'responsible');
      }
    });
    it('gives every measure with notes a lead or responsible unit', () => {
      const noted = measuresOf(file().plans[0]).filter((n) => n.notes.length > 0);
      assert.equal(noted.length, 76);
      assert.ok(noted.every(hasLead));
    });
    it('reads the colon-less 牵头单位县委政法委 on line 458', () => {
      const note = nodesOf(file()).flatMap((n) => n.notes).find((x) => x.range.start.line + 1 === 458)!;
      assert.deepEqual([note.role, note.problem, note.units.map((u) => u.name)], ['lead', 'missing-colon', ['县委政法委']]);
    });
    it('reads the truncated 委宣传部 as written, on lines 42, 58, 66, 114, 122, 128', () => {
      const lines = nodesOf(file())
        .flatMap((n) => n.notes)
        .filter((x) => x.units.some((u) => u.name === '委宣传部'))
        .map((x) => x.range.start.line + 1);
      assert.deepEqual(lines, [42, 58, 66, 114, 122, 128]);
    });
  });

  describe('002 贵州省 (continuous (1)…(94), topic headings `1 `…`26 `)', () => {
    const file = () => seed(SEEDS.guizhou);
    it('is a province plan whose title continues on the next line', () => {
      const plan = file().plans[0];
      assert.equal(plan.title?.text, '贵州省法治社会建设实施方案(2021—2025年)');
      assert.deepEqual([plan.kind, plan.level, plan.region], ['fazhi-shehui', 'province', '贵州省']);
      assert.equal(plan.firstLine + 1, 20);
    });
    it('has 94 measures (1)…(94) in order, each with a 牵头单位 or 责任单位', () => {
      const measures = measuresOf(file().plans[0]).filter((n) => n.rank === 4);
      assert.deepEqual(measures.map((n) => n.marker?.number), Array.from({ length: 94 }, (_, i) => i + 1));
      assert.ok(measures.every(hasLead), 'every measure names a lead or responsible unit');
      assert.equal(measures.filter((n) => n.notes.some((x) => x.role === 'responsible')).length, 14);
    });
    it('has topic headings 1…26 written as number + space', () => {
      const topics = nodesOf(file()).filter((n) => n.rank === 3);
      assert.deepEqual(topics.map((n) => n.marker?.number), Array.from({ length: 26 }, (_, i) => i + 1));
      assert.ok(topics.every((n) => n.kind === 'heading' && n.marker?.close === ' '));
    });
    it('puts 组织保障 at 三、', () => {
      const top = file().plans[0].nodes.map((n) => `${n.marker?.text}${n.title}`);
      assert.deepEqual(top, ['一、总体要求', '二、主要任务和具体落实措施', '三、加强组织保障']);
    });
  });

  describe('003 大足区 (continuous （一）…（二十七）, inline notes)', () => {
    const file = () => seed(SEEDS.dazu);
    it('is a county-level district plan', () => {
      const plan = file().plans[0];
      assert.equal(plan.title?.text, '大足区法治社会建设实施方案（2021—2025年）');
      assert.deepEqual([plan.kind, plan.level, plan.region, plan.levelPrefix], ['fazhi-shehui', 'county', '大足区', '区']);
    });
    it('numbers its level-2 items （一）…（二十七） through the whole plan', () => {
      const items = nodesOf(file()).filter((n) => n.rank === 2);
      assert.deepEqual(items.map((n) => n.marker?.number), Array.from({ length: 27 }, (_, i) => i + 1));
      assert.equal(items[26].marker?.text, '（二十七）');
    });
    it('closes （四）…（二十四） with inline notes; 总体要求 and 组织实施 carry none', () => {
      const items = nodesOf(file()).filter((n) => n.rank === 2);
      const noted = items.filter((n) => n.notes.length > 0).map((n) => n.marker!.number);
      assert.deepEqual(noted, Array.from({ length: 21 }, (_, i) => i + 4));
      assert.ok(items.flatMap((n) => n.notes).every((x) => x.notation === 'inline' && x.problem === null));
    });
    it('reads （十四）, which runs over two paragraphs, as one measure closed by its note', () => {
      const n14 = nodesOf(file()).find((n) => n.marker?.number === 14 && n.rank === 2)!;
      assert.deepEqual(n14.textLines.map((l) => l + 1), [41, 43]);
      assert.deepEqual(n14.notes.map((x) => x.units.map((u) => u.name)), [['区司法局'], ['区级其他有关部门']]);
    });
  });

  describe('004 随州市 (three plans in one file)', () => {
    const file = () => seed(SEEDS.suizhou);
    it('holds three plans: the 规划 (1–69), the 法治政府 plan (70–116), the 法治社会 plan (117–149)', () => {
      const plans = file().plans;
      assert.deepEqual(
        plans.map((p) => [p.firstLine + 1, p.lastLine + 1, p.kind, p.level]),
        [
          [1, 69, 'fazhi-guihua', 'city'],
          [70, 116, 'fazhi-zhengfu', 'city'],
          [117, 149, 'fazhi-shehui', 'city'],
        ],
      );
      assert.deepEqual(plans.map((p) => p.title?.text ?? null), [null, '随州市法治政府建设实施方案(2021—2025年)', null]);
    });
    it('numbers each plan on its own', () => {
      const [p1, p2, p3] = [0, 1, 2].map((i) => nodesOf(file(), i));
      assert.deepEqual(p1.filter((n) => n.rank === 2).map((n) => n.marker?.number), Array.from({ length: 36 }, (_, i) => i + 1));
      assert.deepEqual(p2.filter((n) => n.rank === 3).map((n) => n.marker?.number), Array.from({ length: 30 }, (_, i) => i + 1));
      assert.deepEqual(p3.filter((n) => n.rank === 3).map((n) => n.marker?.number), Array.from({ length: 25 }, (_, i) => i + 1));
    });
    it('has no responsibility notes', () => {
      assert.equal(file().plans.flatMap((p) => [...walkNodes(p.nodes)]).flatMap((n) => n.notes).length, 0);
    });
  });
});
