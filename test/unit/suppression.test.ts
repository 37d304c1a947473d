import { strict as assert } from 'assert';
import { readdirSync } from 'fs';
import { join } from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { RULE_BY_CODE } from '../../server/src/service/rules';
import { normalizeSettings } from '../../server/src/service/workspace/settings';
import { isIgnoreAction } from '../../server/src/service/features/codeActions';
import { suppressionOf } from '../../server/src/service/features/suppression';
import { argumentCovers } from '../../server/src/service/model/directives';
import { createLanguageService } from '../../server/src/service/languageService';
import { parsePlanFile } from '../../server/src/service/model/parse';
import { applyEdits } from '../../server/src/service/text/edits';
import { checkFindings, editsOf, messageOf, runText } from '../helpers/findings';
import { FIXTURES, loadFixture, parseFixture, SEEDS, seedText } from '../helpers/fixture';

const CODES = ['numbering-', 'lead-unit-', 'directive-', 'section-', 'subsection-'];
const fixtureNames = readdirSync(join(FIXTURES, 'suppression'));

/** The fixture's text with every suppression directive line left blank (same line numbers). */
const withoutSuppression = (text: string) =>
  text
    .split('\n')
    .map((line) => (/^\s*<!--\s*fangan-(disable|enable)/.test(line) ? '' : line))
    .join('\n');

const identity = (d: Diagnostic) => `${d.range.start.line}:${d.range.start.character} ${String(d.code)} ${messageOf(d)}`;
/** The same, with line numbers inside messages left out (they move when a line is inserted). */
const shape = (d: Diagnostic) => identity(d).replace(/第\d+行/g, '第#行').replace(/line \d+/g, 'line #');

describe('suppression (in-document directives)', () => {
  describe('fixtures with inline expectations (.txt and .md)', () => {
    for (const name of fixtureNames) {
      it(name, () => {
        checkFindings(loadFixture(`suppression/${name}`), CODES);
      });
    }
  });

  it('silences exactly what the directives name: blanking them brings back more findings, and keeps every shown one', () => {
    for (const name of fixtureNames) {
      const fixture = loadFixture(`suppression/${name}`);
      const shown = runText(fixture.text, fixture.options).diagnostics.filter((d) => d.code !== 'directive-invalid');
      const all = runText(withoutSuppression(fixture.text), fixture.options).diagnostics;
      const everything = new Set(all.map(identity));
      for (const d of shown) assert.ok(everything.has(identity(d)), `${name}: ${identity(d)} only appears with the directives`);
      assert.ok(all.length > shown.length, `${name}: ${all.length} findings without directives, ${shown.length} with`);
    }
  });

  it('reads disable / enable / disable-next-line per code, per family and for all codes', () => {
    const file = parsePlanFile(
      [
        'x', // 0
        '<!-- fangan-disable numbering -->', // 1
        'x', // 2
        '<!-- fangan-enable numbering-gap -->', // 3
        'x', // 4
        '<!-- fangan-disable -->', // 5
        'x', // 6
        '<!-- fangan-enable lead-unit -->', // 7
        'x', // 8
        '<!-- fangan-enable -->', // 9
        '<!-- fangan-disable-next-line section-missing -->', // 10
        '<!-- fangan-disable-next-line numbering-style -->', // 11
        '', // 12
        'x', // 13
        'x', // 14
      ].join('\n'),
    );
    const s = suppressionOf(file);
    const off = (code: string, line: number) => s.isSuppressed(code, line);
    assert.equal(off('numbering-gap', 0), false);
    assert.equal(off('numbering-gap', 2), true);
    assert.equal(off('numbering-style', 2), true);
    assert.equal(off('lead-unit-missing', 2), false);
    assert.equal(off('numbering-gap', 4), false, 'enabled again by its code');
    assert.equal(off('numbering-style', 4), true, 'the rest of the family stays off');
    assert.equal(off('lead-unit-missing', 6), true);
    assert.equal(off('lead-unit-missing', 8), false, 'a family enabled inside disable-all');
    assert.equal(off('numbering-gap', 8), true);
    assert.equal(off('section-missing', 13), true, 'next line skips blank lines and stacked directives');
    assert.equal(off('numbering-style', 13), true);
    assert.equal(off('numbering-gap', 13), false);
    assert.equal(off('section-missing', 14), false, 'only the next line');
    assert.equal(suppressionOf(parsePlanFile('一、总体要求\n')).empty, true);
    assert.ok(argumentCovers('lead-unit', 'lead-unit-missing') && !argumentCovers('lead-unit-m', 'lead-unit-missing') && !argumentCovers('section', 'subsection-missing'));
  });

  describe('"ignore this problem here" (忽略此处的此问题)', () => {
    const service = createLanguageService({ language: 'zh-cn' });
    const ignoreOf = (doc: TextDocument, d: Diagnostic, svc = service): CodeAction => {
      const { settings } = svc.readSettings(undefined);
      const actions = svc.getCodeActions(doc, settings, { diagnostics: [d], only: ['quickfix'] });
      const ignore = actions.filter(isIgnoreAction);
      assert.equal(ignore.length, 1, `one ignore action for ${identity(d)}`);
      assert.equal(actions[actions.length - 1], ignore[0], 'listed after the fixes');
      return ignore[0];
    };

    it('is offered for every finding, in both languages, and only inserts one directive line above it, indented like it', () => {
      const text = '清河县法治社会建设实施方案\n一、推动全社会增强法治观念\n（一）维护宪法权威\n　　1.甲。\n　　3.乙。\n';
      const doc = TextDocument.create('file:///ignore.txt', 'fangan', 1, text);
      const d = service.computeDiagnostics(doc, service.readSettings(undefined).settings).find((x) => x.code === 'numbering-gap')!;
      const action = ignoreOf(doc, d);
      assert.equal(action.title, '忽略此处的此问题（numbering-gap）');
      assert.deepEqual(editsOf(action), [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, newText: '　　<!-- fangan-disable-next-line numbering-gap -->\n' }]);
      const en = createLanguageService({ language: 'en' });
      assert.equal(ignoreOf(doc, d, en).title, 'Ignore this problem here (numbering-gap)');
    });

    // Applying it removes that finding (and any other of its code on its line) and changes no other
    // finding: the directive line is blank to the plan.
    const cases: Array<[string, string]> = [
      ...[SEEDS.xiji, SEEDS.suizhou].map((seed): [string, string] => [seed, seedText(seed)]),
      ...['numbering/markdown.md', 'numbering/missing.txt', 'leadUnits/lines.txt', 'leadUnits/inline.txt', 'sections/markdown.md'].map((f): [string, string] => [f, loadFixture(f).text]),
    ];
    for (const [name, text] of cases) {
      it(`removes just that finding: ${name}`, () => {
        const uri = `file:///${name.replace(/\//g, '_')}${name.endsWith('.md') ? '' : '.txt'}`;
        const run = runText(text, {}, service, uri);
        assert.ok(run.diagnostics.length > 0, `${name} has findings`);
        for (const d of run.diagnostics) {
          const fixed = applyEdits(text, editsOf(ignoreOf(run.document, d)));
          const after = runText(fixed, {}, service, `${uri}.ignored`).diagnostics;
          // Lines after the inserted one moved down by one.
          const shifted = run.diagnostics
            .filter((x) => !(x.code === d.code && x.range.start.line === d.range.start.line))
            .map((x) => shape({ ...x, range: { ...x.range, start: { ...x.range.start, line: x.range.start.line + (x.range.start.line >= d.range.start.line ? 1 : 0) } } }));
          assert.deepEqual(after.map(shape).sort(), shifted.sort(), `${name}: ignoring ${identity(d)}`);
        }
      });
    }
  });

  describe('fix-all keeps what is silenced or switched off', () => {
    const text = [
      '清河县法治社会建设实施方案',
      '一、推动全社会增强法治观念',
      '（一）维护宪法权威',
      '1.甲。',
      '2.乙。',
      '<!-- fangan-disable-next-line numbering-gap -->',
      '4.丙。',
      '5.丁。',
      '（二）健全普法责任制',
      '1.戊。',
      '3.己。',
      '4.庚。',
    ].join('\n');
    const fixAll = (source: string, raw?: unknown) => {
      const { service, document, settings } = runText(source, { settings: raw });
      const actions = service.getCodeActions(document, settings, { diagnostics: [], only: ['source.fixAll'] });
      return actions.length === 0 ? source : applyEdits(source, editsOf(actions[0]));
    };

    it('a silenced finding keeps its marker and the run after it; the others are fixed', () => {
      const fixed = fixAll(text).split('\n');
      assert.deepEqual(fixed.slice(6, 8), ['4.丙。', '5.丁。']);
      assert.deepEqual(fixed.slice(9), ['1.戊。', '2.己。', '3.庚。']);
    });

    it('without the directive, both runs are renumbered', () => {
      const fixed = fixAll(withoutSuppression(text)).split('\n');
      assert.deepEqual(fixed.slice(6, 8), ['3.丙。', '4.丁。']);
    });

    it('a rule switched off keeps what it would change (numbering-gap: off, numbering-duplicate on)', () => {
      const fixed = fixAll(withoutSuppression(text), { rules: { 'numbering-gap': 'off' } });
      assert.equal(fixed, withoutSuppression(text));
    });

    it('the "fix all numbering" quick fix next to a finding keeps the silenced run too', () => {
      const { service, document, settings, diagnostics } = runText(text);
      const visible = diagnostics.find((d) => d.code === 'numbering-gap')!;
      assert.equal(visible.range.start.line, 10);
      const all = service
        .getCodeActions(document, settings, { diagnostics: [visible], only: ['quickfix'] })
        .find((a) => a.title === '修复本文件全部编号问题')!;
      const fixed = applyEdits(text, editsOf(all)).split('\n');
      assert.deepEqual(fixed.slice(6, 8), ['4.丙。', '5.丁。']);
      assert.deepEqual(fixed.slice(9), ['1.戊。', '2.己。', '3.庚。']);
    });
  });

  it('applies in the CLI path too (the service), and settings cannot bring a silenced finding back', () => {
    const fixture = parseFixture('x.txt', '清河县法治社会建设实施方案\n一、推动全社会增强法治观念\n（一）维护宪法权威\n1.甲。\n<!-- fangan-disable-next-line numbering-gap -->\n3.乙。\n');
    const errors = { rules: { 'numbering-gap': 'error' } };
    assert.deepEqual(normalizeSettings(errors).problems, []);
    assert.equal(runText(fixture.text, { settings: errors }).diagnostics.filter((d) => d.code === 'numbering-gap').length, 0);
    assert.equal(runText(withoutSuppression(fixture.text), { settings: errors }).diagnostics.filter((d) => d.code === 'numbering-gap').length, 1);
  });

  it('"ignore here" works on a directive-invalid finding that stands on a suppression directive', () => {
    const text = '清河县法治社会建设实施方案\n一、推动全社会增强法治观念\n（一）维护宪法权威\n1.甲。\n<!-- fangan-disable numbering-gpa -->\n3.乙。\n';
    const run = runText(text);
    const invalid = run.diagnostics.find((d) => d.code === 'directive-invalid')!;
    assert.equal(invalid.range.start.line, 4);
    const ignore = run.service.getCodeActions(run.document, run.settings, { diagnostics: [invalid], only: ['quickfix'] }).find(isIgnoreAction)!;
    const after = runText(applyEdits(text, editsOf(ignore))).diagnostics.map((d) => String(d.code));
    assert.ok(!after.includes('directive-invalid'), after.join());
    assert.ok(after.includes('numbering-gap'), 'the line after keeps its other findings');
  });

  it('directive-invalid is a registered rule whose directives still work for the valid codes', () => {
    assert.ok(RULE_BY_CODE.has('directive-invalid'));
    const text = '清河县法治社会建设实施方案\n一、推动全社会增强法治观念\n（一）维护宪法权威\n1.甲。\n<!-- fangan-disable-next-line numbering-gap numbering-gpa -->\n3.乙。\n';
    const codes = runText(text).diagnostics.map((d) => String(d.code));
    assert.deepEqual(codes.filter((c) => c.startsWith('numbering') || c.startsWith('directive')), ['directive-invalid']);
  });
});
