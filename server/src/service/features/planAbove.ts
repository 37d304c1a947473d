import type { Localized } from '../l10n';
import type { Plan, PlanFile, PlanNode } from '../model/types';
import { measuresOf } from '../model/walk';
import { alignPlans, type Alignment } from '../corpus/align';
import { coverageOf, type SourceCoverage } from '../corpus/coverage';
import { extractDocument, type CorpusDocument } from '../corpus/extract';
import { parseManifest } from '../corpus/manifest';
import { findSources, type UnresolvedSource } from '../corpus/source';
import type { DocumentContext } from './context';

/**
 * The plan above (上级方案) of a document, for the hosts (`fangan coverage`, `outline --source`):
 * its sources — files the host read, or, without them, the plans the draft names (directive,
 * `fangan.source`, citations) among the corpus — the draft aligned to each (corpus/align.ts) and
 * what it carries over (corpus/coverage.ts).
 */

/** A source plan file the host read. `manifest`: the JSON of a manifest beside it (the bundled seeds have one). */
export interface SourceText {
  readonly path: string;
  readonly text: string;
  readonly manifest?: unknown;
}

export interface PlanAboveReport {
  /** The draft plan aligned: the one with the most measures (null: the file has no plan). */
  readonly plan: Plan | null;
  readonly alignments: readonly Alignment[];
  readonly coverages: readonly SourceCoverage[];
  /** Sources named but not usable: a cited plan not in the corpus, a named source that is the draft itself. */
  readonly unresolved: readonly UnresolvedSource[];
  /** Source files given that hold no measure to align to. */
  readonly unusable: ReadonlyArray<{ readonly path: string; readonly message: Localized }>;
  /** Each measure's aligned source measures, best first. */
  sourcesOf(node: PlanNode): Array<{ plan: string; marker: string | null; score: number }>;
}

/** The plan of a draft file that is aligned: the one with the most measures. */
export function mainPlan(model: PlanFile): Plan | null {
  let best: Plan | null = null;
  let most = -1;
  for (const plan of model.plans) {
    const n = measuresOf(plan).length;
    if (n > most) [best, most] = [plan, n];
  }
  return best;
}

function sourceDocument(source: SourceText): CorpusDocument {
  const parsed = source.manifest === undefined ? undefined : parseManifest(source.manifest);
  return extractDocument(source.path, source.text, parsed && 'manifest' in parsed ? parsed.manifest : undefined);
}

export function planAboveReport(ctx: DocumentContext, draftPath: string | undefined, given: readonly SourceText[] | null, setting?: string): PlanAboveReport {
  const model = ctx.file;
  const unusable: Array<{ path: string; message: Localized }> = [];
  const documents = given?.map(sourceDocument).filter((d) => {
    if (d.measures.length > 0) return true;
    unusable.push({
      path: d.path,
      message: { zh: `${d.path}：没有找到编号的措施条目，不能作为上级方案`, en: `${d.path}: no numbered measures found; it cannot serve as the plan above` },
    });
    return false;
  });
  const plan = mainPlan(model);
  if (!plan) return { plan: null, alignments: [], coverages: [], unresolved: [], unusable, sourcesOf: () => [] };
  const resolution = documents
    ? findSources({ file: model, plan, draftPath, setting: documents.map((d) => d.path), documents: [], extraDocuments: documents })
    : findSources({ file: model, plan, draftPath, setting, documents: ctx.corpus?.index.documents ?? [] });
  // With files given, they are the sources: other citations are not missing.
  const unresolved = resolution.unresolved.filter((p) => !documents || p.reason === 'is-draft');
  const sources = resolution.sources.map((s) => s.source);
  const alignments = sources.map((s) => alignPlans({ file: model, plan }, s));
  // Every plan of the file with measures, for the outline.
  const all: Alignment[] = [];
  for (const p of model.plans) {
    if (measuresOf(p).length === 0) continue;
    for (const s of sources) all.push(p === plan ? alignments[sources.indexOf(s)] : alignPlans({ file: model, plan: p }, s));
  }
  return {
    plan,
    alignments,
    coverages: alignments.map(coverageOf),
    unresolved,
    unusable,
    sourcesOf: (node) =>
      all
        .flatMap((a) => a.pairsOf(node))
        .sort((a, b) => b.score - a.score)
        .map((p) => ({ plan: p.source.plan.title, marker: p.source.marker, score: Math.round(p.score * 1000) / 1000 })),
  };
}
