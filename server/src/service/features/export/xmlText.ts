/**
 * Text as XML 1.0 can hold it. Pasted plans carry control characters (Word's vertical tab U+000B
 * for a line break, a stray U+0007) and the odd lone surrogate; written into a .docx or .xlsx as
 * they are, they make Word and Excel call the whole file corrupt. They are dropped (controls) or
 * replaced by U+FFFD (a lone surrogate, U+FFFE, U+FFFF); tab, line feed and carriage return stay.
 */
export function xmlText(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let replacement: string | null = null;
    if (c < 0x20) {
      if (c !== 0x09 && c !== 0x0a && c !== 0x0d) replacement = '';
    } else if (c === 0xfffe || c === 0xffff) {
      replacement = '\uFFFD';
    } else if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else replacement = '\uFFFD';
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      replacement = '\uFFFD';
    }
    if (replacement !== null) {
      out += text.slice(from, i) + replacement;
      from = i + 1;
    }
  }
  return from === 0 ? text : out + text.slice(from);
}
