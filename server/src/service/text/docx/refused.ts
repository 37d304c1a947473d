import type { Localized } from '../../l10n';

/**
 * A Word file Fangan will not read, with the reason in the user's terms. Each reason is said of
 * the file ("… is a Word 97–2003 document"), so a caller puts the file's name (or 此文件 / the
 * file) in front of it: `素材库文件 a.doc 是 Word 97–2003 文档…`, `a.doc is a Word 97–2003 document…`.
 */
export class DocxRefused extends Error {
  constructor(
    readonly reason: Localized,
    /** What kind of refusal, for callers and tests that need more than the text. */
    readonly kind: DocxRefusal,
  ) {
    super(reason.en);
  }
}

export type DocxRefusal = 'encrypted' | 'doc' | 'wps' | 'not-zip' | 'corrupt' | 'not-docx' | 'too-large' | 'zip-bomb';

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

export const REFUSALS = {
  encrypted: (): Localized => ({
    zh: '是加密（设有打开密码）的 Word 文档，无法读取；请在 Word 中取消密码（文件 → 信息 → 保护文档）后另存为 .docx',
    en: 'is an encrypted (password-protected) Word document and cannot be read; remove the password in Word (File → Info → Protect Document) and save it as .docx',
  }),
  doc: (): Localized => ({
    zh: '是 Word 97–2003 文档（.doc），请先在 Word 或 WPS 中“另存为” Word 文档（.docx）',
    en: 'is a Word 97–2003 document (.doc); save it as a Word document (.docx) in Word or WPS first',
  }),
  wps: (): Localized => ({
    zh: '是 WPS 文字文档（.wps），请先在 WPS 中“另存为” Word 文档（.docx）',
    en: 'is a WPS Writer document (.wps); save it as a Word document (.docx) in WPS first',
  }),
  notZip: (): Localized => ({ zh: '不是有效的 Word（.docx）文件', en: 'is not a valid Word (.docx) file' }),
  corrupt: (detail: string): Localized => ({
    zh: `不是有效的 Word（.docx）文件：文件已损坏（${detail}）`,
    en: `is not a valid Word (.docx) file: it is damaged (${detail})`,
  }),
  notDocx: (): Localized => ({
    zh: '是压缩包，但不是 Word 文档（其中没有 word/document.xml）',
    en: 'is a zip archive but not a Word document (it has no word/document.xml)',
  }),
  fileTooLarge: (limit: number): Localized => ({
    zh: `超过 ${mb(limit)} MB，方案助手不读取这么大的 Word 文档`,
    en: `is larger than ${mb(limit)} MB, more than Fangan reads from a Word document`,
  }),
  zip64: (): Localized => ({ zh: '是 ZIP64 压缩包，Word 文档不会如此之大', en: 'is a ZIP64 archive, which no Word document needs' }),
  tooManyEntries: (entries: number, limit: number): Localized => ({
    zh: `压缩包中有 ${entries} 个条目（上限 ${limit}）`,
    en: `holds ${entries} zip entries (the limit is ${limit})`,
  }),
  inflatesTooLarge: (limit: number): Localized => ({
    zh: `解压后超过 ${mb(limit)} MB（可能是压缩炸弹）`,
    en: `inflates to more than ${mb(limit)} MB (possibly a zip bomb)`,
  }),
  partTooLarge: (part: string, limit: number): Localized => ({
    zh: `中的 ${part} 解压后超过 ${mb(limit)} MB，方案助手不读取这么大的 Word 文档`,
    en: `has a ${part} that inflates to more than ${mb(limit)} MB, more than Fangan reads from a Word document`,
  }),
  tooManyParagraphs: (limit: number): Localized => ({
    zh: `有超过 ${limit} 个段落，方案助手不读取这么长的 Word 文档`,
    en: `has more than ${limit} paragraphs, more than Fangan reads from a Word document`,
  }),
  tooMuchText: (limit: number): Localized => ({
    zh: `的正文超过 ${limit} 个字符，方案助手不读取这么长的 Word 文档`,
    en: `holds more than ${limit} characters of text, more than Fangan reads from a Word document`,
  }),
};
