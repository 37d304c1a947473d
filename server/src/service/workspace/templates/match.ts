import type { Plan, PlanFile, PlanNode } from '../../model/types';
import { toSimplifiedIfTraditional } from '../../text/chinese';
import type { NotesRequirement, PlanTemplate, TemplateSection, TemplateSubsection } from './template';

/**
 * Finds the template's sections in a plan by the meaning of the headings, at whatever level they
 * sit: 000 nests the task areas under 二、主要任务和落实措施 and puts 组织保障 at (六); 002 nests
 * them and puts 组织保障 at 三、; 003 has them all at 一、 level. Wording varies (加大权利保护力度
 * for 加强权利保护), and 000 is written in Traditional characters.
 */

/** Terms that Traditional→Simplified conversion writes in their Taiwan form (seed 000: 網路 → 网路). */
const REGIONAL_TERMS: ReadonlyArray<readonly [RegExp, string]> = [
  [/网路/g, '网络'],
  [/最佳化/g, '优化'],
];

/** Simplified characters only, without punctuation, spaces or Markdown marks: what headings are compared on. */
export function normalizeHeading(text: string): string {
  let s = toSimplifiedIfTraditional(text);
  for (const [from, to] of REGIONAL_TERMS) s = s.replace(from, to);
  return s.replace(/[^\p{Script=Han}A-Za-z0-9]/gu, '');
}

function bigrams(s: string): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i + 1 < s.length; i++) {
    const g = s.slice(i, i + 2);
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

function diceOf(a: string, ga: ReadonlyMap<string, number>, b: string, gb: ReadonlyMap<string, number>): number {
  if (a.length < 2 || b.length < 2) return a === b ? 1 : 0;
  let common = 0;
  for (const [g, n] of ga) common += Math.min(n, gb.get(g) ?? 0);
  return (2 * common) / (a.length - 1 + (b.length - 1));
}

function isSubsequence(short: string, long: string): boolean {
  let j = 0;
  for (let i = 0; i < long.length && j < short.length; i++) if (long[i] === short[j]) j++;
  return j === short.length;
}

/**
 * How well a (normalized) heading names a (normalized) section name, from 0 to 1.
 * - equal: 1;
 * - the heading contains the whole name (健全行政决策制度体系，不断提升…): 0.9 and up;
 * - the heading is the name with words left out, in order, and at least half as long
 *   (健全制度规范 ⊂ 健全社会领域制度规范): 0.8;
 * - otherwise the bigram overlap (增强全社会法治意识 ~ 增强全社会法治观念: 0.75).
 */
export function headingSimilarity(heading: string, name: string): number {
  return similarity(heading, bigrams(heading), name, bigrams(name));
}

function similarity(heading: string, hg: ReadonlyMap<string, number>, name: string, ng: ReadonlyMap<string, number>): number {
  if (heading.length === 0 || name.length === 0) return 0;
  if (heading === name) return 1;
  if (name.length >= 3 && heading.includes(name)) return 0.9 + (0.1 * name.length) / heading.length;
  if (heading.length >= 4 && heading.length * 2 >= name.length && isSubsequence(heading, name)) return 0.8;
  return diceOf(heading, hg, name, ng);
}

/**
 * Thresholds, justified on the seeds (test/unit/sections.test.ts prints nothing but asserts them):
 * every section heading of seeds 000–004 scores ≥ 0.8 against its own section's names (the seeds'
 * variants are listed as names), and unlisted variants that keep the key words score ≥ 0.5
 * (提高依法行政制度供给质效 ~ 健全依法行政制度体系: 0.5; 强化权利保护 ~ 加强权利保护: 0.6);
 * the best score of any other heading of the seeds (主要任务和落实措施, 004's 规划 parts, topic
 * headings) against any section is below 0.45. A heading must also beat the runner-up section by
 * a margin, so that a heading between two sections is not claimed by either.
 */
export const SECTION_THRESHOLD = 0.5;
export const SECTION_MARGIN = 0.08;
/** Subsections are read off the start of run-in items (（一）指导思想。…, 001's `(一)指导思想高举…`). */
export const SUBSECTION_THRESHOLD = 0.6;

export interface SectionScore {
  readonly section: TemplateSection;
  readonly score: number;
  /** The name that scored best. */
  readonly name: string;
}

interface NormalizedName {
  readonly text: string;
  readonly grams: ReadonlyMap<string, number>;
}

/** Names are normalized once per template object, not once per heading. */
const normalizedNames = new WeakMap<object, readonly NormalizedName[]>();
function namesOf(entry: { readonly names: readonly string[] }): readonly NormalizedName[] {
  let names = normalizedNames.get(entry);
  if (!names) {
    names = entry.names.map((n) => {
      const text = normalizeHeading(n);
      return { text, grams: bigrams(text) };
    });
    normalizedNames.set(entry, names);
  }
  return names;
}

/**
 * Headings repeat from one version of a draft to the next (every keystroke re-parses it), so the
 * best section of a heading is remembered per template; the memo is dropped when it grows large.
 */
const bestMemo = new WeakMap<PlanTemplate, Map<string, SectionScore | null>>();
const MEMO_LIMIT = 4096;

/** The best-scoring section for a heading, if it passes the threshold and the margin. */
export function bestSection(template: PlanTemplate, heading: string): SectionScore | null {
  let memo = bestMemo.get(template);
  if (!memo) {
    memo = new Map();
    bestMemo.set(template, memo);
  }
  const known = memo.get(heading);
  if (known !== undefined) return known;
  const result = scoreSections(template, heading);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(heading, result);
  return result;
}

function scoreSections(template: PlanTemplate, heading: string): SectionScore | null {
  const h = normalizeHeading(heading);
  if (h.length === 0) return null;
  const hg = bigrams(h);
  let best: SectionScore | null = null;
  let second = 0;
  for (const section of template.sections) {
    let score = 0;
    let bestName = section.title;
    const normalized = namesOf(section);
    for (let i = 0; i < section.names.length; i++) {
      const s = similarity(h, hg, normalized[i].text, normalized[i].grams);
      if (s > score) {
        score = s;
        bestName = section.names[i];
      }
    }
    if (!best || score > best.score) {
      second = best?.score ?? 0;
      best = { section, score, name: bestName };
    } else if (score > second) second = score;
  }
  if (!best || best.score < SECTION_THRESHOLD) return null;
  if (best.score < 0.9 && best.score - second < SECTION_MARGIN) return null;
  return best;
}

/** The subsection an item of 总体要求 is (its title starts with the name, or resembles it). */
export function bestSubsection(section: TemplateSection, title: string): TemplateSubsection | null {
  const t = normalizeHeading(title);
  if (t.length === 0) return null;
  let best: TemplateSubsection | null = null;
  let bestScore = 0;
  for (const sub of section.subsections) {
    for (const { text: n } of namesOf(sub)) {
      const score = t.startsWith(n) ? 1 : headingSimilarity(t.slice(0, n.length + 2), n);
      if (score > bestScore) {
        bestScore = score;
        best = sub;
      }
    }
  }
  return bestScore >= SUBSECTION_THRESHOLD ? best : null;
}

/**
 * A heading standing on its own line (`（五）依法治理网络空间`), as sections are written; run-in
 * items (`（四）维护宪法权威。深入宣传宪法…`) are topics or measures, never mandated sections.
 */
export function isStandaloneHeading(file: PlanFile, node: PlanNode): boolean {
  if (node.marker === null) return false;
  const line = file.lines[node.titleRange.start.line] ?? '';
  const rest = line.slice(node.titleRange.end.character);
  return /^[\s。：:；;，,*_#]*$/.test(rest) && node.title.length <= 60;
}

export interface SectionMatch {
  readonly section: TemplateSection;
  readonly node: PlanNode;
  readonly score: number;
  /** The node's children matched to subsections, in document order. */
  readonly subsections: ReadonlyArray<{ readonly subsection: TemplateSubsection; readonly node: PlanNode }>;
}

/** Where each of a template's sections is in one plan, and what that means for each node. */
export interface SectionMap {
  readonly template: PlanTemplate;
  /** Every heading matched to a section, in document order (a section written twice appears twice). */
  readonly matches: readonly SectionMatch[];
  /** The first heading matched to the section, if the plan has it. */
  nodeOf(sectionId: string): PlanNode | undefined;
  /** The section a node belongs to: its own match or its nearest matched ancestor's. */
  sectionOf(node: PlanNode): TemplateSection | null;
  /** The match a heading is, if it is one. */
  matchAt(node: PlanNode): SectionMatch | undefined;
  /** Whether measures in the node need responsibility notes ('required' outside every section). */
  notesRequirement(node: PlanNode): NotesRequirement;
}

/**
 * Matches a plan against a template: top-down, a heading that names a section is that section (its
 * descendants belong to it and are not searched); a heading that names none (主要任务和落实措施)
 * is searched inside.
 */
export function sectionMap(plan: Plan, template: PlanTemplate, file: PlanFile): SectionMap {
  const matches: SectionMatch[] = [];
  const byNode = new Map<PlanNode, SectionMatch>();
  const visit = (nodes: readonly PlanNode[]) => {
    for (const node of nodes) {
      const best = isStandaloneHeading(file, node) ? bestSection(template, node.title) : null;
      if (best) {
        const subsections: Array<{ subsection: TemplateSubsection; node: PlanNode }> = [];
        if (best.section.subsections.length > 0) {
          for (const child of node.children) {
            const sub = bestSubsection(best.section, child.title);
            if (sub) subsections.push({ subsection: sub, node: child });
          }
        }
        const match: SectionMatch = { section: best.section, node, score: best.score, subsections };
        matches.push(match);
        byNode.set(node, match);
      } else {
        visit(node.children);
      }
    }
  };
  visit(plan.nodes);
  const firstOf = new Map<string, PlanNode>();
  for (const m of matches) if (!firstOf.has(m.section.id)) firstOf.set(m.section.id, m.node);
  const sectionOf = (node: PlanNode): TemplateSection | null => {
    for (let n: PlanNode | null = node; n; n = n.parent) {
      const m = byNode.get(n);
      if (m) return m.section;
    }
    return null;
  };
  return {
    template,
    matches,
    nodeOf: (id) => firstOf.get(id),
    sectionOf,
    matchAt: (node) => byNode.get(node),
    notesRequirement: (node) => sectionOf(node)?.notes ?? 'required',
  };
}
