import { closeSync, constants, fstatSync, openSync, promises as fsp, readSync, statSync, type Stats } from 'fs';

/**
 * Reading a file whose name a user or a workspace gave: only regular files, and never more than a
 * cap, whatever the file's size on disk says. A device (`/dev/zero` has size 0 and never ends), a
 * FIFO (opening one without a writer blocks forever) or a socket is refused by its type before it
 * is opened; `/proc` files say 0 bytes and are read up to the cap.
 */

export type RegularFileRead = { readonly ok: true; readonly bytes: Buffer } | { readonly ok: false; readonly reason: string };

/** Why a file that is not a regular file is refused (English; the CLI translates it in messages.ts). */
export function notRegularReason(stat: Stats): string | null {
  if (stat.isFile()) return null;
  if (stat.isDirectory()) return 'is a directory';
  if (stat.isCharacterDevice()) return 'not a regular file (a character device)';
  if (stat.isBlockDevice()) return 'not a regular file (a block device)';
  if (stat.isFIFO()) return 'not a regular file (a FIFO, a named pipe)';
  if (stat.isSocket()) return 'not a regular file (a socket)';
  return 'not a regular file';
}

export const tooLargeReason = (maxBytes: number): string => `larger than ${maxBytes} bytes`;

// O_NONBLOCK: a FIFO put in the file's place after the stat does not block the open (no effect on regular files).
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);
const FIRST_CHUNK = 64 * 1024;

/** The bytes read so far: grown by doubling, up to one byte past the cap (which tells "too large" from "exactly the cap"). */
class CappedBuffer {
  private buffer: Buffer;
  private length = 0;

  constructor(
    private readonly maxBytes: number,
    sizeOnDisk: number,
  ) {
    this.buffer = Buffer.allocUnsafe(Math.min(maxBytes + 1, sizeOnDisk > 0 ? sizeOnDisk + 1 : FIRST_CHUNK));
  }

  get overCap(): boolean {
    return this.length > this.maxBytes;
  }

  /** Where the next read goes; null once past the cap. */
  room(): { buffer: Buffer; offset: number; length: number } | null {
    if (this.overCap) return null;
    if (this.length === this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.min(this.maxBytes + 1, this.buffer.length * 2));
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    return { buffer: this.buffer, offset: this.length, length: this.buffer.length - this.length };
  }

  add(read: number): void {
    this.length += read;
  }

  bytes(): Buffer {
    return this.buffer.subarray(0, this.length);
  }
}

/** Reads a regular file of at most `maxBytes` bytes; never throws for a file that cannot be read. */
export function readRegularFile(path: string, maxBytes: number): RegularFileRead {
  let fd: number | undefined;
  try {
    const refused = notRegularReason(statSync(path));
    if (refused) return { ok: false, reason: refused };
    fd = openSync(path, OPEN_FLAGS);
    const stat = fstatSync(fd);
    const changed = notRegularReason(stat);
    if (changed) return { ok: false, reason: changed };
    if (stat.size > maxBytes) return { ok: false, reason: tooLargeReason(maxBytes) };
    const out = new CappedBuffer(maxBytes, stat.size);
    for (let room = out.room(); room; room = out.room()) {
      const read = readSync(fd, room.buffer, room.offset, room.length, null);
      if (read === 0) break;
      out.add(read);
    }
    return out.overCap ? { ok: false, reason: tooLargeReason(maxBytes) } : { ok: true, bytes: out.bytes() };
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    return { ok: false, reason: e.code === 'ENOENT' ? 'no such file' : (e.code ?? e.message) };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The same for the language server's host (asynchronous); throws an Error saying why. */
export async function readRegularFileAsync(path: string, maxBytes: number): Promise<Buffer> {
  const refused = notRegularReason(await fsp.stat(path));
  if (refused) throw new Error(`${path}: ${refused}`);
  const handle = await fsp.open(path, OPEN_FLAGS);
  try {
    const stat = await handle.stat();
    const changed = notRegularReason(stat);
    if (changed) throw new Error(`${path}: ${changed}`);
    if (stat.size > maxBytes) throw new Error(`${path}: ${tooLargeReason(maxBytes)}`);
    const out = new CappedBuffer(maxBytes, stat.size);
    for (let room = out.room(); room; room = out.room()) {
      const { bytesRead } = await handle.read(room.buffer, room.offset, room.length, null);
      if (bytesRead === 0) break;
      out.add(bytesRead);
    }
    if (out.overCap) throw new Error(`${path}: ${tooLargeReason(maxBytes)}`);
    return out.bytes();
  } finally {
    await handle.close();
  }
}
