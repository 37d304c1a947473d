import type { PlanFile, PlanNode } from '../../model/types';
import { measuresOf } from '../../model/walk';
import { MAX_TEXT_CACHE_CHARS } from '../../limits';
import { looksTraditional, toSimplified } from '../../text/chinese';
import { TextCache } from '../../text/textCache';
import type { UnitsEnvironment } from './environment';
import { formLevelOf } from './registry';
import type { PlanUnits } from './usage';

/**
 * Who should lead a measure: ranked from the leads of this plan's most similar measures, the
 * lead units of the most similar corpus measures adapted to this plan's level (when the corpus
 * search provides them), the registry's keywords, how often the plan names each unit as lead, and
 * last how common a lead the unit is in the seed plans.
 */

export type SuggestionSource = 'similar' | 'corpus' | 'keyword' | 'plan' | 'common';

export interface LeadSuggestion {
  /** The name as this plan writes it (or the registry's name at this plan's level). */
  readonly name: string;
  readonly key: string;
  readonly score: number;
  /** Where most of the score came from. */
  readonly source: SuggestionSource;
}

// Keyed by text, not node: a keystroke makes new nodes but leaves most measures' text as it was.
const gramCache = new TextCache<Set<string>>(MAX_TEXT_CACHE_CHARS, (grams) => 4 * grams.size);

/** Character bigrams of a text's words (punctuation and digits dropped). */
export function bigrams(text: string): Set<string> {
  const cached = gramCache.get(text);
  if (cached) return cached;
  const chars = (looksTraditional(text) ? toSimplified(text) : text).replace(/[^\u4e00-\u9fffA-Za-z]/g, '');
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars.slice(i, i + 2));
  return gramCache.set(text, out);
}

/** A measure's own words, without the notes written inside its paragraphs. */
export function measureText(file: PlanFile, node: PlanNode): string {
  const parts: string[] = [];
  node.textLines.forEach((l, i) => {
    let line = file.lines[l] ?? '';
    const inline = node.notes.filter((n) => n.notation === 'inline' && n.range.start.line === l);
    for (const n of [...inline].sort((a, b) => b.range.start.character - a.range.start.character)) {
      line = line.slice(0, n.range.start.character) + line.slice(n.range.end.character);
    }
    parts.push(i === 0 ? line.slice(node.titleRange.start.character) : line);
  });
  return parts.join('\n');
}

function gramsOf(file: PlanFile, node: PlanNode): Set<string> {
  return bigrams(measureText(file, node));
}

/** Dice coefficient of two bigram sets. */
export function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  for (const g of small) if (large.has(g)) shared++;
  return (2 * shared) / (a.size + b.size);
}

const SIMILAR_MEASURES = 5;
const MIN_SIMILARITY = 0.1;

export interface SuggestOptions {
  /** The measure the suggestion is for (left out of "similar measures"). */
  readonly node?: PlanNode;
  /** Unit keys not to suggest (already named in the note). */
  readonly exclude?: ReadonlySet<string>;
  readonly limit?: number;
}

export function suggestLeads(file: PlanFile, units: PlanUnits, env: UnitsEnvironment, text: string, options: SuggestOptions = {}): LeadSuggestion[] {
  const { registry, scope } = { registry: env.registry, scope: units.scope };
  const scores = new Map<string, { name: string; score: number; parts: Map<SuggestionSource, number> }>();
  const add = (name: string, score: number, source: SuggestionSource) => {
    const id = registry.identify(name, scope);
    if (!id.key || (id.status !== 'known' && id.status !== 'plausible') || options.exclude?.has(id.key)) return;
    const entry = scores.get(id.key) ?? { name: units.spelling(id.key) ?? name, score: 0, parts: new Map() };
    entry.score += score;
    entry.parts.set(source, (entry.parts.get(source) ?? 0) + score);
    scores.set(id.key, entry);
  };

  // 1. The leads of this plan's most similar measures.
  const grams = options.node ? gramsOf(file, options.node) : bigrams(text);
  const neighbours = measuresOf(units.plan)
    .filter((m) => m !== options.node && m.notes.some((n) => n.role !== 'support' && n.units.length > 0))
    .map((m) => ({ m, sim: similarity(grams, gramsOf(file, m)) }))
    .filter((x) => x.sim >= MIN_SIMILARITY)
    .sort((a, b) => b.sim - a.sim)
    .slice(0, SIMILAR_MEASURES);
  for (const { m, sim } of neighbours) {
    for (const o of units.occurrences) {
      if (o.node !== m || o.role === 'support') continue;
      // A damaged name (委宣传部) still tells who leads: count it as the name it stands for.
      const name = o.identity.status === 'unknown' ? o.closest : o.effective;
      if (name) add(name, (6 * sim) / (1 + 0.5 * o.index), 'similar');
    }
  }

  // 2. The corpus: leads of similar measures in other plans, adapted to this plan's level.
  const corpus = env.similarMeasureLeads?.(text) ?? [];
  corpus.slice(0, 5).forEach((leads, i) =>
    leads.forEach((name, j) => {
      const adapted = registry.adapt(name, scope) ?? name;
      add(adapted, 3 / (1 + i) / (1 + 0.5 * j), 'corpus');
    }),
  );

  // 3. Keywords of the registry's stems (普法 → 司法局, 网络 → 网信办, …).
  const level = formLevelOf(scope);
  if (level) {
    const prefix = scope.prefix ?? (level === 'province' ? '省' : level === 'city' ? '市' : '县');
    for (const { stem, hits } of registry.stemsForText(looksTraditional(text) ? toSimplified(text) : text)) {
      const name = registry.nameOf(stem, level, prefix);
      if (name) add(name, 0.4 * Math.min(hits, 3), 'keyword');
    }
  }

  // 4. How common a lead each unit of this level is (a small nudge that orders the rest).
  if (level) {
    const prefix = scope.prefix ?? (level === 'province' ? '省' : level === 'city' ? '市' : '县');
    for (const stem of registry.stems) {
      const name = stem.leads > 0 ? registry.nameOf(stem, level, prefix) : null;
      if (name) add(name, 0.03 * Math.log2(1 + stem.leads), 'common');
    }
  }

  // 5. How often the plan itself names each unit as lead.
  for (const [key, list] of units.byKey) {
    const leads = list.filter((o) => o.role !== 'support').length;
    const spelled = units.spelling(key);
    if (leads > 0 && spelled) add(spelled, 0.1 * Math.log2(1 + leads), 'plan');
  }

  return [...scores.entries()]
    .map(([key, e]) => {
      let source: SuggestionSource = 'plan';
      let top = -1;
      for (const [s, v] of e.parts) if (v > top) [source, top] = [s, v];
      return { name: e.name, key, score: e.score, source };
    })
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, 'zh'))
    .slice(0, options.limit ?? 10);
}
