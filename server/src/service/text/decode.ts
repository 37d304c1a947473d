/**
 * Bytes of a plan file → text. Drafts arrive as UTF-8 (with or without BOM), UTF-16 from Word's
 * "Unicode text" (with a BOM, or without one from some converters), or GB18030/GBK from older
 * Windows tools; anything with NUL bytes in its head that is not UTF-16 is binary and is refused,
 * not guessed at.
 */

export type DecodeResult =
  | {
      readonly ok: true;
      readonly text: string;
      readonly encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';
      /** The bytes began with a byte-order mark (kept when the file is written back). */
      readonly bom: boolean;
    }
  | { readonly ok: false; readonly reason: 'binary' | 'encoding' };

export function decodePlanBytes(bytes: Uint8Array): DecodeResult {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { ok: true, text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', bom: true };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { ok: true, text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be', bom: true };
  }
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return utf16WithoutBom(bytes) ?? { ok: false, reason: 'binary' };
  let start = 0;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start)), encoding: 'utf-8', bom: start > 0 };
  } catch {
    // not UTF-8: try the Chinese national encoding, which also covers GBK and GB2312
  }
  try {
    const text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    if (mostlyText(text)) return { ok: true, text, encoding: 'gb18030', bom: false };
  } catch {
    // fall through
  }
  return { ok: false, reason: mostlyControl(bytes) ? 'binary' : 'encoding' };
}

/**
 * UTF-16 without a byte-order mark (some converters write it): the ASCII in a plan (line breaks,
 * digits, `1.`) puts a NUL byte in one half of its code units — the high half, second in
 * little-endian. The half with more NULs gives the byte order (not all: 一 is U+4E00); the bytes
 * must then decode strictly and read as text, without a single NUL character.
 */
function utf16WithoutBom(bytes: Uint8Array): DecodeResult | null {
  if (bytes.length % 2 !== 0) return null;
  const head = bytes.subarray(0, 8192);
  let evenNuls = 0;
  let oddNuls = 0;
  for (let i = 0; i < head.length; i++) {
    if (head[i] !== 0) continue;
    if (i % 2 === 0) evenNuls++;
    else oddNuls++;
  }
  if (evenNuls === oddNuls) return null;
  const encoding = oddNuls > evenNuls ? 'utf-16le' : 'utf-16be';
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null; // a lone surrogate: not UTF-16
  }
  return !text.slice(0, 4096).includes('\0') && mostlyText(text) ? { ok: true, text, encoding, bom: false } : null;
}

function mostlyText(text: string): boolean {
  const sample = text.slice(0, 4096);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c < 0x20 && c !== 9 && c !== 10 && c !== 13) control++;
  }
  return control * 50 < sample.length + 1;
}

function mostlyControl(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 4096);
  let control = 0;
  for (const b of sample) if (b < 0x20 && b !== 9 && b !== 10 && b !== 13) control++;
  return control * 20 > sample.length;
}
