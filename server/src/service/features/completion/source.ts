import type { CompletionItem, Position } from 'vscode-languageserver-types';
import type { DocumentContext } from '../context';

/**
 * Completion is assembled from independent sources (unit names after 牵头单位：, clauses from the
 * corpus while writing a measure, …). Each source decides from the line before the cursor whether
 * it has anything to offer.
 */
export interface CompletionSource {
  provide(ctx: DocumentContext, position: Position, linePrefix: string): CompletionItem[] | undefined;
}
