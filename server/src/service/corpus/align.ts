import { MAX_ALIGNED_MEASURES, MAX_TEXT_CACHE_CHARS } from '../limits';
import { TextCache } from '../text/textCache';
import type { Plan, PlanFile, PlanNode } from '../model/types';
import { measuresOf } from '../model/walk';
import { headingSimilarity, normalizeHeading } from '../workspace/templates/match';
import { measureText, splitClauses, type SourceMeasure } from './extract';
import { normalizeForMatch } from './normalize';
import type { SourceDocument } from './extract';
import { foldTitle } from './title';
import { toSimplified } from '../text/chinese';

/**
 * Which measures of the plan above (the source) each draft measure implements.
 *
 * Measures are compared as in correspond.ts: character bigrams of the matching form (level words
 * folded: 全省 = 全县, 省司法厅 = 县司法局), each weighted by idf² — here the idf of the source plan's
 * own measures, so the source side is computed once and cached (`prepareSource`, a WeakMap on the
 * SourceDocument), and a keystroke re-reads only the draft measure whose text changed.
 *
 * For each draft measure D:
 *   1. candidates: the CANDIDATES source measures S with the highest cos(D, S) (weighted cosine),
 *      cached with D's text;
 *   2. sections: D's heading is aligned to the source section that D's heading-mates match best
 *      (a vote of their best matches, plus TITLE_VOTE when the heading's title names the section);
 *      a match inside that section gets sectionBonus, so it wins
 *      over a slightly better-scoring one elsewhere, never over a clearly better one (a moved measure);
 *   3. primary: the best candidate with cos ≥ primaryMin (≥ sectionMin inside the aligned section);
 *      none → D is unmatched (the county's own measure);
 *   4. merged: what D says beyond its primary (the bigrams the primary does not hold) is explained
 *      by further sources, greedily, while a further S holds ≥ mergedResidual of D's weight among
 *      those leftover bigrams and ≥ mergedShare of S's own weight is in D (a county merging two
 *      province measures into one).
 * A source measure is covered when the draft measures linked to it hold ≥ coveredShare of its
 * weighted wording (several of them: a split), partial when linked below that, missing when no
 * draft measure links to it. The thresholds are calibrated on derived drafts (README "The plan
 * above"; `npx tsx test/bench/calibrateAlign.ts` reproduces the sweep).
 *
 * API for the editor (hover source-first, rules source-uncovered / source-lead-differs, the
 * coverage view): `alignPlans({file, plan}, source)` → `Alignment`:
 *   `pairs` (draft node, source measure, score, share, kind covered|partial, role primary|merged),
 *   `pairsOf(node)` for a hover, best first; `statuses` (every source measure in source order with
 *   covered|partial|missing and its draft nodes); `uncovered`; `unmatchedDraft`; `sections`.
 *   coverage.ts turns it into counts, the missing list and where each missing measure goes
 *   (`placeOf`, `insertionFor`), and compares lead units (`leadDifference`).
 */

export interface AlignThresholds {
  /** A draft measure's best source must reach this weighted cosine. */
  readonly primaryMin: number;
  /** …or this one, for a candidate inside the source section aligned to the draft measure's heading. */
  readonly sectionMin: number;
  /** A further (merged) source must have this share of its own weight in the draft measure… */
  readonly mergedShare: number;
  /** …and explain this share of the draft measure's weight that earlier sources leave unexplained. */
  readonly mergedResidual: number;
  /** A source measure is covered (not partial) when its linked draft measures hold this share of its weight. */
  readonly coveredShare: number;
  /** A candidate inside the source section aligned to the draft measure's heading scores this much higher. */
  readonly sectionBonus: number;
}

/** Calibrated on derived drafts (README "The plan above"). */
export const ALIGN_THRESHOLDS: AlignThresholds = {
  primaryMin: 0.3,
  sectionMin: 0.1,
  mergedShare: 0.15,
  mergedResidual: 0.05,
  coveredShare: 0.5,
  sectionBonus: 0.15,
};
/** A draft heading's title equal to a source section's counts as much as a measure matching there at this cosine. */
const TITLE_VOTE = 0.5;
/** Heading titles this similar (workspace/templates/match.ts headingSimilarity) name the same section. */
const TITLE_SIMILAR = 0.8;
/** At most this many sources are merged into one draft measure. */
const MAX_SOURCES_PER_MEASURE = 4;
/** Candidates kept per draft measure (best cosine first). */
const CANDIDATES = 16;

export interface DraftInput {
  readonly file: PlanFile;
  readonly plan: Plan;
}

export type PairKind = 'covered' | 'partial';
export type PairRole = 'primary' | 'merged';

export interface AlignedPair {
  readonly draft: PlanNode;
  readonly source: SourceMeasure;
  /** Weighted cosine of the two measures' texts, 0…1. */
  readonly score: number;
  /** Share of the source measure's weighted wording that this draft measure holds, 0…1. */
  readonly share: number;
  readonly kind: PairKind;
  /** `primary`: the draft measure's best source; `merged`: a further source folded into it. */
  readonly role: PairRole;
  /** The source measure lies in the source section aligned to the draft measure's heading. */
  readonly inSection: boolean;
}

export type CoverageStatus = 'covered' | 'partial' | 'missing';

export interface MeasureStatus {
  readonly measure: SourceMeasure;
  /** Position in the source plan (0-based, source order). */
  readonly index: number;
  readonly status: CoverageStatus;
  /** Share of the measure's weighted wording held by its draft measures together (0 when missing). */
  readonly share: number;
  /** Draft measures that implement it, in draft order. */
  readonly draft: readonly PlanNode[];
  /** Frame items under 总体要求 (指导思想, 主要原则, 总体目标): aligned, but not counted as measures to carry over. */
  readonly framing: boolean;
}

export interface SectionLink {
  /** A draft heading (null: measures directly under the plan). */
  readonly draft: PlanNode | null;
  /** The source section it corresponds to: headings above the source measures, outermost first. */
  readonly sourcePath: readonly string[];
  /** `measures`: by the vote of the heading's measures; `title`: by the heading's title alone. */
  readonly via: 'measures' | 'title';
}

export interface Alignment {
  readonly draft: DraftInput;
  readonly source: SourceDocument;
  readonly pairs: readonly AlignedPair[];
  /** Every source measure, in source order. */
  readonly statuses: readonly MeasureStatus[];
  /** Source measures no draft measure implements (frame items included; coverage.ts leaves them out). */
  readonly uncovered: readonly SourceMeasure[];
  /** Draft measures with no source counterpart (the county's own measures). */
  readonly unmatchedDraft: readonly PlanNode[];
  readonly sections: readonly SectionLink[];
  /** True when the draft or the source has more than MAX_ALIGNED_MEASURES measures: only the first ones were aligned. */
  readonly limited: boolean;
  /** The pairs of a draft measure, best first (empty when unmatched). */
  pairsOf(node: PlanNode): readonly AlignedPair[];
  /** The status of a source measure of this source. */
  statusOf(measure: SourceMeasure): MeasureStatus | undefined;
}

interface DraftGrams {
  /** Ids of the measure's bigrams that occur in the source (distinct). */
  readonly ids: Int32Array;
  /** Σ weight² of all its bigrams (those absent from the source at the highest weight). */
  readonly own: number;
  /** The matching form. */
  readonly norm: string;
  /** The best source measures by cosine (they depend on the text alone: a keystroke recomputes one measure's). */
  candidates?: readonly Candidate[];
}

interface PreparedSource {
  readonly source: SourceDocument;
  /** The source's measures aligned (at most MAX_ALIGNED_MEASURES). */
  readonly measures: readonly SourceMeasure[];
  readonly vocab: GramTable;
  readonly weight2: Float64Array;
  /** Source measures holding each gram: `postingData[postingStart[id] … postingStart[id + 1])`. */
  readonly postingStart: Int32Array;
  readonly postingData: Int32Array;
  readonly grams: Int32Array[];
  readonly own: Float64Array;
  readonly sectionKey: string[];
  readonly framing: boolean[];
  /** The measures' texts as written, in the copy test's form (lazily). */
  writtenForms?: Set<string>;
  readonly unknownWeight2: number;
  /** Draft measure texts' bigrams against this source (a keystroke changes one measure). */
  readonly draftCache: TextCache<DraftGrams>;
  /** Source sections by their own title (markers dropped), for heading titles. */
  readonly sectionTitles: ReadonlyArray<{ readonly key: string; readonly title: string }>;
  readonly titleCache: TextCache<ReadonlyArray<{ key: string; similarity: number }>>;
}

const prepared = new WeakMap<SourceDocument, PreparedSource>();

/** The distinct character bigrams of a matching-form string as 32-bit keys, sorted (as bigramKeys, without a Set). */
function distinctBigrams(norm: string): Uint32Array {
  if (norm.length < 2) return new Uint32Array(0);
  const keys = new Uint32Array(norm.length - 1);
  for (let i = 0; i + 1 < norm.length; i++) keys[i] = ((norm.charCodeAt(i) << 16) | norm.charCodeAt(i + 1)) >>> 0;
  keys.sort();
  let n = 0;
  for (let i = 0; i < keys.length; i++) if (i === 0 || keys[i] !== keys[i - 1]) keys[n++] = keys[i];
  return keys.subarray(0, n);
}

/** Bigram key → id, open addressing on typed arrays (a Map of 20 000 number keys is several times slower to build). */
class GramTable {
  private keys: Uint32Array;
  private ids: Int32Array;
  private mask: number;
  private shift: number;
  size = 0;

  constructor(expected: number) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.keys = new Uint32Array(capacity);
    this.ids = new Int32Array(capacity);
    this.mask = capacity - 1;
    this.shift = 32 - Math.log2(capacity);
  }

  private slot(key: number): number {
    // Fibonacci hashing (the product's high bits); keys are never 0 (two non-zero UTF-16 units): 0 is empty.
    let i = Math.imul(key, 0x9e3779b1) >>> this.shift;
    while (this.keys[i] !== 0 && this.keys[i] !== key) i = (i + 1) & this.mask;
    return i;
  }

  /** The key's id, or -1. */
  get(key: number): number {
    const i = this.slot(key);
    return this.keys[i] === key ? this.ids[i] : -1;
  }

  /** Adds a key not yet present; returns its id. */
  add(key: number): number {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    const i = this.slot(key);
    this.keys[i] = key;
    this.ids[i] = this.size;
    return this.size++;
  }

  private grow(): void {
    const { keys, ids } = this;
    this.keys = new Uint32Array(keys.length * 2);
    this.ids = new Int32Array(keys.length * 2);
    this.mask = this.keys.length - 1;
    this.shift--;
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] === 0) continue;
      const j = this.slot(keys[i]);
      this.keys[j] = keys[i];
      this.ids[j] = ids[i];
    }
  }
}

const SECTION_SEPARATOR = '\u0001';
const FRAME_HEADING = '总体要求';
const FRAME_TITLES = ['指导思想', '基本原则', '主要原则', '工作原则', '总体目标', '主要目标', '工作目标'];

/** Headings recur (every measure of a section names it): their comparison form is kept. */
const headingForms = new TextCache<string>(MAX_TEXT_CACHE_CHARS);
function headingForm(heading: string): string {
  return headingForms.get(heading) ?? headingForms.set(heading, normalizeHeading(heading));
}

/** Whether a heading path marks frame items (总体要求 and its 指导思想 / 原则 / 目标). */
function isFrame(headings: readonly string[], title: string): boolean {
  if (headings.some((h) => headingForm(h).includes(FRAME_HEADING))) return true;
  const own = headingForm(title);
  return headings.length <= 1 && FRAME_TITLES.some((t) => own.startsWith(t));
}

/** Draft measures under 总体要求 (and run-in 指导思想/原则/目标 items) are the plan's frame. */
export function isFrameNode(node: PlanNode): boolean {
  const headings: string[] = [];
  for (let p = node.parent; p; p = p.parent) headings.unshift(p.title);
  return isFrame(headings, node.title);
}

/** The source side, computed once per source document. */
export function prepareSource(source: SourceDocument): PreparedSource {
  const known = prepared.get(source);
  if (known) return known;
  const measures = source.measures.slice(0, MAX_ALIGNED_MEASURES);
  const vocab = new GramTable(measures.reduce((n, m) => n + m.text.length, 0));
  const gramLists: Int32Array[] = [];
  const df: number[] = [];
  for (const measure of measures) {
    const norm = normalizeForMatch(measure.text);
    const keys = distinctBigrams(norm);
    const ids = new Int32Array(keys.length);
    for (let i = 0; i < keys.length; i++) {
      let id = vocab.get(keys[i]);
      if (id < 0) {
        id = vocab.add(keys[i]);
        df.push(0);
      }
      df[id]++;
      ids[i] = id;
    }
    gramLists.push(ids);
  }
  const n = measures.length;
  const weight2 = new Float64Array(vocab.size);
  for (let id = 0; id < vocab.size; id++) weight2[id] = Math.log(1 + n / (df[id] + 1)) ** 2;
  const postingStart = new Int32Array(vocab.size + 1);
  for (let id = 0; id < vocab.size; id++) postingStart[id + 1] = postingStart[id] + df[id];
  const fill = postingStart.slice(0, vocab.size);
  const postingData = new Int32Array(postingStart[vocab.size]);
  const own = new Float64Array(n);
  gramLists.forEach((ids, s) => {
    for (const id of ids) {
      postingData[fill[id]++] = s;
      own[s] += weight2[id];
    }
  });
  const result: PreparedSource = {
    source,
    measures,
    vocab,
    weight2,
    postingStart,
    postingData,
    grams: gramLists,
    own,
    sectionKey: measures.map((m) => m.sectionPath.join(SECTION_SEPARATOR)),
    framing: measures.map((m) => isFrame(m.sectionPath, m.title)),
    unknownWeight2: Math.log(1 + n) ** 2,
    draftCache: new TextCache<DraftGrams>(MAX_TEXT_CACHE_CHARS, (g) => g.norm.length + 2 * g.ids.length),
    sectionTitles: [...new Set(measures.map((m) => m.sectionPath.join(SECTION_SEPARATOR)))]
      .filter((key) => key.length > 0)
      .map((key) => ({ key, title: headingTitle(key.slice(key.lastIndexOf(SECTION_SEPARATOR) + 1)) })),
    titleCache: new TextCache<ReadonlyArray<{ key: string; similarity: number }>>(MAX_TEXT_CACHE_CHARS, (m) => 8 * m.length),
  };
  prepared.set(source, result);
  return result;
}

function draftGrams(prep: PreparedSource, text: string): DraftGrams {
  const cached = prep.draftCache.get(text);
  if (cached) return cached;
  const norm = normalizeForMatch(text);
  const ids: number[] = [];
  let own = 0;
  const keys = distinctBigrams(norm);
  for (let i = 0; i < keys.length; i++) {
    const id = prep.vocab.get(keys[i]);
    if (id < 0) own += prep.unknownWeight2;
    else {
      ids.push(id);
      own += prep.weight2[id];
    }
  }
  const grams: DraftGrams = { ids: Int32Array.from(ids), own, norm };
  return prep.draftCache.set(text, grams);
}

interface Candidate {
  readonly s: number;
  readonly shared: number;
  readonly cos: number;
}

interface DraftItem {
  readonly node: PlanNode;
  readonly parent: PlanNode | null;
  readonly grams: DraftGrams;
  candidates: readonly Candidate[];
}

/** Measures of the draft plan with text, each with its bigrams against the source. */
function draftItems(prep: PreparedSource, draft: DraftInput): DraftItem[] {
  const items: DraftItem[] = [];
  for (const node of measuresOf(draft.plan).slice(0, MAX_ALIGNED_MEASURES)) {
    const text = measureText(draft.file, node);
    if (!text) continue;
    items.push({ node, parent: node.parent, grams: draftGrams(prep, text), candidates: [] });
  }
  return items;
}

/**
 * A text as the copy test compares it: Simplified, letters and digits only — but the level words
 * kept (全省 ≠ 全县), so a county draft adapted from a province plan is not its copy.
 */
const writtenForms = new TextCache<string>(MAX_TEXT_CACHE_CHARS);
function writtenForm(text: string): string {
  return writtenForms.get(text) ?? writtenForms.set(text, toSimplified(text).replace(/[^\p{Script=Han}A-Za-z0-9]/gu, ''));
}

/**
 * Whether a corpus plan is the draft itself: same level (when both are known) and either the
 * same title, or at least COPY_SHARE of the draft's measures word for word (level words included).
 * A county draft derived from a province plan has another level, so it is never its source's copy.
 */
const COPY_SHARE = 0.6;

export function isCopyOfDraft(draft: DraftInput, source: SourceDocument): boolean {
  const a = draft.plan;
  const b = source.plan;
  if (a.level && b.level && a.level !== b.level) return false;
  if (a.region && b.region && a.region !== b.region) return false;
  const title = a.title?.text ?? '';
  if (title && foldTitle(title) === foldTitle(b.title)) return true;
  const nodes = measuresOf(a);
  if (nodes.length < 3 || source.measures.length === 0) return false;
  if (nodes.length * 2 < source.measures.length || nodes.length > source.measures.length * 2) return false;
  const prep = prepareSource(source);
  prep.writtenForms ??= new Set(prep.measures.map((m) => writtenForm(m.text)));
  let same = 0;
  for (const node of nodes) {
    const text = measureText(draft.file, node);
    if (text && prep.writtenForms.has(writtenForm(text))) same++;
  }
  return same >= COPY_SHARE * nodes.length;
}

/** Drops a leading marker from a heading as written: `（一）推动…` → `推动…`, `2 维护宪法权威` → `维护宪法权威`. */
function headingTitle(heading: string): string {
  const m = /^\s*(?:[（(][一二三四五六七八九十百〇零0-9]{1,6}[）)]|[一二三四五六七八九十百〇零0-9]{1,6}[、.．\s\u2002])/.exec(heading);
  return headingForm(m ? heading.slice(m[0].length) : heading);
}

function sharedChars(chars: ReadonlySet<string>, text: string): number {
  let n = 0;
  for (const c of text) if (chars.has(c)) n++;
  return n;
}

/** Source sections whose own title a draft heading's title names (cached per title). */
function titleMatches(prep: PreparedSource, heading: string): ReadonlyArray<{ key: string; similarity: number }> {
  const title = headingForm(heading);
  let matches = prep.titleCache.get(title);
  if (!matches) {
    const chars = new Set(title);
    matches = prep.sectionTitles
      // Titles sharing under half their characters cannot be similar enough: skip the bigram comparison.
      .filter(({ title: own }) => title && own && sharedChars(chars, own) * 2 >= Math.min(title.length, own.length))
      .map(({ key, title: own }) => ({ key, similarity: headingSimilarity(title, own) }))
      .filter((m) => m.similarity >= TITLE_SIMILAR);
    prep.titleCache.set(title, matches);
  }
  return matches;
}

/** The CANDIDATES source measures closest to a draft measure by weighted cosine, best first. */
function candidatesOf(prep: PreparedSource, grams: DraftGrams): Candidate[] {
  const { weight2, postingStart, postingData } = prep;
  const acc = new Float64Array(prep.own.length);
  const touched: number[] = [];
  const ids = grams.ids;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    const w = weight2[id];
    for (let p = postingStart[id], end = postingStart[id + 1]; p < end; p++) {
      const s = postingData[p];
      if (acc[s] === 0) touched.push(s);
      acc[s] += w;
    }
  }
  // Kept sorted by insertion: almost every source measure shares a gram or two, few matter.
  const best: Candidate[] = [];
  for (const s of touched) {
    const denominator = Math.sqrt(grams.own * prep.own[s]);
    const cos = denominator > 0 ? acc[s] / denominator : 0;
    if (best.length === CANDIDATES && !better(cos, s, best[CANDIDATES - 1])) continue;
    let at = best.length === CANDIDATES ? CANDIDATES - 1 : best.length;
    while (at > 0 && better(cos, s, best[at - 1])) at--;
    if (best.length === CANDIDATES) best.pop();
    best.splice(at, 0, { s, shared: acc[s], cos });
  }
  return best;
}

/** Higher cosine first; the earlier source measure on a tie. */
const better = (cos: number, s: number, than: Candidate) => cos > than.cos || (cos === than.cos && s < than.s);

/** Aligns a draft plan to one source plan. */
export function alignPlans(draft: DraftInput, source: SourceDocument, options: { thresholds?: Partial<AlignThresholds> } = {}): Alignment {
  const t: AlignThresholds = { ...ALIGN_THRESHOLDS, ...options.thresholds };
  const prep = prepareSource(source);
  const items = draftItems(prep, draft);
  const nS = prep.measures.length;

  // 1. Candidates by weighted cosine (cached with the measure's text).
  for (const item of items) item.candidates = item.grams.candidates ??= candidatesOf(prep, item.grams);
  const weight2 = prep.weight2;

  // 2. Sections: each draft heading votes for the source section of its measures' best matches.
  const floor = Math.min(t.primaryMin, t.sectionMin);
  const votes = new Map<PlanNode | null, Map<string, number>>();
  const vote = (heading: PlanNode | null, key: string, weight: number) => {
    let tally = votes.get(heading);
    if (!tally) votes.set(heading, (tally = new Map()));
    tally.set(key, (tally.get(key) ?? 0) + weight);
  };
  for (const item of items) {
    const best = item.candidates[0];
    if (best && best.cos >= floor) vote(item.parent, prep.sectionKey[best.s], best.cos);
  }
  // A heading titled like a source section (促进社会规范建设 ~ 7 促进社会规范建设) votes for it too.
  for (const heading of new Set(items.map((i) => i.parent))) {
    if (heading) for (const { key, similarity } of titleMatches(prep, heading.title)) vote(heading, key, TITLE_VOTE * similarity);
  }
  const sectionOf = new Map<PlanNode | null, string>();
  for (const [heading, tally] of votes) {
    let bestKey = '';
    let bestVote = -1;
    for (const [key, vote] of tally) if (vote > bestVote) [bestKey, bestVote] = [key, vote];
    sectionOf.set(heading, bestKey);
  }

  // 3–4. Primary and merged sources.
  const pairs: AlignedPair[] = [];
  const byDraft = new Map<PlanNode, AlignedPair[]>();
  const linked: PlanNode[][] = Array.from({ length: nS }, () => []);
  const linkedItems: DraftItem[][] = Array.from({ length: nS }, () => []);
  const unmatchedDraft: PlanNode[] = [];
  // Grams of the draft measure at hand (inDraft) and of the sources chosen for it (mark), by epoch.
  const mark = new Int32Array(prep.vocab.size);
  const inDraft = new Int32Array(prep.vocab.size);
  let epoch = 0;
  let draftEpoch = 0;
  const markGrams = (s: number) => {
    const grams = prep.grams[s];
    for (let i = 0; i < grams.length; i++) mark[grams[i]] = epoch;
  };
  for (const item of items) {
    const section = sectionOf.get(item.parent);
    let primary: Candidate | undefined;
    let primaryScore = -1;
    for (const c of item.candidates) {
      if (c.cos < floor) break;
      const inSection = prep.sectionKey[c.s] === section;
      if (c.cos < (inSection ? t.sectionMin : t.primaryMin)) continue;
      const adjusted = c.cos * (inSection ? 1 + t.sectionBonus : 1);
      if (adjusted > primaryScore) [primary, primaryScore] = [c, adjusted];
    }
    if (!primary) {
      unmatchedDraft.push(item.node);
      continue;
    }
    const chosen: Array<{ c: Candidate; role: PairRole }> = [{ c: primary, role: 'primary' }];
    // Further sources: only candidates with enough of their own weight in the draft measure.
    const further = item.candidates.filter((c) => c !== primary && c.shared >= t.mergedShare * prep.own[c.s]);
    if (further.length > 0) {
      epoch++;
      draftEpoch++;
      const ids = item.grams.ids;
      for (let i = 0; i < ids.length; i++) inDraft[ids[i]] = draftEpoch;
      markGrams(primary.s);
      while (chosen.length < MAX_SOURCES_PER_MEASURE) {
        // Which further source explains most of what the chosen ones leave unexplained.
        let next: Candidate | undefined;
        let nextResidual = t.mergedResidual * item.grams.own;
        for (const c of further) {
          if (chosen.some((x) => x.c === c)) continue;
          const grams = prep.grams[c.s];
          let residual = 0;
          for (let i = 0; i < grams.length; i++) {
            const id = grams[i];
            if (inDraft[id] === draftEpoch && mark[id] !== epoch) residual += weight2[id];
          }
          if (residual >= nextResidual) [next, nextResidual] = [c, residual];
        }
        if (!next) break;
        chosen.push({ c: next, role: 'merged' });
        markGrams(next.s);
      }
    }
    const own: AlignedPair[] = [];
    for (const { c, role } of chosen) {
      const share = prep.own[c.s] > 0 ? c.shared / prep.own[c.s] : 0;
      const pair: AlignedPair = {
        draft: item.node,
        source: prep.measures[c.s],
        score: c.cos,
        share,
        kind: share >= t.coveredShare ? 'covered' : 'partial',
        role,
        inSection: prep.sectionKey[c.s] === section,
      };
      own.push(pair);
      pairs.push(pair);
      linked[c.s].push(item.node);
      linkedItems[c.s].push(item);
    }
    byDraft.set(item.node, own);
  }

  // Coverage of each source measure by its draft measures together (a split holds it in parts).
  const statuses: MeasureStatus[] = prep.measures.map((measure, s) => {
    const framing = prep.framing[s];
    const draftNodes = linked[s];
    if (draftNodes.length === 0) return { measure, index: s, status: 'missing', share: 0, draft: [], framing };
    let share: number;
    if (draftNodes.length === 1) {
      share = byDraft.get(draftNodes[0])!.find((p) => p.source === measure)!.share;
    } else {
      epoch++;
      for (const item of linkedItems[s]) for (const id of item.grams.ids) mark[id] = epoch;
      let held = 0;
      for (const id of prep.grams[s]) if (mark[id] === epoch) held += weight2[id];
      share = prep.own[s] > 0 ? held / prep.own[s] : 0;
    }
    return { measure, index: s, status: share >= t.coveredShare ? 'covered' : 'partial', share, draft: draftNodes, framing };
  });

  const sections = sectionLinks(draft, prep, sectionOf);
  const statusByMeasure = new Map(statuses.map((st) => [st.measure, st]));
  return {
    draft,
    source,
    pairs,
    statuses,
    uncovered: statuses.filter((st) => st.status === 'missing').map((st) => st.measure),
    unmatchedDraft,
    sections,
    limited: measuresOf(draft.plan).length > MAX_ALIGNED_MEASURES || source.measures.length > MAX_ALIGNED_MEASURES,
    pairsOf: (node) => [...(byDraft.get(node) ?? [])].sort((a, b) => b.score - a.score),
    statusOf: (measure) => statusByMeasure.get(measure),
  };
}

/**
 * Draft headings and their source sections: by the vote of their measures, then, for source
 * sections no heading voted for (all their measures dropped), a draft heading with the same title.
 */
function sectionLinks(draft: DraftInput, prep: PreparedSource, sectionOf: Map<PlanNode | null, string>): SectionLink[] {
  const links: SectionLink[] = [];
  const claimed = new Set<string>();
  for (const [heading, key] of sectionOf) {
    links.push({ draft: heading, sourcePath: key ? key.split(SECTION_SEPARATOR) : [], via: 'measures' });
    claimed.add(key);
  }
  const linkedHeadings = new Set(sectionOf.keys());
  const headings: PlanNode[] = [];
  const walk = (nodes: readonly PlanNode[]) => {
    for (const n of nodes) {
      if (n.kind !== 'heading') continue;
      headings.push(n);
      walk(n.children);
    }
  };
  walk(draft.plan.nodes);
  for (const { key } of prep.sectionTitles) {
    if (claimed.has(key)) continue;
    let best: PlanNode | undefined;
    let bestScore = 0;
    for (const h of headings) {
      if (linkedHeadings.has(h)) continue;
      const match = titleMatches(prep, h.title).find((m) => m.key === key);
      if (match && match.similarity > bestScore) [best, bestScore] = [h, match.similarity];
    }
    if (best) {
      links.push({ draft: best, sourcePath: key.split(SECTION_SEPARATOR), via: 'title' });
      linkedHeadings.add(best);
    }
  }
  return links;
}

/** A source sentence is marked as said when this share of its weight occurs in the draft measure (as correspond.ts). */
const SAID_SHARE = 0.45;

/** Offsets in `pair.source.text` of the sentences the draft measure says (for a hover to mark them). */
export function pairSentences(alignment: Alignment, pair: AlignedPair): Array<{ start: number; end: number }> {
  const prep = prepareSource(alignment.source);
  const text = measureText(alignment.draft.file, pair.draft);
  const draft = new Set(draftGrams(prep, text).ids);
  const out: Array<{ start: number; end: number }> = [];
  for (const sentence of splitClauses(pair.source.text)) {
    const keys = distinctBigrams(normalizeForMatch(pair.source.text.slice(sentence.start, sentence.end)));
    let own = 0;
    let said = 0;
    for (let i = 0; i < keys.length; i++) {
      const id = prep.vocab.get(keys[i]);
      if (id < 0) continue;
      own += prep.weight2[id];
      if (draft.has(id)) said += prep.weight2[id];
    }
    if (own > 0 && said >= SAID_SHARE * own) out.push(sentence);
  }
  return out;
}
