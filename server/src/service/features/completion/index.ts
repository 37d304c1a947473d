import type { CompletionItem, CompletionList, Position } from 'vscode-languageserver-types';
import type { CancellationLike } from '../../cancellation';
import { createCorpusCompletion } from './corpus';
import { unitCompletionSource } from './units';
import type { DocumentContext } from '../context';

/**
 * Completion is assembled from independent sources (unit names after 牵头单位：, clauses from the
 * corpus while writing a measure, …). Each source decides from the line before the cursor whether
 * it has anything to offer.
 */
export interface CompletionSource {
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
  for (const source of COMPLETION_SOURCES) {
    if (token?.isCancellationRequested) break;
    const provided = source.provide(ctx, position, linePrefix, token);
    if (provided) items.push(...provided);
  }
  // Always incomplete: a run of Chinese is one "word" to the editor, so without this it keeps the
  // first answer (often none, a character into the line) while 牵头单位： or a clause is typed.
  return { isIncomplete: true, items };
}
