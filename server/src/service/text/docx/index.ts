import type JSZip from 'jszip';
import type { Localized } from '../../l10n';
import {
  MAX_DOCUMENT_CHARS,
  MAX_DOCX_ENTRIES,
  MAX_DOCX_FILE_BYTES,
  MAX_DOCX_PARAGRAPHS,
  MAX_DOCX_UNCOMPRESSED_BYTES,
  MAX_DOCX_XML_BYTES,
} from '../../limits';
import { containerOf } from './container';
import { BodyReader } from './document';
import { Notes } from './notes';
import { ListNumbering } from './numbering';
import { DocxRefused, REFUSALS } from './refused';
import { Styles } from './styles';
import { elements, parseXmlPart, type XmlElement } from './xml';
import { entryNamed, openZip, readParts } from './zip';

export { DocxRefused, type DocxRefusal } from './refused';

/**
 * A Word (.docx) document → plan text, as Word shows it: bytes in, text out, nothing else touched
 * (no file access). Automatic numbering is written into the text (`一、` `（一）` `1.` `（1）` `①`),
 * so the model reads the draft's markers as the drafter sees them. A file that is not a .docx Fangan
 * can read (encrypted, .doc, .wps, damaged, not Word, too large, a zip bomb) is refused with a
 * `DocxRefused` whose reason says what to do.
 */

export interface DocxLimits {
  /** Bytes of the .docx file itself. */
  readonly maxFileBytes: number;
  readonly maxEntries: number;
  /** Bytes the parts read (document, styles, numbering, relationships) may inflate to in all. */
  readonly maxUncompressedBytes: number;
  /** Bytes one XML part may inflate to (the XML is held as a DOM: ~20 bytes per byte). */
  readonly maxXmlBytes: number;
  readonly maxParagraphs: number;
  /** Characters of text. */
  readonly maxChars: number;
}

export const DEFAULT_DOCX_LIMITS: DocxLimits = {
  maxFileBytes: MAX_DOCX_FILE_BYTES,
  maxEntries: MAX_DOCX_ENTRIES,
  maxUncompressedBytes: MAX_DOCX_UNCOMPRESSED_BYTES,
  maxXmlBytes: MAX_DOCX_XML_BYTES,
  maxParagraphs: MAX_DOCX_PARAGRAPHS,
  maxChars: MAX_DOCUMENT_CHARS,
};

export interface DocxReadOptions {
  /** The file's name (only its extension is used: a compound file named .wps is WPS's, else Word 97's). */
  readonly name?: string;
  readonly limits?: Partial<DocxLimits>;
}

export interface DocxText {
  /** One line per paragraph (or table row), ending with a newline. */
  readonly text: string;
  /** What could not be read as Word shows it (a numbering definition that is missing, …), once each. */
  readonly notes: readonly Localized[];
  readonly paragraphs: number;
  /** Paragraphs that got an automatic number. */
  readonly numbered: number;
}

export async function readDocx(bytes: Uint8Array, options: DocxReadOptions = {}): Promise<DocxText> {
  const limits: DocxLimits = { ...DEFAULT_DOCX_LIMITS, ...options.limits };
  const extension = (/\.[^./\\]+$/.exec(options.name ?? '')?.[0] ?? '').toLowerCase();
  if (bytes.length > limits.maxFileBytes) throw new DocxRefused(REFUSALS.fileTooLarge(limits.maxFileBytes), 'too-large');
  const container = containerOf(bytes);
  if (container === 'encrypted') throw new DocxRefused(REFUSALS.encrypted(), 'encrypted');
  if (container === 'cfb') throw extension === '.wps' ? new DocxRefused(REFUSALS.wps(), 'wps') : new DocxRefused(REFUSALS.doc(), 'doc');
  if (container === 'other' && extension === '.wps') throw new DocxRefused(REFUSALS.wps(), 'wps');
  if (container === 'other' && extension === '.doc') throw new DocxRefused(REFUSALS.doc(), 'doc');

  const zip = await openZip(bytes, limits);
  const partLimits = { ...limits, maxPartBytes: limits.maxXmlBytes };
  const located = await locateParts(zip, partLimits);
  const parts = await readParts(zip, [located.document, located.styles, located.numbering], partLimits);
  const documentBytes = parts.get(located.document);
  if (!documentBytes) throw new DocxRefused(REFUSALS.notDocx(), 'not-docx');

  const notes = new Notes();
  const styles = new Styles(optionalPart(parts, located.styles));
  const numbering = new ListNumbering(optionalPart(parts, located.numbering), styles, notes);
  const reader = new BodyReader(styles, numbering, notes, limits);
  const lines = reader.read(parseXmlPart(documentBytes, located.document));
  return { text: lines.length === 0 ? '' : `${lines.join('\n')}\n`, notes: notes.list(), paragraphs: reader.paragraphs, numbered: reader.numbered };
}

function optionalPart(parts: ReadonlyMap<string, Uint8Array>, name: string): XmlElement | undefined {
  const bytes = parts.get(name);
  return bytes ? parseXmlPart(bytes, name) : undefined;
}

interface LocatedParts {
  readonly document: string;
  readonly styles: string;
  readonly numbering: string;
}

const RELATIONSHIPS_PART_BYTES = 1024 * 1024;

/**
 * Where the main document, its styles and its numbering are: the package's relationships say,
 * and Word's usual names (`word/document.xml`, …) stand in where they say nothing.
 */
async function locateParts(zip: JSZip, limits: Parameters<typeof readParts>[2]): Promise<LocatedParts> {
  const relsLimits = { ...limits, maxPartBytes: Math.min(limits.maxPartBytes, RELATIONSHIPS_PART_BYTES) };
  const root = await relationships(zip, '_rels/.rels', '', relsLimits);
  const document = root.get('officeDocument') ?? 'word/document.xml';
  if (entryNamed(zip, document) === null) throw new DocxRefused(REFUSALS.notDocx(), 'not-docx');
  const folder = document.slice(0, Math.max(0, document.lastIndexOf('/')));
  const sibling = (name: string) => (folder === '' ? name : `${folder}/${name}`);
  const own = await relationships(zip, sibling(`_rels/${document.slice(document.lastIndexOf('/') + 1)}.rels`), folder, relsLimits);
  return { document, styles: own.get('styles') ?? sibling('styles.xml'), numbering: own.get('numbering') ?? sibling('numbering.xml') };
}

/** A relationships part: the last segment of each relationship's type → its target part, resolved. */
async function relationships(zip: JSZip, part: string, folder: string, limits: Parameters<typeof readParts>[2]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const bytes = (await readParts(zip, [part], limits)).get(part);
  if (!bytes) return found;
  for (const relationship of elements(parseXmlPart(bytes, part))) {
    if (relationship.localName !== 'Relationship' || relationship.getAttribute('TargetMode') === 'External') continue;
    const type = relationship.getAttribute('Type') ?? '';
    const target = relationship.getAttribute('Target');
    const kind = type.slice(type.lastIndexOf('/') + 1);
    if (target && !found.has(kind)) found.set(kind, resolvePartName(folder, target));
  }
  return found;
}

/** A relationship's target (relative to the source part's folder, or absolute) → a zip entry name. */
function resolvePartName(folder: string, target: string): string {
  let decoded = target;
  try {
    decoded = decodeURIComponent(target);
  } catch {
    // a target that is not percent-encoded is used as written
  }
  const segments = decoded.startsWith('/') ? [] : folder.split('/').filter((s) => s !== '');
  for (const segment of decoded.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return segments.join('/');
}
