import type { MarkerRank, Plan, PlanFile } from '../../model/types';
import { renderMarker, sameForm, type MarkerForm } from '../../model/numbering/forms';
import { schemeOf, type Entry, type LevelScheme, type PlanScheme, type Slot } from '../../model/numbering/scheme';

/**
 * Holds every level of a plan to the scheme learned from it and says where the draft departs
 * from it. A wrong number is reported once: the count then follows what is written (a skip
 * shifts the rest) unless the next number shows that only this one is wrong.
 */

export type NumberingCode =
  | 'numbering-gap'
  | 'numbering-duplicate'
  | 'numbering-missing'
  | 'numbering-damaged'
  | 'numbering-style';

export type IssueReason =
  | 'skip' // 2. then 4.
  | 'start' // a group starts at the wrong number
  | 'repeat' // (17) twice
  | 'backwards' // 5. after 8.
  | 'lost' // a measure paragraph without its marker
  | 'damaged' // `)`, `()`, `三)`
  | 'width' // （一） among (一)
  | 'form' // 1、 among 1.
  | 'deeper' // (3) between 2. and 4.
  | 'shallower'; // （三） after 2. and before 4.

export interface NumberingIssue {
  readonly code: NumberingCode;
  readonly reason: IssueReason;
  readonly slot: Slot;
  readonly level: LevelScheme;
  /** The number the slot should carry. */
  readonly number: number;
  /** The marker expected there, in the draft's own form; null when that form cannot carry the number. */
  readonly expected: string | null;
  /** The nearest written markers before and after it in the same count. */
  readonly prev: Slot | null;
  readonly next: Slot | null;
  /** Whether fixing it renumbers the written markers after it in the same count. */
  readonly renumbers: boolean;
}

export interface NumberingAnalysis {
  readonly scheme: PlanScheme;
  readonly issues: readonly NumberingIssue[];
  /** Every slot counted, level by level; each knows its segment and index (see Slot). */
  readonly placed: readonly Slot[];
}

interface Ahead {
  readonly slot: Slot;
  /** Slots from the current one to it, it included. */
  readonly distance: number;
}

/**
 * For each entry, the next slot of the level with a written number before the count restarts.
 * Built on the first finding of a level (a plan without findings never needs it).
 */
function lookAhead(entries: readonly Entry[], level: LevelScheme): (from: number) => Ahead | null {
  let index: Int32Array | null = null;
  let distance: Int32Array | null = null;
  return (from) => {
    if (!index || !distance) {
      index = new Int32Array(entries.length).fill(-1);
      distance = new Int32Array(entries.length);
      let next = -1;
      let d = 0;
      for (let i = entries.length - 1; i >= 0; i--) {
        index[i] = next;
        distance[i] = d + 1;
        const entry = entries[i];
        const slot = entry.slot;
        if (slot && slot.rank === level.rank && !slot.tentative) {
          if (slot.written !== null) {
            next = i;
            d = 0;
          } else if (next !== -1) d++;
        }
        if (entry.rank <= level.resetRank) {
          next = -1;
          d = 0;
        }
      }
    }
    const i = index[from];
    return i === -1 ? null : { slot: entries[i].slot!, distance: distance[from] };
  };
}

/**
 * Checks one level. `relaxed`: group starts that fit a counting the draft supports as well as the
 * learned one are not held to it (LevelScheme.undecidedStarts).
 */
function checkLevel(scheme: PlanScheme, level: LevelScheme, issues: NumberingIssue[], placed: Slot[], relaxed: boolean): void {
  const entries = scheme.entries;
  const nextWritten = lookAhead(entries, level);
  let segment: Slot[] = [];
  /** The last number of the count, as written (a wrong number reported once moves the count). */
  let counter = 0;
  /**
   * The count as if a group that started wrong (restarted at （一） in a continuous plan) had been
   * numbered right: the group after it may carry on from there (…（十）,（一）（二）（三）,（十四）).
   */
  let shadow = 0;
  let inWrongGroup = false;
  let prev: Slot | null = null;
  /** Slots without a number since the last written one: a number right after them may be behind by as many. */
  let unwritten = 0;

  let at = 0; // index of the current entry
  const place = (slot: Slot) => {
    slot.segment = segment;
    slot.index = segment.length;
    segment.push(slot);
    placed.push(slot);
  };
  const issue = (slot: Slot, code: NumberingCode, reason: IssueReason, number: number) => {
    issues.push({
      code,
      reason,
      slot,
      level,
      number,
      expected: renderMarker(level.form, number),
      prev,
      next: nextWritten(at)?.slot ?? null,
      renumbers: code !== 'numbering-style',
    });
  };

  for (at = 0; at < entries.length; at++) {
    const entry = entries[at];
    if (entry.rank <= level.resetRank) {
      segment = [];
      counter = 0;
      shadow = 0;
      inWrongGroup = false;
      prev = null;
      unwritten = 0;
    }
    const slot = entry.slot;
    if (!slot || slot.rank !== level.rank) continue;
    const expected = counter + 1;
    if (slot.groupStart) inWrongGroup = false;

    if (slot.tentative) {
      // a heading's body paragraph whose siblings start one too high lost its first number
      const next = nextWritten(at);
      if (!next || next.slot.written !== expected + next.distance) continue;
      place(slot);
      issue(slot, 'numbering-missing', 'lost', expected);
      counter = shadow = expected;
      unwritten++;
      continue;
    }
    place(slot);

    if (slot.written === null) {
      if (slot.kind === 'damaged') issue(slot, 'numbering-damaged', 'damaged', expected);
      else issue(slot, 'numbering-missing', 'lost', expected);
      counter = shadow = expected;
      unwritten++;
      continue;
    }
    const written = slot.written;
    let startedWrong = false;
    if (slot.kind === 'damaged') {
      // `三)`: the numeral survived, the bracket did not
      issue(slot, 'numbering-damaged', 'damaged', expected);
      counter = expected;
    } else if (written === expected) {
      counter = written;
    } else if (relaxed && level.undecidedStarts.has(slot)) {
      // the draft does not tell restart from continuous counting, and this start fits the other one
      counter = written;
    } else if (slot.groupStart && written === shadow + 1) {
      // back in line after a group that started wrong; that group's fix renumbers it
      counter = written;
    } else if (unwritten > 0 && written < expected && written >= expected - unwritten) {
      // `2.` `<no number>` `3.`: an item was added without a number; its fix renumbers this one
      counter = written;
    } else {
      if (written > expected) issue(slot, 'numbering-gap', slot.groupStart ? 'start' : 'skip', expected);
      else {
        const reason = slot.groupStart ? 'start' : prev && written === prev.written ? 'repeat' : 'backwards';
        issue(slot, 'numbering-duplicate', reason, expected);
      }
      const next = nextWritten(at);
      // `1. 2. 30. 4.`: only 30. is wrong; `1. 2. 4. 5.`: the count goes on from 4.
      counter = next && next.slot.written === expected + next.distance ? expected : written;
      startedWrong = slot.groupStart && counter === written;
    }
    if (startedWrong) {
      inWrongGroup = true;
      shadow = expected;
    } else shadow = inWrongGroup ? shadow + 1 : counter;

    if (slot.foreign) {
      issue(slot, 'numbering-style', slot.foreign, written);
    } else if (slot.form && !sameForm(slot.form, level.form)) {
      const widthOnly = slot.form.numeral === level.form.numeral && bracketWidthDiffers(slot.form, level.form);
      issue(slot, 'numbering-style', widthOnly ? 'width' : 'form', written);
    }
    prev = slot;
    unwritten = 0;
  }
}

/** `（一）` vs `(一)`, `（一)`: the same brackets, only their width differs. */
function bracketWidthDiffers(a: MarkerForm, b: MarkerForm): boolean {
  const half = (s: string) => s.replace(/（/g, '(').replace(/）/g, ')');
  return a.open !== '' && b.open !== '' && half(a.open + a.close) === half(b.open + b.close);
}

const cache = new WeakMap<Plan, NumberingAnalysis>();

/** The numbering analysis of one plan (computed once per parsed plan). */
export function analyzeNumbering(file: PlanFile, plan: Plan): NumberingAnalysis {
  const cached = cache.get(plan);
  if (cached) return cached;
  const scheme = schemeOf(file, plan);
  const issues: NumberingIssue[] = [];
  const placed: Slot[] = [];
  const ranks = [...scheme.levels.keys()].sort((a, b) => a - b) as MarkerRank[];
  for (const rank of ranks) {
    const level = scheme.levels.get(rank)!;
    if (level.undecidedStarts.size > 0) {
      // The draft does not tell restart from continuous counting: no finding if it fits either
      // everywhere. A level with a real error is held to the learned counting, so that fixing
      // its errors never turns an accepted start into a new finding.
      const trial: NumberingIssue[] = [];
      const trialPlaced: Slot[] = [];
      checkLevel(scheme, level, trial, trialPlaced, true);
      if (trial.length === 0) {
        placed.push(...trialPlaced);
        continue;
      }
    }
    checkLevel(scheme, level, issues, placed, false);
  }
  issues.sort((a, b) => a.slot.line - b.slot.line || a.slot.start - b.slot.start || codeOrder(a.code) - codeOrder(b.code));
  const analysis = { scheme, issues, placed };
  cache.set(plan, analysis);
  return analysis;
}

const CODE_ORDER: readonly NumberingIssue['code'][] = [
  'numbering-damaged',
  'numbering-missing',
  'numbering-gap',
  'numbering-duplicate',
  'numbering-style',
];
const codeOrder = (code: NumberingIssue['code']) => CODE_ORDER.indexOf(code);
