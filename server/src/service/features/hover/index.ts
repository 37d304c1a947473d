import type { Hover, Position } from 'vscode-languageserver-types';
import type { CancellationLike } from '../../cancellation';
import { createCorpusHover } from './corpus';
import { sectionHover } from './sections';
import { unitHoverSection } from './units';
import type { DocumentContext } from '../context';

/**
 * Hover is assembled from sections that independent modules contribute (the mandated section a
 * heading matches, what a unit leads, the corpus measures a paragraph corresponds to), in order.
 */
export interface HoverSection {
  /** Markdown paragraphs for the position, or nothing. */
  provide(ctx: DocumentContext, position: Position, token?: CancellationLike): string[] | undefined;
}

/** Contributors, in the order their parts appear. A new one is one import and one line. */
export const HOVER_SECTIONS: HoverSection[] = [
  unitHoverSection,
  sectionHover,
  createCorpusHover(),
];

export function hover(ctx: DocumentContext, position: Position, token?: CancellationLike): Hover | null {
  const parts: string[] = [];
  for (const section of HOVER_SECTIONS) {
    if (token?.isCancellationRequested) return null;
    const provided = section.provide(ctx, position, token);
    if (provided) parts.push(...provided);
  }
  if (parts.length === 0) return null;
  return { contents: { kind: 'markdown', value: parts.join('\n\n---\n\n') } };
}
