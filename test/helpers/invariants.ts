import { strict as assert } from 'assert';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Range, TextEdit } from 'vscode-languageserver-types';
import { splitLines } from '../../server/src/service/model/parse';

/**
 * Invariants every answer of the service keeps, for the property and size tests.
 */

// An oracle apart from the parser: a marker-shaped start of a line, as a reader would strike it
// out — 一、 （一） (1) 1. 1、 1． `1 标题` ① and the damaged `)`, `()`, `三)` — with the spaces after
// it. It need not agree with the model on every line; it is applied alike before and after a fix.
const CN = '一二三四五六七八九十百零〇两';
const LEADING_MARKER = new RegExp(
  [
    `[（(][ \\t\\u3000]*[${CN}0-9０-９]{0,4}[ \\t\\u3000]*[）)]`,
    // a bracket lost, doubled or of another kind, financial capitals: `（五`, `（五、`, `（（五）`, `〔五〕`, `（伍）`
    `[（(〔【]{1,2}[ \\t\\u3000]*[${CN}壹贰叁肆伍陆柒捌玖拾佰0-9０-９]{1,4}[ \\t\\u3000]*[）)〕】、]?`,
    `[${CN}]{1,4}[ \\t\\u3000]*[、.．）)]`,
    `[0-9０-９]{1,3}[ \\t\\u3000]*[.．、](?![0-9０-９])`,
    `[0-9０-９]{1,3}[)）]`,
    `[0-9０-９]{1,3}[ \\t\\u3000\\u2002]+(?=[\\u4e00-\\u9fff“"《])`,
    '[\\u2460-\\u2473\\u3251-\\u325f\\u32b1-\\u32bf]',
    '[）)]',
  ]
    .map((p) => `^(?:${p})`)
    .join('|'),
);
const INDENT = /^[ \t\u3000\u00a0\u2000-\u200b\ufeff]*(?:#{1,6} )?(?:\*\*|__)?/;

/**
 * The text with the marker-shaped start of every line (and the spaces after it) struck out, plus
 * the line breaks: what a numbering fix must leave exactly as it was.
 */
export function withoutMarkers(text: string): { lines: string[]; breaks: string } {
  const lines = text.split(/\r\n|\r|\n/).map((line) => {
    const indent = INDENT.exec(line)![0].length;
    const rest = line.slice(indent);
    const marker = LEADING_MARKER.exec(rest);
    if (!marker) return line;
    return line.slice(0, indent) + rest.slice(marker[0].length).replace(/^[ \t\u3000\u2002]+/, '');
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
