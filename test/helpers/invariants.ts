import { strict as assert } from 'assert';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Range, TextEdit } from 'vscode-languageserver-types';
import { parsePlanFile, splitLines } from '../../server/src/service/model/parse';
import { walkNodes } from '../../server/src/service/model/walk';

/**
 * Invariants every answer of the service keeps, for the property and size tests.
 */

/**
 * The text with every marker the model reads (and the spaces after it) removed, line by line,
 * plus the line breaks: what a numbering fix must leave exactly as it was.
 */
export function withoutMarkers(text: string): { lines: string[]; breaks: string } {
  const file = parsePlanFile(text);
  const cut = new Map<number, [number, number]>();
  for (const plan of file.plans) {
    for (const node of walkNodes(plan.nodes)) {
      if (node.marker) cut.set(node.marker.range.start.line, [node.marker.range.start.character, node.titleRange.start.character]);
    }
  }
  const lines = splitLines(text).map((line, i) => {
    const c = cut.get(i);
    return c ? line.slice(0, c[0]) + line.slice(c[1]) : line;
  });
  return { lines, breaks: text.replace(/[^\r\n]/g, '') };
}

/** Lines as LSP counts them (CRLF, CR and LF end a line), without their ends. */
export function lspLines(text: string): string[] {
  return splitLines(text);
}

/** Asserts that a range lies inside the text: start ≤ end, lines that exist, characters within their line. */
export function assertInside(lines: readonly string[], range: Range, what: string): void {
  const { start, end } = range;
  const ok =
    Number.isInteger(start.line) &&
    Number.isInteger(start.character) &&
    Number.isInteger(end.line) &&
    Number.isInteger(end.character) &&
    start.line >= 0 &&
    start.character >= 0 &&
    end.line < lines.length &&
    start.line <= end.line &&
    (start.line < end.line || start.character <= end.character) &&
    start.character <= lines[start.line].length &&
    end.character <= lines[end.line].length;
  assert.ok(ok, `${what}: range ${JSON.stringify(range)} is not inside the document (${lines.length} lines)`);
}

/** Offset of a position, as TextDocument resolves it. */
export function offsetIn(document: TextDocument, range: Range): [number, number] {
  return [document.offsetAt(range.start), document.offsetAt(range.end)];
}

/** The edits of a code action on one document (the service answers with `changes`). */
export function actionEdits(action: CodeAction, uri: string): TextEdit[] {
  return action.edit?.changes?.[uri] ?? [];
}

/**
 * Maps offsets of the text after `edits` (given in offsets of the text before them) back to the
 * text before; an offset inside inserted text has no counterpart (null).
 */
export function unmapOffset(edits: ReadonlyArray<{ start: number; end: number; text: string }>, offset: number): number | null {
  let delta = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    const newStart = e.start + delta;
    const newEnd = newStart + e.text.length;
    if (offset <= newStart) return offset - delta;
    if (offset < newEnd) return null;
    if (offset === newEnd) return e.end;
    delta += e.text.length - (e.end - e.start);
  }
  return offset - delta;
}
