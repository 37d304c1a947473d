import { DOCX_REFUSALS, DocxRefused, MAX_DOCX_FILE_BYTES, readDocx } from '../service';
import { IMPORT_DOCX_REQUEST, type ImportDocxAnswer } from '../protocol';
import type { ServerSession } from './session';

/**
 * Word documents from outside the editor: `fangan/importDocx` turns a Word file's bytes (the client
 * reads them, so remote and virtual workspaces work alike) into plan text with Word's automatic
 * numbers. The client writes and opens the result; nothing here touches a file.
 */
export function registerWordImport(session: ServerSession): void {
  /** fangan/importDocx {bytes: base64, name} → {text, notes} or {problem}. */
  session.connection.onRequest(IMPORT_DOCX_REQUEST, async (params: { bytes?: unknown; name?: unknown }): Promise<ImportDocxAnswer> => {
    const name = typeof params?.name === 'string' && params.name.trim() !== '' ? params.name : session.say({ zh: '此文件', en: 'the file' });
    if (typeof params?.bytes !== 'string') return { problem: session.say({ zh: '没有收到 Word 文档的内容', en: 'no Word document was sent' }) };
    // base64 is 4 characters per 3 bytes: refuse before decoding what could not be read anyway
    if (params.bytes.length > Math.ceil(MAX_DOCX_FILE_BYTES / 3) * 4 + 4) return { problem: `${name} ${session.say(DOCX_REFUSALS.fileTooLarge(MAX_DOCX_FILE_BYTES))}` };
    try {
      const read = await readDocx(Buffer.from(params.bytes, 'base64'), { name });
      return { text: read.text, notes: read.notes.map((note) => session.say(note)) };
    } catch (error) {
      if (error instanceof DocxRefused) return { problem: `${name} ${session.say(error.reason)}` };
      session.logFailure('importDocx', error);
      return { problem: session.say({ zh: `无法读取 ${name}`, en: `cannot read ${name}` }) };
    }
  });
}
