import JSZip from 'jszip';
import type { Localized } from '../../l10n';
import { MAX_DOCX_ENTRIES, MAX_DOCX_UNCOMPRESSED_BYTES } from '../../limits';
import { DocxRefused, REFUSALS } from './refused';

/**
 * A .docx is a zip, and a zip can be a bomb (a few KB that inflate to gigabytes). Before anything
 * is inflated, the central directory is read for the entry count and the declared uncompressed
 * sizes; above the caps (limits.ts) the file is refused. Declared sizes can lie, so the parts that
 * are read are first inflated as a stream, chunk by chunk and kept nowhere, and reading stops at
 * the cap; only then are they inflated for real. Parts that are not read (pictures) are never inflated.
 */

export interface ZipLimits {
  readonly maxEntries: number;
  readonly maxUncompressedBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: MAX_DOCX_ENTRIES, maxUncompressedBytes: MAX_DOCX_UNCOMPRESSED_BYTES };

const EOCD = 0x06054b50;
const CENTRAL_HEADER = 0x02014b50;
const ZIP64 = 0xffffffff;

/**
 * What is wrong with a zip by its central directory alone (nothing inflated): not a zip, ZIP64 (a
 * .docx never needs it), too many entries, or more declared uncompressed bytes than the cap.
 */
export function zipDirectoryProblem(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Localized | null {
  return zipDirectoryRefusal(bytes, limits)?.reason ?? null;
}

function zipDirectoryRefusal(bytes: Uint8Array, limits: ZipLimits): DocxRefused | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const notZip = () => new DocxRefused(REFUSALS.notZip(), 'not-zip');
  // The end-of-central-directory record: 22 bytes plus a comment of at most 65535.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= 0 && i >= bytes.length - 22 - 0xffff; i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd === -1) return notZip();
  const entries = view.getUint16(eocd + 10, true);
  const directorySize = view.getUint32(eocd + 12, true);
  const directoryOffset = view.getUint32(eocd + 16, true);
  if (entries === 0xffff || directorySize === ZIP64 || directoryOffset === ZIP64) return new DocxRefused(REFUSALS.zip64(), 'zip-bomb');
  if (entries > limits.maxEntries) return new DocxRefused(REFUSALS.tooManyEntries(entries, limits.maxEntries), 'zip-bomb');
  let at = directoryOffset;
  let declared = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL_HEADER) return notZip();
    const uncompressed = view.getUint32(at + 24, true);
    if (uncompressed === ZIP64 || view.getUint32(at + 20, true) === ZIP64) return new DocxRefused(REFUSALS.zip64(), 'zip-bomb');
    declared += uncompressed;
    if (declared > limits.maxUncompressedBytes) return new DocxRefused(REFUSALS.inflatesTooLarge(limits.maxUncompressedBytes), 'zip-bomb');
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return null;
}

/** JSZip's documented stream of an entry (`ZipObject#internalStream`), missing from its typings. */
interface EntryStream {
  on(event: 'data', listener: (chunk: Uint8Array) => void): EntryStream;
  on(event: 'error', listener: (error: Error) => void): EntryStream;
  on(event: 'end', listener: () => void): EntryStream;
  pause(): EntryStream;
  resume(): EntryStream;
}

/** How many bytes an entry inflates to, counted chunk by chunk (nothing kept), up to `cap` + 1. */
function inflatedSize(entry: JSZip.JSZipObject, cap: number): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    let total = 0;
    const stream = (entry as unknown as { internalStream(type: 'uint8array'): EntryStream }).internalStream('uint8array');
    stream
      .on('data', (chunk: Uint8Array) => {
        total += chunk.length;
        if (total > cap) {
          stream.pause();
          resolve(total);
        }
      })
      .on('error', reject)
      .on('end', () => resolve(total))
      .resume();
  });
}

/** A zip whose directory passed `zipDirectoryProblem`, opened; a damaged one is refused. */
export async function openZip(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<JSZip> {
  const refused = zipDirectoryRefusal(bytes, limits);
  if (refused) throw refused;
  try {
    return await JSZip.loadAsync(bytes);
  } catch (error) {
    throw new DocxRefused(REFUSALS.corrupt(String((error as Error)?.message ?? error)), 'corrupt');
  }
}

/**
 * The named parts of an open zip, inflated (absent parts are left out). All of them together may
 * inflate to at most `maxUncompressedBytes`, each to at most `maxPartBytes`; both are checked on a
 * counting pass before anything is kept.
 */
export async function readParts(
  zip: JSZip,
  names: readonly string[],
  limits: ZipLimits & { readonly maxPartBytes: number },
): Promise<Map<string, Uint8Array>> {
  const entries = names.map((name) => [name, entryNamed(zip, name)] as const).filter((e): e is readonly [string, JSZip.JSZipObject] => e[1] !== null);
  let total = 0;
  try {
    for (const [name, entry] of entries) {
      const size = await inflatedSize(entry, limits.maxUncompressedBytes - total);
      total += size;
      if (total > limits.maxUncompressedBytes) throw new DocxRefused(REFUSALS.inflatesTooLarge(limits.maxUncompressedBytes), 'zip-bomb');
      if (size > limits.maxPartBytes) throw new DocxRefused(REFUSALS.partTooLarge(name, limits.maxPartBytes), 'too-large');
    }
    const parts = new Map<string, Uint8Array>();
    for (const [name, entry] of entries) parts.set(name, await entry.async('uint8array'));
    return parts;
  } catch (error) {
    if (error instanceof DocxRefused) throw error;
    throw new DocxRefused(REFUSALS.corrupt(String((error as Error)?.message ?? error)), 'corrupt');
  }
}

/** A zip entry by its part name; part names are case-insensitive in a Word package, zip names are not. */
export function entryNamed(zip: JSZip, name: string): JSZip.JSZipObject | null {
  const exact = zip.file(name);
  if (exact) return exact;
  const lower = name.toLowerCase();
  const match = Object.keys(zip.files).find((entry) => entry.toLowerCase() === lower);
  return match === undefined || zip.files[match].dir ? null : zip.files[match];
}
