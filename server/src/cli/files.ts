import { readFileSync, statSync } from 'fs';
import { decodePlanBytes, MAX_CLI_FILE_BYTES, type DecodeResult } from '../service';

/** How a file was written, so that `check --fix` writes it back the same way. */
export type FileEncoding = Pick<Extract<DecodeResult, { ok: true }>, 'encoding' | 'bom'>;

export type ReadPlan =
  | { readonly ok: true; readonly text: string; readonly encoding: FileEncoding }
  | { readonly ok: false; readonly code: 'file-unreadable' | 'file-binary'; readonly reason: string };

/** Files larger than this are refused rather than read into memory (limits.ts). */
export const MAX_FILE_BYTES = MAX_CLI_FILE_BYTES;

/** Reads a plan file for the CLI; never throws. */
export function readPlanFile(file: string): ReadPlan {
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) return { ok: false, code: 'file-unreadable', reason: 'is a directory' };
    if (stat.size > MAX_FILE_BYTES) return { ok: false, code: 'file-unreadable', reason: `larger than ${MAX_FILE_BYTES} bytes` };
    const decoded = decodePlanBytes(readFileSync(file));
    if (decoded.ok) return { ok: true, text: decoded.text, encoding: { encoding: decoded.encoding, bom: decoded.bom } };
    return decoded.reason === 'binary'
      ? { ok: false, code: 'file-binary', reason: 'binary file, not plan text' }
      : { ok: false, code: 'file-unreadable', reason: 'not UTF-8, UTF-16 or GB18030 text' };
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    return { ok: false, code: 'file-unreadable', reason: e.code === 'ENOENT' ? 'no such file' : (e.code ?? e.message) };
  }
}
