import { strict as assert } from 'assert';
import { isIgnoreAction } from '../../server/src/service/features/codeActions';
import fc from 'fast-check';
import { readdirSync } from 'fs';
import { join } from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { automaticFixEdits } from '../../server/src/service/features/fixes';
import { RULES } from '../../server/src/service/rules';
import { DEFAULT_SETTINGS, normalizeSettings, type FanganSettings } from '../../server/src/service/workspace/settings';
import { createLanguageService } from '../../server/src/service/languageService';
import { parsePlanFile, splitLines } from '../../server/src/service/model/parse';
import { applyEdits } from '../../server/src/service/text/edits';
import { lineSoup, planDocument, wellNumberedPlan } from '../helpers/arbitraryPlan';
import { checkFindings, diagnosticsOf, fixtureSettings, messageOf } from '../helpers/findings';
import { FIXTURES, loadFixture, SEEDS, seedText } from '../helpers/fixture';
import { withoutMarkers } from '../helpers/invariants';

const CODES = ['numbering-gap', 'numbering-duplicate', 'numbering-missing', 'numbering-damaged', 'numbering-style'];
const isNumbering = (d: Diagnostic) => CODES.includes(String(d.code));
const numberingFindings = (text: string, settings: FanganSettings = DEFAULT_SETTINGS) =>
  diagnosticsOf(text, settings).filter(isNumbering);
/** Findings a fix cannot remove: the draft's form cannot be written before that text (`2 （此件…）`). */
const fixable = (d: Diagnostic) => (d.data as { fixable?: boolean } | undefined)?.fixable !== false;


/** The numbering edits of fix-all, as the one fix pass makes them for every plan of the file. */
function numberingFixAll(text: string, settings: FanganSettings = DEFAULT_SETTINGS): TextEdit[] {
  const ctx = { uri: 'file:///x.txt', file: parsePlanFile(text), settings, locale: 'zh' as const, rules: RULES };
  return automaticFixEdits(ctx, (c) => c.finding.code.startsWith('numbering-'));
}

const service = createLanguageService({ language: 'zh-cn' });
let version = 0;
function codeActions(text: string, diagnostics: Diagnostic[], only: string[], settings: FanganSettings = DEFAULT_SETTINGS): CodeAction[] {
  const doc = TextDocument.create('file:///x.txt', 'fangan', ++version, text);
  return service.getCodeActions(doc, settings, { diagnostics, only }).filter((a) => !isIgnoreAction(a));
}
const editsOf = (action: CodeAction) => action.edit?.changes?.['file:///x.txt'] ?? [];

const fixtureNames = readdirSync(join(FIXTURES, 'numbering')).filter((f) => /\.(txt|md)$/.test(f));

describe('numbering', () => {
  describe('fixtures with inline expectations', () => {
    for (const name of fixtureNames) {
      it(name, () => {
        checkFindings(loadFixture(`numbering/${name}`), ['numbering-']);
      });
    }

    it('cover every code, both counting schemes and the counting within parts', () => {
      const fixtures = fixtureNames.map((n) => loadFixture(`numbering/${n}`));
      const expected = new Set(fixtures.flatMap((f) => f.findings.map((e) => e.head)));
      assert.deepEqual([...expected].sort(), [...CODES].sort());
      const messages = fixtures.flatMap((f) => f.findings.map((e) => e.props['msg~'] ?? ''));
      for (const scheme of ['在每个上级标题下从', '在全文连续编排', '级标题下连续编排']) {
        assert.ok(messages.some((m) => m.includes(scheme)), `a fixture expects a message naming the scheme ${scheme}`);
      }
    });

    it('say the same in CRLF files', () => {
      for (const name of fixtureNames) {
        const fixture = loadFixture(`numbering/${name}`);
        checkFindings({ ...fixture, text: fixture.text.replace(/\n/g, '\r\n') }, ['numbering-']);
      }
    });
  });

  describe('fix all', () => {
    for (const name of fixtureNames) {
      it(`${name}: edits markers only and leaves no numbering finding`, () => {
        const fixture = loadFixture(`numbering/${name}`);
        for (const text of [fixture.text, fixture.text.replace(/\n/g, '\r\n')]) {
          const before = numberingFindings(text, fixtureSettings(fixture));
          const fixed = applyEdits(text, numberingFixAll(text, fixtureSettings(fixture)));
          assert.deepEqual(withoutMarkers(fixed), withoutMarkers(text));
          assert.deepEqual(numberingFindings(fixed, fixtureSettings(fixture)).map((d) => `${d.range.start.line + 1} ${messageOf(d)}`), []);
          assert.equal(fixed === text, before.length === 0, 'fix-all changes the text exactly when there are findings');
        }
      });
    }

    it('is offered as source.fixAll.fangan and as "fix all numbering" next to each quick fix', () => {
      const text = loadFixture('numbering/restart.txt').text;
      const diagnostics = numberingFindings(text);
      const source = codeActions(text, diagnostics, ['source.fixAll']);
      assert.equal(source.length, 1);
      assert.equal(source[0].kind, 'source.fixAll.fangan');
      const fixedBySource = applyEdits(text, editsOf(source[0]));
      assert.deepEqual(numberingFindings(fixedBySource), []);

      const quick = codeActions(text, diagnostics.slice(0, 1), ['quickfix']);
      const all = quick.find((a) => a.title === '修复本文件全部编号问题');
      assert.ok(all, `actions: ${quick.map((a) => a.title).join(' | ')}`);
      assert.equal(applyEdits(text, editsOf(all)), applyEdits(text, numberingFixAll(text)));
    });

    it('is listed once when the editor asks for several diagnostics at once', () => {
      const text = seedText(SEEDS.xiji);
      const diagnostics = numberingFindings(text);
      const actions = codeActions(text, diagnostics, ['quickfix']);
      assert.equal(actions.filter((a) => a.title === '修复本文件全部编号问题').length, 1);
      assert.equal(actions.filter((a) => a.isPreferred).length, diagnostics.length);
    });

    it('keeps what switched-off rules would change', () => {
      const text = loadFixture('numbering/forms-mixed.txt').text;
      const styleOff = normalizeSettings({ rules: { 'numbering-style': 'off' } }).settings;
      const fixed = applyEdits(text, numberingFixAll(text, styleOff));
      assert.equal(fixed, text, 'forms-mixed only has style findings');
      const restart = loadFixture('numbering/restart.txt').text;
      const gapsOff = normalizeSettings({ rules: { 'numbering-gap': 'off', 'numbering-duplicate': 'off' } }).settings;
      assert.equal(applyEdits(restart, numberingFixAll(restart, gapsOff)), restart);
    });
  });

  describe('quick fixes', () => {
    for (const name of fixtureNames) {
      it(`${name}: each finding's own fix removes it and edits markers only`, () => {
        const fixture = loadFixture(`numbering/${name}`);
        const settings = fixtureSettings(fixture);
        const diagnostics = numberingFindings(fixture.text, settings);
        for (const d of diagnostics) {
          const actions = codeActions(fixture.text, [d], ['quickfix'], settings);
          const own = actions.find((a) => a.isPreferred);
          assert.ok(own, `a fix for ${messageOf(d)}`);
          const fixed = applyEdits(fixture.text, editsOf(own));
          assert.deepEqual(withoutMarkers(fixed), withoutMarkers(fixture.text));
          const after = numberingFindings(fixed, settings);
          assert.ok(
            !after.some((x) => x.code === d.code && x.range.start.line === d.range.start.line),
            `${own.title} leaves ${after.map(messageOf).join(' / ')}`,
          );
          assert.ok(after.length < diagnostics.length, `${own.title}: ${diagnostics.length} findings before, ${after.length} after`);
        }
      });
    }

    it('renumber the run after a skip, and only the one wrong number after a typo', () => {
      const text = loadFixture('numbering/restart.txt').text;
      const lines = splitLines(text);
      const gap = numberingFindings(text).find((d) => d.range.start.line === 12)!; // 4. after 2.
      const edits = editsOf(codeActions(text, [gap], ['quickfix']).find((a) => a.isPreferred)!);
      assert.deepEqual(
        edits.map((e) => [e.range.start.line + 1, lines[e.range.start.line].slice(e.range.start.character, e.range.end.character), e.newText]),
        [
          [13, '4.', '3.'],
          [15, '5.', '4.'],
        ],
      );
      const typo = numberingFindings(text).find((d) => d.range.start.line === 35)!; // 30. between 2. and 4.
      const typoEdits = editsOf(codeActions(text, [typo], ['quickfix']).find((a) => a.isPreferred)!);
      assert.deepEqual(typoEdits.map((e) => [e.range.start.line + 1, e.newText]), [[36, '3.']]);
    });

    it('give nothing for a stale diagnostic (the text changed since)', () => {
      const text = loadFixture('numbering/restart.txt').text;
      const gap = numberingFindings(text)[0];
      const stale = { ...gap, data: { ...(gap.data as object), expected: '9.' } };
      assert.deepEqual(codeActions(text, [stale], ['quickfix']), []);
    });
  });

  describe('seeds', () => {
    const FACTS_001_DAMAGED: Array<[number, string]> = [
      [34, '(二)'], [38, '(一)'], [62, '(二)'], [92, '(三)'], [118, '(四)'], [148, '(二)'], [162, '(三)'], [188, '(四)'],
      [204, '(一)'], [224, '(二)'], [244, '(三)'], [280, '(四)'], [302, '(五)'], [324, '(一)'], [330, '(二)'], [374, '(三)'],
      [416, '(四)'], [448, '(五)'], [470, '(一)'], [478, '(二)'], [510, '(三)'], [526, '(一)'], [530, '(三)'],
    ];

    it('001: finds all 23 damaged markers with the marker each should be, and the two lost 3.', () => {
      const findings = numberingFindings(seedText(SEEDS.xiji));
      const got = (code: string) =>
        findings.filter((d) => d.code === code).map((d) => [d.range.start.line + 1, (d.data as { expected: string }).expected]);
      assert.deepEqual(got('numbering-damaged'), FACTS_001_DAMAGED);
      assert.deepEqual(got('numbering-missing'), [
        [52, '3.'],
        [256, '3.'],
      ]);
      assert.equal(findings.length, 25, findings.map(messageOf).join('\n'));
      // the single unnumbered measures of their heading are not lost numbers
      for (const line of [142, 472, 324]) assert.ok(!findings.some((d) => d.code === 'numbering-missing' && d.range.start.line + 1 === line));
      const l34 = findings.find((d) => d.range.start.line + 1 === 34)!;
      assert.equal(messageOf(l34), '编号残缺，只剩“)”，应为“(二)”（“一、总体要求”下的第2项）');
    });

    it('001: fix-all restores every marker and leaves no numbering finding', () => {
      const text = seedText(SEEDS.xiji);
      const fixed = applyEdits(text, numberingFixAll(text));
      assert.deepEqual(numberingFindings(fixed), []);
      assert.deepEqual(withoutMarkers(fixed), withoutMarkers(text));
      const lines = splitLines(fixed);
      for (const [line, marker] of FACTS_001_DAMAGED) assert.ok(lines[line - 1].trimStart().startsWith(marker), `line ${line}: ${lines[line - 1].slice(0, 20)}`);
      assert.ok(lines[51].startsWith('3.持续开展中小学生'));
      assert.ok(lines[255].startsWith('3.加强对非法取证行为'));
      assert.ok(lines[29].startsWith('一、总体要求'));
    });

    for (const [name, seed] of [
      ['000 (measures 1.–28. through the plan)', SEEDS.chengdu],
      ['002 (topics 1–26 and measures (1)–(94) through the plan)', SEEDS.guizhou],
      ['003 (（一）…（二十七） through the plan)', SEEDS.dazu],
      ['004 (three plans, each numbered on its own)', SEEDS.suizhou],
    ] as const) {
      it(`${name}: no numbering finding`, () => {
        assert.deepEqual(numberingFindings(seedText(seed)).map((d) => `${d.range.start.line + 1} ${messageOf(d)}`), []);
      });
    }
  });

  describe('properties', () => {
    it('a well-numbered plan, in any form and counting scheme, has no numbering finding', () => {
      fc.assert(
        fc.property(wellNumberedPlan, (doc) => {
          assert.deepEqual(numberingFindings(doc).map(messageOf), []);
        }),
        { numRuns: 300 },
      );
    });

    it('fix-all edits markers only, and leaves no numbering finding it could fix', () => {
      fc.assert(
        fc.property(fc.oneof({ weight: 3, arbitrary: planDocument }, { weight: 1, arbitrary: lineSoup }), (doc) => {
          const before = numberingFindings(doc);
          const fixed = applyEdits(doc, numberingFixAll(doc));
          assert.deepEqual(withoutMarkers(fixed), withoutMarkers(doc));
          const after = numberingFindings(fixed);
          assert.deepEqual(after.filter(fixable).map(messageOf), []);
          // what is left is what was already unfixable, and fixing again changes nothing
          assert.ok(after.length <= before.filter((d) => !fixable(d)).length);
          assert.deepEqual(numberingFixAll(fixed), []);
        }),
        { numRuns: 400 },
      );
    });

    it('each quick fix removes its finding and edits markers only', () => {
      fc.assert(
        fc.property(planDocument, fc.nat(), (doc, pick) => {
          const findings = numberingFindings(doc).filter(fixable);
          fc.pre(findings.length > 0);
          const d = findings[pick % findings.length];
          const own = codeActions(doc, [d], ['quickfix']).find((a) => a.isPreferred);
          assert.ok(own, `a fix for ${messageOf(d)}`);
          const fixed = applyEdits(doc, editsOf(own));
          assert.deepEqual(withoutMarkers(fixed), withoutMarkers(doc));
          assert.ok(!numberingFindings(fixed).some((x) => x.code === d.code && x.range.start.line === d.range.start.line));
        }),
        { numRuns: 200 },
      );
    });
  });

  it('never throws on odd input', () => {
    const inputs = [
      '',
      ')',
      '()\n)\n三)',
      '一、\n一、\n一、',
      '0.零\n1.一\n1000.千',
      '（一百二十三）\n（九百九十九）',
      '㊿\n①\n⑳',
      Array.from({ length: 300 }, (_, i) => `${i + 1}.措施${i}。\n牵头单位：县司法局`).join('\n'),
      '\ufeff一、总体要求\r\n（一）\r\n)\r\n',
    ];
    for (const text of inputs) {
      const diagnostics = numberingFindings(text);
      const lines = text.split(/\r\n|\r|\n/);
      for (const d of diagnostics) assert.ok(d.range.start.line < lines.length && d.range.end.character <= lines[d.range.end.line].length, JSON.stringify(d.range));
      // fix-all changes markers only, and a second fix-all has nothing left to do
      const fixed = applyEdits(text, numberingFixAll(text));
      assert.deepEqual(withoutMarkers(fixed), withoutMarkers(text), JSON.stringify(text.slice(0, 40)));
      assert.deepEqual(numberingFixAll(fixed), [], `fix-all again on ${JSON.stringify(fixed.slice(0, 40))}`);
      for (const d of diagnostics) {
        for (const action of codeActions(text, [d], ['quickfix']).filter((a) => !isIgnoreAction(a))) {
          assert.deepEqual(withoutMarkers(applyEdits(text, editsOf(action))), withoutMarkers(text), action.title);
        }
      }
    }
    // the plain cases read as one expects
    assert.equal(applyEdits('一、\n一、\n一、', numberingFixAll('一、\n一、\n一、')), '一、\n二、\n三、');
    assert.equal(numberingFindings('（一百二十三）\n（九百九十九）').length, 0, 'a list may start anywhere past a cut; one gap of a continued list is not a finding');
    assert.equal(applyEdits('㊿\n①\n⑳', numberingFixAll('㊿\n①\n⑳')), '①\n②\n③');
  });
});
