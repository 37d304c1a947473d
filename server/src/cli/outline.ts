import type { Range } from 'vscode-languageserver-types';
import type { Plan, PlanFile, PlanNode } from '../service';

/** The JSON shape of `fangan outline --format json` (a contract: keep the field names). */
export interface OutlineNodeJson {
  kind: 'heading' | 'measure';
  depth: number;
  marker: string | null;
  number: number | null;
  title: string;
  range: Range;
  lead: string[];
  support: string[];
  responsible: string[];
  /** When the measure is due, as written in its note or `完成时限：` line (`2024年底前`); null when it says nothing. */
  deadline: string | null;
  children: OutlineNodeJson[];
  /** With `outline --source`: a measure's aligned source measures, best first. */
  source?: Array<{ plan: string; marker: string | null; score: number }>;
}

export interface PlanSummaryJson {
  kind: Plan['kind'];
  title: string | null;
  level: Plan['level'];
}

export function planSummary(plan: Plan | undefined): PlanSummaryJson | null {
  return plan ? { kind: plan.kind, title: plan.title?.text ?? null, level: plan.level } : null;
}

export function outlineJson(file: string, model: PlanFile, sourcesOf?: (node: PlanNode) => NonNullable<OutlineNodeJson['source']>) {
  const json = (node: PlanNode) => nodeJson(node, sourcesOf);
  return {
    file,
    plans: model.plans.map((plan) => ({ ...planSummary(plan)!, nodes: plan.nodes.map(json) })),
  };
}

function nodeJson(node: PlanNode, sourcesOf?: (node: PlanNode) => NonNullable<OutlineNodeJson['source']>): OutlineNodeJson {
  const units = (role: string) => node.notes.filter((n) => n.role === role).flatMap((n) => n.units.map((u) => u.name));
  return {
    kind: node.kind,
    depth: node.depth,
    marker: node.marker?.text ?? null,
    number: node.marker?.number ?? null,
    title: node.title,
    range: node.range,
    lead: units('lead'),
    support: units('support'),
    responsible: units('responsible'),
    deadline: node.deadline,
    children: node.children.map((child) => nodeJson(child, sourcesOf)),
    ...(sourcesOf && node.kind === 'measure' ? { source: sourcesOf(node) } : {}),
  };
}
