import type { Position, TextEdit } from 'vscode-languageserver-types';

/**
 * Applies LSP text edits to a text (pure; used by fix-all, the CLI and the tests).
 * Edits are applied in document order; an edit overlapping an earlier one is dropped,
 * so combining the fixes of several rules can never garble the text.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lineStarts = computeLineStarts(text);
  const offsetOf = (p: Position) => {
    if (p.line >= lineStarts.length) return text.length;
    const lineStart = lineStarts[p.line];
    const lineEnd = p.line + 1 < lineStarts.length ? lineStarts[p.line + 1] : text.length;
    return Math.min(lineStart + p.character, lineEnd);
  };
  const resolved = edits
    .map((e, i) => ({ start: offsetOf(e.range.start), end: offsetOf(e.range.end), text: e.newText, i }))
    .sort((a, b) => a.start - b.start || a.end - b.end || a.i - b.i);
  let out = '';
  let cursor = 0;
  for (const e of resolved) {
    if (e.start < cursor) continue; // overlaps an edit already applied
    out += text.slice(cursor, e.start) + e.text;
    cursor = Math.max(cursor, e.end);
  }
  return out + text.slice(cursor);
}

/**
 * The edits with the line breaks they add written as the document writes them: fixes are written
 * with `\n`, and a CRLF document (drafts on Windows offices' machines) must not get bare ones.
 */
export function withLineEnding<E extends TextEdit>(edits: readonly E[], eol: '\n' | '\r\n' | '\r'): E[] {
  if (eol === '\n') return [...edits];
  return edits.map((e) => (e.newText.includes('\n') ? { ...e, newText: e.newText.replace(/\r?\n/g, eol) } : e));
}

/** Drops edits that overlap an earlier one (same rule as applyEdits), keeping document order. */
export function nonOverlapping(edits: readonly TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
  const out: TextEdit[] = [];
  for (const e of sorted) {
    const prev = out[out.length - 1];
    if (
      prev &&
      (e.range.start.line < prev.range.end.line ||
        (e.range.start.line === prev.range.end.line && e.range.start.character < prev.range.end.character))
    ) {
      continue;
    }
    out.push(e);
  }
  return out;
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10) starts.push(i + 1);
  }
  return starts;
}
