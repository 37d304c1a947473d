import { closeSync, openSync, readFileSync, readSync, statSync } from 'fs';
import { extname } from 'path';
import type { Localized } from '../service/l10n';
import { MAX_DOCX_FILE_BYTES } from '../service/limits';
import { DocxRefused, readDocx } from '../service/text/docx';
import { REFUSALS } from '../service/text/docx/refused';
import { readPlanFile } from './files';
import { readReason } from './messages';

/**
 * The CLI's plan reader with Word documents: a `.docx` (and a `.doc`/`.wps`, which the Word reader
 * refuses with what to do) is read with the automatic numbers Word shows; any other file goes to
 * `readPlanFile`, and one it finds binary is given to the Word reader when it starts like a zip or
 * a compound file (a Word document under another name). Never throws.
 */

const WORD_EXTENSIONS: ReadonlySet<string> = new Set(['.docx', '.docm', '.dotx', '.dotm', '.doc', '.wps']);

export type ReadPlanText =
  | { readonly ok: true; readonly text: string; readonly notes: readonly Localized[] }
  | { readonly ok: false; readonly code: 'file-unreadable' | 'file-binary'; readonly reason: Localized };

export async function readPlanText(file: string): Promise<ReadPlanText> {
  if (WORD_EXTENSIONS.has(extname(file).toLowerCase())) return readWordFile(file);
  const read = readPlanFile(file);
  if (read.ok) return { ok: true, text: read.text, notes: [] };
  if (read.code === 'file-binary' && startsLikeWord(file)) return readWordFile(file);
  return { ok: false, code: read.code, reason: { en: read.reason, zh: readReason(read.reason, 'zh') } };
}

async function readWordFile(file: string): Promise<ReadPlanText> {
  let size: number;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) return unreadable(file);
    if (!stat.isFile()) return { ok: false, code: 'file-unreadable', reason: { en: 'not a regular file', zh: '不是普通文件' } };
    size = stat.size;
  } catch {
    return unreadable(file); // missing or not allowed: said as for any file
  }
  if (size > MAX_DOCX_FILE_BYTES) return refused(REFUSALS.fileTooLarge(MAX_DOCX_FILE_BYTES));
  try {
    const read = await readDocx(readFileSync(file), { name: file });
    return { ok: true, text: read.text, notes: read.notes };
  } catch (error) {
    if (error instanceof DocxRefused) return refused(error.reason);
    return unreadable(file);
  }
}

/** What `readPlanFile` says of a file that is missing, a folder or not readable. */
function unreadable(file: string): ReadPlanText {
  const read = readPlanFile(file);
  if (read.ok) return { ok: false, code: 'file-unreadable', reason: { en: 'cannot be read', zh: '无法读取' } };
  return { ok: false, code: read.code, reason: { en: read.reason, zh: readReason(read.reason, 'zh') } };
}

/** The Word reader's reasons are said of the file: "the file is a Word 97–2003 document…". */
function refused(reason: Localized): ReadPlanText {
  return { ok: false, code: 'file-unreadable', reason: { zh: `此文件${reason.zh}`, en: `the file ${reason.en}` } };
}

function startsLikeWord(file: string): boolean {
  const head = Buffer.alloc(8);
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const n = readSync(fd, head, 0, 8, 0);
    const zip = n >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 3 && head[3] === 4;
    const compound = n === 8 && head.equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
    return zip || compound;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
