import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import type { PlanFile } from '../model/types';
import { walkNodes } from '../model/walk';

/** Every heading and multi-line measure folds; so does the web-page text around a plan. */
export function foldingRanges(file: PlanFile): FoldingRange[] {
  const out: FoldingRange[] = [];
  for (const plan of file.plans) {
    for (const node of walkNodes(plan.nodes)) {
      if (node.range.end.line > node.range.start.line) {
        out.push({ startLine: node.range.start.line, endLine: node.range.end.line });
      }
    }
  }
  for (const w of file.wrapper) {
    if (w.lastLine > w.firstLine) out.push({ startLine: w.firstLine, endLine: w.lastLine, kind: FoldingRangeKind.Comment });
  }
  return out;
}
