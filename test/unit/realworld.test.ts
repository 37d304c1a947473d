import { strict as assert } from 'assert';
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import type { DocumentSymbol } from 'vscode-languageserver-types';
import type { PlanFile, PlanNode } from '../../server/src/service/model/types';
import { walkNodes } from '../../server/src/service/model/walk';
import { parseFixture, type Expectation, type Fixture } from '../helpers/fixture';
import { checkFindings, runFixture } from '../helpers/findings';
import { assertInside } from '../helpers/invariants';

/**
 * Plans written in the forms real published plans use (test/realworld/FORMS.md and research/):
 * every `#>` line is what the model must read (units by role, deadline, number), every `#!` line
 * an error or warning the lead-unit, numbering and section checks must raise there — and a line
 * without `#!` must raise none of those.
 */

const DIR = join(__dirname, '..', 'realworld', 'fixtures');
const NAMES = readdirSync(DIR).filter((f) => f.endsWith('.txt')).sort();
const FAMILIES = ['lead-unit-', 'numbering-', 'section-', 'subsection-'];

function load(name: string): Fixture {
  return parseFixture(`realworld/${name}`, readFileSync(join(DIR, name), 'utf8'));
}

const unitNames = (node: PlanNode, role: string) =>
  node.notes.filter((n) => n.role === role).flatMap((n) => n.units.map((u) => u.name)).join(',');

function checkNode(node: PlanNode, e: Expectation, at: string): void {
  const p = e.props;
  if (p.number) assert.equal(node.marker?.number ?? null, p.number === 'null' ? null : Number(p.number), `${at}: number`);
  for (const role of ['lead', 'support', 'responsible']) {
    if (p[role] !== undefined) assert.equal(unitNames(node, role), p[role], `${at}: ${role} units`);
  }
  if (p.deadline !== undefined) assert.equal(node.deadline, p.deadline, `${at}: deadline`);
}

function checkModel(fixture: Fixture, file: PlanFile): void {
  const nodes = file.plans.flatMap((p) => [...walkNodes(p.nodes)]);
  for (const e of fixture.model) {
    const at = `${fixture.name}:${e.fixtureLine}`;
    if (e.head === 'body') {
      const owner = nodes.find((n) => n.textLines.includes(e.line));
      assert.ok(owner && owner.range.start.line !== e.line, `${at}: line ${e.line + 1} does not continue a node`);
      continue;
    }
    assert.ok(e.head === 'measure' || e.head === 'heading', `${at}: unknown expectation "${e.head}"`);
    const node = nodes.find((n) => n.range.start.line === e.line);
    assert.ok(node, `${at}: no node starts on line ${e.line + 1}`);
    assert.equal(node.kind, e.head, `${at}: kind`);
    checkNode(node, e, at);
  }
  // A measure with a note and no `#>` deadline says nothing about one: its deadline is null.
  for (const e of fixture.model) {
    if (e.head !== 'measure' || e.props.deadline !== undefined) continue;
    const node = nodes.find((n) => n.range.start.line === e.line)!;
    assert.equal(node.deadline, null, `${fixture.name}:${e.fixtureLine}: deadline should be null`);
  }
}

function symbolsInside(lines: readonly string[], symbols: readonly DocumentSymbol[], at: string): void {
  for (const s of symbols) {
    assertInside(lines, s.range, `${at} symbol ${s.name}`);
    assertInside(lines, s.selectionRange, `${at} symbol ${s.name}`);
    symbolsInside(lines, s.children ?? [], at);
  }
}

describe('real-world plans (test/realworld/fixtures)', () => {
  it('has the fixtures', () => assert.ok(NAMES.length >= 33, `${NAMES.length} fixtures`));

  describe('model: units by role, deadlines, numbers (#>)', () => {
    for (const name of NAMES) {
      it(name, () => {
        const fixture = load(name);
        const run = runFixture(fixture);
        checkModel(fixture, run.service.getModel(run.document));
      });
    }
  });

  describe('findings: exactly the #! lines, errors and warnings of lead-unit, numbering and sections', () => {
    for (const name of NAMES) {
      it(name, () => {
        // information findings (lead-unit-inconsistent, subsection-unstructured) are advice: not compared
        checkFindings(load(name), FAMILIES, undefined, { seriousOnly: true });
      });
    }
  });

  describe('never throws; every answer stays inside the document', () => {
    for (const name of NAMES) {
      it(name, () => {
        const fixture = load(name);
        const run = runFixture(fixture);
        const { service, document, settings } = run;
        const file = service.getModel(document);
        const lines = file.lines;
        for (const plan of file.plans) {
          for (const node of walkNodes(plan.nodes)) {
            assertInside(lines, node.range, `${name} node`);
            assertInside(lines, node.titleRange, `${name} title`);
            for (const note of node.notes) {
              assertInside(lines, note.range, `${name} note`);
              for (const u of note.units) assertInside(lines, u.range, `${name} unit ${u.name}`);
            }
          }
        }
        for (const d of run.diagnostics) assertInside(lines, d.range, `${name} ${String(d.code)}`);
        symbolsInside(lines, service.getDocumentSymbols(document), name);
        for (const f of service.getFoldingRanges(document)) assert.ok(f.startLine <= f.endLine && f.endLine < lines.length, `${name} folding`);
        for (const action of service.getCodeActions(document, settings, { diagnostics: run.diagnostics })) {
          for (const edits of Object.values(action.edit?.changes ?? {})) for (const edit of edits) assertInside(lines, edit.range, `${name} ${action.title}`);
        }
        for (const edit of service.getFixAll(document, settings)) assertInside(lines, edit.range, `${name} fix-all`);
        for (let line = 0; line < lines.length; line += 3) {
          const position = { line, character: Math.min(4, lines[line].length) };
          const hover = service.getHover(document, settings, position);
          if (hover?.range) assertInside(lines, hover.range, `${name} hover`);
          service.getCompletions(document, settings, { line, character: lines[line].length });
        }
        service.getStatus(document, settings, run.diagnostics);
      });
    }
  });
});
