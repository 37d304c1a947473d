import { closeSync, openSync, readSync } from 'fs';
import { extname } from 'path';
import { readRegularFile } from '../node/regularFile';
import { DOCX_REFUSALS, DocxRefused, MAX_DOCX_FILE_BYTES, readDocx, type Localized } from '../service';
import { readPlanFile, type FileEncoding } from './files';
import { readReason } from './messages';

/**
 * The CLI's plan reader with Word documents: a `.docx` (and a `.doc`/`.wps`, which the Word reader
 * refuses with what to do) is read with the automatic numbers Word shows; any other file goes to
 * `readPlanFile`, and one it finds binary is given to the Word reader when it starts like a zip or
 * a compound file (a Word document under another name). Never throws.
 */

const WORD_EXTENSIONS: ReadonlySet<string> = new Set(['.docx', '.docm', '.dotx', '.dotm', '.doc', '.wps']);

export type ReadPlanText =
  | {
      readonly ok: true;
      readonly text: string;
      readonly notes: readonly Localized[];
      /** How a text file is written (`check --fix` writes it back so); null for a Word document, which is not rewritten. */
      readonly encoding: FileEncoding | null;
    }
  | { readonly ok: false; readonly code: 'file-unreadable' | 'file-binary'; readonly reason: Localized };

export async function readPlanText(file: string): Promise<ReadPlanText> {
  if (WORD_EXTENSIONS.has(extname(file).toLowerCase())) return readWordFile(file);
  const read = readPlanFile(file);
  if (read.ok) return { ok: true, text: read.text, notes: [], encoding: read.encoding };
  if (read.code === 'file-binary' && startsLikeWord(file)) return readWordFile(file);
  return { ok: false, code: read.code, reason: { en: read.reason, zh: readReason(read.reason, 'zh') } };
}

async function readWordFile(file: string): Promise<ReadPlanText> {
  // The same bounded reader as every file (regular files only, at most the cap read).
  const read = readRegularFile(file, MAX_DOCX_FILE_BYTES);
  if (!read.ok) {
    if (/^larger than/.test(read.reason)) return refused(DOCX_REFUSALS.fileTooLarge(MAX_DOCX_FILE_BYTES));
    return { ok: false, code: 'file-unreadable', reason: { en: read.reason, zh: readReason(read.reason, 'zh') } };
  }
  try {
    const docx = await readDocx(read.bytes, { name: file });
    return { ok: true, text: docx.text, notes: docx.notes, encoding: null };
  } catch (error) {
    if (error instanceof DocxRefused) return refused(error.reason);
    return { ok: false, code: 'file-unreadable', reason: { en: 'cannot be read', zh: '无法读取' } };
  }
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
