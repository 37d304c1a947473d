import { strict as assert } from 'assert';
import { readdirSync } from 'fs';
import { join } from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { isIgnoreAction } from '../../server/src/service/features/codeActions';
import { localeOf } from '../../server/src/service/l10n';
import { createLanguageService } from '../../server/src/service/languageService';
import { messageOf } from '../helpers/findings';
import { FIXTURES, loadFixture, SEEDS, seedText } from '../helpers/fixture';

/**
 * The service speaks the client's language (initialize params / VS Code display language):
 * Chinese for zh-*, English otherwise. Switching the language changes the words only, never the
 * findings, their codes, ranges, severities, data, links or the fixes offered.
 */

const CJK = /[\u4e00-\u9fff]/;
/** English words (the draft's own words are quoted as they are, in Chinese). */
const ENGLISH = /\b[A-Za-z]{3,}\b/;

const cases: Array<{ name: string; text: string; options: Record<string, unknown> }> = [
  ...readdirSync(FIXTURES)
    .flatMap((dir) => readdirSync(join(FIXTURES, dir)).map((f) => `${dir}/${f}`))
    .filter((f) => /\.(txt|md)$/.test(f))
    .map((f) => {
      const fixture = loadFixture(f);
      return { name: f, text: fixture.text, options: fixture.options };
    }),
  ...Object.values(SEEDS).map((s) => ({ name: s, text: seedText(s), options: {} })),
];

function check(language: string, c: (typeof cases)[number]) {
  const service = createLanguageService({ language });
  if (c.options.units !== undefined) service.useUnitRegistry([{ path: '.fangan/units.json', text: JSON.stringify(c.options.units) }]);
  const { settings } = service.readSettings(c.options.settings);
  const document = TextDocument.create(`file:///${c.name}`, 'plaintext', 1, c.text);
  return { service, document, settings, diagnostics: service.computeDiagnostics(document, settings) };
}

const shape = (d: Diagnostic) => JSON.stringify({ ...d, message: undefined });

describe('locale switching (zh ↔ en)', () => {
  it('maps VS Code display languages: zh-cn, zh-tw, zh → Chinese; en, fr, none → English', () => {
    assert.deepEqual(['zh-cn', 'zh-tw', 'zh', 'ZH-CN', 'en', 'en-us', 'fr', undefined, ''].map(localeOf), ['zh', 'zh', 'zh', 'zh', 'en', 'en', 'en', 'en', 'en']);
  });

  for (const c of cases) {
    it(`${c.name}: the same findings and fixes, the words in each language`, () => {
      const zh = check('zh-cn', c);
      const en = check('en', c);
      assert.deepEqual(en.diagnostics.map(shape), zh.diagnostics.map(shape));
      zh.diagnostics.forEach((d, i) => {
        const e = en.diagnostics[i];
        assert.match(messageOf(d), CJK, `zh message of ${String(d.code)}`);
        assert.match(messageOf(e), ENGLISH, `en message of ${String(e.code)}: ${messageOf(e)}`);
        assert.notEqual(messageOf(d), messageOf(e));
        const fixesZh = zh.service.getCodeActions(zh.document, zh.settings, { diagnostics: [d], only: ['quickfix'] });
        const fixesEn = en.service.getCodeActions(en.document, en.settings, { diagnostics: [e], only: ['quickfix'] });
        assert.deepEqual(
          fixesEn.map((a) => JSON.stringify(a.edit)),
          fixesZh.map((a) => JSON.stringify(a.edit)),
          `${String(d.code)}: the same fixes`,
        );
        fixesZh.forEach((a, j) => {
          assert.match(a.title, CJK);
          assert.match(fixesEn[j].title, ENGLISH, fixesEn[j].title);
          assert.equal(isIgnoreAction(a), isIgnoreAction(fixesEn[j]));
        });
      });
      const statusZh = zh.service.getStatus(zh.document, zh.settings, zh.diagnostics);
      const statusEn = en.service.getStatus(en.document, en.settings, en.diagnostics);
      assert.deepEqual(statusEn.plans.map((p) => p.counts), statusZh.plans.map((p) => p.counts));
      for (const p of statusZh.plans) assert.match(p.text, CJK);
      for (const p of statusEn.plans) assert.match(p.text, ENGLISH);
    });
  }

  it('settings and workspace-file problems, and new-plan levels, are in both languages', () => {
    const zh = createLanguageService({ language: 'zh-cn' });
    const en = createLanguageService({ language: 'en' });
    const bad = { activation: 'sometimes', rules: { 'numbering-gap': 'loud', nonesuch: 'off' }, leadUnits: { check: 1 } };
    const pz = zh.resolveSettings(bad).problems;
    assert.equal(pz.length, 4);
    for (const p of pz) {
      assert.match(p.message.zh, CJK);
      assert.match(p.message.en, ENGLISH);
    }
    assert.deepEqual(en.resolveSettings(bad).problems, pz);
  });
});
