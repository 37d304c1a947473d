import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { adaptToLevel } from '../../server/src/service/corpus/adapt';
import { alignPlans, ALIGN_THRESHOLDS, isCopyOfDraft, type Alignment } from '../../server/src/service/corpus/align';
import { coverageOf, coverageSummary, insertionFor, leadDifference } from '../../server/src/service/corpus/coverage';
import { extractDocument } from '../../server/src/service/corpus/extract';
import { draftCopies, findSources, foldTitle, sourceDocuments } from '../../server/src/service/corpus/source';
import { planAbove, sourceMatches } from '../../server/src/service/corpus/planAbove';
import { markedText } from '../../server/src/service/features/hover/corpus';
import { parsePlanFile } from '../../server/src/service/model/parse';
import type { PlanFile } from '../../server/src/service/model/types';
import { measuresOf } from '../../server/src/service/model/walk';
import * as OpenCC from 'opencc-js/cn2t';
import { seedDocuments } from '../bench/corpusData';
import { syntheticPlan } from '../bench/synthetic';
import { MAX_ALIGNED_MEASURES } from '../../server/src/service/limits';
import { deriveDraft, seedSource } from '../helpers/deriveDraft';

const GUIZHOU = '002_6165ec8d7c1e9a5d';
const DAZU = '003_eeaf1b93697e59c4';
const XIJI = '001_7a3985546b992323';
const DERIVATIONS = 50;
const toTraditional = OpenCC.Converter({ from: 'cn', to: 't' });

function draftOf(text: string): { file: PlanFile; plan: PlanFile['plans'][number] } {
  const file = parsePlanFile(text);
  return { file, plan: file.plans[0] };
}

/** Applies one insertion (a position and text) to a text. */
function insert(text: string, at: { line: number; character: number }, what: string): string {
  const lines = text.split('\n');
  const line = lines[at.line];
  lines[at.line] = line.slice(0, at.character) + what + line.slice(at.character);
  return lines.join('\n');
}

describe('the plan above: coverage of derived drafts (precision and recall of the missing list)', function () {
  this.timeout(60000);
  for (const seed of [GUIZHOU, DAZU]) {
    it(`finds the deleted measures of ${DERIVATIONS} drafts derived from seed ${seed.slice(0, 3)} with precision and recall ≥ 0.95`, () => {
      const { text, source } = seedSource(seed);
      let reported = 0;
      let right = 0;
      let truth = 0;
      let merged = 0;
      let moved = 0;
      for (let run = 1; run <= DERIVATIONS; run++) {
        const derived = deriveDraft(text, { seed: run });
        const draft = draftOf(derived.text);
        assert.equal(draft.plan.level, 'county', `derivation ${run} reads as a county plan`);
        const missing = coverageOf(alignPlans(draft, source)).missing.map((m) => m.measure.line);
        reported += missing.length;
        right += missing.filter((line) => derived.deleted.includes(line)).length;
        truth += derived.deleted.length;
        merged += derived.merged.length;
        moved += derived.moved.length;
      }
      // The derivations exercise what they claim to.
      assert.ok(truth >= DERIVATIONS && merged > 0 && moved > 0, `deleted ${truth}, merged ${merged}, moved ${moved}`);
      const precision = right / reported;
      const recall = right / truth;
      assert.ok(precision >= 0.95, `precision ${precision.toFixed(3)} (${right}/${reported})`);
      assert.ok(recall >= 0.95, `recall ${recall.toFixed(3)} (${right}/${truth})`);
    });
  }

  it('links merged, moved and untouched measures to their true sources, and leaves the county’s own unmatched', () => {
    const { text, source } = seedSource(GUIZHOU);
    let mergedFound = 0;
    let mergedTotal = 0;
    let movedOutside = 0;
    let movedTotal = 0;
    let localUnmatched = 0;
    let localTotal = 0;
    let primaryRight = 0;
    let primaryTotal = 0;
    for (let run = 1; run <= 20; run++) {
      const derived = deriveDraft(text, { seed: run, maxLocalMeasures: 3 });
      const draft = draftOf(derived.text);
      const alignment = alignPlans(draft, source);
      for (const node of measuresOf(draft.plan)) {
        const origins = derived.origins.find((o) => o.line === node.range.start.line)?.sources;
        assert.ok(origins, `draft line ${node.range.start.line} is one the derivation wrote`);
        const pairs = alignment.pairsOf(node);
        if (origins.length === 0) {
          localTotal++;
          if (alignment.unmatchedDraft.includes(node)) localUnmatched++;
          continue;
        }
        primaryTotal++;
        if (origins.includes(pairs.find((p) => p.role === 'primary')?.source.line ?? -1)) primaryRight++;
        for (const line of origins.slice(1)) {
          mergedTotal++;
          if (pairs.some((p) => p.source.line === line)) mergedFound++;
        }
        if (derived.moved.includes(origins[0])) {
          movedTotal++;
          if (pairs.some((p) => p.source.line === origins[0] && !p.inSection)) movedOutside++;
        }
      }
    }
    assert.ok(primaryRight >= 0.99 * primaryTotal, `primary right ${primaryRight}/${primaryTotal}`);
    assert.ok(mergedTotal > 0 && mergedFound >= 0.95 * mergedTotal, `merged found ${mergedFound}/${mergedTotal}`);
    assert.ok(movedTotal > 0 && movedOutside === movedTotal, `moved found outside their section ${movedOutside}/${movedTotal}`);
    assert.ok(localTotal > 0 && localUnmatched === localTotal, `county's own unmatched ${localUnmatched}/${localTotal}`);
  });
});

describe('the plan above: alignment', () => {
  // A small source and draft written for this test: section 一 and section 二 each hold a measure
  // on village mediation; the draft's measure says slightly more of section 二's wording.
  const SOURCE = [
    '某省某某工作实施方案',
    '',
    '一、加强基层调解',
    '（一）推进乡镇调解中心规范化建设，统一场所标识和工作流程，配齐专职调解员。',
    '（二）建立健全村级调解组织，定期排查邻里纠纷，及时就地化解矛盾。',
    '（三）健全调解与诉讼衔接机制，推动司法确认便捷办理，提高调解协议履行率。',
    '二、加强培训保障',
    '（四）建立健全村级调解组织，定期排查邻里纠纷，加强业务培训指导。',
    '（五）将调解工作经费纳入财政预算，建立以案定补激励办法，保障调解员待遇。',
  ].join('\n');
  const DRAFT = [
    '某县某某工作实施方案',
    '',
    '一、加强基层调解',
    '（一）推进乡镇调解中心规范化建设，统一场所标识和工作流程，配齐专职调解员。',
    '（二）健全调解与诉讼衔接机制，推动司法确认便捷办理，提高调解协议履行率。',
    '（三）建立健全村级调解组织，定期排查邻里纠纷，就地化解，加强培训指导。',
  ].join('\n');
  const source = sourceDocuments([extractDocument('/corpus/source.txt', SOURCE)])[0];

  it('prefers a match inside the corresponding section over a slightly better one elsewhere', () => {
    const draft = draftOf(DRAFT);
    const [, , third] = measuresOf(draft.plan);
    const primary = (a: Alignment) => a.pairsOf(third).find((p) => p.role === 'primary')!;
    const plain = primary(alignPlans(draft, source, { thresholds: { sectionBonus: 0 } }));
    const withSections = primary(alignPlans(draft, source));
    assert.equal(plain.source.marker, '（四）', 'without sections the better-scoring measure elsewhere wins');
    assert.equal(withSections.source.marker, '（二）');
    assert.ok(withSections.inSection && withSections.score < plain.score);
    // A clearly better match elsewhere still wins: the section only breaks near-ties.
    const moved = draftOf(DRAFT.replace('就地化解，加强培训指导。', '加强业务培训指导。'));
    const movedPair = alignPlans(moved, source).pairsOf(measuresOf(moved.plan)[2]).find((p) => p.role === 'primary')!;
    assert.equal(movedPair.source.marker, '（四）');
  });

  it('reports the source measures with no counterpart and where they belong', () => {
    const draft = draftOf(DRAFT);
    const coverage = coverageOf(alignPlans(draft, source));
    assert.deepEqual(coverage.missing.map((m) => m.marker), ['（五）']);
    assert.equal(coverage.measures, 5);
    assert.equal(coverage.covered + coverage.partial + coverage.missing.length, coverage.measures);
    assert.equal(coverageSummary(coverage, 'zh'), `已覆盖 ${coverage.covered}/5 项，部分覆盖 ${coverage.partial} 项，缺 1 项`);
    assert.equal(coverageSummary(coverage, 'en'), `covered ${coverage.covered}/5, partial ${coverage.partial}, missing 1`);
  });

  it('a draft measure that says two source measures is linked to both (a merge); one split in two covers its source', () => {
    const merged = draftOf(
      ['某县某某工作实施方案', '', '一、加强基层调解', '（一）推进乡镇调解中心规范化建设，统一场所标识和工作流程，配齐专职调解员。健全调解与诉讼衔接机制，推动司法确认便捷办理，提高调解协议履行率。'].join('\n'),
    );
    const pairs = alignPlans(merged, source).pairsOf(measuresOf(merged.plan)[0]);
    assert.deepEqual(pairs.map((p) => [p.source.marker, p.role]).sort(), [['（一）', 'primary'], ['（三）', 'merged']].sort());
    const split = draftOf(
      ['某县某某工作实施方案', '', '二、加强培训保障', '（一）将调解工作经费纳入财政预算。', '（二）建立以案定补激励办法，保障调解员待遇。'].join('\n'),
    );
    const alignment = alignPlans(split, source);
    const fifth = alignment.statuses.find((s) => s.measure.marker === '（五）')!;
    assert.equal(fifth.draft.length, 2);
    assert.equal(fifth.status, 'covered');
    // Each half alone holds less than the whole: the union is what covers it.
    assert.ok(alignment.pairs.every((p) => p.share < fifth.share));
  });

  it('aligns at most MAX_ALIGNED_MEASURES draft measures, and says so', () => {
    const big = draftOf(syntheticPlan(260 * 1024));
    const nodes = measuresOf(big.plan);
    assert.ok(nodes.length > MAX_ALIGNED_MEASURES, `${nodes.length} measures`);
    const alignment = alignPlans(big, seedSource(GUIZHOU).source);
    assert.equal(alignment.limited, true);
    const aligned = new Set([...alignment.pairs.map((p) => p.draft), ...alignment.unmatchedDraft]);
    assert.equal(aligned.size, MAX_ALIGNED_MEASURES);
    assert.ok(nodes.slice(MAX_ALIGNED_MEASURES).every((n) => !aligned.has(n)));
    assert.equal(alignPlans(draftOf(DRAFT), source).limited, false);
  });

  it('gives the same answer from a warm cache as from a cold one (a keystroke re-reads one measure)', () => {
    const { text, source: cached } = seedSource(GUIZHOU);
    const derived = deriveDraft(text, { seed: 7 });
    const first = alignPlans(draftOf(derived.text), cached);
    const edited = derived.text.replace('全县', '全县范围内');
    const warm = alignPlans(draftOf(edited), cached);
    const cold = alignPlans(draftOf(edited), seedSource(GUIZHOU).source);
    const shape = (a: Alignment) => a.pairs.map((p) => [p.draft.range.start.line, p.source.line, p.role, p.score.toFixed(6)]);
    assert.deepEqual(shape(warm), shape(cold));
    assert.ok(first.pairs.length > 0);
  });
});

describe('the plan above: inserting a missing measure where it belongs', () => {
  for (const seed of [GUIZHOU, DAZU]) {
    it(`seed ${seed.slice(0, 3)}: the inserted measure lands after its predecessor, in the draft's style, and covers the source`, () => {
      const { text, source } = seedSource(seed);
      for (let run = 1; run <= 5; run++) {
        // Only the one forced deletion: the draft is the source with one measure gone.
        const derived = deriveDraft(text, { seed: run, deleteRate: 0, mergeRate: 0, moveRate: 0, dropSentenceRate: 0, reorderRate: 0, maxLocalMeasures: 0 });
        assert.equal(derived.deleted.length, 1);
        const draft = draftOf(derived.text);
        const alignment = alignPlans(draft, source);
        const coverage = coverageOf(alignment);
        assert.deepEqual(coverage.missing.map((m) => m.measure.line), derived.deleted);
        const missing = coverage.missing[0];
        const insertion = insertionFor(alignment, missing.measure)!;
        assert.ok(insertion, 'an insertion is offered');
        // The draft's own text is untouched: the insertion starts at the end of a line.
        assert.equal(insertion.position.character, draft.file.lines[insertion.position.line].length);
        const after = insert(derived.text, insertion.position, insertion.text);
        const again = draftOf(after);
        const realigned = alignPlans(again, source);
        assert.deepEqual(coverageOf(realigned).missing, [], `run ${run}: nothing is missing after the insertion`);
        const inserted = measuresOf(again.plan).find((n) => realigned.pairsOf(n).some((p) => p.source === missing.measure))!;
        assert.ok(inserted, 'the inserted paragraph is read as a measure aligned to the missing one');
        // Source order is kept: the draft measure before it implements the source measure before it.
        const all = measuresOf(again.plan);
        const before = all[all.indexOf(inserted) - 1];
        const index = (m: typeof missing.measure) => source.measures.indexOf(m);
        if (before) assert.ok(realigned.pairsOf(before).some((p) => index(p.source) < index(missing.measure)));
        // The marker is the next in the draft's style; the units are the draft's level.
        if (before?.marker && inserted.marker && before.marker.number !== null) {
          assert.equal(inserted.marker.number, before.marker.number + 1);
          assert.equal(inserted.marker.open + inserted.marker.close, before.marker.open + before.marker.close);
        }
        if (missing.measure.lead.length > 0) {
          assert.ok(inserted.notes.some((n) => n.role !== 'support' && n.units.length > 0), 'the lead units come along');
          const level = { levelPrefix: again.plan.levelPrefix, region: again.plan.region };
          const lead = inserted.notes.filter((n) => n.role !== 'support').flatMap((n) => n.units.map((u) => u.name));
          assert.deepEqual(lead, missing.measure.lead.map((u) => adaptToLevel(u, source.plan, level)), 'adapted to the county');
          assert.ok(lead.some((u) => u.startsWith('县')), lead.join('、'));
        }
      }
    });
  }
});

describe('the plan above: lead units', () => {
  it('accepts the source lead adapted to the draft level, and reports a different lead with the expected units', () => {
    const { text, source } = seedSource(GUIZHOU);
    const derived = deriveDraft(text, { seed: 3, deleteRate: 0, mergeRate: 0, moveRate: 0, maxLocalMeasures: 0 });
    const draft = draftOf(derived.text);
    const alignment = alignPlans(draft, source);
    const primaries = alignment.pairs.filter((p) => p.role === 'primary' && p.source.lead.length > 0);
    assert.ok(primaries.length > 80);
    assert.deepEqual(primaries.filter((p) => leadDifference(p, alignment)).map((p) => p.source.marker), []);
    // The drafter names another lead for one measure.
    const target = primaries.find((p) => p.source.lead.length === 1 && p.draft.notes.some((n) => n.role === 'lead'))!;
    const note = target.draft.notes.find((n) => n.role === 'lead')!;
    const lines = derived.text.split('\n');
    const row = lines[note.range.start.line];
    lines[note.range.start.line] = row.slice(0, note.valueRange.start.character) + '县财政局';
    const changed = draftOf(lines.join('\n'));
    const realigned = alignPlans(changed, source);
    const pair = realigned.pairs.find((p) => p.source === target.source && p.role === 'primary')!;
    const difference = leadDifference(pair, realigned)!;
    assert.deepEqual(difference.actual, ['县财政局']);
    assert.equal(difference.missing.length, 1);
    assert.ok(difference.expected[0].startsWith('县'), difference.expected[0]);
  });
});

describe('the plan above: finding the source', () => {
  const documents = seedDocuments();
  const guizhou = seedSource(GUIZHOU);
  const derived = deriveDraft(guizhou.text, { seed: 11 });

  it('folds titles: Traditional, full/half width, year ranges with any dash or none', () => {
    const base = foldTitle('贵州省法治社会建设实施方案（2021—2025年）');
    for (const variant of ['贵州省法治社会建设实施方案(2021-2025年)', '贵州省法治社会建设实施方案', '贵州省法治社会建设实施方案２０２１－２０２５年', toTraditional('贵州省法治社会建设实施方案（2021～2025年）')]) {
      assert.equal(foldTitle(variant), base, variant);
    }
    assert.notEqual(foldTitle('贵州省法治政府建设实施方案'), base);
  });

  it('finds the plan the preamble cites, in any of those spellings, and reports a cited plan the corpus lacks', () => {
    const found = findSources({ ...draftOf(derived.text), documents });
    assert.deepEqual(found.sources.map((s) => [s.source.plan.title, s.via]), [[guizhou.source.plan.title, 'citation']]);
    assert.ok(found.sources[0].range, 'the citation is located');
    const citation = /《([^》]+)》/.exec(derived.text)![1];
    const respelled = derived.text.replace(citation, toTraditional(citation).replace('（2021—2025年）', '(2021-2025年)'));
    assert.equal(findSources({ ...draftOf(respelled), documents }).sources[0]?.source.plan.path, guizhou.path);
    const xiji = parsePlanFile(readFileSync(join(__dirname, '..', '..', 'corpus', 'seeds', `${XIJI}.txt`), 'utf8'));
    const none = findSources({ file: xiji, plan: xiji.plans[0], documents });
    assert.deepEqual(none.sources, []);
    assert.deepEqual(
      none.unresolved.map((u) => [u.reason, u.cited]),
      [
        ['not-in-corpus', '法治社会建设实施纲要(2020—2025年)'],
        ['not-in-corpus', '宁夏回族自治区法治社会建设实施方案(2021-2025年)'],
      ],
    );
    for (const u of none.unresolved) {
      assert.ok(u.message.zh.includes(u.cited) && u.message.en.includes(u.cited));
      assert.match(u.message.zh, /素材库/);
    }
  });

  it('finds a source named by directive or setting (title or path), and asks for a file it has not read', () => {
    const uncited = derived.text.replace(/根据《[^》]+》，/, '');
    const directive = `<!-- fangan: source 贵州省法治社会建设实施方案 -->\n${uncited}`;
    const byDirective = findSources({ ...draftOf(directive), documents });
    assert.deepEqual(byDirective.sources.map((s) => [s.source.plan.path, s.via]), [[guizhou.path, 'directive']]);
    const bySetting = findSources({ ...draftOf(uncited), documents, setting: ['貴州省法治社會建設實施方案'] });
    assert.deepEqual(bySetting.sources.map((s) => [s.source.plan.path, s.via]), [[guizhou.path, 'setting']]);
    const byPath = findSources({ ...draftOf(uncited), documents, setting: guizhou.path });
    assert.deepEqual(byPath.sources.map((s) => s.source.plan.path), [guizhou.path]);
    const elsewhere = '/plans/above/贵州省方案.txt';
    const unread = findSources({ ...draftOf(uncited), documents: [], setting: elsewhere });
    assert.deepEqual(unread.unresolved.map((u) => [u.reason, u.path]), [['file-not-loaded', elsewhere]]);
    const read = extractDocument(elsewhere, guizhou.text);
    const nowRead = findSources({ ...draftOf(uncited), documents: [], setting: elsewhere, extraDocuments: [read] });
    assert.equal(nowRead.sources.length, 1);
    assert.equal(nowRead.unresolved.length, 0);
  });

  it('takes, from a file of several plans, those of the draft’s kind', () => {
    const suizhou = documents.find((d) => d.path.includes('/004_'))!;
    const found = findSources({ ...draftOf(derived.text.replace(/根据《[^》]+》，/, '')), documents, setting: suizhou.path });
    assert.deepEqual(found.sources.map((s) => s.source.plan.kind), ['fazhi-shehui']);
  });

  it('never takes the draft itself: not by path, not a copy of it at another path', () => {
    const self = draftOf(guizhou.text);
    const byPath = findSources({ ...self, documents, draftPath: guizhou.path, setting: guizhou.source.plan.title });
    assert.deepEqual(byPath.sources, []);
    assert.deepEqual(byPath.unresolved.filter((u) => u.via === 'setting').map((u) => u.reason), ['is-draft']);
    // A copy opened from elsewhere, even with its title changed: the measures are the corpus plan's.
    const copy = draftOf(guizhou.text.replace('贵州省法治社会建设实施方案', '贵州省法治社会建设实施方案（征求意见稿）'));
    assert.ok(isCopyOfDraft(copy, guizhou.source));
    assert.deepEqual(findSources({ ...copy, documents, draftPath: '/home/me/draft.txt', setting: guizhou.source.plan.title }).sources, []);
    assert.deepEqual(draftCopies(copy, documents, '/home/me/draft.txt'), [guizhou.path]);
    // A county draft derived from it is not a copy: it is another level.
    assert.ok(!isCopyOfDraft(draftOf(derived.text), guizhou.source));
    assert.deepEqual(draftCopies(draftOf(derived.text), documents), []);
  });
});

describe('the plan above: one call for the editor', () => {
  it('finds, aligns and counts; hover matches mark the sentences the draft says', () => {
    const documents = seedDocuments();
    const { text } = seedSource(GUIZHOU);
    const derived = deriveDraft(text, { seed: 21 });
    const draft = draftOf(derived.text);
    const above = planAbove({ ...draft, documents });
    assert.equal(above.alignments.length, 1);
    assert.deepEqual(above.coverages[0].missing.map((m) => m.measure.line).sort(), [...derived.deleted].sort());
    // A measure taken from one source measure: the sentences it kept are marked, in bold in the hover.
    const whole = measuresOf(draft.plan).find((n) => {
      const origins = derived.origins.find((o) => o.line === n.range.start.line)?.sources ?? [];
      return origins.length === 1 && draft.file.lines[n.range.start.line].length > 40;
    })!;
    const [match] = sourceMatches(above, whole);
    assert.ok(match.score > 0.5);
    assert.ok(match.matched.length >= 1);
    assert.match(markedText(match), /\*\*/);
    // The county's own measure has no source match.
    const local = measuresOf(draft.plan).find((n) => derived.origins.find((o) => o.line === n.range.start.line)?.sources.length === 0);
    if (local) assert.deepEqual(sourceMatches(above, local), []);
  });
});

describe('the plan above: seed 001 (西吉县) against seed 002 (贵州省), the README summary', () => {
  it('counts 94 measures and reports (2), (19) and (93) missing', () => {
    const { source } = seedSource(GUIZHOU);
    const xiji = parsePlanFile(readFileSync(join(__dirname, '..', '..', 'corpus', 'seeds', `${XIJI}.txt`), 'utf8'));
    const coverage = coverageOf(alignPlans({ file: xiji, plan: xiji.plans[0] }, source));
    assert.equal(coverage.measures, 94);
    const missing = coverage.missing.map((m) => m.marker);
    for (const marker of ['(2)', '(19)', '(93)']) assert.ok(missing.includes(marker), `${marker} in ${missing.join(' ')}`);
    // Measures 001 plainly carries over are not reported: 宪法宣誓 (6), 以案释法 (18), 基层单位依法治理 (63).
    for (const marker of ['(6)', '(18)', '(63)']) assert.ok(!missing.includes(marker), marker);
    assert.ok(ALIGN_THRESHOLDS.primaryMin > ALIGN_THRESHOLDS.sectionMin);
  });
});
