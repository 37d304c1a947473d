import { DOMParser } from '@xmldom/xmldom';
import { DocxRefused, REFUSALS } from './refused';

/**
 * The XML of a Word part, parsed with xmldom (no DTD, no external entity is ever fetched or
 * expanded), and the few accessors the reader needs. WordprocessingML elements are recognised by
 * namespace, transitional or strict, whatever prefix the file uses.
 */

const W_NAMESPACES: ReadonlySet<string> = new Set([
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
  'http://purl.oclc.org/ooxml/wordprocessingml/main',
]);
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_NODE = 4;

export type XmlElement = Element;

/** UTF-8 (or, with a byte-order mark, UTF-16) bytes of a part → its document element. */
export function parseXmlPart(bytes: Uint8Array, part: string): XmlElement {
  const text = decodePart(bytes);
  if (text.trim() === '') throw new DocxRefused(REFUSALS.corrupt(`${part}: empty`), 'corrupt');
  let fatal: string | null = null;
  const parser = new DOMParser({
    // xmldom recovers from errors by guessing (a part cut short loses everything after its root's
    // start tag); Word writes well-formed XML, so an error means a damaged file. Nothing goes to the console.
    errorHandler: {
      warning: () => undefined,
      error: (message: string) => {
        fatal ??= message;
      },
      fatalError: (message: string) => {
        fatal ??= message;
      },
    },
  });
  let root: XmlElement | null = null;
  try {
    root = parser.parseFromString(text, 'text/xml').documentElement;
  } catch (error) {
    fatal = String((error as Error)?.message ?? error);
  }
  if (fatal !== null || !root) throw new DocxRefused(REFUSALS.corrupt(`${part}: ${firstLine(fatal ?? 'not XML')}`), 'corrupt');
  return root;
}

function decodePart(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return new TextDecoder('utf-8').decode(bytes);
}

function firstLine(message: string): string {
  const line = message.split('\n')[0].replace(/^\[xmldom [a-zA-Z]+\]\s*/, '');
  return line.length > 120 ? `${line.slice(0, 120)}…` : line;
}

export function isElement(node: Node | null): node is XmlElement {
  return node !== null && node.nodeType === ELEMENT_NODE;
}

export function isTextNode(node: Node): boolean {
  return node.nodeType === TEXT_NODE || node.nodeType === CDATA_NODE;
}

/** A WordprocessingML element (`w:` in any prefix), optionally with this local name. */
export function isW(node: Node | null, localName?: string): boolean {
  return isElement(node) && W_NAMESPACES.has(node.namespaceURI ?? '') && (localName === undefined || node.localName === localName);
}

/** The element children of an element, in order. */
export function* elements(parent: XmlElement): Generator<XmlElement> {
  for (let node = parent.firstChild; node !== null; node = node.nextSibling) if (isElement(node)) yield node;
}

/** The first `w:` child with this local name. */
export function wChild(parent: XmlElement | undefined, localName: string): XmlElement | undefined {
  if (!parent) return undefined;
  for (const child of elements(parent)) if (isW(child, localName)) return child;
  return undefined;
}

/** A `w:` attribute (`w:val`), or an unqualified one as some writers leave them. */
export function wAttr(element: XmlElement | undefined, localName: string): string | null {
  if (!element) return null;
  const attributes = element.attributes;
  for (let i = 0; i < attributes.length; i++) {
    const a = attributes[i];
    if (a.localName === localName && (a.namespaceURI === null || W_NAMESPACES.has(a.namespaceURI))) return a.value;
  }
  return null;
}

/** `w:val` of the child `localName`: `<w:numId w:val="3"/>` → "3". */
export function wVal(parent: XmlElement | undefined, localName: string): string | null {
  return wAttr(wChild(parent, localName), 'val');
}

/** An on/off property (`<w:vanish/>`, `<w:isLgl w:val="0"/>`): present and not switched off. */
export function isOn(element: XmlElement | undefined): boolean {
  return element !== undefined && isOnValue(wAttr(element, 'val'), true);
}

/** An on/off attribute value (`w:default="1"`); absent means `absent`. */
export function isOnValue(value: string | null, absent = false): boolean {
  return value === null ? absent : !['0', 'false', 'off'].includes(value.trim());
}

/** A whole number attribute value, or null when it is not one (Word ignores such values). */
export function wholeNumber(value: string | null): number | null {
  if (value === null || !/^\s*-?\d{1,10}\s*$/.test(value)) return null;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : null;
}
