import { alignPlans, ALIGN_THRESHOLDS, type AlignThresholds } from '../../server/src/service/corpus/align';
import { coverageOf } from '../../server/src/service/corpus/coverage';
import { measureText } from '../../server/src/service/corpus/extract';
import { bigramKeys, normalizeForMatch } from '../../server/src/service/corpus/normalize';
import { measuresOf } from '../../server/src/service/model/walk';
import type { SourceDocument } from '../../server/src/service/corpus/source';
import { parsePlanFile } from '../../server/src/service/model/parse';
import { deriveDraft, seedSource } from '../helpers/deriveDraft';

/**
 * `npx tsx test/bench/calibrateAlign.ts`: how the alignment thresholds (corpus/align.ts) were chosen.
 * Derives drafts from seeds 002 and 003 with seeds 1001…1060 — not the 1…50 the test asserts on —
 * and prints (1) the score distributions the thresholds separate: the weighted cosine of a draft
 * measure with its true source vs the best cosine of the county's own measures, the share of a
 * merged-in source held by its draft measure vs the best share of any deleted source; and (2) the
 * precision and recall of the missing list over a grid of thresholds.
 */

const SEEDS = ['002_6165ec8d7c1e9a5d', '003_eeaf1b93697e59c4'];
const RUNS = 60;
/** More of the county's own measures than the test's drafts have: they are the negatives of the primary thresholds. */
const LOCAL_MEASURES = 4;

function quantiles(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]?.toFixed(3);
  return `n=${sorted.length} min=${sorted[0]?.toFixed(3)} p5=${q(0.05)} p50=${q(0.5)} p95=${q(0.95)} max=${sorted[sorted.length - 1]?.toFixed(3)}`;
}

interface Case {
  readonly source: SourceDocument;
  readonly file: ReturnType<typeof parsePlanFile>;
  readonly deleted: Set<number>;
  readonly origins: Map<number, readonly number[]>;
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const name of SEEDS) {
    const { text, source } = seedSource(name);
    for (let seed = 1001; seed < 1001 + RUNS; seed++) {
      const d = deriveDraft(text, { seed, maxLocalMeasures: LOCAL_MEASURES });
      const file = parsePlanFile(d.text);
      out.push({ source, file, deleted: new Set(d.deleted), origins: new Map(d.origins.map((o) => [o.line, o.sources])) });
    }
  }
  return out;
}

function score(all: Case[], thresholds: Partial<AlignThresholds>): { precision: number; recall: number } {
  let reported = 0;
  let right = 0;
  let truth = 0;
  for (const c of all) {
    const coverage = coverageOf(alignPlans({ file: c.file, plan: c.file.plans[0] }, c.source, { thresholds }));
    const missing = coverage.missing.map((m) => m.measure.line);
    reported += missing.length;
    right += missing.filter((l) => c.deleted.has(l)).length;
    truth += c.deleted.size;
  }
  return { precision: right / Math.max(1, reported), recall: right / Math.max(1, truth) };
}

/** For each deleted source measure: the largest share of its weight that any one draft measure holds. */
function deletedBestShares(c: Case): number[] {
  const grams = (text: string) => new Set(bigramKeys(normalizeForMatch(text)));
  const sourceGrams = c.source.measures.map((m) => grams(m.text));
  const df = new Map<number, number>();
  for (const g of sourceGrams) for (const k of g) df.set(k, (df.get(k) ?? 0) + 1);
  const w2 = (k: number) => Math.log(1 + sourceGrams.length / ((df.get(k) ?? 0) + 1)) ** 2;
  const drafts = measuresOf(c.file.plans[0]).map((n) => grams(measureText(c.file, n)));
  return c.source.measures
    .map((m, i) => ({ m, g: sourceGrams[i] }))
    .filter(({ m }) => c.deleted.has(m.line))
    .map(({ g }) => {
      let own = 0;
      for (const k of g) own += w2(k);
      let best = 0;
      for (const d of drafts) {
        let shared = 0;
        for (const k of g) if (d.has(k)) shared += w2(k);
        best = Math.max(best, shared / own);
      }
      return best;
    });
}

function distributions(all: Case[]): void {
  const trueCos: number[] = [];
  const trueInSection: number[] = [];
  const localCos: number[] = [];
  const localInSection: number[] = [];
  const mergedShare: number[] = [];
  const deletedShare: number[] = [];
  for (const c of all) {
    // Everything linked: no floor, so every score shows.
    const a = alignPlans({ file: c.file, plan: c.file.plans[0] }, c.source, { thresholds: { primaryMin: 0, sectionMin: 0, mergedShare: 0, mergedResidual: 0.02 } });
    for (const node of a.pairs.map((p) => p.draft).filter((n, i, xs) => xs.indexOf(n) === i)) {
      const origins = c.origins.get(node.range.start.line) ?? [];
      const pairs = a.pairsOf(node);
      const primary = pairs.find((p) => p.role === 'primary');
      if (!primary) continue;
      if (origins.length === 0) (primary.inSection ? localInSection : localCos).push(primary.score);
      else {
        const truePair = pairs.find((p) => p.source.line === origins[0]);
        if (truePair) (truePair.inSection ? trueInSection : trueCos).push(truePair.score);
        for (const p of pairs) if (p.role === 'merged' && origins.slice(1).includes(p.source.line)) mergedShare.push(p.share);
        for (const p of pairs) if (p.role === 'merged' && c.deleted.has(p.source.line)) deletedShare.push(p.share);
      }
    }
  }
  console.log('cosine, draft measure with its true source, elsewhere:', quantiles(trueCos));
  console.log('cosine, draft measure with its true source, in section:', quantiles(trueInSection));
  console.log("cosine, the county's own measures with their best, elsewhere:", quantiles(localCos));
  console.log("cosine, the county's own measures with their best, in section:", quantiles(localInSection));
  console.log('share of a merged-in source in its draft measure: ', quantiles(mergedShare));
  console.log('share of a deleted source offered as merged-in:   ', quantiles(deletedShare));
  console.log('share of a deleted source in its closest draft measure:', quantiles(all.flatMap(deletedBestShares)));
}

function row(all: Case[], thresholds: Partial<AlignThresholds>): void {
  const { precision, recall } = score(all, thresholds);
  const t = { ...ALIGN_THRESHOLDS, ...thresholds };
  const chosen = (Object.keys(t) as Array<keyof AlignThresholds>).every((k) => t[k] === ALIGN_THRESHOLDS[k]);
  const cells = [t.primaryMin, t.sectionMin, t.mergedShare, t.mergedResidual].map((x) => String(x).padEnd(11));
  console.log(`${cells.join(' ')} ${precision.toFixed(3)}     ${recall.toFixed(3)}${chosen ? '  <- chosen' : ''}`);
}

function main(): void {
  const all = cases();
  distributions(all);
  console.log();
  console.log('primaryMin  sectionMin  mergedShare mergedResid precision recall');
  // Stage 1: when a draft measure has a source at all (merging thresholds as chosen).
  for (const primaryMin of [0.15, 0.2, 0.25, 0.3, 0.35]) {
    for (const sectionMin of [0.06, 0.08, 0.1, 0.12, 0.14]) row(all, { primaryMin, sectionMin });
  }
  console.log();
  // Stage 2: which further sources are merged in (primary thresholds as chosen).
  for (const mergedShare of [0.05, 0.1, 0.15, 0.2, 0.3]) {
    for (const mergedResidual of [0.02, 0.05, 0.08, 0.12]) row(all, { mergedShare, mergedResidual });
  }
}

if (require.main === module) main();
