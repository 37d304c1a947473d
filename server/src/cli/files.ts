import { readRegularFile } from '../node/regularFile';
import { decodePlanBytes, MAX_CLI_FILE_BYTES, type DecodeResult } from '../service';

/** How a file was written, so that `check --fix` writes it back the same way. */
export type FileEncoding = Pick<Extract<DecodeResult, { ok: true }>, 'encoding' | 'bom'>;

export type ReadPlan =
  | { readonly ok: true; readonly text: string; readonly encoding: FileEncoding }
  | { readonly ok: false; readonly code: 'file-unreadable' | 'file-binary'; readonly reason: string };

/** Files larger than this are refused: at most this many bytes are read, whatever the file's size says (limits.ts). */
export const MAX_FILE_BYTES = MAX_CLI_FILE_BYTES;

/** Reads a plan file for the CLI (regular files only, see node/regularFile.ts); never throws. */
export function readPlanFile(file: string, maxBytes = MAX_FILE_BYTES): ReadPlan {
  try {
    const read = readRegularFile(file, maxBytes);
    if (!read.ok) return { ok: false, code: 'file-unreadable', reason: read.reason };
    const decoded = decodePlanBytes(read.bytes);
    if (decoded.ok) return { ok: true, text: decoded.text, encoding: { encoding: decoded.encoding, bom: decoded.bom } };
    return decoded.reason === 'binary'
      ? { ok: false, code: 'file-binary', reason: 'binary file, not plan text' }
      : { ok: false, code: 'file-unreadable', reason: 'not UTF-8, UTF-16 or GB18030 text' };
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    return { ok: false, code: 'file-unreadable', reason: e.code ?? e.message };
  }
}
