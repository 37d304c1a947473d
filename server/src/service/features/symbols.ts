import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { Locale } from '../l10n';
import type { PlanFile, PlanNode } from '../model/types';
import { nodeLabel } from '../model/walk';

/** Outline: headings → measures with their numbers and titles; one root per plan when a file holds several. */
export function documentSymbols(file: PlanFile, locale: Locale): DocumentSymbol[] {
  const perPlan = file.plans.map((plan) => plan.nodes.map((n) => symbolOf(n, locale)));
  if (file.plans.length <= 1) return perPlan[0] ?? [];
  return file.plans.map((plan, i) => {
    const name = plan.title?.text ?? (locale === 'zh' ? `方案 ${i + 1}（无标题）` : `Plan ${i + 1} (untitled)`);
    const range = {
      start: { line: plan.firstLine, character: 0 },
      end: { line: plan.lastLine, character: file.lines[plan.lastLine].length },
    };
    return {
      name,
      kind: SymbolKind.File,
      range,
      selectionRange: plan.title?.range ?? { start: range.start, end: range.start },
      children: perPlan[i],
    };
  });
}

function symbolOf(node: PlanNode, locale: Locale): DocumentSymbol {
  const lead = node.notes.filter((n) => n.role !== 'support').flatMap((n) => n.units.map((u) => u.name));
  const symbol: DocumentSymbol = {
    name: nodeLabel(node) || (locale === 'zh' ? '（无标题）' : '(untitled)'),
    kind: node.kind === 'heading' ? SymbolKind.Namespace : SymbolKind.Field,
    range: node.range,
    selectionRange: node.marker ? { start: node.marker.range.start, end: node.titleRange.end } : node.titleRange,
    children: node.children.map((c) => symbolOf(c, locale)),
  };
  if (lead.length > 0) symbol.detail = (locale === 'zh' ? '牵头：' : 'lead: ') + lead.join('、');
  return symbol;
}
