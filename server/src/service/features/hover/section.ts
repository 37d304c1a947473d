import type { Position } from 'vscode-languageserver-types';
import type { DocumentContext } from '../context';

/**
 * Hover is assembled from sections that independent modules contribute (the mandated section a
 * heading matches, what a unit leads, the corpus measures a paragraph corresponds to), in order.
 */
export interface HoverSection {
  /** Markdown paragraphs for the position, or nothing. */
  provide(ctx: DocumentContext, position: Position): string[] | undefined;
}
