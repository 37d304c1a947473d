import type { TextEdit } from 'vscode-languageserver-types';
import { startsLikeMarker } from '../../model/markers';
import type { PlanFile } from '../../model/types';
import type { NumberingAnalysis, NumberingCode, NumberingIssue } from './analysis';
import { readsBack, renderMarker, sameForm, writableMarker, type MarkerForm } from '../../model/numbering/forms';
import type { LevelScheme, Slot } from '../../model/numbering/scheme';

/**
 * Fixes are edits of markers only: a marker is replaced, or one is inserted at the start of a
 * paragraph that lost it. Every edit is read back with the model's marker reader first; an edit
 * the model would not read as the intended marker is not offered.
 */

function lineRange(line: number, start: number, end: number) {
  return { start: { line, character: start }, end: { line, character: end } };
}

/** Replaces the slot's marker with `marker` (a space is added when the text would glue onto it: `3.2025年`). */
function replaceMarker(file: PlanFile, slot: Slot, marker: string, n: number): TextEdit | null {
  const written = writableMarker(marker, file.lines[slot.line].slice(slot.end), slot.rank, n);
  return written === null ? null : { range: lineRange(slot.line, slot.start, slot.end), newText: written };
}

/** Inserts `marker` at the start of the slot's paragraph; never in front of something marker-shaped (no doubled marker). */
function insertMarker(file: PlanFile, slot: Slot, marker: string, n: number, level: LevelScheme): TextEdit | null {
  const rest = file.lines[slot.line].slice(slot.start);
  if (startsLikeMarker(rest)) return null;
  const candidates = level.form.close === ' ' ? [level.separator, ' ', '\u2002'] : ['', ' '];
  for (const sep of candidates) {
    if (readsBack(marker, sep + rest, slot.rank, n)) {
      return { range: lineRange(slot.line, slot.start, slot.start), newText: marker + sep };
    }
  }
  return null;
}

/** The edit that makes the slot carry number n in form `form`, or null when none can. */
export function slotEdit(file: PlanFile, slot: Slot, level: LevelScheme, form: MarkerForm, n: number): TextEdit | null {
  const marker = renderMarker(form, n);
  if (marker === null) return null;
  return slot.kind === 'unnumbered' || slot.kind === 'lost-first'
    ? insertMarker(file, slot, marker, n, level)
    : replaceMarker(file, slot, marker, n);
}

/**
 * The slot with number n in the level's form; when the text after the marker cannot take that
 * form (`2 （此件…）` is not read as a marker), the number alone in the form written.
 */
function numberedEdit(file: PlanFile, slot: Slot, level: LevelScheme, form: MarkerForm, n: number): TextEdit | null {
  const edit = slotEdit(file, slot, level, form, n);
  if (edit || !slot.form || sameForm(slot.form, form) || n === slot.written) return edit;
  return slotEdit(file, slot, level, slot.form, n);
}

/** The edit for the issue's own slot. */
export function ownEdit(file: PlanFile, issue: NumberingIssue): TextEdit | null {
  const { slot, level } = issue;
  // a style issue's number is the one written; every fix writes the level's form
  if (issue.code === 'numbering-style') return slotEdit(file, slot, level, level.form, issue.number);
  return numberedEdit(file, slot, level, level.form, issue.number);
}

/** Renumbers the written markers after the issue in the same count, keeping each one's form. */
export function followingEdits(file: PlanFile, issue: NumberingIssue): TextEdit[] {
  const { segment, index } = issue.slot;
  if (!issue.renumbers || !segment) return [];
  const edits: TextEdit[] = [];
  for (let j = index + 1; j < segment.length; j++) {
    const slot = segment[j];
    const target = issue.number + (j - index);
    if (slot.kind !== 'marker' || slot.foreign || !slot.form || slot.written === target) continue;
    const edit = slotEdit(file, slot, issue.level, slot.form, target);
    if (edit) edits.push(edit);
  }
  return edits;
}

export type CodeFilter = (code: NumberingCode) => boolean;

/**
 * Every numbering fix of one count (a segment of a level between two restarts) at once: each slot
 * numbered by its place in the count, in the level's form. Rules that are switched off keep what
 * they would change: with numbering-style off the forms stay as written; with gap and duplicate
 * off the numbers do.
 */
export function segmentEdits(file: PlanFile, analysis: NumberingAnalysis, segment: readonly Slot[], enabled: CodeFilter): TextEdit[] {
  const renumber = enabled('numbering-gap') || enabled('numbering-duplicate');
  const restyle = enabled('numbering-style');
  const edits: TextEdit[] = [];
  for (const slot of segment) {
    const level = analysis.scheme.levels.get(slot.rank)!;
    // numbered by the scheme, the slot carries its place in the count
    const ideal = slot.index + 1;
    let edit: TextEdit | null = null;
    if (slot.kind === 'marker') {
      const n = renumber ? ideal : slot.written!;
      const form = restyle || !slot.form ? level.form : slot.form;
      if (n !== slot.written || !sameForm(form, slot.form!)) edit = numberedEdit(file, slot, level, form, n);
    } else if (slot.kind === 'damaged') {
      if (enabled('numbering-damaged')) edit = slotEdit(file, slot, level, level.form, ideal);
    } else if (enabled('numbering-missing')) {
      edit = slotEdit(file, slot, level, level.form, ideal);
    }
    if (edit) edits.push(edit);
  }
  return edits;
}
