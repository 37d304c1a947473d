import mammoth from 'mammoth';

/**
 * The text of a Word (.docx) plan, paragraph by paragraph. mammoth reads the OOXML package in
 * memory (no file access, no native code); a damaged file rejects, and the store reports it.
 */
export async function docxText(bytes: Uint8Array): Promise<string> {
  // mammoth's `buffer` input takes any byte array JSZip can open.
  const result = await mammoth.extractRawText({ buffer: bytes as unknown as Buffer });
  // Raw text separates paragraphs by a blank line; one line per paragraph is what plans look like.
  return result.value.replace(/\r\n?/g, '\n').replace(/\n{2,}/g, '\n');
}
