import Fuse, { type IFuseOptions } from 'fuse.js';
import type { CancellationLike } from '../cancellation';
import { MAX_QUERY_CHARS } from '../limits';
import type { Clause, CorpusDocument } from './extract';
import { NgramSegment } from './ngramIndex';
import { bigramKeys, normalizeForMatch } from './normalize';

/**
 * Search over the corpus clauses: the bigram index picks a few hundred candidates, fuse.js ranks
 * them. Plain fuse.js scans every clause (seconds at 100k clauses); the index makes it a few
 * milliseconds, and `npm run bench` measures both side by side with the same fuse.js options.
 */

/** The fuse.js options of the ranking (the bench runs plain fuse.js with exactly these). */
export const FUSE_OPTIONS: IFuseOptions<string> = {
  includeScore: true,
  ignoreLocation: true,
  threshold: 0.5,
  // The matching form is already lower case: skip fuse's own case folding.
  isCaseSensitive: true,
  shouldSort: true,
};

/** At most this many candidates reach fuse.js… */
export const CANDIDATES = 96;
/** …and only those holding at least this share of the best candidate's bigram weight. */
export const CANDIDATE_FLOOR = 0.6;

export interface SearchHit {
  readonly clause: Clause;
  /** 0…1, higher is better: how closely the clause matches the query (see `combineScores`). */
  readonly score: number;
}

export interface SearchOptions {
  readonly limit?: number;
  /** Leave out clauses of this file (the draft being written is often in a corpus folder too). */
  readonly excludePath?: string;
  readonly token?: CancellationLike;
  /** Share of the best candidate's bigram weight a candidate needs to reach fuse.js (default `CANDIDATE_FLOOR`). */
  readonly floor?: number;
}

/** Clauses per index segment: small enough to rebuild in one slice (~40 ms), large enough that a query probes few segments. */
export const SEGMENT_CLAUSES = 4096;

interface Segment {
  readonly docs: CorpusDocument[];
  clauses: Clause[];
  grams: NgramSegment;
  base: number;
}

/**
 * The score shown to users and used for the order: fuse.js's score (0 perfect … 1 none) turned
 * into a similarity, blended with the share of the query's bigrams the clause holds, so that among
 * equally good fuzzy matches the clause that says more of what the query says comes first.
 */
export function combineScores(fuseScore: number, overlap: number): number {
  return 0.7 * (1 - fuseScore) + 0.3 * overlap;
}

export class CorpusIndex {
  private segments: Segment[] = [];
  private readonly segmentOf = new Map<string, Segment>();
  private total = 0;
  private accumulator = new Float32Array(0);
  /** Document frequencies looked up since the corpus last changed. */
  private readonly dfCache = new Map<number, number>();

  /**
   * Adds documents, replacing those already indexed under the same path. Replaced documents
   * rebuild their segment; new ones fill the last segment while it has room, then new segments.
   */
  put(docs: readonly CorpusDocument[]): void {
    const rebuild = new Set<Segment>();
    const fresh: CorpusDocument[] = [];
    for (const doc of docs) {
      const segment = this.segmentOf.get(doc.path);
      if (segment) {
        segment.docs[segment.docs.findIndex((d) => d.path === doc.path)] = doc;
        rebuild.add(segment);
      } else fresh.push(doc);
    }
    let last = this.segments[this.segments.length - 1] as Segment | undefined;
    let lastSize = last ? last.docs.reduce((n, d) => n + d.clauses.length, 0) : Infinity;
    for (const doc of fresh) {
      if (!last || (lastSize + doc.clauses.length > SEGMENT_CLAUSES && lastSize > 0)) {
        last = { docs: [], clauses: [], grams: NgramSegment.build([]), base: 0 };
        this.segments.push(last);
        lastSize = 0;
      }
      last.docs.push(doc);
      lastSize += doc.clauses.length;
      this.segmentOf.set(doc.path, last);
      rebuild.add(last);
    }
    for (const segment of rebuild) this.rebuild(segment);
    this.relayout();
  }

  /** Removes documents by path; returns whether any was indexed. */
  delete(paths: readonly string[]): boolean {
    const rebuild = new Set<Segment>();
    for (const path of paths) {
      const segment = this.segmentOf.get(path);
      if (!segment) continue;
      segment.docs.splice(segment.docs.findIndex((d) => d.path === path), 1);
      this.segmentOf.delete(path);
      rebuild.add(segment);
    }
    for (const segment of rebuild) this.rebuild(segment);
    this.segments = this.segments.filter((s) => s.docs.length > 0);
    this.relayout();
    return rebuild.size > 0;
  }

  has(path: string): boolean {
    return this.segmentOf.has(path);
  }

  get documents(): CorpusDocument[] {
    return this.segments.flatMap((s) => s.docs);
  }

  get clauseCount(): number {
    return this.total;
  }

  get segmentCount(): number {
    return this.segments.length;
  }

  /** Bytes of the typed arrays of every segment. */
  get indexBytes(): number {
    return this.segments.reduce((n, s) => n + s.grams.byteLength, 0);
  }

  private rebuild(segment: Segment): void {
    segment.clauses = segment.docs.flatMap((d) => d.clauses);
    segment.grams = NgramSegment.build(segment.clauses.map((c) => c.norm));
  }

  /** How many clauses hold the gram. */
  documentFrequency(key: number): number {
    let df = this.dfCache.get(key);
    if (df === undefined) {
      df = 0;
      for (const s of this.segments) {
        const slot = s.grams.find(key);
        if (slot >= 0) df += s.grams.offsets[slot + 1] - s.grams.offsets[slot];
      }
      if (this.dfCache.size > 200_000) this.dfCache.clear();
      this.dfCache.set(key, df);
    }
    return df;
  }

  /** The rarity weight of a gram (idf), as candidate selection uses it. */
  gramWeight(key: number): number {
    return Math.log(1 + this.total / (this.documentFrequency(key) + 1));
  }

  /** Changes with every put and delete: what was computed from the index before is out of date. */
  revision = 0;

  private relayout(): void {
    this.revision++;
    this.dfCache.clear();
    let base = 0;
    for (const s of this.segments) {
      s.base = base;
      base += s.clauses.length;
    }
    this.total = base;
    if (this.accumulator.length < base) this.accumulator = new Float32Array(Math.ceil(base * 1.25));
  }

  /** The clause numbers of a document, [from, to); empty when it is not indexed. */
  private idRange(path: string | undefined): [number, number] {
    const segment = path === undefined ? undefined : this.segmentOf.get(path);
    if (!segment) return [0, 0];
    let from = segment.base;
    for (const doc of segment.docs) {
      if (doc.path === path) return [from, from + doc.clauses.length];
      from += doc.clauses.length;
    }
    return [0, 0];
  }

  private clauseAt(id: number): Clause {
    let lo = 0;
    let hi = this.segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.segments[mid].base <= id) lo = mid;
      else hi = mid - 1;
    }
    const s = this.segments[lo];
    return s.clauses[id - s.base];
  }

  /**
   * The clauses sharing the most of the query's bigrams, each gram weighted by its rarity (idf),
   * with the share of the query's weight each holds (0…1). Rare grams propose candidates; grams
   * held by more than a twentieth of the corpus only add to clauses already proposed (they cannot
   * single out a clause, and their postings are the long ones).
   */
  candidates(norm: string, limit: number, excludePath?: string): Array<{ clause: Clause; overlap: number }> {
    const keys = bigramKeys(norm);
    const segments = this.segments;
    if (keys.length === 0 || this.total === 0) return [];
    // Pass 1: where each query gram's postings lie in each segment, and its document frequency.
    const starts = new Int32Array(segments.length * keys.length).fill(-1);
    const ends = new Int32Array(segments.length * keys.length);
    const df = new Float64Array(keys.length);
    for (let s = 0; s < segments.length; s++) {
      const segment = segments[s].grams;
      const offsets = segment.offsets;
      for (let k = 0; k < keys.length; k++) {
        const slot = segment.find(keys[k]);
        if (slot < 0) continue;
        starts[s * keys.length + k] = offsets[slot];
        ends[s * keys.length + k] = offsets[slot + 1];
        df[k] += offsets[slot + 1] - offsets[slot];
      }
    }
    const weights = new Float64Array(keys.length);
    let totalWeight = 0;
    for (let k = 0; k < keys.length; k++) {
      // Grams no clause holds still count in the query's weight: the query says more than any clause.
      weights[k] = Math.log(1 + this.total / (df[k] + 1));
      totalWeight += weights[k];
    }
    const commonDf = Math.max(50, this.total / 20);
    const proposing = [...keys.keys()].filter((k) => df[k] > 0 && df[k] <= commonDf);
    const scoring = [...keys.keys()].filter((k) => df[k] > commonDf);
    // A query made only of common grams lets them propose too.
    if (proposing.length === 0) proposing.push(...scoring.splice(0));
    // Pass 2: accumulate weights per clause; remember which clauses were touched.
    const acc = this.accumulator;
    let touched = new Uint32Array(1024);
    let touchedCount = 0;
    for (let s = 0; s < segments.length; s++) {
      const d = segments[s];
      const postings = d.grams.postings;
      const base = d.base;
      for (const k of proposing) {
        const start = starts[s * keys.length + k];
        if (start < 0) continue;
        const end = ends[s * keys.length + k];
        const w = weights[k];
        for (let p = start; p < end; p++) {
          const id = base + postings[p];
          if (acc[id] === 0) {
            if (touchedCount === touched.length) {
              const grown = new Uint32Array(touched.length * 2);
              grown.set(touched);
              touched = grown;
            }
            touched[touchedCount++] = id;
          }
          acc[id] += w;
        }
      }
      for (const k of scoring) {
        const start = starts[s * keys.length + k];
        if (start < 0) continue;
        const end = ends[s * keys.length + k];
        const w = weights[k];
        for (let p = start; p < end; p++) {
          const id = base + postings[p];
          if (acc[id] !== 0) acc[id] += w;
        }
      }
    }
    // Top `limit` by accumulated weight (a bounded min-heap), then reset what was touched.
    const [skipFrom, skipTo] = this.idRange(excludePath);
    const heap = new MinHeap(limit);
    for (let i = 0; i < touchedCount; i++) {
      const id = touched[i];
      if (id < skipFrom || id >= skipTo) heap.offer(id, acc[id]);
      acc[id] = 0;
    }
    return heap.drain().map(({ id, value }) => ({ clause: this.clauseAt(id), overlap: value / totalWeight }));
  }

  /** Clauses ranked against the query, best first. */
  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const norm = normalizeForMatch(query.length > MAX_QUERY_CHARS ? query.slice(0, MAX_QUERY_CHARS) : query);
    if (norm.length < 2) return [];
    const limit = options.limit ?? 10;
    const candidates = this.candidates(norm, CANDIDATES, options.excludePath);
    if (candidates.length === 0 || options.token?.isCancellationRequested) return [];
    const floor = candidates[0].overlap * (options.floor ?? CANDIDATE_FLOOR);
    return rank(
      norm,
      candidates.filter((c) => c.overlap >= floor),
      limit,
    );
  }
}

/** fuse.js over the candidates, with the order set by `combineScores`. */
export function rank(norm: string, candidates: ReadonlyArray<{ clause: Clause; overlap: number }>, limit: number): SearchHit[] {
  const fuse = new Fuse(
    candidates.map((c) => c.clause.norm),
    FUSE_OPTIONS,
  );
  const hits: SearchHit[] = [];
  for (const result of fuse.search(norm)) {
    const candidate = candidates[result.refIndex];
    hits.push({ clause: candidate.clause, score: combineScores(result.score ?? 1, candidate.overlap) });
  }
  hits.sort((a, b) => b.score - a.score);
  return hits.slice(0, limit);
}

/** A bounded heap that keeps the `limit` largest values. */
class MinHeap {
  private readonly ids: number[] = [];
  private readonly values: number[] = [];
  constructor(private readonly limit: number) {}

  offer(id: number, value: number): void {
    if (this.ids.length < this.limit) {
      this.ids.push(id);
      this.values.push(value);
      this.up(this.ids.length - 1);
    } else if (value > this.values[0]) {
      this.ids[0] = id;
      this.values[0] = value;
      this.down(0);
    }
  }

  drain(): Array<{ id: number; value: number }> {
    const out = this.ids.map((id, i) => ({ id, value: this.values[i] }));
    return out.sort((a, b) => b.value - a.value);
  }

  private swap(i: number, j: number): void {
    [this.ids[i], this.ids[j]] = [this.ids[j], this.ids[i]];
    [this.values[i], this.values[j]] = [this.values[j], this.values[i]];
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.values[parent] <= this.values[i]) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    const n = this.ids.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.values[l] < this.values[m]) m = l;
      if (r < n && this.values[r] < this.values[m]) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }
}
