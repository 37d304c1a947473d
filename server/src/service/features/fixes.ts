import type { Range, TextEdit } from 'vscode-languageserver-types';
import { RULE_BY_CODE } from '../rules';
import type { Fix } from '../rules/types';
import { MAX_FIX_PASSES } from '../limits';
import { applyEdits, nonOverlapping } from '../text/edits';
import { collectFindings, isActive, type CollectedFinding } from './diagnostics';
import type { DocumentContext } from './context';

/**
 * The one fix machinery (after markdownlint's applyFixes). Every finding carries its fixes, best
 * first; this pass takes the preferred fix of every finding that fix-all may make — its rule is in
 * fix-all and the fix needs no choice (`automatic`), in the form it takes beside the others
 * (`Fix.together`) — and merges them with one overlap policy:
 * an edit identical to one already taken is taken once, an edit that touches text the fix of a
 * silenced or switched-off finding would change is left out (fix-all never changes what the user
 * chose to keep), and of two overlapping edits the first in document order wins. It backs fix-all,
 * fix on save, the family fix-all quick fix and `fangan check --fix`.
 */

/** Whether fix-all may make a finding's preferred fix, by its rule. */
const inFixAll = (c: CollectedFinding): boolean => RULE_BY_CODE.get(c.finding.code)?.meta.inFixAll === true;

/** The finding's preferred fix. */
export function preferredFix(c: CollectedFinding): Fix | undefined {
  return c.finding.fixes?.()[0];
}

/** Where the preferred fixes of silenced or switched-off fix-all findings would edit: no fix-all edit may touch it. */
export function blockedRanges(findings: readonly CollectedFinding[]): Range[] {
  const ranges: Range[] = [];
  for (const c of findings) {
    if (isActive(c) || !inFixAll(c)) continue;
    for (const edit of preferredFix(c)?.edits ?? []) ranges.push(edit.range);
  }
  return ranges;
}

/** Every automatic fix of the active findings `accept` lets through, merged (see above). */
export function automaticFixEdits(ctx: DocumentContext, accept: (c: CollectedFinding) => boolean = () => true): TextEdit[] {
  const findings = collectFindings(ctx);
  const edits: TextEdit[] = [];
  const taken = new Set<string>();
  for (const c of findings) {
    if (!isActive(c) || !inFixAll(c) || !accept(c)) continue;
    const fix = preferredFix(c);
    if (!fix?.automatic) continue;
    for (const edit of fix.together ?? fix.edits) {
      const key = `${edit.range.start.line}:${edit.range.start.character}-${edit.range.end.line}:${edit.range.end.character}\u0000${edit.newText}`;
      if (taken.has(key)) continue;
      taken.add(key);
      edits.push(edit);
    }
  }
  if (edits.length === 0) return edits;
  return nonOverlapping(withoutBlocked(edits, blockedRanges(findings)));
}

const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character < b.character);
const same = (a: Range['start'], b: Range['start']) => a.line === b.line && a.character === b.character;
const isEmpty = (r: Range) => same(r.start, r.end);

/** Two edits touch the same text: they overlap, or an insertion falls at or inside the other's range. */
function collides(a: Range, b: Range): boolean {
  if (isEmpty(a) || isEmpty(b)) return !before(a.end, b.start) && !before(b.end, a.start);
  return before(a.start, b.end) && before(b.start, a.end);
}

/** The edits that touch none of the blocked ranges. */
export function withoutBlocked(edits: readonly TextEdit[], blocked: readonly Range[]): TextEdit[] {
  if (blocked.length === 0) return [...edits];
  return edits.filter((e) => !blocked.some((r) => collides(e.range, r)));
}

/**
 * Every automatic fix applied to a text, pass after pass, until none is left or MAX_FIX_PASSES
 * (`fangan check --fix`): running it again changes nothing. `contextOf` checks a text.
 */
export function fixText(text: string, contextOf: (text: string) => DocumentContext): { text: string; fixes: number; passes: number } {
  let current = text;
  let fixes = 0;
  let passes = 0;
  while (passes < MAX_FIX_PASSES) {
    const edits = automaticFixEdits(contextOf(current));
    if (edits.length === 0) break;
    const next = applyEdits(current, edits);
    passes++;
    if (next === current) break;
    fixes += edits.length;
    current = next;
  }
  return { text: current, fixes, passes };
}
