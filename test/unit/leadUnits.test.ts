import { strict as assert } from 'assert';
import { isIgnoreAction } from '../../server/src/service/features/codeActions';
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { RULES } from '../../server/src/service/rules';
import type { Finding, RuleContext } from '../../server/src/service/rules/types';
import { DEFAULT_SETTINGS, LEAD_UNITS_CHECK_MODES, normalizeSettings } from '../../server/src/service/workspace/settings';
import { createLanguageService } from '../../server/src/service/languageService';
import { parsePlanFile } from '../../server/src/service/model/parse';
import type { PlanFile, PlanNode } from '../../server/src/service/model/types';
import { measuresOf, walkNodes } from '../../server/src/service/model/walk';
import { BUILTIN_UNITS, type UnitsEnvironment } from '../../server/src/service/workspace/units/environment';
import { BUILTIN_REGISTRY, scopeOf } from '../../server/src/service/workspace/units/registry';
import { bigrams, measureText, similarity } from '../../server/src/service/workspace/units/suggest';
import { FIXTURES, loadFixture, parseFixture, SEEDS, seedText } from '../helpers/fixture';
import { applyAction, checkFindings, editsOf, messageOf, quickFixesFor, runFixture, type Checked } from '../helpers/findings';

const isLeadUnitCode = (code: string) => code.startsWith('lead-unit-');
const CODES = {
  missing: 'lead-unit-missing',
  empty: 'lead-unit-empty',
  malformed: 'lead-unit-malformed',
  unknown: 'lead-unit-unknown',
  collective: 'lead-unit-collective',
  level: 'lead-unit-level',
  inconsistent: 'lead-unit-inconsistent',
} as const;
/** The lead-unit rules alone over one plan. */
function runLeadUnitRules(ctx: RuleContext, report: (finding: Finding) => void): void {
  for (const rule of RULES) if (isLeadUnitCode(rule.meta.code)) rule.check(ctx, report);
}
const fixtureNames = readdirSync(join(FIXTURES, 'leadUnits')).filter((f) => f.endsWith('.txt'));

function check(text: string, settings: unknown = undefined): Checked {
  return runFixture(parseFixture('inline-text', `${settings ? `#% ${JSON.stringify({ settings })}\n` : ''}${text}`));
}

const leadFindings = (c: Checked) => c.diagnostics.filter((d) => isLeadUnitCode(String(d.code)));
const at = (d: Diagnostic) => `${d.range.start.line + 1}:${d.range.start.character}`;

/** The notes' unit ranges of a text: the only text a fix may replace. */
function unitRanges(file: PlanFile): Set<string> {
  const out = new Set<string>();
  for (const plan of file.plans) {
    for (const note of [...plan.strandedNotes, ...[...walkNodes(plan.nodes)].flatMap((n) => n.notes)]) {
      for (const u of note.units) out.add(`${u.range.start.line}:${u.range.start.character}-${u.range.end.character}`);
    }
  }
  return out;
}

/**
 * Applies every quick fix of every lead-unit finding and re-checks: the finding is gone, no new
 * error appears, and the fix only inserted text or replaced a unit name.
 */
function fixAndRecheck(checked: Checked, name: string): number {
  let applied = 0;
  const units = unitRanges(checked.service.getModel(checked.document));
  for (const d of leadFindings(checked)) {
    for (const action of quickFixesFor(checked, d)) {
      for (const e of editsOf(action, checked.document.uri)) {
        const empty = e.range.start.line === e.range.end.line && e.range.start.character === e.range.end.character;
        const key = `${e.range.start.line}:${e.range.start.character}-${e.range.end.character}`;
        assert.ok(empty || units.has(key), `${name} ${at(d)} ${d.code}: "${action.title}" rewrites text that is not a unit name`);
      }
      const fixed = applyAction(checked, action);
      const again = runFixture(parseFixture(name, fixed));
      const same = leadFindings(again).filter((x) => x.code === d.code && x.range.start.line === d.range.start.line && x.range.start.character === d.range.start.character);
      assert.deepEqual(same.map((x) => x.message), [], `${name} ${at(d)} ${d.code}: still reported after "${action.title}"`);
      const errorsBefore = leadFindings(checked).filter((x) => x.severity === 1).length;
      const errorsAfter = leadFindings(again).filter((x) => x.severity === 1).length;
      assert.ok(errorsAfter < errorsBefore || d.severity !== 1, `${name} ${at(d)}: "${action.title}" did not remove an error`);
      assert.ok(errorsAfter <= errorsBefore, `${name} ${at(d)}: "${action.title}" added an error`);
      applied++;
    }
  }
  return applied;
}

describe('lead units (牵头单位)', () => {
  describe('fixtures with inline expectations', () => {
    for (const name of fixtureNames) {
      it(name, () => {
        const fixture = loadFixture(`leadUnits/${name}`);
        checkFindings(fixture, ['lead-unit-']);
      });
    }
  });

  describe('every quick fix of every fixture, re-checked', () => {
    for (const name of fixtureNames) {
      it(name, () => {
        const fixture = loadFixture(`leadUnits/${name}`);
        const applied = fixAndRecheck(runFixture(fixture), name);
        if (fixture.findings.length > 0 && name !== 'never.txt') assert.ok(applied > 0, 'no fix was applied');
      });
    }
  });

  it('covers every code in each of the three notations', () => {
    const codes = (name: string) => new Set(loadFixture(`leadUnits/${name}`).findings.map((f) => f.head));
    for (const name of ['lines.txt', 'responsible.txt', 'inline.txt']) {
      assert.deepEqual([...codes(name)].sort(), Object.values(CODES).sort(), name);
    }
  });

  it('fix-all fixes colons, brackets, truncated names and spellings, and nothing that needs a choice', () => {
    for (const name of ['lines.txt', 'inline.txt']) {
      const checked = runFixture(loadFixture(`leadUnits/${name}`));
      const actions = checked.service.getCodeActions(checked.document, checked.settings, { diagnostics: [], only: ['source.fixAll'] });
      assert.equal(actions.length, 1, name);
      const again = runFixture(parseFixture(name, applyAction(checked, actions[0])));
      const remaining = new Set(leadFindings(again).map((d) => String(d.code)));
      assert.ok(!remaining.has(CODES.inconsistent), `${name}: inconsistent names left`);
      assert.ok(remaining.has(CODES.missing), `${name}: fix-all must not pick a lead unit`);
      const malformed = leadFindings(again).filter((d) => d.code === CODES.malformed).map(messageOf);
      assert.ok(malformed.every((m) => !m.includes('冒号') && !m.includes('右括号')), `${name}: ${malformed}`);
    }
  });

  describe('when it applies', () => {
    const noNotes = '清河县法治社会建设实施方案\n一、推动全社会增强法治观念\n（一）维护宪法权威\n1.深入开展宪法宣传教育。\n2.加强青少年法治教育。\n';
    it('is silent on a plan without notes in auto, and reports every task measure in always', () => {
      assert.deepEqual(leadFindings(check(noNotes)), []);
      assert.deepEqual(leadFindings(check(noNotes, { leadUnits: { check: 'always' } })).map((d) => [d.code, d.range.start.line]), [
        [CODES.missing, 3],
        [CODES.missing, 4],
      ]);
    });
    it('runs in auto as soon as one note is written', () => {
      const one = noNotes.replace('教育。\n2', '教育。\n牵头单位：县委宣传部\n2');
      assert.deepEqual(leadFindings(check(one)).map((d) => [d.code, d.range.start.line]), [[CODES.missing, 5]]);
    });
    it('reads fangan.leadUnits.check and reports a bad value', () => {
      assert.equal(normalizeSettings({ leadUnits: { check: 'never' } }).settings.leadUnits.check, 'never');
      assert.equal(normalizeSettings(undefined).settings.leadUnits.check, 'auto');
      const bad = normalizeSettings({ leadUnits: { check: 'sometimes' } });
      assert.equal(bad.settings.leadUnits.check, 'auto');
      assert.equal(bad.problems[0].setting, 'fangan.leadUnits.check');
      assert.match(bad.problems[0].message.zh, /sometimes/);
      assert.equal(normalizeSettings({ leadUnits: 'always' }).problems[0].setting, 'fangan.leadUnits');
      // The setting VS Code shows is the one the service reads.
      const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
      const declared = manifest.contributes.configuration.properties['fangan.leadUnits.check'];
      assert.deepEqual(declared.enum, [...LEAD_UNITS_CHECK_MODES]);
      assert.equal(declared.default, DEFAULT_SETTINGS.leadUnits.check);
    });
    it('exempts 组织保障 only while the plan notes none of it', () => {
      const text = [
        '清河县法治社会建设实施方案',
        '一、推动全社会增强法治观念',
        '1.深入开展宪法宣传教育。',
        '牵头单位：县委宣传部',
        '二、加强组织保障',
        '1.加强组织领导。各级党组织要把法治社会建设摆在重要位置。',
        '2.强化督促落实。每年对本方案落实情况开展督促检查。',
      ].join('\n');
      assert.deepEqual(leadFindings(check(text)), []);
      const noted = text.replace('摆在重要位置。', '摆在重要位置。\n牵头单位：县委组织部');
      assert.deepEqual(leadFindings(check(noted)).map((d) => [d.code, d.range.start.line]), [[CODES.missing, 7]]);
    });
    it('asks the template seam, when one is given, which sections carry notes', () => {
      const file = parsePlanFile('清河县法治社会建设实施方案\n一、主要任务\n1.深入开展宪法宣传教育。\n牵头单位：县委宣传部\n2.加强青少年法治教育。\n');
      const run = (units: UnitsEnvironment) => {
        const found: string[] = [];
        const ctx: RuleContext = { uri: 'file:///t.txt', file, plan: file.plans[0], settings: DEFAULT_SETTINGS, locale: 'zh', units };
        runLeadUnitRules(ctx, (f) => found.push(f.code));
        return found;
      };
      assert.deepEqual(run(BUILTIN_UNITS), [CODES.missing]);
      assert.deepEqual(run({ ...BUILTIN_UNITS, noteRequirement: () => 'never' }), []);
      assert.deepEqual(run({ ...BUILTIN_UNITS, noteRequirement: () => 'optional' }), [CODES.missing]);
    });
  });

  describe('seeds', () => {
    const seedCheck = (name: string, settings?: unknown) => check(seedText(name), settings);

    it('001: the colon-less 牵头单位县委政法委 (458) and every truncated 委宣传部 are found', () => {
      const found = leadFindings(seedCheck(SEEDS.xiji));
      const malformed = found.filter((d) => d.code === CODES.malformed);
      assert.deepEqual(malformed.map((d) => d.range.start.line + 1), [458]);
      assert.match(messageOf(malformed[0]), /牵头单位:县委政法委/);
      const unknown = found.filter((d) => d.code === CODES.unknown);
      assert.deepEqual(unknown.map((d) => d.range.start.line + 1), [42, 58, 66, 114, 122, 128]);
      assert.ok(unknown.every((d) => messageOf(d).includes('“委宣传部”') && messageOf(d).includes('县委宣传部')));
      assert.deepEqual(found.filter((d) => d.code === CODES.missing), [], '001 gives every measure outside 总体要求/组织保障 a lead');
      assert.deepEqual(found.filter((d) => d.code === CODES.collective).map((d) => d.range.start.line + 1), [378]);
      assert.deepEqual(found.filter((d) => d.code === CODES.level || d.code === CODES.empty), []);
    });

    it('001: 司法局 written bare beside 县司法局 is reported as one unit written two ways, lists that carry 县 are not', () => {
      const checked = seedCheck(SEEDS.xiji);
      const inconsistent = leadFindings(checked).filter((d) => d.code === CODES.inconsistent);
      const lines = checked.document.getText().split('\n');
      const written = inconsistent.map((d) => lines[d.range.start.line].slice(d.range.start.character, d.range.end.character));
      assert.ok(written.includes('司法局'));
      // 72: 牵头单位:法院、县委政法委、司法局 — 司法局 reads as 县司法局 after 县委政法委
      assert.ok(!inconsistent.some((d) => d.range.start.line + 1 === 72 && written[inconsistent.indexOf(d)] === '司法局'));
      assert.ok(inconsistent.every((d) => d.severity === 3), 'information');
    });

    for (const [label, name] of [
      ['002', SEEDS.guizhou],
      ['003', SEEDS.dazu],
    ] as const) {
      it(`${label}: no lead-unit finding at all`, () => {
        assert.deepEqual(leadFindings(seedCheck(name)).map((d) => `${at(d)} ${d.code} ${d.message}`), []);
      });
    }

    for (const [label, name] of [
      ['000', SEEDS.chengdu],
      ['004', SEEDS.suizhou],
    ] as const) {
      it(`${label}: no notes, so nothing in auto; in always, task measures only`, () => {
        assert.deepEqual(leadFindings(seedCheck(name)), []);
        const always = leadFindings(seedCheck(name, { leadUnits: { check: 'always' } }));
        assert.ok(always.length > 20);
        assert.ok(always.every((d) => d.code === CODES.missing));
        const file = parsePlanFile(seedText(name));
        const reported = new Set(always.map((d) => d.range.start.line));
        for (const plan of file.plans) {
          for (const node of walkNodes(plan.nodes)) {
            const ownTitle = /^(指导思想|总体目标|主要原则|指導思想|總體目標|主要原則)/.test(node.title);
            if (ownTitle || /组织保障|組織保障|总体要求|總體要求/.test(node.parent?.title ?? '')) {
              assert.ok(!reported.has(node.range.start.line), `${label}: ${node.title} is exempt`);
            }
          }
        }
      });
    }

    it('000 (Traditional) with always exempts 總體要求 and 加強組織保障', () => {
      const always = leadFindings(seedCheck(SEEDS.chengdu, { leadUnits: { check: 'always' } }));
      assert.deepEqual(always.map((d) => d.range.start.line + 1), [25, 26, 27, 28, 29, 30, 33, 34, 35, 36, 39, 40, 41, 42, 43, 46, 47, 48, 49, 50, 51, 52, 55, 56, 57]);
    });
  });

  describe('removing a lead from a seed measure yields lead-unit-missing on that measure', () => {
    const leadOf = (n: PlanNode) => n.notes.filter((x) => x.role !== 'support');

    it('002: every one of the 94 measures, line notes 牵头单位 / 责任单位 removed', () => {
      const text = seedText(SEEDS.guizhou);
      const lines = text.split('\n');
      const measures = measuresOf(parsePlanFile(text).plans[0]).filter((n) => leadOf(n).length > 0);
      assert.equal(measures.length, 94);
      for (const m of measures) {
        const drop = new Set(leadOf(m).map((x) => x.range.start.line));
        const edited = lines.filter((_, i) => !drop.has(i)).join('\n');
        const missing = leadFindings(check(edited)).filter((d) => d.code === CODES.missing);
        assert.deepEqual(missing.map((d) => d.range.start.line), [m.range.start.line], `(${m.marker?.number})`);
      }
    });

    it('003: every noted measure, inline 牵头单位 (or the whole 责任单位 note) removed', () => {
      const text = seedText(SEEDS.dazu);
      const file = parsePlanFile(text);
      const measures = measuresOf(file.plans[0]).filter((n) => leadOf(n).length > 0);
      assert.equal(measures.length, 21);
      for (const m of measures) {
        const lead = leadOf(m)[0];
        const line = file.lines[lead.range.start.line];
        const support = m.notes.find((x) => x.role === 'support' && x.range.start.line === lead.range.start.line);
        // （牵头单位：A；参加单位：B） → （参加单位：B）;  （责任单位：A） → nothing
        const edited = support
          ? line.slice(0, lead.labelRange.start.character) + line.slice(support.labelRange.start.character)
          : line.slice(0, lead.range.start.character) + line.slice(lead.range.end.character);
        const lines = [...file.lines];
        lines[lead.range.start.line] = edited;
        const missing = leadFindings(check(lines.join('\n'))).filter((d) => d.code === CODES.missing);
        assert.deepEqual(missing.map((d) => d.range.start.line), [m.range.start.line], `（${m.marker?.number}）: ${edited.slice(-60)}`);
      }
    });
  });

  describe('suggestions for a county-level copy of seed 002', () => {
    const countyScope = { level: 'county' as const, prefix: '县', region: '普定县' };
    /** Seed 002 rewritten as a county plan: title and every unit adapted (省司法厅 → 县司法局). */
    function countyCopy(): string {
      const text = seedText(SEEDS.guizhou).replace(/^贵州省法治社会建设实施方案$/m, '普定县法治社会建设实施方案');
      const file = parsePlanFile(text);
      const lines = [...file.lines];
      const units = file.plans[0].nodes.flatMap((n) => [...walkNodes([n])]).flatMap((n) => n.notes).flatMap((x) => x.units);
      for (const u of [...units].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character)) {
        const adapted = BUILTIN_REGISTRY.adapt(u.name, countyScope);
        if (!adapted) continue;
        const l = lines[u.range.start.line];
        lines[u.range.start.line] = l.slice(0, u.range.start.character) + adapted + l.slice(u.range.end.character);
      }
      return lines.join('\n');
    }
    const isCountyUnit = (name: string) => {
      const id = BUILTIN_REGISTRY.identify(name, countyScope);
      return (id.status === 'known' || id.status === 'plausible') && id.level === 'county';
    };

    it('the copy is a clean county plan', () => {
      const checked = check(countyCopy());
      const plan = checked.service.getModel(checked.document).plans[0];
      assert.deepEqual([plan.level, plan.levelPrefix], ['county', '县']);
      assert.deepEqual(leadFindings(checked).filter((d) => d.code !== CODES.level && d.code !== CODES.unknown).map((d) => d.message), []);
    });

    it('for every measure whose lead is removed, the top quick fix names a county unit', () => {
      const text = countyCopy();
      const lines = text.split('\n');
      const measures = measuresOf(parsePlanFile(text).plans[0]).filter((n) => n.notes.some((x) => x.role !== 'support'));
      let agree = 0;
      for (const m of measures) {
        const drop = new Set(m.notes.filter((x) => x.role !== 'support').map((x) => x.range.start.line));
        const original = m.notes.filter((x) => x.role !== 'support').flatMap((x) => x.units.map((u) => u.name));
        const checked = check(lines.filter((_, i) => !drop.has(i)).join('\n'));
        const missing = leadFindings(checked).find((d) => d.code === CODES.missing && d.range.start.line === m.range.start.line)!;
        assert.ok(missing, `(${m.marker?.number})`);
        const fixes = quickFixesFor(checked, missing);
        assert.equal(fixes.length, 3, `(${m.marker?.number}): ${fixes.map((f) => f.title)}`);
        const top = /“(.+)”/.exec(fixes[0].title)![1];
        assert.ok(isCountyUnit(top), `(${m.marker?.number}): top suggestion ${top} is not a county unit`);
        assert.ok(!top.startsWith('省'), top);
        if (original.includes(top)) agree++;
      }
      // Without the corpus the plan's own similar measures decide; they should often agree with the original.
      assert.ok(agree >= measures.length * 0.4, `top suggestion was an original lead for ${agree}/${measures.length}`);
    });

    it('through the corpus seam, province leads of similar measures are adapted to the county', () => {
      // A corpus of one plan (seed 002 as published): leads of its measures most similar to a text.
      const province = parsePlanFile(seedText(SEEDS.guizhou));
      const corpus = measuresOf(province.plans[0]).map((m) => ({
        grams: bigrams(measureText(province, m)),
        leads: m.notes.filter((x) => x.role !== 'support').flatMap((x) => x.units.map((u) => u.name)),
      }));
      const similarMeasureLeads = (text: string) => {
        const g = bigrams(text);
        return corpus
          .map((c) => ({ c, s: similarity(g, c.grams) }))
          .sort((a, b) => b.s - a.s)
          .slice(0, 3)
          .map((x) => x.c.leads);
      };
      const env: UnitsEnvironment = { ...BUILTIN_UNITS, similarMeasureLeads };
      // A county draft that copied the measures and wrote no notes at all.
      const draft = countyCopy()
        .split('\n')
        .filter((l) => !/^(牵头单位|参加单位|责任单位)/.test(l))
        .join('\n');
      const file = parsePlanFile(draft);
      const plan = file.plans[0];
      const settings = normalizeSettings({ leadUnits: { check: 'always' } }).settings;
      const ctx: RuleContext = { uri: 'file:///county.txt', file, plan, settings, locale: 'zh', units: env };
      const findings: Finding[] = [];
      runLeadUnitRules(ctx, (f) => findings.push(f));
      const missing = findings.filter((d) => d.code === CODES.missing);
      assert.ok(missing.length >= 84, `${missing.length}`);
      let adaptedOriginal = 0;
      for (const d of missing) {
        const fixes = d.fixes!();
        const top = /“(.+)”/.exec(fixes[0].title.zh)![1];
        assert.ok(isCountyUnit(top), `${top}`);
        const node = measuresOf(plan).find((m) => m.range.start.line === d.range.start.line)!;
        const firstLead = similarMeasureLeads(measureText(file, node))[0]?.map((n) => BUILTIN_REGISTRY.adapt(n, scopeOf(plan)));
        if (firstLead?.includes(top)) adaptedOriginal++;
      }
      assert.ok(adaptedOriginal >= missing.length * 0.9, `${adaptedOriginal}/${missing.length}`);
    });
  });

  it('reads a Traditional plan and fixes it in its own characters', () => {
    const text = [
      '清河縣法治社會建設實施方案',
      '一、推動全社會增強法治觀念',
      '1.深入開展憲法學習宣傳教育。',
      '牽頭單位：縣司法局、縣委宣傳部',
      '2.加強青少年法治教育。',
      '牽頭單位：司法局',
      '3.健全普法責任制。',
      '牽頭單位：縣司法局',
      '4.建設社會主義法治文化。',
      '牽頭單位：委宣傳部',
      '5.推進社會誠信建設。',
      '配合單位：各鄉鎮',
    ].join('\n');
    const checked = check(text);
    const found = leadFindings(checked);
    assert.deepEqual(found.map((d) => [d.code, d.range.start.line]), [
      [CODES.inconsistent, 5],
      [CODES.unknown, 9],
      [CODES.missing, 10],
    ]);
    assert.match(messageOf(found[1]), /縣委宣傳部/);
    assert.match(messageOf(found[0]), /縣司法局/);
    const unify = quickFixesFor(checked, found[0])[0];
    assert.equal(editsOf(unify, checked.document.uri)[0].newText, '縣司法局');
    assert.equal(editsOf(quickFixesFor(checked, found[1])[0], checked.document.uri)[0].newText, '縣委宣傳部');
  });

  it('never throws on odd notes', () => {
    const inputs = ['牵头单位：', '（牵头单位：', '一、\n牵头单位县', '清河县方案\n一、任务\n1.措施。（牵头单位：（（（', '1.措施\n责任单位:、、、', '牵头单位：各部门(单位)(', ''];
    const service = createLanguageService({ language: 'zh-cn' });
    const { settings } = service.readSettings({ leadUnits: { check: 'always' } });
    for (const text of inputs) {
      const doc = TextDocument.create(`file:///odd-${inputs.indexOf(text)}.txt`, 'fangan', 1, text);
      const diagnostics = service.computeDiagnostics(doc, settings);
      for (const d of diagnostics) service.getCodeActions(doc, settings, { diagnostics: [d] });
      service.getCodeActions(doc, settings, { diagnostics: [], only: ['source.fixAll'] });
      // A stale diagnostic whose data no longer fits the text gets no fix, not an exception.
      const stale = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } }, code: CODES.unknown, source: 'fangan', message: '', data: { kind: 'replace', name: 'x', replacement: 'y' } };
      assert.deepEqual(service.getCodeActions(doc, settings, { diagnostics: [stale] }).filter((a) => !isIgnoreAction(a)), []);
      text.split('\n').forEach((line, l) => {
        for (let c = 0; c <= line.length; c++) {
          service.getCompletions(doc, settings, { line: l, character: c });
          service.getHover(doc, settings, { line: l, character: c });
        }
      });
    }
  });
});
