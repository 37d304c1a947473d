import type { PlanNode } from '../model/types';
import { alignPlans, pairSentences, type AlignedPair, type Alignment } from './align';
import type { MeasureMatch } from './correspond';
import { coverageOf, type SourceCoverage } from './coverage';
import { findSources, type FindSourcesInput, type SourceResolution } from './source';

/**
 * The plan above in one call, for the editor: find the draft's sources, align the draft to each,
 * count coverage. Call it per document version (after the model is parsed); the source side is
 * cached on the corpus documents and each draft measure's matching on its text, so after a
 * keystroke it costs about a millisecond for an 80-measure county draft (`npm run bench`,
 * `source-keystroke`). Skip it for documents the service checks for structure only
 * (`sizeOf(document) !== 'normal'`, limits.ts); beyond MAX_ALIGNED_MEASURES an alignment is `limited`.
 *
 * What the editor builds on it (the wiring is another module's):
 *   - hover, source first: `sourceMatches(above, node)` are `MeasureMatch`es like the corpus
 *     hover's (corpus/hover.ts `markedText` renders them, matched sentences in bold); show them
 *     before the corpus peers, and leave `draftCopies(...)` paths out of the peers;
 *   - rule `source-uncovered` (one finding per `coverage.missing[i]`, at `placement.anchor`'s
 *     title range; data `{plan: source.plan.path, line: measure.line}`), its quick fix
 *     `insertionFor(alignment, measure)` (coverage.ts);
 *   - rule `source-lead-differs` (for each pair, `leadDifference(pair, alignment)`; data the
 *     expected units), its fix inserting the expected units;
 *   - the coverage view and status bar: `coverages` (`entries` per source, `coverageSummary`);
 *   - `resolution.unresolved`: say each message once per title (a cited plan not in the corpus,
 *     a named source that is the draft itself); `file-not-loaded` asks the host to read `path`
 *     and call again with it in `extraDocuments`.
 */

export interface PlanAbove {
  readonly resolution: SourceResolution;
  /** One per source, in the order the sources were found. */
  readonly alignments: readonly Alignment[];
  readonly coverages: readonly SourceCoverage[];
}

export function planAbove(input: FindSourcesInput): PlanAbove {
  const resolution = findSources(input);
  const alignments = resolution.sources.map((s) => alignPlans({ file: input.file, plan: input.plan }, s.source));
  return { resolution, alignments, coverages: alignments.map(coverageOf) };
}

/** The source measures a draft measure implements, best first, as hover matches (matched sentences marked). */
export function sourceMatches(above: PlanAbove, node: PlanNode): MeasureMatch[] {
  const pairs: Array<{ alignment: Alignment; pair: AlignedPair }> = [];
  for (const alignment of above.alignments) for (const pair of alignment.pairsOf(node)) pairs.push({ alignment, pair });
  pairs.sort((a, b) => b.pair.score - a.pair.score);
  return pairs.map(({ alignment, pair }) => ({ measure: pair.source, score: pair.score, matched: pairSentences(alignment, pair) }));
}
