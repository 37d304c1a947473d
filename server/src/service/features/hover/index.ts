import type { Hover, Position } from 'vscode-languageserver-types';
import { createCorpusHover } from './corpus';
import { sectionHover } from './sections';
import { createSourceHover } from './source';
import { unitHoverSection } from './units';
import type { DocumentContext } from '../context';
import type { HoverSection } from './section';

export type { HoverSection } from './section';


/** Contributors, in the order their parts appear. A new one is one import and one line. */
export const HOVER_SECTIONS: HoverSection[] = [
  unitHoverSection,
  sectionHover,
  createSourceHover(),
  createCorpusHover(),
];

export function hover(ctx: DocumentContext, position: Position): Hover | null {
  const parts: string[] = [];
  for (const section of HOVER_SECTIONS) {
    if (ctx.token?.isCancellationRequested) return null;
    const provided = section.provide(ctx, position);
    if (provided) parts.push(...provided);
  }
  if (parts.length === 0) return null;
  return { contents: { kind: 'markdown', value: parts.join('\n\n---\n\n') } };
}
