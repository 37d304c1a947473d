import type { CompletionItem, CompletionList, Position } from 'vscode-languageserver-types';
import type { CancellationLike } from '../cancellation';
import { createCorpusCompletion } from '../corpus/completion';
import { unitCompletionSource } from '../units/completion';
import type { DocumentContext } from './context';

/**
 * Completion is assembled from independent sources (unit names after 牵头单位：, clauses from the
 * corpus while writing a measure, …). Each source decides from the line before the cursor whether
 * it has anything to offer.
 */
export interface CompletionSource {
  /** The items depend on the text typed so far: the editor must ask again as typing goes on. */
  readonly incomplete?: boolean;
  provide(ctx: DocumentContext, position: Position, linePrefix: string, token?: CancellationLike): CompletionItem[] | undefined;
}

export const COMPLETION_SOURCES: CompletionSource[] = [
  unitCompletionSource,
  createCorpusCompletion(),
];

export function completions(ctx: DocumentContext, position: Position, token?: CancellationLike): CompletionList {
  const line = ctx.file.lines[position.line] ?? '';
  const linePrefix = line.slice(0, Math.min(position.character, line.length));
  const items: CompletionItem[] = [];
  let isIncomplete = false;
  for (const source of COMPLETION_SOURCES) {
    if (token?.isCancellationRequested) break;
    const provided = source.provide(ctx, position, linePrefix, token);
    if (provided) items.push(...provided);
    if (provided?.length && source.incomplete) isIncomplete = true;
  }
  return { isIncomplete, items };
}
