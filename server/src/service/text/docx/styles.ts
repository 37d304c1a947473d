import { elements, isOnValue, isW, wAttr, wChild, wholeNumber, wVal, type XmlElement } from './xml';

/**
 * What the reader needs of `word/styles.xml`: which numbering a paragraph style applies (its
 * `w:numPr`, inherited through `w:basedOn`), the default paragraph style, and the numbering
 * styles that `w:numStyleLink` points through.
 */

export interface NumberingProperties {
  /** `w:numId`; "0" switches numbering off. Undefined: not said here. */
  readonly numId?: string;
  /** `w:ilvl`. Undefined: not said here. */
  readonly level?: number;
}

interface StyleEntry {
  readonly type: string;
  readonly basedOn: string | null;
  readonly numbering: NumberingProperties;
}

/** Styles kept (a real document has a few hundred). */
export const MAX_STYLES = 20_000;
/** `w:basedOn` links followed; Word allows far fewer, and a loop ends here too. */
const MAX_BASED_ON = 32;

/** `w:numPr` of a `w:pPr` (paragraph, style or level). */
export function numberingPropertiesOf(pPr: XmlElement | undefined): NumberingProperties {
  const numPr = wChild(pPr, 'numPr');
  if (!numPr) return {};
  const numId = wVal(numPr, 'numId');
  const level = wholeNumber(wVal(numPr, 'ilvl'));
  return { ...(numId !== null ? { numId: numId.trim() } : {}), ...(level !== null ? { level } : {}) };
}

export class Styles {
  private readonly byId = new Map<string, StyleEntry>();
  private defaultParagraphStyle: string | null = null;

  constructor(root?: XmlElement) {
    if (!root) return;
    for (const style of elements(root)) {
      if (!isW(style, 'style') || this.byId.size >= MAX_STYLES) continue;
      const id = wAttr(style, 'styleId');
      if (id === null || this.byId.has(id)) continue;
      const type = wAttr(style, 'type') ?? 'paragraph';
      this.byId.set(id, {
        type,
        basedOn: wVal(style, 'basedOn'),
        numbering: numberingPropertiesOf(wChild(style, 'pPr')),
      });
      if (type === 'paragraph' && isOnValue(wAttr(style, 'default')) && this.defaultParagraphStyle === null) this.defaultParagraphStyle = id;
    }
  }

  /** The style a paragraph has: its `w:pStyle`, else the default paragraph style. */
  paragraphStyle(pStyle: string | null): string | null {
    return pStyle !== null && this.byId.has(pStyle) ? pStyle : this.defaultParagraphStyle;
  }

  /**
   * The numbering a style applies, each property from the nearest style in its `w:basedOn` chain
   * that says it. A loop or an over-long chain stops the walk: what was found so far applies.
   */
  numberingOf(styleId: string | null): NumberingProperties {
    let numId: string | undefined;
    let level: number | undefined;
    const seen = new Set<string>();
    for (let id = styleId; id !== null && !seen.has(id) && seen.size < MAX_BASED_ON; ) {
      seen.add(id);
      const style = this.byId.get(id);
      if (!style) break;
      numId ??= style.numbering.numId;
      level ??= style.numbering.level;
      if (numId !== undefined && level !== undefined) break;
      id = style.basedOn;
    }
    return { ...(numId !== undefined ? { numId } : {}), ...(level !== undefined ? { level } : {}) };
  }

  /** The styles in a paragraph style's `w:basedOn` chain, nearest first (for a level's `w:pStyle`). */
  chainOf(styleId: string | null): string[] {
    const chain: string[] = [];
    for (let id = styleId; id !== null && !chain.includes(id) && chain.length < MAX_BASED_ON; ) {
      chain.push(id);
      id = this.byId.get(id)?.basedOn ?? null;
    }
    return chain;
  }

  /** The `w:numId` a numbering style (the target of `w:numStyleLink`) stands for. */
  numberingStyleNumId(styleId: string): string | undefined {
    return this.numberingOf(styleId).numId;
  }
}
