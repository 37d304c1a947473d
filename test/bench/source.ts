import { readFileSync } from 'fs';
import { join } from 'path';
import { alignPlans } from '../../server/src/service/corpus/align';
import { coverageOf } from '../../server/src/service/corpus/coverage';
import { extractDocument } from '../../server/src/service/corpus/extract';
import type { SourceDocument } from '../../server/src/service/corpus/source';
import { parsePlanFile } from '../../server/src/service/model/parse';
import { measuresOf } from '../../server/src/service/model/walk';
import { deriveDraft } from '../helpers/deriveDraft';
import { SEEDS_DIR } from './corpusData';
import { summarize, type Timing } from './stats';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createFsHost } from '../../server/src/node/fsHost';
import { createLanguageService } from '../../server/src/service/languageService';

/**
 * The plan above (issue 14):
 *   `align-100`: aligning a 100-measure county draft to a 100-measure source and counting its
 *     coverage, cold: the source side prepared anew each run (a new SourceDocument), the draft's
 *     measures read anew (a new text each run) — goal p95 ≤ 30 ms;
 *   `source-keystroke`: seed 001 (81 measures) against seed 002 (97) after a keystroke: the draft
 *     re-parsed by the service already (its parse is the `check` rows' cost), one measure's text
 *     changed, the source side cached — alignment and coverage only; goal p95 ≤ 5 ms;
 *   `source-diagnostics`: the same keystroke on the path the editor takes — the service's
 *     diagnostics of seed 001 with `fangan.source` = 贵州's plan (the bundled corpus loaded: finding
 *     the source among its plans, the copy test, alignment, coverage, the rules source-uncovered
 *     and source-lead-differs) minus the same diagnostics without a source, on one parsed version;
 *     goal p95 ≤ 5 ms (the extra cost per keystroke of a source set).
 */

export const ALIGN_GOAL_MS = 30;
export const KEYSTROKE_GOAL_MS = 5;

/** Like timeSync, but `fn` sets up its input untimed and returns the milliseconds of the part measured. */
function timeMeasured(fn: () => number, runs: number, warmup = 5): Timing {
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(fn());
  return summarize(samples);
}

function seedText(name: string): string {
  return readFileSync(join(SEEDS_DIR, `${name}.txt`), 'utf8');
}

/** Seed 002's plan with three of seed 003's measures added: 100 measures. */
function hundredMeasureSource(): () => SourceDocument {
  const guizhou = extractDocument('/bench/002.txt', seedText('002_6165ec8d7c1e9a5d'));
  const dazu = extractDocument('/bench/003.txt', seedText('003_eeaf1b93697e59c4'));
  const plan = guizhou.plans.find((p) => guizhou.measures.filter((m) => m.plan === p).length > 50)!;
  const measures = [...guizhou.measures.filter((m) => m.plan === plan), ...dazu.measures.slice(3)];
  measures.length = 100;
  // A new object each call: the cache is keyed on it, so every run prepares the source again.
  return () => ({ plan, measures: [...measures] });
}

/** A county draft of exactly 100 measures derived from seed 002 (the first derivation seed that gives 100). */
function hundredMeasureDraft(): string {
  for (let seed = 1; seed < 500; seed++) {
    const derived = deriveDraft(seedText('002_6165ec8d7c1e9a5d'), { seed, deleteRate: 0.02, mergeRate: 0.02, maxLocalMeasures: 8 });
    if (measuresOf(parsePlanFile(derived.text).plans[0]).length === 100) return derived.text;
  }
  throw new Error('no derivation of seed 002 has 100 measures');
}

export function benchSource(features: Record<string, Timing>): void {
  const source = hundredMeasureSource();
  const draftText = hundredMeasureDraft();
  let run = 0;
  features['align-100'] = timeMeasured(() => {
    // A new text each run (one character differs), so no draft measure is cached either.
    const file = parsePlanFile(draftText.replace('全县', `全县${++run}`));
    const t0 = performance.now();
    const coverage = coverageOf(alignPlans({ file, plan: file.plans[0] }, source()));
    if (coverage.measures === 0) throw new Error('nothing aligned');
    return performance.now() - t0;
  }, 100, 20);

  // Seed 001 against seed 002: one keystroke in a different measure each time.
  const guizhou = extractDocument('/bench/002.txt', seedText('002_6165ec8d7c1e9a5d'));
  const cached: SourceDocument = { plan: guizhou.plans[0], measures: guizhou.measures.filter((m) => m.plan === guizhou.plans[0]) };
  const xiji = seedText('001_7a3985546b992323');
  const base = parsePlanFile(xiji);
  const lines = measuresOf(base.plans[0]).map((m) => m.textLines[0]);
  const split = xiji.split('\n');
  let keystroke = 0;
  // Typing goes on: each run adds one more character to the line being edited.
  const typed = new Map<number, string>();
  features['source-keystroke'] = timeMeasured(() => {
    const line = lines[keystroke++ % lines.length];
    typed.set(line, (typed.get(line) ?? '') + '县');
    const edited = [...split];
    edited[line] = split[line] + typed.get(line);
    const file = parsePlanFile(edited.join('\n'));
    const t0 = performance.now();
    coverageOf(alignPlans({ file, plan: file.plans[0] }, cached));
    return performance.now() - t0;
  }, 200, 20);
}

/** `source-diagnostics`: what a source set adds to the diagnostics the editor asks for after each keystroke. */
export async function benchSourceDiagnostics(features: Record<string, Timing>): Promise<void> {
  // Two services with the bundled corpus: one checks without a source, one with 贵州's plan; each
  // parses its own copy of each version, so both check it cold, as the editor does after a keystroke.
  const serviceOf = async () => {
    const service = createLanguageService({ language: 'zh-cn', host: createFsHost(join(SEEDS_DIR, '..', '..'), []) });
    await service.corpus.load([]);
    return service;
  };
  const plain = await serviceOf();
  const sourced = await serviceOf();
  const without = plain.readSettings(undefined).settings;
  const withSource = sourced.readSettings({ source: '贵州省法治社会建设实施方案' }).settings;
  const xiji = seedText('001_7a3985546b992323');
  const split = xiji.split('\n');
  const lines = measuresOf(parsePlanFile(xiji).plans[0]).map((m) => m.textLines[0]);
  let keystroke = 0;
  let version = 0;
  const typed = new Map<number, string>();
  features['source-diagnostics'] = timeMeasured(() => {
    const line = lines[keystroke++ % lines.length];
    typed.set(line, (typed.get(line) ?? '') + '县');
    const edited = [...split];
    edited[line] = split[line] + typed.get(line);
    const text = edited.join('\n');
    const a = TextDocument.create('file:///bench/xiji.txt', 'fangan', ++version, text);
    const b = TextDocument.create('file:///bench/xiji.txt', 'fangan', version, text);
    plain.getModel(a); // parsed before the check, as the server does
    sourced.getModel(b);
    const t0 = performance.now();
    const found = plain.computeDiagnostics(a, without);
    const t1 = performance.now();
    const foundWithSource = sourced.computeDiagnostics(b, withSource);
    const t2 = performance.now();
    if (foundWithSource.length <= found.length) throw new Error('no source findings: the source was not found');
    return t2 - t1 - (t1 - t0);
  }, 200, 20);
}

// `npx tsx test/bench/source.ts`: these rows alone.
if (require.main === module) {
  const features: Record<string, Timing> = {};
  benchSource(features);
  void benchSourceDiagnostics(features).then(() => console.log(JSON.stringify(features)));
}
