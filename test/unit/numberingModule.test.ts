import { strict as assert } from 'assert';
import { defaultForm, markerBeforeTitle, renderMarker } from '../../server/src/service/model/numbering/forms';
import { applyEdits } from '../../server/src/service/text/edits';
import { quickFixes, runText } from '../helpers/findings';

/**
 * One numbering module (model/numbering: forms, the learned scheme, the renderer) serves the
 * numbering rules, section insertion and the new-plan skeleton; before, section insertion had its
 * own renderer, which wrote ASCII digits into a level written `１．` and `(21)` for ㉑.
 */
describe('the one numbering module', () => {
  it('renders every form the model reads, full-width digits and circled numbers past 20 included', () => {
    assert.equal(renderMarker({ numeral: 'ar', open: '', close: '．', fullWidthDigits: true }, 3), '３．');
    assert.equal(renderMarker({ numeral: 'circled', open: '', close: '', fullWidthDigits: false }, 21), '㉑');
    assert.equal(renderMarker({ numeral: 'circled', open: '', close: '', fullWidthDigits: false }, 51), null);
    assert.equal(markerBeforeTitle({ numeral: 'circled', open: '', close: '', fullWidthDigits: false }, 51), '51');
    assert.equal(markerBeforeTitle({ numeral: 'ar', open: '', close: ' ', fullWidthDigits: false }, 7), '7 ');
    assert.equal(markerBeforeTitle(defaultForm(2, true), 3), '(三)');
    assert.equal(markerBeforeTitle(defaultForm(2), 3), '（三）');
  });

  it('inserts a missing part of 总体要求 in the level\'s own full-width digits and renumbers after it', () => {
    const text = [
      '清河县法治社会建设实施方案',
      '一、总体要求',
      '１．指导思想。坚持以人民为中心。',
      '２．总体目标。到2025年，法治观念深入人心。',
      '二、推动全社会增强法治观念',
      '（一）维护宪法权威',
    ].join('\n');
    const run = runText(text);
    const missing = run.diagnostics.find((d) => d.code === 'subsection-missing' && /主要原则/.test(String(d.message)));
    assert.ok(missing, JSON.stringify(run.diagnostics.map((d) => d.message)));
    const [fix] = quickFixes(run, missing);
    const fixed = applyEdits(text, Object.values(fix.edit!.changes!).flat());
    assert.match(fixed, /\n２．主要原则。/);
    assert.match(fixed, /\n３．总体目标。/);
    assert.doesNotMatch(fixed, /\n[0-9]\./, 'no ASCII digit in a full-width level');
  });

  it('gives a new plan the same GB/T 9704 markers the rules expect', () => {
    const run = runText('');
    const plan = run.service.newPlan({ template: 'fazhi-shehui', level: 'county', region: '清河' });
    assert.ok('text' in plan);
    const lines = plan.text.split('\n');
    assert.ok(lines.includes(`${markerBeforeTitle(defaultForm(1), 1)}总体要求`));
    assert.ok(lines.some((l) => l.startsWith(markerBeforeTitle(defaultForm(2), 1))));
    assert.deepEqual(runText(plan.text).diagnostics.filter((d) => String(d.code).startsWith('numbering-')), []);
  });
});
