/**
 * What kind of file the bytes are before any unzipping: Word's older formats and Word's encrypted
 * files are OLE compound files (CFB: `D0 CF 11 E0 A1 B1 1A E1`), not zips. An encrypted .docx is
 * a CFB holding an `EncryptedPackage` stream; a CFB without one is a Word 97–2003 .doc or a WPS
 * .wps (which the bytes alone cannot tell apart, so the file's name decides).
 */

export type Container = 'zip' | 'encrypted' | 'cfb' | 'other';

const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** `EncryptedPackage` in UTF-16LE, as a CFB directory entry names its stream. */
const ENCRYPTED_PACKAGE = Array.from('EncryptedPackage').flatMap((ch) => [ch.charCodeAt(0), 0]);
const DIRECTORY_ENTRY_BYTES = 128;
const STREAM_ENTRY = 2;

export function isCompoundFile(bytes: Uint8Array): boolean {
  return bytes.length >= 512 && CFB_SIGNATURE.every((b, i) => bytes[i] === b);
}

/**
 * Whether a compound file has a stream named `EncryptedPackage`. Directory entries are 128 bytes,
 * aligned to 128 within their sectors, and every sector starts at a multiple of 512 after the
 * 512-byte header; so each aligned slot is compared with an entry of that name (its UTF-16 name,
 * the name's length with the terminating NUL, the stream type). Linear in the file, no pointers
 * followed, so a damaged or hostile file cannot loop.
 */
export function hasEncryptedPackage(bytes: Uint8Array): boolean {
  const nameBytes = ENCRYPTED_PACKAGE.length + 2;
  for (let at = 512; at + DIRECTORY_ENTRY_BYTES <= bytes.length; at += DIRECTORY_ENTRY_BYTES) {
    if (bytes[at] !== ENCRYPTED_PACKAGE[0] || bytes[at + 64] !== nameBytes || bytes[at + 65] !== 0 || bytes[at + 66] !== STREAM_ENTRY) continue;
    let same = true;
    for (let i = 1; i < ENCRYPTED_PACKAGE.length && same; i++) same = bytes[at + i] === ENCRYPTED_PACKAGE[i];
    if (same) return true;
  }
  return false;
}

export function containerOf(bytes: Uint8Array): Container {
  if (isCompoundFile(bytes)) return hasEncryptedPackage(bytes) ? 'encrypted' : 'cfb';
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b) return 'zip';
  return 'other';
}
