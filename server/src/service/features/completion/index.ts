import type { CompletionItem, CompletionList, Position } from 'vscode-languageserver-types';
import { createCorpusCompletion } from './corpus';
import { unitCompletionSource } from './units';
import type { DocumentContext } from '../context';
import type { CompletionSource } from './source';

export type { CompletionSource } from './source';


export const COMPLETION_SOURCES: CompletionSource[] = [
  unitCompletionSource,
  createCorpusCompletion(),
];

/** `typed`: the line up to the cursor as the document has it now (the model may be of an older version). */
export function completions(ctx: DocumentContext, position: Position, typed?: string): CompletionList {
  const line = ctx.file.lines[position.line] ?? '';
  const linePrefix = typed ?? line.slice(0, Math.min(position.character, line.length));
  const items: CompletionItem[] = [];
  for (const source of COMPLETION_SOURCES) {
    if (ctx.token?.isCancellationRequested) break;
    const provided = source.provide(ctx, position, linePrefix);
    if (provided) items.push(...provided);
  }
  // Always incomplete: a run of Chinese is one "word" to the editor, so without this it keeps the
  // first answer (often none, a character into the line) while 牵头单位： or a clause is typed.
  return { isIncomplete: true, items };
}
