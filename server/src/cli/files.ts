import { readRegularFile } from '../node/regularFile';
import { decodePlanBytes } from '../service/text/decode';

export type ReadPlan =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly code: 'file-unreadable' | 'file-binary'; readonly reason: string };

/** Files larger than this are refused: at most this many bytes are read, whatever the file's size says. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** Reads a plan file for the CLI (regular files only, see node/regularFile.ts); never throws. */
export function readPlanFile(file: string, maxBytes = MAX_FILE_BYTES): ReadPlan {
  try {
    const read = readRegularFile(file, maxBytes);
    if (!read.ok) return { ok: false, code: 'file-unreadable', reason: read.reason };
    const decoded = decodePlanBytes(read.bytes);
    if (decoded.ok) return { ok: true, text: decoded.text };
    return decoded.reason === 'binary'
      ? { ok: false, code: 'file-binary', reason: 'binary file, not plan text' }
      : { ok: false, code: 'file-unreadable', reason: 'not UTF-8, UTF-16 or GB18030 text' };
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    return { ok: false, code: 'file-unreadable', reason: e.code ?? e.message };
  }
}
