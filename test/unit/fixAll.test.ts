import { strict as assert } from 'assert';
import { readdirSync } from 'fs';
import { join } from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { RULE_BY_CODE, RULES } from '../../server/src/service/rules';
import { createLanguageService } from '../../server/src/service/languageService';
import { splitLines } from '../../server/src/service/model/parse';
import { applyEdits } from '../../server/src/service/text/edits';
import { editsOf } from '../helpers/findings';
import { FIXTURES, loadFixture, SEEDS, seedText } from '../helpers/fixture';

/**
 * Fix-all (`source.fixAll.fangan`, the command 方案：修复全部可自动修复的问题, on save): every
 * rule marked `inFixAll` contributes, all fixes applied together re-check clean for what fix-all
 * fixes, and no fix-all edit touches more than a marker or a unit name.
 */

const FIX_ALL_RULES = RULES.filter((r) => r.meta.inFixAll).map((r) => r.meta.code);

interface Case {
  readonly name: string;
  readonly text: string;
  readonly options: Record<string, unknown>;
}

const fixtureCases: Case[] = readdirSync(FIXTURES)
  .flatMap((dir) => readdirSync(join(FIXTURES, dir)).map((f) => `${dir}/${f}`))
  .filter((f) => /\.(txt|md)$/.test(f))
  .map((f) => {
    const fixture = loadFixture(f);
    return { name: f, text: fixture.text, options: fixture.options };
  });
const seedCases: Case[] = Object.values(SEEDS).map((s) => ({ name: s, text: seedText(s), options: {} }));

function run(c: Case, text = c.text, language = 'zh-cn') {
  const service = createLanguageService({ language });
  if (c.options.units !== undefined) service.useUnitRegistry([{ path: '.fangan/units.json', text: JSON.stringify(c.options.units) }]);
  const { settings } = service.readSettings(c.options.settings);
  const document = TextDocument.create(`file:///${c.name}${c.name.endsWith('.md') ? '' : '.txt'}`, c.name.endsWith('.md') ? 'markdown' : 'plaintext', 1, text);
  return { service, document, settings, diagnostics: service.computeDiagnostics(document, settings) };
}

const count = (ds: readonly Diagnostic[], code: string) => ds.filter((d) => d.code === code).length;

/** The text an edit replaces. */
function replaced(text: string, edit: TextEdit): string {
  const lines = splitLines(text);
  if (edit.range.start.line !== edit.range.end.line) return '\n';
  return (lines[edit.range.start.line] ?? '').slice(edit.range.start.character, edit.range.end.character);
}

describe('fix all (every fixable rule, all fixes together)', () => {
  it('the rules in fix-all are the fixable ones whose fixes need no choice', () => {
    assert.deepEqual(FIX_ALL_RULES.sort(), [
      'lead-unit-inconsistent',
      'lead-unit-malformed',
      'lead-unit-unknown',
      'numbering-damaged',
      'numbering-duplicate',
      'numbering-gap',
      'numbering-missing',
      'numbering-style',
    ]);
    for (const code of FIX_ALL_RULES) assert.ok(RULE_BY_CODE.get(code)!.meta.fixable, `${code} is in fix-all, so it is fixable`);
  });

  for (const c of [...fixtureCases, ...seedCases]) {
    it(`${c.name}: applied together, the fixes leave nothing fix-all would fix, and change only markers and unit names`, () => {
      const before = run(c);
      const edits = before.service.getFixAll(before.document, before.settings);
      // The same edits through the code action (on save) and through the command's request.
      const actions = before.service.getCodeActions(before.document, before.settings, { diagnostics: [], only: ['source.fixAll'] });
      assert.deepEqual(actions.length === 0 ? [] : editsOf(actions[0]), edits);
      for (const e of edits) {
        const old = replaced(c.text, e);
        assert.ok(!old.includes('\n') && old.length <= 16 && !e.newText.includes('\n') && e.newText.length <= 16, `${c.name}: edit ${JSON.stringify(e)} replaces "${old}"`);
      }
      const fixed = applyEdits(c.text, edits);
      const after = run(c, fixed);
      assert.deepEqual(after.service.getFixAll(after.document, after.settings), [], `${c.name}: fix-all again changes nothing`);
      assert.equal(edits.length === 0, fixed === c.text);
      for (const code of FIX_ALL_RULES) assert.ok(count(after.diagnostics, code) <= count(before.diagnostics, code), `${c.name}: fix-all added ${code} findings`);
    });
  }

  it('every rule in fix-all fixes findings of its own in the fixtures and seeds', () => {
    // counted here, not from the tests above, so that this test stands alone (mocha -g, a filtered run)
    const fixedByRule = new Map<string, number>(FIX_ALL_RULES.map((c) => [c, 0]));
    for (const c of [...fixtureCases, ...seedCases]) {
      const before = run(c);
      const after = run(c, applyEdits(c.text, before.service.getFixAll(before.document, before.settings)));
      for (const code of FIX_ALL_RULES) fixedByRule.set(code, fixedByRule.get(code)! + count(before.diagnostics, code) - count(after.diagnostics, code));
    }
    for (const code of FIX_ALL_RULES) assert.ok(fixedByRule.get(code)! > 0, `${code}: fix-all fixed none of its findings`);
  });

  it('seed 001: fix-all leaves no numbering finding with a fix, no truncated unit, no unit written two ways, no missing colon', () => {
    const c = seedCases.find((s) => s.name === SEEDS.xiji)!;
    const before = run(c);
    const after = run(c, applyEdits(c.text, before.service.getFixAll(before.document, before.settings)));
    const left = after.diagnostics.filter((d) => FIX_ALL_RULES.includes(String(d.code)));
    for (const d of left) {
      const data = d.data as Record<string, unknown> | undefined;
      if (String(d.code).startsWith('numbering-')) assert.equal(data?.fixable, false, `numbering finding with a fix left: ${JSON.stringify(d)}`);
      else assert.ok(data?.kind !== 'colon' && data?.kind !== 'close' && data?.kind !== 'unify' && !(data?.kind === 'replace' && data?.truncation), JSON.stringify(d));
    }
    assert.ok(count(before.diagnostics, 'numbering-damaged') > 0 && count(after.diagnostics, 'numbering-damaged') === 0);
  });

  it('the title of the action is in the user\'s language', () => {
    const c = seedCases.find((s) => s.name === SEEDS.xiji)!;
    for (const [language, title] of [['zh-cn', '修复本文件中可自动修复的全部问题'], ['en', 'Fix all auto-fixable problems in this file']]) {
      const r = run(c, c.text, language);
      const [action] = r.service.getCodeActions(r.document, r.settings, { diagnostics: [], only: ['source.fixAll'] });
      assert.equal(action.title, title);
      assert.equal(action.kind, 'source.fixAll.fangan');
    }
  });
});
