import JSZip from 'jszip';
import mammoth from 'mammoth';
import type { Localized } from '../l10n';
import { MAX_DOCX_ENTRIES, MAX_DOCX_UNCOMPRESSED_BYTES } from '../limits';

/**
 * The text of a Word (.docx) plan, paragraph by paragraph. mammoth reads the OOXML package in
 * memory (no file access, no native code); a damaged file rejects, and the store reports it.
 *
 * A .docx is a zip, and a zip can be a bomb (a few KB that inflate to gigabytes). Before anything
 * is inflated, the central directory is read for the entry count and the declared uncompressed
 * sizes; above the caps (limits.ts) the file is refused. Declared sizes can lie, so the entries are
 * then inflated as a stream, chunk by chunk and kept nowhere, and reading stops at the cap.
 */

/** A .docx the corpus refuses to open, with the reason in the user's terms. */
export class DocxRefused extends Error {
  constructor(readonly reason: Localized) {
    super(reason.en);
  }
}

export interface ZipLimits {
  readonly maxEntries: number;
  readonly maxUncompressedBytes: number;
}

const DEFAULT_LIMITS: ZipLimits = { maxEntries: MAX_DOCX_ENTRIES, maxUncompressedBytes: MAX_DOCX_UNCOMPRESSED_BYTES };
const EOCD = 0x06054b50;
const CENTRAL_HEADER = 0x02014b50;
const ZIP64 = 0xffffffff;
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/**
 * What is wrong with a zip by its central directory alone (nothing inflated): not a zip, ZIP64 (a
 * .docx never needs it), too many entries, or more declared uncompressed bytes than the cap.
 */
export function zipDirectoryProblem(bytes: Uint8Array, limits: ZipLimits = DEFAULT_LIMITS): Localized | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const notZip: Localized = { zh: '不是有效的 Word（.docx）文件', en: 'not a valid Word (.docx) file' };
  // The end-of-central-directory record: 22 bytes plus a comment of at most 65535.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= 0 && i >= bytes.length - 22 - 0xffff; i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd === -1) return notZip;
  const entries = view.getUint16(eocd + 10, true);
  const directorySize = view.getUint32(eocd + 12, true);
  const directoryOffset = view.getUint32(eocd + 16, true);
  if (entries === 0xffff || directorySize === ZIP64 || directoryOffset === ZIP64) {
    return { zh: '是 ZIP64 压缩包，Word 文档不会如此之大', en: 'is a ZIP64 archive, which no Word document needs' };
  }
  if (entries > limits.maxEntries) {
    return { zh: `压缩包中有 ${entries} 个条目（上限 ${limits.maxEntries}）`, en: `holds ${entries} zip entries (the limit is ${limits.maxEntries})` };
  }
  let at = directoryOffset;
  let declared = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL_HEADER) return notZip;
    const uncompressed = view.getUint32(at + 24, true);
    if (uncompressed === ZIP64 || view.getUint32(at + 20, true) === ZIP64) {
      return { zh: '是 ZIP64 压缩包，Word 文档不会如此之大', en: 'is a ZIP64 archive, which no Word document needs' };
    }
    declared += uncompressed;
    if (declared > limits.maxUncompressedBytes) return tooLarge(limits);
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return null;
}

function tooLarge(limits: ZipLimits): Localized {
  return {
    zh: `解压后超过 ${mb(limits.maxUncompressedBytes)} MB（可能是压缩炸弹）`,
    en: `inflates to more than ${mb(limits.maxUncompressedBytes)} MB (possibly a zip bomb)`,
  };
}

/** JSZip's documented stream of an entry (`ZipObject#internalStream`), missing from its typings. */
interface EntryStream {
  on(event: 'data', listener: (chunk: Uint8Array) => void): EntryStream;
  on(event: 'error', listener: (error: Error) => void): EntryStream;
  on(event: 'end', listener: () => void): EntryStream;
  pause(): EntryStream;
  resume(): EntryStream;
}

/** Inflates every entry as a stream (chunks are counted, not kept) and stops at the cap. */
async function inflatesWithinCap(bytes: Uint8Array, limits: ZipLimits): Promise<Localized | null> {
  const zip = await JSZip.loadAsync(bytes);
  let total = 0;
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    const over = await new Promise<boolean>((resolve, reject) => {
      const stream = (entry as unknown as { internalStream(type: 'uint8array'): EntryStream }).internalStream('uint8array');
      stream
        .on('data', (chunk: Uint8Array) => {
          total += chunk.length;
          if (total > limits.maxUncompressedBytes) {
            stream.pause();
            resolve(true);
          }
        })
        .on('error', reject)
        .on('end', () => resolve(false))
        .resume();
    });
    if (over) return tooLarge(limits);
  }
  return null;
}

export async function docxText(bytes: Uint8Array, limits: ZipLimits = DEFAULT_LIMITS): Promise<string> {
  const problem = zipDirectoryProblem(bytes, limits) ?? (await inflatesWithinCap(bytes, limits));
  if (problem) throw new DocxRefused(problem);
  // mammoth's `buffer` input takes any byte array JSZip can open.
  const result = await mammoth.extractRawText({ buffer: bytes as unknown as Buffer });
  // Raw text separates paragraphs by a blank line; one line per paragraph is what plans look like.
  return result.value.replace(/\r\n?/g, '\n').replace(/\n{2,}/g, '\n');
}
