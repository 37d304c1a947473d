import type { PlanFile, PlanLevel } from '../model/types';
import { planAt } from '../model/walk';
import { clauseText } from '../corpus/extract';
import { adaptFor, sectionLabel } from '../corpus/present';
import type { CorpusStore } from '../corpus/store';
import { uriToPath } from '../workspace/uri';

/**
 * One search result as the CLI (`fangan search --format json`) and the editor's quick pick
 * (`fangan/searchCorpus`) receive it.
 */
export interface CorpusSearchResult {
  /** 0…1, higher is better (fuse.js's fuzzy score blended with the share of shared wording). */
  readonly score: number;
  /** The clause as written in the source plan. */
  readonly text: string;
  /** The clause adapted to the draft's level (the same as `text` without a draft or when levels match). */
  readonly adapted: string;
  /** The source plan's title. */
  readonly plan: string;
  /** Short name of the source plan: 贵州省方案. */
  readonly planName: string;
  readonly level: PlanLevel | null;
  /** Section and measure marker: `二(一)2 维护宪法权威 · (6)`. */
  readonly section: string;
  readonly lead: readonly string[];
}

export function corpusSearch(
  store: CorpusStore,
  query: string,
  options: { limit?: number; uri?: string; model?: PlanFile; line?: number } = {},
): CorpusSearchResult[] {
  const draftPlan = options.model ? (planAt(options.model, options.line ?? 0) ?? options.model.plans[0]) : undefined;
  const hits = store.search(query, { limit: options.limit ?? 10, excludePath: options.uri ? uriToPath(options.uri) : undefined });
  return hits.map((hit) => {
    const measure = hit.clause.measure;
    const text = clauseText(hit.clause);
    return {
      score: Math.round(hit.score * 1000) / 1000,
      text,
      adapted: adaptFor(text, measure.plan, draftPlan),
      plan: measure.plan.title,
      planName: measure.plan.name,
      level: measure.plan.level,
      section: sectionLabel(measure),
      lead: [...measure.lead],
    };
  });
}
