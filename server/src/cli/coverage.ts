import { existsSync, readFileSync } from 'fs';
import { resolve } from 'path';
import { alignPlans, type Alignment } from '../service/corpus/align';
import { coverageOf, coverageSummary, type SourceCoverage } from '../service/corpus/coverage';
import { extractDocument, type CorpusDocument } from '../service/corpus/extract';
import { parseManifest, type Manifest } from '../service/corpus/manifest';
import { findSources, type SourceDocument, type UnresolvedSource } from '../service/corpus/source';
import type { Locale, Localized } from '../service/l10n';
import type { Plan, PlanFile, PlanNode } from '../service/model/types';
import { measuresOf } from '../service/model/walk';
import { readPlanFile } from './files';
import { readReason } from './messages';

/**
 * `fangan coverage` and `fangan outline --source`: which measures of the plan above a draft
 * carries over. The analysis is the service's (corpus/source.ts, align.ts, coverage.ts); this file
 * reads the files and prints.
 *
 * JSON (a contract: keep the field names):
 *   {"drafts":[{"file":…,"sources":[{"plan":…,"measures":N,"covered":N,"partial":N,
 *     "missing":[{"marker":…,"text":…,"section":…}]}]}]}
 * `measures` counts the source's measures to carry over (frame items under 总体要求 left out);
 * measures = covered + partial + missing.length.
 */

export type CoverageFormat = 'text' | 'json' | 'csv';

export interface CoverageJson {
  drafts: Array<{
    file: string;
    sources: Array<{
      plan: string;
      measures: number;
      covered: number;
      partial: number;
      missing: Array<{ marker: string | null; text: string; section: string }>;
    }>;
  }>;
}

/** A draft's result: the coverage of each of its sources. */
export interface DraftCoverage {
  readonly file: string;
  readonly coverages: readonly SourceCoverage[];
}

const msg = {
  docxSource: (file: string): Localized => ({
    zh: `${file}：暂不能读取 Word（.docx）格式的上级方案，请先另存为 .txt 或 .md`,
    en: `${file}: a plan above in Word (.docx) cannot be read yet; save it as .txt or .md first`,
  }),
  unreadable: (file: string, reason: string): Localized => ({ zh: `${file}：${reason}`, en: `${file}: ${reason}` }),
  noMeasures: (file: string): Localized => ({
    zh: `${file}：没有找到编号的措施条目，不能作为上级方案`,
    en: `${file}: no numbered measures found; it cannot serve as the plan above`,
  }),
  noSource: { zh: '（未找到上级方案：用 --source 指定，或在序言中引用素材库中的方案）', en: '(no plan above found: name it with --source, or cite a corpus plan in the preamble)' } as Localized,
};

/** The manifest beside a .txt source (the bundled seeds have one), when it is there and valid. */
function manifestBeside(path: string): Manifest | undefined {
  if (!path.toLowerCase().endsWith('.txt')) return undefined;
  const json = `${path.slice(0, -4)}.json`;
  if (!existsSync(json)) return undefined;
  try {
    const parsed = parseManifest(JSON.parse(readFileSync(json, 'utf8')));
    return 'manifest' in parsed ? parsed.manifest : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads a source file like any plan file (.txt/.md, any encoding the checker reads).
 * Seam: Word sources wait for the .docx plan reader (being built on another branch); when it
 * lands, read the .docx text here and hand it to extractDocument like the others.
 */
export function readSourceFile(file: string, locale: Locale): { document: CorpusDocument } | { problem: Localized } {
  if (file.toLowerCase().endsWith('.docx')) return { problem: msg.docxSource(file) };
  const read = readPlanFile(file);
  if (!read.ok) return { problem: msg.unreadable(file, locale === 'zh' ? readReason(read.reason, 'zh') : read.reason) };
  const path = resolve(file);
  const document = extractDocument(path, read.text, manifestBeside(path));
  if (document.measures.length === 0) return { problem: msg.noMeasures(file) };
  return { document };
}

/** The plan of a draft file that is aligned: the one with the most measures. */
export function mainPlan(model: PlanFile): Plan | undefined {
  let best: Plan | undefined;
  let most = -1;
  for (const plan of model.plans) {
    const n = measuresOf(plan).length;
    if (n > most) [best, most] = [plan, n];
  }
  return best;
}

/**
 * The sources of one draft: with --source files, those (each file's plans of the draft's kind when
 * it holds several); without, what the draft cites or names by directive among `corpus`. Problems
 * (a cited plan not in the corpus, a source that is the draft itself) go to `onProblem`.
 */
export function sourcesFor(
  draftPath: string,
  model: PlanFile,
  plan: Plan,
  given: readonly CorpusDocument[] | null,
  corpus: readonly CorpusDocument[],
  onProblem: (problem: UnresolvedSource) => void,
): SourceDocument[] {
  const resolution = given
    ? findSources({ file: model, plan, draftPath, setting: given.map((d) => d.path), documents: [], extraDocuments: given })
    : findSources({ file: model, plan, draftPath, documents: corpus });
  for (const problem of resolution.unresolved) {
    // With --source, the files given are the sources: other citations are not missing.
    if (!given || problem.reason === 'is-draft') onProblem(problem);
  }
  return resolution.sources.map((s) => s.source);
}

export function coverageJson(results: readonly DraftCoverage[]): CoverageJson {
  return {
    drafts: results.map((r) => ({
      file: r.file,
      sources: r.coverages.map((c) => ({
        plan: c.plan,
        measures: c.measures,
        covered: c.covered,
        partial: c.partial,
        missing: c.missing.map((m) => ({ marker: m.marker, text: m.text, section: m.section })),
      })),
    })),
  };
}

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

export function coverageText(results: readonly DraftCoverage[], locale: Locale): string {
  const lines: string[] = [];
  for (const r of results) {
    lines.push(r.file);
    if (r.coverages.length === 0) lines.push(`  ${locale === 'zh' ? msg.noSource.zh : msg.noSource.en}`);
    for (const c of r.coverages) {
      lines.push(`  ${c.plan}${locale === 'zh' ? '：' : ': '}${coverageSummary(c, locale)}`);
      for (const m of c.missing) {
        lines.push(`    ${m.marker ?? '·'} ${m.section}${locale === 'zh' ? '：' : ': '}${clip(m.text.replace(/\n/g, ''), 60)}`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function coverageCsv(results: readonly DraftCoverage[]): string {
  const rows = [['draft', 'source', 'marker', 'section', 'text']];
  for (const r of results) {
    for (const c of r.coverages) {
      for (const m of c.missing) rows.push([r.file, c.plan, m.marker ?? '', m.section, m.text.replace(/\n/g, ' ')]);
    }
  }
  return `${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** The coverage of one draft plan by each source. */
export function coverageOfDraft(file: string, model: PlanFile, plan: Plan, sources: readonly SourceDocument[]): DraftCoverage {
  return { file, coverages: sources.map((s) => coverageOf(alignPlans({ file: model, plan }, s))) };
}

/** For `outline --source`: each measure's aligned source measures, best first. */
export function outlineSources(model: PlanFile, sources: readonly SourceDocument[]): (node: PlanNode) => Array<{ plan: string; marker: string | null; score: number }> {
  const alignments: Alignment[] = [];
  for (const plan of model.plans) {
    if (measuresOf(plan).length === 0) continue;
    for (const s of sources) alignments.push(alignPlans({ file: model, plan }, s));
  }
  return (node) =>
    alignments
      .flatMap((a) => a.pairsOf(node))
      .sort((a, b) => b.score - a.score)
      .map((p) => ({ plan: p.source.plan.title, marker: p.source.marker, score: Math.round(p.score * 1000) / 1000 }));
}
