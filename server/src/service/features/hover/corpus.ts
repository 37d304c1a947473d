import type { Position } from 'vscode-languageserver-types';
import type { HoverSection } from './section';
import type { PlanNode } from '../../model/types';
import { nodeAt, planAt } from '../../model/walk';
import type { MeasureMatch } from '../../corpus/correspond';
import { measureText, type SourceMeasure } from '../../corpus/extract';
import { bigramKeys, normalizeForMatch } from '../../corpus/normalize';
import { clip, escapeMarkdown, leadLine, levelName, sectionLabel } from '../../corpus/present';
import type { CorpusStore } from '../../corpus/store';
import { ownedCopy } from '../../text/textCache';
import { uriToPath } from '../../workspace/uri';

/**
 * Hover on a measure or a heading: the corpus measures that correspond to it, best first, each
 * with its plan, level, section, text (the sentences that match in bold) and lead units.
 */

export const HOVER_MATCHES = 5;
/** A longer source measure shows its matching sentences with some context, not all of it. */
const FULL_TEXT_CHARS = 260;

/** The node whose own lines hold the position: a measure's text lines or a heading's line. */
export function nodeUnder(file: { plans: readonly import('../../model/types').Plan[] }, position: Position): PlanNode | undefined {
  const plan = file.plans.find((p) => position.line >= p.firstLine && position.line <= p.lastLine);
  if (!plan) return undefined;
  const node = nodeAt(plan, position.line);
  if (!node) return undefined;
  return node.textLines.includes(position.line) || node.titleRange.start.line === position.line ? node : undefined;
}

/**
 * The last answers, by text: a hover asked again over the same measure (the mouse resting, or the
 * latest model answering while the user types) costs nothing. Dropped when the corpus changes.
 */
const recent = new Map<string, MeasureMatch[]>();
let recentRevision = -1;
const RECENT = 64;

/** Corpus measures for a draft node: by content for a measure, by its title for a heading. */
export function matchesFor(store: CorpusStore, uri: string, text: string, node: PlanNode, limit: number, copies: ReadonlySet<string> = new Set()): MeasureMatch[] {
  return recentMatches(store, uri, text, node, limit, copies, false)!;
}

/** The matches, from the recent answers; computed when not there, unless `readyOnly` (then null). */
function recentMatches(store: CorpusStore, uri: string, text: string, node: PlanNode, limit: number, copies: ReadonlySet<string>, readyOnly: boolean): MeasureMatch[] | null {
  if (recentRevision !== store.index.revision) {
    recent.clear();
    recentRevision = store.index.revision;
  }
  const key = `${uri}\u0000${node.kind === 'measure' || node.children.length === 0 ? 'm' : 'h'}\u0000${limit}\u0000${[...copies].join('\u0001')}\u0000${text}`;
  let matches = recent.get(key);
  if (!matches) {
    if (readyOnly) return null;
    matches = computeMatches(store, uri, text, node, limit, copies);
    if (recent.size >= RECENT) recent.delete(recent.keys().next().value!);
    recent.set(ownedCopy(key), matches);
  }
  return matches;
}

function computeMatches(store: CorpusStore, uri: string, text: string, node: PlanNode, limit: number, copies: ReadonlySet<string>): MeasureMatch[] {
  const excludePath = uriToPath(uri);
  // Copies of the draft in the corpus are the draft itself, never its peers.
  const peer = (m: MeasureMatch) => !copies.has(m.measure.plan.path);
  if (node.kind === 'measure' || node.children.length === 0) {
    return store.correspondingMeasures(text, { limit: copies.size > 0 ? limit * 2 : limit, excludePath }).filter(peer).slice(0, limit);
  }
  // A heading: measures whose clauses match its title, ranked mostly by how close the measure's
  // own title or its section's title is to the heading (维护宪法法律权威 ≈ 维护宪法权威).
  const best = new Map<SourceMeasure, MeasureMatch>();
  const title = normalizeForMatch(node.title);
  for (const hit of store.search(node.title, { limit: 60, excludePath, floor: 0 })) {
    const measure = hit.clause.measure;
    if (copies.has(measure.plan.path)) continue;
    const section = measure.sectionPath.length > 0 ? measure.sectionPath[measure.sectionPath.length - 1] : '';
    const titleSimilarity = Math.max(dice(title, normalizeForMatch(measure.title)), dice(title, normalizeForMatch(section)));
    const score = 0.6 * titleSimilarity + 0.4 * hit.score;
    const known = best.get(measure);
    if (!known || known.score < score) best.set(measure, { measure, score, matched: [{ start: hit.clause.start, end: hit.clause.end }] });
  }
  return [...best.values()].sort((a, b) => b.score - a.score).slice(0, limit);
}

/** Dice coefficient of two strings' bigram sets (0…1). */
function dice(a: string, b: string): number {
  const x = bigramKeys(a);
  const y = new Set(bigramKeys(b));
  if (x.length === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const k of x) if (y.has(k)) shared++;
  return (2 * shared) / (x.length + y.size);
}

const EDGE_PUNCTUATION = /[\p{P}\p{S}]/u;

/**
 * Text in bold as CommonMark reads it beside Chinese: punctuation at either end stays outside the
 * `**` (a closing `**` after `。` and before `公` is no delimiter, and the asterisks showed).
 */
function bold(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && EDGE_PUNCTUATION.test(text[start])) start++;
  while (end > start && EDGE_PUNCTUATION.test(text[end - 1])) end--;
  if (start === end) return escapeMarkdown(text);
  return `${escapeMarkdown(text.slice(0, start))}**${escapeMarkdown(text.slice(start, end))}**${escapeMarkdown(text.slice(end))}`;
}

/** The measure's text with the matching sentences in bold (long texts cut around them). */
export function markedText(match: MeasureMatch): string {
  const { text } = match.measure;
  const parts: string[] = [];
  let at = 0;
  const sentences = [...match.matched].sort((a, b) => a.start - b.start);
  const long = text.length > FULL_TEXT_CHARS;
  for (const s of sentences) {
    if (s.start > at) parts.push(long ? (at === 0 && s.start < 40 ? escapeMarkdown(text.slice(0, s.start)) : '…') : escapeMarkdown(text.slice(at, s.start)));
    parts.push(bold(text.slice(s.start, s.end).trim()));
    at = s.end;
  }
  if (at < text.length) parts.push(long ? (sentences.length === 0 ? escapeMarkdown(clip(text, FULL_TEXT_CHARS)) : '…') : escapeMarkdown(text.slice(at)));
  return parts.join('').replace(/\n/g, ' ');
}

export function createCorpusHover(): HoverSection {
  return {
    provide(ctx, position) {
      const store = ctx.corpus;
      if (!store || store.index.clauseCount === 0) return undefined;
      const node = nodeUnder(ctx.file, position);
      if (!node || !planAt(ctx.file, position.line)) return undefined;
      const text = node.kind === 'measure' ? measureText(ctx.file, node) : node.title;
      if (!text || ctx.token?.isCancellationRequested) return undefined;
      const plan = planAt(ctx.file, position.line);
      const matches = recentMatches(store, ctx.uri, text, node, HOVER_MATCHES, (plan && ctx.planAbove?.copies(plan)) || new Set(), ctx.typing === true);
      if (!matches || matches.length === 0) return undefined;
      const zh = ctx.locale === 'zh';
      const lines = [zh ? '**素材库中的对应措施**' : '**Corresponding measures in the corpus**', ''];
      matches.forEach((m, i) => {
        const plan = m.measure.plan;
        const head = `${i + 1}. **${escapeMarkdown(plan.name)}**（${levelName(plan.level, ctx.locale)}）· ${escapeMarkdown(sectionLabel(m.measure))}`;
        lines.push(head, `   ${markedText(m)}`);
        const lead = leadLine(m.measure, ctx.locale);
        if (lead) lines.push(`   ${escapeMarkdown(lead)}`);
      });
      return [lines.join('\n')];
    },
  };
}
