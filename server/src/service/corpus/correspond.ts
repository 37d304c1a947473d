import type { CancellationLike } from '../cancellation';
import { splitClauses, type SourceMeasure } from './extract';
import { bigramKeys, normalizeForMatch } from './normalize';
import type { CorpusIndex } from './search';

/**
 * Which corpus measures correspond to a draft paragraph. This is a comparison of two measures,
 * not a search for a phrase: fuse.js asks "where does the query occur in this text", which
 * fails when the draft says more than one source sentence. So the candidates come from the
 * bigram index, and the order from the cosine of the two texts' bigram sets, each bigram weighted
 * by its rarity in the corpus (idf²): shared rare wording counts, shared 法治/建设 hardly does.
 */

export interface MeasureMatch {
  readonly measure: SourceMeasure;
  /** 0…1, higher is better: weighted cosine similarity of the draft text and the measure's text. */
  readonly score: number;
  /** Offsets in `measure.text` of the sentences that say what the draft says (to mark them). */
  readonly matched: ReadonlyArray<{ readonly start: number; readonly end: number }>;
}

/** Candidate clauses gathered for a draft paragraph before grouping them into measures. */
const CANDIDATE_CLAUSES = 200;
/** A source sentence is marked when this share of its weight occurs in the draft. */
const MARK_SHARE = 0.45;

export function correspondingMeasures(
  index: CorpusIndex,
  draftText: string,
  options: { limit?: number; excludePath?: string; minScore?: number; token?: CancellationLike } = {},
): MeasureMatch[] {
  const draftNorm = normalizeForMatch(draftText);
  if (draftNorm.length < 4) return [];
  const measures = new Set<SourceMeasure>();
  for (const { clause } of index.candidates(draftNorm, CANDIDATE_CLAUSES, options.excludePath)) measures.add(clause.measure);
  if (options.token?.isCancellationRequested) return [];
  const draftGrams = new Set(bigramKeys(draftNorm));
  const squared = (key: number) => index.gramWeight(key) ** 2;
  let draftWeight = 0;
  for (const key of draftGrams) draftWeight += squared(key);
  const out: MeasureMatch[] = [];
  for (const measure of measures) {
    const { counts, own } = measureWeights(index, measure);
    let shared = 0;
    for (const key of draftGrams) {
      const n = counts.get(key);
      if (n !== undefined) shared += n * squared(key);
    }
    const score = own > 0 && draftWeight > 0 ? shared / Math.sqrt(own * draftWeight) : 0;
    if (score < (options.minScore ?? 0.06)) continue;
    out.push({ measure, score, matched: [] });
  }
  out.sort((a, b) => b.score - a.score);
  return out.slice(0, options.limit ?? 5).map((m) => ({ ...m, matched: matchedSentences(index, m.measure, draftGrams) }));
}

/**
 * A corpus measure's bigram keys and their summed squared weight, computed once per state of the
 * index (the corpus does not change under a hover; folding and weighing them made most of its cost).
 */
const weights = new WeakMap<SourceMeasure, { revision: number; counts: Map<number, number>; own: number }>();
function measureWeights(index: CorpusIndex, measure: SourceMeasure): { counts: Map<number, number>; own: number } {
  let known = weights.get(measure);
  if (!known || known.revision !== index.revision) {
    const counts = new Map<number, number>();
    let own = 0;
    for (const key of bigramKeys(normalizeForMatch(measure.text))) {
      counts.set(key, (counts.get(key) ?? 0) + 1);
      own += index.gramWeight(key) ** 2;
    }
    known = { revision: index.revision, counts, own };
    weights.set(measure, known);
  }
  return known;
}

/** Each sentence of a corpus measure with its bigram keys and their summed weight, once per state of the index. */
const sentenceWeights = new WeakMap<SourceMeasure, { revision: number; sentences: Array<{ start: number; end: number; keys: number[]; own: number }> }>();
function sentencesOf(index: CorpusIndex, measure: SourceMeasure): Array<{ start: number; end: number; keys: number[]; own: number }> {
  let known = sentenceWeights.get(measure);
  if (!known || known.revision !== index.revision) {
    const sentences = splitClauses(measure.text).map(({ start, end }) => {
      const keys = bigramKeys(normalizeForMatch(measure.text.slice(start, end)));
      let own = 0;
      for (const key of keys) own += index.gramWeight(key);
      return { start, end, keys, own };
    });
    known = { revision: index.revision, sentences };
    sentenceWeights.set(measure, known);
  }
  return known.sentences;
}

/** Sentences of the measure whose rare wording the draft shares. */
function matchedSentences(index: CorpusIndex, measure: SourceMeasure, draftGrams: ReadonlySet<number>): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  for (const { start, end, keys, own } of sentencesOf(index, measure)) {
    let shared = 0;
    for (const key of keys) if (draftGrams.has(key)) shared += index.gramWeight(key);
    if (own > 0 && shared / own >= MARK_SHARE) out.push({ start, end });
  }
  return out;
}
