import type { Marker, MarkerRank, Plan, PlanFile, PlanNode } from '../types';
import { contentStart } from '../parse';
import { damagedForm, defaultForm, formKey, formOf, renderMarker, writableMarker, type MarkerForm } from './forms';

/**
 * Learns a plan's numbering scheme from the draft itself, level by level: which marker form the
 * level uses (majority of its intact markers) and how it counts — restarting under each parent,
 * continuously through the plan (seed 003's （一）…（二十七）, seed 002's (1)…(94)), or
 * continuously within each part. Linear in the plan's nodes.
 */

export type SlotKind =
  | 'marker' // an intact marker
  | 'damaged' // `)`, `()`, `三)`
  | 'unnumbered' // a measure paragraph without a marker among numbered siblings
  | 'lost-first'; // a heading's body paragraph that lost its `1.` (its siblings start at 2)

/** One position in a level's count. */
export interface Slot {
  readonly kind: SlotKind;
  /** The node the slot numbers; for 'lost-first', the heading whose body paragraph it is. */
  readonly node: PlanNode;
  /** The level the slot counts in; differs from the node's rank for a marker of another level's form. */
  readonly rank: MarkerRank;
  readonly marker: Marker | null;
  /** The number written, or null when there is none (lost numeral, no marker). */
  readonly written: number | null;
  /** The written form of an intact marker. */
  readonly form: MarkerForm | null;
  /** A marker written in the form of the level below ('deeper') or above ('shallower') its run. */
  readonly foreign: 'deeper' | 'shallower' | null;
  /** The marker's place, or where a missing marker goes (the paragraph start). */
  readonly line: number;
  readonly start: number;
  readonly end: number;
  /** First slot of the level after a heading above it: where restart and continuous counting differ. */
  groupStart: boolean;
  /** A lost-first slot is a guess until the count confirms it. */
  readonly tentative: boolean;
  /** Set by the check: the slots counted together with it (between two restarts), and its place there. */
  segment: Slot[] | null;
  index: number;
}

/** A node in document order, with the rank it counts at (for restarts) and its slot, if it has one. */
export interface Entry {
  readonly rank: number;
  readonly slot: Slot | null;
}

export interface LevelScheme {
  readonly rank: MarkerRank;
  /**
   * Counting restarts at every node of this rank or a higher one: rank - 1 restarts under each
   * parent; 0 never restarts (continuous through the plan); in between, continuous within
   * each heading of that rank.
   */
  readonly resetRank: number;
  /**
   * Group starts numbered the way another counting, as well supported by the draft as the chosen
   * one, predicts (`1.` under 一、, then `2.` under 二、 and `1.` under 三、): the draft does not tell
   * the two apart, so these starts are not held to either. Empty when the draft decides.
   */
  readonly undecidedStarts: ReadonlySet<Slot>;
  readonly form: MarkerForm;
  /** How many intact markers of the level are written in that form. */
  readonly formCount: number;
  /** What separates a space-form marker from its title (`1\u2002标题`), for a marker a fix adds. */
  readonly separator: string;
}

export interface PlanScheme {
  readonly entries: readonly Entry[];
  readonly levels: ReadonlyMap<MarkerRank, LevelScheme>;
}

interface Foreign {
  readonly rank: MarkerRank;
  readonly kind: 'deeper' | 'shallower';
}

const intact = (node: PlanNode | undefined | null): node is PlanNode & { marker: Marker } =>
  !!node?.marker && node.marker.damage === null && node.marker.number !== null;

/** The nodes are intact leaves of one rank numbered first, first + 1, … */
function consecutiveFrom(nodes: readonly PlanNode[], first: number, rank: MarkerRank): boolean {
  for (let i = 0; i < nodes.length; i++) {
    const c = nodes[i];
    if (!intact(c) || c.rank !== rank || c.marker.number !== first + i || c.children.length > 0) return false;
  }
  return true;
}

/** `1. 2. (3) 4.`: (3) is read as a child of 2.; `1. 2. （三） 4.`: （三） as a sibling of the heading above. */
function findForeign(plan: Plan): Map<PlanNode, Foreign> {
  const foreign = new Map<PlanNode, Foreign>();
  visitForeign(plan.nodes, foreign);
  return foreign;
}

function visitForeign(siblings: readonly PlanNode[], foreign: Map<PlanNode, Foreign>): void {
  for (let i = 0; i < siblings.length; i++) {
    const s = siblings[i];
    if (s.children.length > 0) visitForeign(s.children, foreign);
    if (!intact(s)) continue;
    const n = s.marker.number!;
    const after = siblings[i + 1];
    const kids = s.children;
    // deeper: S's children continue S's own run, and S's next sibling comes after them
    if (
      kids.length > 0 &&
      kids[0].rank > s.rank &&
      intact(after) &&
      after.rank === s.rank &&
      after.marker.number === n + kids.length + 1 &&
      consecutiveFrom(kids, n + 1, kids[0].rank)
    ) {
      for (const k of kids) foreign.set(k, { rank: s.rank, kind: 'deeper' });
    }
    // shallower: N follows a heading S whose last child L it continues, and N's own run does not
    // take it (its number is out of line, or the sibling after it carries the same number)
    const prev = i > 0 ? siblings[i - 1] : null;
    if (!intact(prev) || prev.rank !== s.rank) continue;
    const sameAsAfter = intact(after) && after.rank === s.rank && after.marker.number === n;
    if (n === prev.marker.number! + 1 && !sameAsAfter) continue;
    const last = prev.children[prev.children.length - 1];
    if (
      intact(last) &&
      !foreign.has(last) &&
      last.rank > s.rank &&
      last.children.length === 0 &&
      last.marker.number === n - 1 &&
      (kids.length > 0 ? consecutiveFrom(kids, n + 1, last.rank) : s.kind === 'measure' && last.kind === 'measure') &&
      (!intact(after) || after.rank !== s.rank || after.marker.number === prev.marker.number! + 1)
    ) {
      foreign.set(s, { rank: last.rank, kind: 'shallower' });
    }
  }
}

/** Notes of a heading that sit after its body paragraph and before its first child. */
function notesBetween(node: PlanNode, from: number, before: number): boolean {
  return node.notes.length > 0 && node.notes.every((n) => n.range.start.line >= from && n.range.start.line < before);
}

function buildEntries(file: PlanFile, plan: Plan, foreign: ReadonlyMap<PlanNode, Foreign>): Entry[] {
  const entries: Entry[] = [];
  /** The node before in document order: an unnumbered paragraph after it takes its level (as the model does). */
  let beforeNode: PlanNode | null = null;
  let beforeRank: MarkerRank = 1;

  const visit = (siblings: readonly PlanNode[]) => {
    // ranks at which this sibling list has numbered items: an unnumbered item among them lost its number
    let numberedRanks = 0; // bit r: some sibling of rank r has a marker
    for (const s of siblings) if (s.marker) numberedRanks |= 1 << s.rank;
    for (const node of siblings) {
      const f = foreign.get(node);
      const m = node.marker;
      let rank = f?.rank ?? node.rank;
      let slot: Slot | null = null;
      if (m) {
        const form = formOf(m);
        slot = {
          kind: form ? 'marker' : 'damaged',
          node,
          rank,
          marker: m,
          written: m.number,
          form,
          foreign: f?.kind ?? null,
          line: m.range.start.line,
          start: m.range.start.character,
          end: m.range.end.character,
          groupStart: false,
          tentative: false,
          segment: null,
          index: 0,
        };
      } else {
        // after a marker of another level's form, the paragraph joins that marker's run once it is fixed
        const joinsForeign = beforeNode !== null && beforeNode.rank === node.rank && foreign.has(beforeNode);
        if (joinsForeign) rank = beforeRank;
        if (joinsForeign || numberedRanks & (1 << node.rank)) {
          slot = {
            kind: 'unnumbered',
            node,
            rank,
            marker: null,
            written: null,
            form: null,
            foreign: null,
            line: node.titleRange.start.line,
            start: node.titleRange.start.character,
            end: node.titleRange.end.character,
            groupStart: false,
            tentative: false,
            segment: null,
            index: 0,
          };
        }
      }
      entries.push({ rank, slot });
      beforeNode = node;
      beforeRank = rank;

      // `（一）维护宪法权威` / `持续开展…` / `牵头单位：…` / `2.…`: the paragraph lost its `1.`
      const first = node.children[0];
      if (m && node.textLines.length === 2 && first?.marker && notesBetween(node, node.textLines[1], first.range.start.line)) {
        const line = node.textLines[1];
        const text = file.lines[line];
        const start = contentStart(text);
        entries.push({
          rank: Infinity,
          slot: {
            kind: 'lost-first',
            node,
            rank: foreign.get(first)?.rank ?? first.rank,
            marker: null,
            written: null,
            form: null,
            foreign: null,
            line,
            start,
            end: Math.min(text.length, start + leadLength(text, start)),
            groupStart: false,
            tentative: true,
            segment: null,
            index: 0,
          },
        });
      }
      visit(node.children);
    }
  };
  visit(plan.nodes);

  // A slot starts a group when a node of a higher level came since the level's last slot.
  const sinceHigher = [true, true, true, true, true, true];
  for (const entry of entries) {
    const slot = entry.slot;
    if (slot) {
      slot.groupStart = sinceHigher[slot.rank];
      if (!slot.tentative) sinceHigher[slot.rank] = false;
    }
    if (Number.isFinite(entry.rank)) for (let r = entry.rank + 1; r <= 5; r++) sinceHigher[r] = true;
  }
  return entries;
}

/** The lead phrase of a paragraph: up to its first sentence mark, at most 30 characters. */
function leadLength(text: string, start: number): number {
  const rest = text.slice(start, start + 30);
  const stop = rest.search(/[。；;，,：:]/);
  return stop > 0 ? stop : rest.length;
}

/**
 * How the level counts. Each candidate restart rank predicts where every group after a higher
 * heading starts; the candidate that predicts the most group starts as written wins. Ties go to
 * restarting under each parent (most plans), then to continuous through the plan. Only group
 * starts where the candidates predict different numbers are evidence (the first group starts at 1
 * under every counting); where the best candidates have as much evidence as each other, the
 * starts either predicts are accepted (`undecidedStarts`).
 */
function learnResetRank(entries: readonly Entry[], rank: MarkerRank): { resetRank: number; undecidedStarts: Set<Slot> } {
  const counters = new Array<number>(rank).fill(0);
  const votes = new Array<number>(rank).fill(0);
  // The informative starts and, `rank` numbers each, what every candidate predicted there.
  const starts: Slot[] = [];
  const predicted: number[] = [];
  let awaitingVote = false;
  for (const entry of entries) {
    if (entry.rank < rank) for (let t = entry.rank; t < rank; t++) counters[t] = 0;
    const slot = entry.slot;
    if (!slot || slot.rank !== rank || slot.tentative) continue;
    if (slot.groupStart) awaitingVote = true;
    if (slot.written === null) {
      for (let t = 0; t < rank; t++) counters[t]++;
      continue;
    }
    if (awaitingVote) {
      let informative = false;
      for (let t = 1; t < rank; t++) if (counters[t] !== counters[0]) informative = true;
      if (informative) {
        for (let t = 0; t < rank; t++) {
          if (slot.written === counters[t] + 1) votes[t]++;
          predicted.push(counters[t] + 1);
        }
        starts.push(slot);
      }
      awaitingVote = false;
    }
    for (let t = 0; t < rank; t++) counters[t] = slot.written;
  }
  const order = [rank - 1, 0];
  for (let t = rank - 2; t >= 1; t--) order.push(t);
  let best = order[0];
  for (const t of order) if (votes[t] > votes[best]) best = t;
  const undecidedStarts = new Set<Slot>();
  // Rivals: as much evidence as the winner, yet a different prediction somewhere.
  const rivals = order.filter((t) => t !== best && votes[t] === votes[best] && starts.some((_, i) => predicted[i * rank + t] !== predicted[i * rank + best]));
  if (rivals.length === 0) return { resetRank: best, undecidedStarts };
  starts.forEach((slot, i) => {
    if (rivals.some((t) => slot.written === predicted[i * rank + t])) undecidedStarts.add(slot);
  });
  return { resetRank: best, undecidedStarts };
}

interface LevelForm {
  form: MarkerForm;
  formCount: number;
  separator: string;
}

/** The form most intact markers of the level use (the first seen among equals). */
function learnForm(file: PlanFile, nodes: readonly PlanNode[], rank: MarkerRank): LevelForm {
  const counts = new Map<string, { form: MarkerForm; count: number }>();
  const separators = new Map<string, number>();
  let damaged: Marker | null = null;
  for (const node of nodes) {
    const m = node.marker!;
    const form = formOf(m);
    if (!form) {
      damaged ??= m;
      continue;
    }
    const key = formKey(form);
    const seen = counts.get(key);
    if (seen) seen.count++;
    else counts.set(key, { form, count: 1 });
    if (form.close === ' ') {
      const sep = file.lines[m.range.start.line][m.range.end.character] ?? ' ';
      separators.set(sep, (separators.get(sep) ?? 0) + 1);
    }
  }
  let best: { form: MarkerForm; count: number } | undefined;
  for (const c of counts.values()) if (!best || c.count > best.count) best = c;
  let separator = ' ';
  let sepCount = 0;
  for (const [sep, n] of separators) if (n > sepCount) [separator, sepCount] = [sep, n];
  if (best) return { form: best.form, formCount: best.count, separator };
  // only damaged markers: the bracket they kept tells the width
  return { form: damaged ? damagedForm(damaged, rank) : defaultForm(rank), formCount: 0, separator };
}

const schemes = new WeakMap<Plan, PlanScheme>();

/** The plan's scheme, learned once per parsed plan (the numbering rules, section insertion and the coverage insert share it). */
export function schemeOf(file: PlanFile, plan: Plan): PlanScheme {
  let scheme = schemes.get(plan);
  if (!scheme) schemes.set(plan, (scheme = learnScheme(file, plan)));
  return scheme;
}

export function learnScheme(file: PlanFile, plan: Plan): PlanScheme {
  // forms first, from every marker that is not a candidate for another level's run
  const candidates = findForeign(plan);
  const byRank = new Map<MarkerRank, PlanNode[]>();
  const collect = (nodes: readonly PlanNode[]) => {
    for (const node of nodes) {
      if (node.marker && !candidates.has(node)) {
        const list = byRank.get(node.rank);
        if (list) list.push(node);
        else byRank.set(node.rank, [node]);
      }
      if (node.children.length > 0) collect(node.children);
    }
  };
  collect(plan.nodes);
  const forms = new Map<MarkerRank, LevelForm>();
  const formAt = (rank: MarkerRank): LevelForm => {
    let f = forms.get(rank);
    if (!f) forms.set(rank, (f = learnForm(file, byRank.get(rank) ?? [], rank)));
    return f;
  };
  // a marker joins its neighbours' run only if it can be written in their form where it stands
  const writable = (node: PlanNode, f: Foreign) => {
    const m = node.marker!;
    const marker = renderMarker(formAt(f.rank).form, m.number!);
    const rest = file.lines[m.range.start.line].slice(m.range.end.character);
    return marker !== null && writableMarker(marker, rest, f.rank, m.number!) !== null;
  };
  const foreign = new Map<PlanNode, Foreign>();
  for (const [node, f] of candidates) {
    // the children that continue their parent's run go together, or not at all
    const group = f.kind === 'deeper' ? node.parent!.children : [node];
    if (group.every((n) => writable(n, f))) foreign.set(node, f);
  }

  const entries = buildEntries(file, plan, foreign);
  const levels = new Map<MarkerRank, LevelScheme>();
  for (const e of entries) {
    const rank = e.slot?.rank;
    if (rank === undefined || levels.has(rank)) continue;
    levels.set(rank, { rank, ...learnResetRank(entries, rank), ...formAt(rank) });
  }
  return { entries, levels };
}
