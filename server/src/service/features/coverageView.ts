import type { Range, TextEdit } from 'vscode-languageserver-types';
import { coverageSummary, type SourceCoverage } from '../corpus/coverage';
import type { SourceVia } from '../corpus/source';
import { pick } from '../l10n';
import type { PlanNode } from '../model/types';
import { nodeLabel } from '../model/walk';
import { adaptedUnit, sourceInsertion } from '../rules/source/insert';
import { BUILTIN_REGISTRY } from '../workspace/units/registry';
import type { DocumentContext } from './context';

/**
 * The coverage view (方案：上级方案覆盖情况) and its insert action, from the document's plan above
 * (corpus/aboveCache.ts): per plan and source, the summary `已覆盖 87/94 项…` and every source
 * measure in source order — covered or partial with the draft measures that implement it, missing
 * with the same insertion source-uncovered's quick fix makes (rules/source/insert.ts).
 */

export type CoverageStatusName = 'covered' | 'partial' | 'missing';

export interface CoverageDraftMeasure {
  /** The draft measure's marker and lead phrase: `2. 严格落实宪法宣誓制度`. */
  readonly label: string;
  /** Its first line (0-based) and the range of its marker and title, to reveal it. */
  readonly line: number;
  readonly range: Range;
}

export interface CoverageEntryView {
  /** The source measure's first line in its file: with the source's path, what names it. */
  readonly line: number;
  /** Its marker as the source writes it (`(31)`), or null. */
  readonly marker: string | null;
  readonly text: string;
  /** The source's compact section (`二(一)2 维护宪法权威`): the view groups by it. */
  readonly section: string;
  readonly status: CoverageStatusName;
  /** Share of the source measure's wording the draft holds, 0…1 (two decimals). */
  readonly share: number;
  /** The source's lead units at the draft's level. */
  readonly lead: readonly string[];
  readonly draft: readonly CoverageDraftMeasure[];
}

export interface CoverageSourceView {
  /** The source plan's title, short name and file. */
  readonly plan: string;
  readonly name: string;
  readonly path: string;
  readonly via: SourceVia;
  /** `已覆盖 22/94 项，部分覆盖 50 项，缺 22 项` in the user's language. */
  readonly summary: string;
  readonly measures: number;
  readonly covered: number;
  readonly partial: number;
  readonly missing: number;
  /** Only the first MAX_ALIGNED_MEASURES measures were aligned. */
  readonly limited: boolean;
  readonly entries: readonly CoverageEntryView[];
}

export interface PlanCoverageView {
  readonly title: string | null;
  readonly firstLine: number;
  readonly lastLine: number;
  readonly sources: readonly CoverageSourceView[];
  /** Why a source is missing or cannot serve (not in the corpus, a file that cannot be read…). */
  readonly notices: readonly string[];
}

export interface CoverageView {
  readonly uri: string;
  readonly version: number | null;
  readonly plans: readonly PlanCoverageView[];
}

function draftMeasure(node: PlanNode): CoverageDraftMeasure {
  return {
    label: nodeLabel(node),
    line: node.range.start.line,
    range: { start: node.marker ? node.marker.range.start : node.titleRange.start, end: node.titleRange.end },
  };
}

function sourceView(ctx: DocumentContext, coverage: SourceCoverage, via: SourceVia): CoverageSourceView {
  const registry = ctx.units?.registry ?? BUILTIN_REGISTRY;
  const { alignment } = coverage;
  return {
    plan: alignment.source.plan.title,
    name: alignment.source.plan.name,
    path: alignment.source.plan.path,
    via,
    summary: coverageSummary(coverage, ctx.locale),
    measures: coverage.measures,
    covered: coverage.covered,
    partial: coverage.partial,
    missing: coverage.missing.length,
    limited: alignment.limited,
    entries: coverage.entries.map((entry) => ({
      line: entry.measure.line,
      marker: entry.measure.marker,
      text: entry.measure.text,
      section: entry.measure.section,
      status: entry.status,
      share: Math.round(entry.share * 100) / 100,
      lead: entry.measure.lead.map((u) => adaptedUnit(u, alignment, registry)),
      draft: entry.draft.map(draftMeasure),
    })),
  };
}

/** The coverage of every plan of the document against each of its sources. */
export function coverageView(ctx: DocumentContext, version: number | null): CoverageView {
  const plans: PlanCoverageView[] = [];
  for (const plan of ctx.file.plans) {
    const above = ctx.planAbove?.of(plan);
    const sources = above ? above.coverages.map((c, i) => sourceView(ctx, c, above.resolution.sources[i].via)) : [];
    const notices = ctx.planAbove ? ctx.planAbove.notices(plan).map((n) => pick(ctx.locale, n.message)) : [];
    plans.push({ title: plan.title?.text ?? null, firstLine: plan.firstLine, lastLine: plan.lastLine, sources, notices });
  }
  return { uri: ctx.uri, version, plans };
}

/** The edit that inserts the measure at `line` of the source file `path` where it belongs (null: none, or no longer missing). */
export function insertSourceMeasure(ctx: DocumentContext, path: string, line: number): TextEdit[] | null {
  for (const plan of ctx.file.plans) {
    const above = ctx.planAbove?.of(plan);
    for (const coverage of above?.coverages ?? []) {
      if (coverage.alignment.source.plan.path !== path) continue;
      const missing = coverage.missing.find((m) => m.measure.line === line);
      if (!missing) continue;
      return sourceInsertion(ctx.file, plan, coverage.alignment, missing.measure, ctx.units?.registry ?? BUILTIN_REGISTRY)?.edits ?? null;
    }
  }
  return null;
}
