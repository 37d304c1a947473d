import { strict as assert } from 'assert';
import { readdirSync } from 'fs';
import { join } from 'path';
import { parsePlanFile } from '../../server/src/service/model/parse';
import type { Plan, PlanFile, PlanNode, ResponsibilityNote } from '../../server/src/service/model/types';
import { walkNodes } from '../../server/src/service/model/walk';
import { FIXTURES, loadFixture, type Expectation, type Fixture } from '../helpers/fixture';

/** Checks every `#>` expectation of a fixture against the parsed model. */
function checkModelExpectations(fixture: Fixture, file: PlanFile): void {
  const nodes = file.plans.flatMap((p) => [...walkNodes(p.nodes)]);
  const where = (e: Expectation) => `${fixture.name}:${e.fixtureLine}`;
  for (const e of fixture.model) {
    const p = e.props;
    switch (e.head) {
      case 'plan': {
        const plan = file.plans.find((pl) => pl.firstLine === e.line);
        assert.ok(plan, `${where(e)}: no plan starts on line ${e.line + 1}; plans start at ${file.plans.map((x) => x.firstLine + 1)}`);
        checkPlan(plan, p, where(e));
        break;
      }
      case 'preamble':
        assert.ok(file.plans.some((pl) => pl.preamble?.range.start.line === e.line), `${where(e)}: not a preamble`);
        break;
      case 'title-continuation':
        assert.ok(file.plans.some((pl) => pl.title?.range.end.line === e.line), `${where(e)}: not the end of a title`);
        break;
      case 'wrapper':
        assert.ok(!file.plans.some((pl) => e.line >= pl.firstLine && e.line <= pl.lastLine), `${where(e)}: line is inside a plan`);
        assert.ok(file.wrapper.some((w) => e.line >= w.firstLine && e.line <= w.lastLine), `${where(e)}: not in a wrapper range`);
        break;
      case 'body': {
        const owner = nodes.find((n) => n.textLines.includes(e.line));
        assert.ok(owner, `${where(e)}: line is no node's body`);
        assert.notEqual(owner.range.start.line, e.line, `${where(e)}: line starts a node instead of continuing one`);
        break;
      }
      case 'note': {
        const notes = nodes.flatMap((n) => n.notes).filter((n) => n.range.start.line === e.line);
        assert.ok(notes.length > 0, `${where(e)}: no note on this line`);
        checkNote(notes[0], p, where(e));
        break;
      }
      case 'heading':
      case 'measure': {
        const node = nodes.find((n) => n.range.start.line === e.line);
        assert.ok(node, `${where(e)}: no node starts on line ${e.line + 1}`);
        assert.equal(node.kind, e.head, `${where(e)}: kind`);
        checkNode(node, p, where(e));
        break;
      }
      default:
        assert.fail(`${where(e)}: unknown expectation "${e.head}"`);
    }
  }
}

function checkPlan(plan: Plan, p: Record<string, string>, at: string): void {
  if (p.kind) assert.equal(plan.kind, p.kind, `${at}: kind`);
  if (p.level) assert.equal(plan.level, p.level, `${at}: level`);
  if (p.region) assert.equal(plan.region, p.region, `${at}: region`);
  if (p.title) assert.equal(plan.title?.text, p.title, `${at}: title`);
}

const unitNames = (node: PlanNode, role: string) =>
  node.notes.filter((n) => n.role === role).flatMap((n) => n.units.map((u) => u.name)).join(',');

function checkNode(node: PlanNode, p: Record<string, string>, at: string): void {
  const m = node.marker;
  if (p.depth) assert.equal(node.depth, Number(p.depth), `${at}: depth`);
  if (p.rank) assert.equal(node.rank, Number(p.rank), `${at}: rank`);
  if (p.number) assert.equal(m?.number ?? null, p.number === 'null' ? null : Number(p.number), `${at}: number`);
  if (p.marker) assert.equal(m?.text, p.marker, `${at}: marker`);
  if (p.damage) assert.equal(m?.damage, p.damage, `${at}: damage`);
  if (p.title) assert.equal(node.title, p.title, `${at}: title`);
  if (p.unnumbered) assert.equal(m, null, `${at}: should be unnumbered`);
  for (const role of ['lead', 'support', 'responsible']) {
    if (p[role] !== undefined) assert.equal(unitNames(node, role), p[role], `${at}: ${role} units`);
  }
}

function checkNote(note: ResponsibilityNote, p: Record<string, string>, at: string): void {
  if (p.role) assert.equal(note.role, p.role, `${at}: role`);
  if (p.problem) assert.equal(note.problem, p.problem, `${at}: problem`);
  else assert.equal(note.problem, null, `${at}: unexpected problem`);
  if (p.units !== undefined) assert.equal(note.units.map((u) => u.name).join(','), p.units, `${at}: units`);
}

describe('plan model', () => {
  const fixtureNames = readdirSync(join(FIXTURES, 'model')).filter((f) => /\.(txt|md)$/.test(f));

  describe('fixtures with inline expectations', () => {
    for (const name of fixtureNames) {
      it(name, () => {
        const fixture = loadFixture(`model/${name}`);
        assert.ok(fixture.model.length > 0, 'a model fixture must state expectations');
        checkModelExpectations(fixture, parsePlanFile(fixture.text));
      });
    }
  });

  describe('the same fixtures with CRLF line ends and a BOM', () => {
    for (const name of fixtureNames) {
      it(name, () => {
        const fixture = loadFixture(`model/${name}`);
        const crlf = { ...fixture, text: fixture.text.replace(/\n/g, '\r\n') };
        checkModelExpectations(crlf, parsePlanFile(crlf.text));
        const lone = { ...fixture, text: fixture.text.replace(/\n/g, '\r') };
        checkModelExpectations(lone, parsePlanFile(lone.text));
        const bom = { ...fixture, text: `\ufeff${fixture.text}` };
        checkModelExpectations(bom, parsePlanFile(bom.text));
      });
    }
  });

  it('a title on three lines (the name, its years, the draft mark) is one title', () => {
    // the form Word export writes and many published drafts use
    for (const gap of ['\n', '\n\n']) {
      const text = ['长乐县法治社会建设实施方案', '（2021—2025年）', '（征求意见稿）', '', '为推进法治社会建设，根据上级部署，结合本县实际，制定本方案。', '一、总体要求'].join(gap);
      const [plan] = parsePlanFile(text).plans;
      assert.equal(plan.title?.text, '长乐县法治社会建设实施方案（2021—2025年）（征求意见稿）');
      assert.equal(plan.region, '长乐县');
      assert.ok(plan.preamble?.text.startsWith('为推进'));
    }
    // a fourth bracketed line is not taken into the title
    const [plan] = parsePlanFile('长乐县法治社会建设实施方案\n（2021—2025年）\n（征求意见稿）\n（试行）\n一、总体要求').plans;
    assert.equal(plan.title?.text, '长乐县法治社会建设实施方案（2021—2025年）（征求意见稿）');
  });

  it('unit ranges point at the unit names in the text', () => {
    const fixture = loadFixture('model/notes-inline.txt');
    const file = parsePlanFile(fixture.text);
    let seen = 0;
    for (const plan of file.plans) {
      for (const node of walkNodes(plan.nodes)) {
        for (const note of node.notes) {
          const line = file.lines[note.labelRange.start.line];
          assert.equal(line.slice(note.labelRange.start.character, note.labelRange.end.character), note.label);
          for (const unit of note.units) {
            assert.equal(line.slice(unit.range.start.character, unit.range.end.character), unit.name);
            seen++;
          }
        }
      }
    }
    assert.ok(seen >= 10, `expected the fixture's units to be checked, saw ${seen}`);
  });

  it('marker ranges cover the marker text exactly', () => {
    const file = parsePlanFile(loadFixture('model/markers.txt').text);
    for (const node of walkNodes(file.plans[0].nodes)) {
      const m = node.marker!;
      const line = file.lines[m.range.start.line];
      assert.equal(line.slice(m.range.start.character, m.range.end.character), m.text);
    }
  });

  it('never throws and keeps every range inside the text, whatever the input', () => {
    const inputs = [
      '',
      '\n\n\n',
      ')',
      '()',
      '（',
      '一、',
      '牵头单位：',
      '（牵头单位：',
      '1.\n2.\n(1)\n①',
      '\ufeff',
      'a'.repeat(100000),
      '（'.repeat(20000) + '牵头单位：' + '）'.repeat(20000),
      '\u0000\u0001\u0002binary\uFFFD\uD800',
      Array.from({ length: 500 }, (_, i) => `${i + 1}.措施${i}。\n牵头单位：县司法局`).join('\n'),
    ];
    for (const text of inputs) {
      const file = parsePlanFile(text);
      for (const plan of file.plans) {
        for (const node of walkNodes(plan.nodes)) {
          assert.ok(node.range.start.line >= 0 && node.range.end.line < file.lineCount);
          assert.ok(node.range.end.character <= file.lines[node.range.end.line].length);
        }
      }
    }
  });
});

describe('directives', () => {
  it('are read from HTML comments and are blank lines to the structure', () => {
    const fixture = loadFixture('model/directives.md');
    const file = parsePlanFile(fixture.text);
    assert.deepEqual(
      file.directives.map((d) => [d.line, d.name, d.args.join(' ')]),
      [
        [0, 'fangan', 'template fazhi-shehui'],
        [3, 'fangan-disable', 'numbering-gap'],
        [5, 'fangan-enable', ''],
      ],
    );
    // the comment before （一） does not become its body or a measure
    const first = file.plans[0].nodes[0].children[0];
    assert.deepEqual(first.textLines, [4]);
  });
});
