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

export function completions(ctx: DocumentContext, position: Position): CompletionList {
  const line = ctx.file.lines[position.line] ?? '';
  const linePrefix = line.slice(0, Math.min(position.character, line.length));
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
