import type { Plan, PlanFile, PlanNode, ResponsibilityNote } from './types';

/** Depth-first, parents before children. */
export function* walkNodes(nodes: readonly PlanNode[]): Generator<PlanNode> {
  for (const node of nodes) {
    yield node;
    yield* walkNodes(node.children);
  }
}

export function measuresOf(plan: Plan): PlanNode[] {
  const out: PlanNode[] = [];
  for (const node of walkNodes(plan.nodes)) if (node.kind === 'measure') out.push(node);
  return out;
}

/** The plan a line belongs to, if any. */
export function planAt(file: PlanFile, line: number): Plan | undefined {
  return file.plans.find((p) => line >= p.firstLine && line <= p.lastLine);
}

/** The innermost node whose range contains the line. */
export function nodeAt(plan: Plan, line: number): PlanNode | undefined {
  let found: PlanNode | undefined;
  let level: readonly PlanNode[] = plan.nodes;
  for (;;) {
    const hit = level.find((n) => line >= n.range.start.line && line <= n.range.end.line);
    if (!hit) return found;
    found = hit;
    level = hit.children;
  }
}

/** `一、总体要求`, `（1）各地区…`: how a node is named in outlines and messages. */
export function nodeLabel(node: PlanNode): string {
  if (!node.marker) return node.title;
  return node.marker.close === ' ' ? `${node.marker.text} ${node.title}` : `${node.marker.text}${node.title}`;
}

const notesCache = new WeakMap<Plan, Array<{ note: ResponsibilityNote; node: PlanNode | null }>>();

/** Every note of the plan with the node it belongs to, in document order. */
export function notesOf(plan: Plan): Array<{ note: ResponsibilityNote; node: PlanNode | null }> {
  let out = notesCache.get(plan);
  if (!out) {
    // Stranded notes precede the first heading; the tree's walk is in document order.
    out = plan.strandedNotes.map((note) => ({ note, node: null }));
    for (const node of walkNodes(plan.nodes)) for (const note of node.notes) out.push({ note, node });
    notesCache.set(plan, out);
  }
  return out;
}
