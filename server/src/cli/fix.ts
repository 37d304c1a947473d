import { chmodSync, renameSync, statSync, unlinkSync, writeFileSync } from 'fs';
import { basename, dirname, join } from 'path';
import { createTwoFilesPatch } from 'diff';
import { escapeControls } from './escape';
import iconv from 'iconv-lite';
import type { FileEncoding } from './files';

/**
 * `fangan check --fix` writes a fixed plan back as it was written: the same encoding (UTF-8,
 * UTF-16 LE/BE, GB18030), the byte-order mark if it had one, and its own line endings (fixes
 * never add or remove a line break, so the text's own stay). The new content goes to a temporary
 * file beside the plan, which then replaces it: a failure midway leaves the plan as it was.
 */

export function encodePlanText(text: string, { encoding, bom }: FileEncoding): Buffer {
  switch (encoding) {
    case 'utf-16le':
      return Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(text, 'utf16le')]);
    case 'utf-16be': {
      const body = Buffer.from(text, 'utf16le');
      body.swap16();
      return Buffer.concat([bom ? Buffer.from([0xfe, 0xff]) : Buffer.alloc(0), body]);
    }
    case 'gb18030':
      // Node's own encoders write UTF-8 and UTF-16 only; iconv-lite writes GB18030 (a pure JavaScript table).
      return iconv.encode(text, 'gb18030');
    default:
      return Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]);
  }
}

/** Replaces the file's content; throws (the file untouched) when it cannot. */
export function writePlanFile(file: string, text: string, encoding: FileEncoding): void {
  const bytes = encodePlanText(text, encoding);
  const temporary = join(dirname(file), `.${basename(file)}.fangan-${process.pid}.tmp`);
  try {
    writeFileSync(temporary, bytes, { flag: 'wx' });
    chmodSync(temporary, statSync(file).mode & 0o7777);
    renameSync(temporary, file);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // not created
    }
    throw error;
  }
}

/**
 * `--fix-dry-run`: the change as a unified diff (`diff -u` style, paths as given). The library
 * quotes a path with non-ASCII characters as octal escapes, as git does by default; a Chinese file
 * name is written as it is (only control characters escaped), so the drafter can read it.
 */
export function unifiedDiff(file: string, before: string, after: string): string {
  const placeholder = 'FANGAN_FILE';
  const patch = createTwoFilesPatch(placeholder, placeholder, before, after, undefined, undefined, { context: 3 });
  const name = escapeControls(file);
  const lines = patch.split('\n');
  for (let i = 0; i < Math.min(4, lines.length); i++) {
    if (lines[i] === `Index: ${placeholder}`) lines[i] = `Index: ${name}`;
    else if (lines[i].startsWith(`--- ${placeholder}`)) lines[i] = `--- ${name}${lines[i].slice(4 + placeholder.length)}`;
    else if (lines[i].startsWith(`+++ ${placeholder}`)) lines[i] = `+++ ${name}${lines[i].slice(4 + placeholder.length)}`;
  }
  return lines.join('\n');
}
