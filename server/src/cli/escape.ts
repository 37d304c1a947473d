/**
 * One finding per line in the text output: a file name (or a message) with a line break or another
 * control character would break `file:line:col` apart, so those characters are written as escapes:
 * `\n`, `\r`, `\t`, otherwise `\xHH` or `\uHHHH` (C1 controls, U+2028/U+2029). JSON and SARIF
 * escape them themselves.
 */

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export function escapeControls(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    const code = c.charCodeAt(0);
    return NAMED[c] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
  });
}
