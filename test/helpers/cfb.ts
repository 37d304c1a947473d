/**
 * Minimal OLE compound files (CFB, version 3: 512-byte sectors) for the tests of files Fangan
 * refuses: a Word 97–2003 .doc, a WPS .wps and an encrypted .docx are all such files, told apart
 * by the streams their directory names. One FAT sector, one directory sector, then the streams'
 * data in whole sectors, chained in the FAT.
 */

const SECTOR = 512;
const FREE = 0xffffffff;
const END_OF_CHAIN = 0xfffffffe;
const FAT_SECTOR = 0xfffffffd;
const NO_STREAM = 0xffffffff;

export interface CfbStream {
  readonly name: string;
  /** At least 4096 bytes, so the stream lives in regular sectors (smaller ones would go to the mini stream). */
  readonly data: Uint8Array;
}

export function compoundFile(streams: readonly CfbStream[]): Buffer {
  if (streams.length > 3) throw new Error('one directory sector holds the root and three streams');
  const sectorsOf = (s: CfbStream) => Math.ceil(s.data.length / SECTOR);
  const dataSectors = streams.reduce((n, s) => n + sectorsOf(s), 0);
  const header = Buffer.alloc(SECTOR);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x003e, 0x18); // minor version
  header.writeUInt16LE(3, 0x1a); // major version 3
  header.writeUInt16LE(0xfffe, 0x1c); // little-endian
  header.writeUInt16LE(9, 0x1e); // 512-byte sectors
  header.writeUInt16LE(6, 0x20); // 64-byte mini sectors
  header.writeUInt32LE(1, 0x2c); // one FAT sector
  header.writeUInt32LE(1, 0x30); // the directory starts at sector 1
  header.writeUInt32LE(4096, 0x38); // mini stream cutoff
  header.writeUInt32LE(END_OF_CHAIN, 0x3c); // no mini FAT
  header.writeUInt32LE(END_OF_CHAIN, 0x44); // no DIFAT sectors
  for (let i = 0; i < 109; i++) header.writeUInt32LE(i === 0 ? 0 : FREE, 0x4c + i * 4);

  const fat = Buffer.alloc(SECTOR, 0xff);
  fat.writeUInt32LE(FAT_SECTOR, 0);
  fat.writeUInt32LE(END_OF_CHAIN, 4);
  const directory = Buffer.alloc(SECTOR);
  entry(directory, 0, 'Root Entry', 5, streams.length > 0 ? 1 : NO_STREAM, NO_STREAM, END_OF_CHAIN, 0);
  let next = 2;
  streams.forEach((stream, i) => {
    const count = sectorsOf(stream);
    for (let s = 0; s < count; s++) fat.writeUInt32LE(s === count - 1 ? END_OF_CHAIN : next + s + 1, (next + s) * 4);
    entry(directory, i + 1, stream.name, 2, NO_STREAM, i + 1 < streams.length ? i + 2 : NO_STREAM, next, stream.data.length);
    next += count;
  });
  const data = Buffer.alloc(dataSectors * SECTOR);
  let at = 0;
  for (const stream of streams) {
    Buffer.from(stream.data).copy(data, at);
    at += sectorsOf(stream) * SECTOR;
  }
  return Buffer.concat([header, fat, directory, data]);
}

function entry(directory: Buffer, index: number, name: string, type: number, child: number, right: number, start: number, size = 0): void {
  const at = index * 128;
  const utf16 = Buffer.from(`${name}\0`, 'utf16le');
  utf16.copy(directory, at);
  directory.writeUInt16LE(utf16.length, at + 64);
  directory.writeUInt8(type, at + 66);
  directory.writeUInt8(1, at + 67); // black
  directory.writeUInt32LE(NO_STREAM, at + 68); // left sibling
  directory.writeUInt32LE(right, at + 72);
  directory.writeUInt32LE(child, at + 76);
  directory.writeUInt32LE(start, at + 116);
  directory.writeUInt32LE(size, at + 120);
}

/** A Word 97–2003 document's streams (contents are filler: only the directory is read). */
export function wordBinary(text = ''): Buffer {
  const word = Buffer.alloc(4096, 0x20);
  Buffer.from(text, 'utf16le').copy(word, 1024);
  return compoundFile([{ name: 'WordDocument', data: word }, { name: '1Table', data: Buffer.alloc(4096, 1) }]);
}

/** An encrypted .docx: the package, encrypted, in `EncryptedPackage`, the key data in `EncryptionInfo`. */
export function encryptedDocx(): Buffer {
  const noise = Uint8Array.from({ length: 8192 }, (_, i) => (i * 7919 + 13) % 256);
  return compoundFile([{ name: 'EncryptionInfo', data: Buffer.alloc(4096, 4) }, { name: 'EncryptedPackage', data: noise }]);
}
