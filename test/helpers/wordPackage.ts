import JSZip from 'jszip';

/**
 * Hand-made Word packages for what the `docx` writer cannot express (start overrides, numbering
 * styles, tracked changes, fields, hostile numbering): the XML of the body, numbering and styles
 * as given, wrapped in the parts a .docx needs.
 */

export const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

export interface WordPackageParts {
  /** The children of `w:body`. */
  readonly body: string;
  /** The children of `w:numbering`; no numbering part when absent. */
  readonly numbering?: string;
  /** The children of `w:styles`; no styles part when absent. */
  readonly styles?: string;
  /** More entries, by name (a picture, a header, …). */
  readonly extra?: Record<string, string | Uint8Array>;
}

export async function wordPackage(parts: WordPackageParts): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  const rels: string[] = [];
  if (parts.styles !== undefined) {
    zip.file('word/styles.xml', `<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="${W}">${parts.styles}</w:styles>`);
    rels.push('<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>');
  }
  if (parts.numbering !== undefined) {
    zip.file('word/numbering.xml', `<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="${W}">${parts.numbering}</w:numbering>`);
    rels.push('<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>');
  }
  zip.file('word/_rels/document.xml.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`);
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}" xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>${parts.body}</w:body></w:document>`,
  );
  for (const [name, data] of Object.entries(parts.extra ?? {})) zip.file(name, data);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** A paragraph: `text` in one run, numbered by `numId`/`level` and styled by `style` when given. */
export function p(text: string, options: { numId?: string | number; level?: number; style?: string } = {}): string {
  const numPr =
    options.numId !== undefined || options.level !== undefined
      ? `<w:numPr>${options.level !== undefined ? `<w:ilvl w:val="${options.level}"/>` : ''}${options.numId !== undefined ? `<w:numId w:val="${options.numId}"/>` : ''}</w:numPr>`
      : '';
  const style = options.style !== undefined ? `<w:pStyle w:val="${options.style}"/>` : '';
  const pPr = style || numPr ? `<w:pPr>${style}${numPr}</w:pPr>` : '';
  return `<w:p>${pPr}${text === '' ? '' : `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`}</w:p>`;
}

/** A numbering level. */
export function lvl(level: number, format: string, text: string, more: { start?: number; restart?: number; suff?: string; pStyle?: string } = {}): string {
  return (
    `<w:lvl w:ilvl="${level}"><w:start w:val="${more.start ?? 1}"/><w:numFmt w:val="${format}"/>` +
    `${more.restart !== undefined ? `<w:lvlRestart w:val="${more.restart}"/>` : ''}` +
    `${more.pStyle !== undefined ? `<w:pStyle w:val="${more.pStyle}"/>` : ''}` +
    `${more.suff !== undefined ? `<w:suff w:val="${more.suff}"/>` : ''}<w:lvlText w:val="${text}"/></w:lvl>`
  );
}

/** The usual levels of a Chinese plan: 一、 （一） 1. （1） ①. */
export const PLAN_LEVELS = [
  lvl(0, 'chineseCounting', '%1、', { suff: 'nothing' }),
  lvl(1, 'chineseCounting', '（%2）', { suff: 'nothing' }),
  lvl(2, 'decimal', '%3.', { suff: 'nothing' }),
  lvl(3, 'decimal', '（%4）', { suff: 'nothing' }),
  lvl(4, 'decimalEnclosedCircle', '%5', { suff: 'nothing' }),
].join('');

export function abstractNum(id: number | string, levels: string, more = ''): string {
  return `<w:abstractNum w:abstractNumId="${id}">${more}${levels}</w:abstractNum>`;
}

export function num(id: number | string, abstractId: number | string, overrides = ''): string {
  return `<w:num w:numId="${id}"><w:abstractNumId w:val="${abstractId}"/>${overrides}</w:num>`;
}
