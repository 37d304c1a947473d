import { argumentCovers, DISABLE, DISABLE_NEXT_LINE, SUPPRESSION_DIRECTIVES } from '../model/directives';
import type { Directive, PlanFile } from '../model/types';

/**
 * In-document suppression (model/directives.ts): which findings the `fangan-disable…` lines
 * silence. "The next line" skips blank lines and other suppression directives, so several of
 * them can stand above one line.
 */

export interface Suppression {
  /** No suppression directive in the file (the common case: nothing to filter). */
  readonly empty: boolean;
  /** Whether a finding of `code` that starts on `line` is silenced. */
  isSuppressed(code: string, line: number): boolean;
}

/** What is off from a line on: everything (`all`) or the codes in `off`, but never those in `except`. */
interface RegionState {
  readonly line: number;
  readonly all: boolean;
  /** Codes or prefixes turned off. */
  readonly off: readonly string[];
  /** Codes or prefixes turned back on. */
  readonly except: readonly string[];
}

const NOTHING_OFF: RegionState = { line: -1, all: false, off: [], except: [] };

const NONE: Suppression = { empty: true, isSuppressed: () => false };
const cache = new WeakMap<PlanFile, Suppression>();

export function suppressionOf(file: PlanFile): Suppression {
  let cached = cache.get(file);
  if (!cached) {
    cached = build(file);
    cache.set(file, cached);
  }
  return cached;
}

const covers = (args: readonly string[], code: string) => args.some((a) => argumentCovers(a, code));

function build(file: PlanFile): Suppression {
  const directives = file.directives.filter((d) => SUPPRESSION_DIRECTIVES.includes(d.name));
  if (directives.length === 0) return NONE;
  const directiveLines = new Set(directives.map((d) => d.line));

  // Regions: the state after each disable/enable, in line order.
  const states: RegionState[] = [NOTHING_OFF];
  // Next-line targets: line → the codes silenced there ('*' for all).
  const nextLine = new Map<number, string[]>();
  for (const d of directives) {
    if (d.name === DISABLE_NEXT_LINE) {
      const target = nextTextLine(file, d, directiveLines);
      // The directive lines it steps over count too: a finding about one of them (directive-invalid) can be silenced.
      const end = target ?? file.lineCount - 1;
      for (let line = d.line + 1; line <= end; line++) {
        if (line !== target && !directiveLines.has(line)) continue;
        const codes = nextLine.get(line) ?? [];
        codes.push(...(d.args.length > 0 ? d.args : ['*']));
        nextLine.set(line, codes);
      }
      continue;
    }
    const before = states[states.length - 1];
    states.push(d.name === DISABLE ? disable(before, d) : enable(before, d));
  }

  const stateAt = (line: number): RegionState => {
    // The last change at or before the line (states are in line order).
    let lo = 0;
    let hi = states.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (states[mid].line <= line) lo = mid;
      else hi = mid - 1;
    }
    return states[lo];
  };

  return {
    empty: false,
    isSuppressed(code, line) {
      const targeted = nextLine.get(line);
      if (targeted && (targeted.includes('*') || covers(targeted, code))) return true;
      const state = stateAt(line);
      return (state.all || covers(state.off, code)) && !covers(state.except, code);
    },
  };
}

function disable(before: RegionState, d: Directive): RegionState {
  if (d.args.length === 0) return { line: d.line, all: true, off: [], except: [] };
  return {
    line: d.line,
    all: before.all,
    off: [...before.off, ...d.args.filter((a) => !before.off.includes(a))],
    except: before.except.filter((e) => !d.args.some((a) => argumentCovers(a, e))),
  };
}

function enable(before: RegionState, d: Directive): RegionState {
  if (d.args.length === 0) return { line: d.line, all: false, off: [], except: [] };
  return {
    line: d.line,
    all: before.all,
    off: before.off.filter((o) => !d.args.some((a) => argumentCovers(a, o))),
    except: [...before.except, ...d.args.filter((a) => !before.except.includes(a))],
  };
}

/** The first line after the directive that has text and is not a suppression directive; null at the end. */
function nextTextLine(file: PlanFile, d: Directive, directiveLines: ReadonlySet<number>): number | null {
  for (let line = d.line + 1; line < file.lineCount; line++) {
    if (directiveLines.has(line)) continue;
    if ((file.lines[line] ?? '').trim() === '') continue;
    return line;
  }
  return null;
}
