import { existsSync, readFileSync } from 'fs';
import { resolve } from 'path';
import { coverageSummary, type Locale, type Localized, type SourceCoverage, type SourceText } from '../service';
import { readPlanText } from './wordFiles';

/**
 * `fangan coverage` and `fangan outline --source`: which measures of the plan above a draft
 * carries over. The analysis is the service's (`planAbove`); this file reads the files and prints.
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
  unreadable: (file: string, reason: string): Localized => ({ zh: `${file}：${reason}`, en: `${file}: ${reason}` }),
  noSource: { zh: '（未找到上级方案：用 --source 指定，或在序言中引用素材库中的方案）', en: '(no plan above found: name it with --source, or cite a corpus plan in the preamble)' } as Localized,
};

/** The manifest beside a .txt source (the bundled seeds have one), as JSON, when it is there. */
function manifestBeside(path: string): unknown {
  if (!path.toLowerCase().endsWith('.txt')) return undefined;
  const json = `${path.slice(0, -4)}.json`;
  if (!existsSync(json)) return undefined;
  try {
    return JSON.parse(readFileSync(json, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Reads a source file like any plan file (.txt/.md in any encoding the checker reads, or a Word document). */
export async function readSourceFile(file: string, locale: Locale): Promise<{ source: SourceText } | { problem: Localized }> {
  const read = await readPlanText(file);
  if (!read.ok) return { problem: msg.unreadable(file, locale === 'zh' ? read.reason.zh : read.reason.en) };
  const path = resolve(file);
  return { source: { path, text: read.text, manifest: manifestBeside(path) } };
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
