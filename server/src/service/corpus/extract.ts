import { parsePlanFile } from '../model/parse';
import type { Plan, PlanFile, PlanKind, PlanLevel, PlanNode } from '../model/types';
import { measuresOf } from '../model/walk';
import { prefixOfRegion } from './adapt';
import type { Manifest, ManifestPlan } from './manifest';
import { normalizeForMatch } from './normalize';

/**
 * A corpus file as the corpus sees it: its plans, their measures (text without the marker and
 * without responsibility notes, with section path and lead units) and the clauses (sentences) of
 * each measure, which are what the index holds.
 */

export interface SourcePlan {
  /** Where the plan comes from (an absolute path). */
  readonly path: string;
  /** The plan's full title (Simplified, as the manifest or the title line gives it). */
  readonly title: string;
  /** Short name for lists: 贵州省方案, 随州市法治政府方案. */
  readonly name: string;
  readonly level: PlanLevel | null;
  readonly region: string | null;
  /** The character the plan's units start with (省, 市, 县, 区, …), for adapting its wording. */
  readonly levelPrefix: string | null;
  readonly kind: PlanKind;
}

export interface SourceMeasure {
  readonly plan: SourcePlan;
  /** 0-based line of the measure's first line in its file. */
  readonly line: number;
  /** Headings above the measure, outermost first, as written: `二、主要任务和具体落实措施`. */
  readonly sectionPath: readonly string[];
  /** Compact section: the heading markers and the nearest heading's title, `二(一)2 维护宪法权威`. */
  readonly section: string;
  /** The measure's own marker as written (`(5)`, `2.`), or null when it has none. */
  readonly marker: string | null;
  readonly title: string;
  /** The measure's text: its paragraphs joined by `\n`, marker and notes left out. */
  readonly text: string;
  /** Lead units (牵头单位, or 责任单位 when the plan does not split lead and support). */
  readonly lead: readonly string[];
  readonly support: readonly string[];
}

export interface Clause {
  readonly measure: SourceMeasure;
  /** Offsets of the clause in `measure.text`. */
  readonly start: number;
  readonly end: number;
  /** The clause's matching form (normalize.ts). */
  readonly norm: string;
}

/** One plan of the corpus as a source: its title, level, and its measures in order. */
export interface SourceDocument {
  readonly plan: SourcePlan;
  readonly measures: readonly SourceMeasure[];
}

export interface CorpusDocument {
  readonly path: string;
  readonly plans: readonly SourcePlan[];
  readonly measures: readonly SourceMeasure[];
  readonly clauses: readonly Clause[];
}

/** Clauses shorter than this (matching characters) say too little to be suggested on their own. */
const MIN_CLAUSE_CHARS = 4;

const KIND_NAMES: Record<PlanKind, string> = {
  'fazhi-shehui': '方案',
  'fazhi-zhengfu': '法治政府方案',
  'fazhi-guihua': '规划',
  'yingshang-huanjing': '营商环境方案',
  'xiangcun-zhenxing': '乡村振兴方案',
  'anquan-shengchan': '安全生产方案',
  'gongzuo-yaodian': '工作要点',
  'renwu-fenjie': '任务分解',
  other: '方案',
};

/** `贵州省法治社会建设实施方案（2021—2025年）` → `贵州省方案`; without a region, the title itself. */
export function shortPlanName(title: string, region: string | null, kind: PlanKind): string {
  if (region) return region + KIND_NAMES[kind];
  return title.replace(/[（(][^（()）]*[）)]\s*$/, '').trim() || title;
}

function baseName(path: string): string {
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return path.slice(slash + 1).replace(/\.(txt|md|docx)$/i, '');
}

/** `二、` → `二`, `1 ` → `1`, `（一）` stays. */
function compactMarker(marker: string): string {
  let end = marker.length;
  // a loop, not /[、.．\s]+$/ (which retries from every character of a run: quadratic)
  while (end > 0 && ('、.．'.includes(marker[end - 1]) || marker[end - 1].trim() === '')) end--;
  return marker.slice(0, end);
}

function sectionOf(node: PlanNode): { path: string[]; compact: string } {
  const chain: PlanNode[] = [];
  for (let p = node.parent; p; p = p.parent) chain.unshift(p);
  if (chain.length === 0) return { path: [], compact: '' };
  const path = chain.map((h) => (h.marker ? (h.marker.close === ' ' ? `${h.marker.text} ${h.title}` : `${h.marker.text}${h.title}`) : h.title));
  const markers = chain.map((h) => (h.marker && !(h.marker.damage && h.marker.number === null) ? compactMarker(h.marker.text) : '')).join('');
  const last = chain[chain.length - 1].title;
  return { path, compact: markers ? `${markers} ${last}` : last };
}

/** The measure's text: each paragraph without its marker and without inline notes. */
export function measureText(file: PlanFile, node: PlanNode): string {
  const paragraphs: string[] = [];
  for (const [i, line] of node.textLines.entries()) {
    const raw = file.lines[line] ?? '';
    let text = i === 0 ? raw.slice(node.titleRange.start.character) : raw;
    const offset = i === 0 ? node.titleRange.start.character : 0;
    // Inline notes on this line; `（牵头单位：A；参加单位：B）` is two notes with a `；` between them.
    const notes = node.notes
      .filter((n) => n.notation === 'inline' && n.range.start.line === line)
      .map((n) => ({ from: Math.max(0, n.range.start.character - offset), to: Math.max(0, n.range.end.character - offset) }))
      .sort((a, b) => a.from - b.from);
    const cuts: Array<{ from: number; to: number }> = [];
    for (const note of notes) {
      const last = cuts[cuts.length - 1];
      if (last && /^[\s；;，,、]*$/.test(text.slice(last.to, note.from))) last.to = Math.max(last.to, note.to);
      else cuts.push({ ...note });
    }
    for (const cut of cuts.reverse()) text = text.slice(0, cut.from) + text.slice(Math.max(cut.from, cut.to));
    text = text.trim();
    if (text) paragraphs.push(text);
  }
  return paragraphs.join('\n');
}

const CLAUSE_END = new Set([...'。！？；;!?\n'].map((c) => c.charCodeAt(0)));
const CLOSERS = new Set([...'”’」）)'].map((c) => c.charCodeAt(0)));

/** Sentences of a measure's text, each with its closing punctuation. */
export function splitClauses(text: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  let start = 0;
  let i = 0;
  while (start < text.length) {
    while (i < text.length && !CLAUSE_END.has(text.charCodeAt(i))) i++;
    let end = Math.min(text.length, i + 1);
    // A closing quote or bracket after the full stop belongs to the sentence.
    while (end < text.length && CLOSERS.has(text.charCodeAt(end))) end++;
    let s = start;
    let e = end;
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    if (e > s) out.push({ start: s, end: e });
    start = end;
    i = end;
  }
  return out;
}

function leadOf(node: PlanNode): { lead: string[]; support: string[] } {
  const lead: string[] = [];
  const support: string[] = [];
  for (const note of node.notes) {
    const target = note.role === 'support' ? support : lead;
    for (const unit of note.units) if (!target.includes(unit.name)) target.push(unit.name);
  }
  return { lead, support };
}

function sourcePlanFromModel(path: string, plan: Plan): SourcePlan {
  const title = plan.title?.text.trim() || baseName(path);
  return {
    path,
    title,
    name: shortPlanName(title, plan.region, plan.kind),
    level: plan.level,
    region: plan.region,
    levelPrefix: plan.levelPrefix,
    kind: plan.kind,
  };
}

function sourcePlanFromManifest(path: string, plan: ManifestPlan): SourcePlan {
  return {
    path,
    title: plan.title,
    name: shortPlanName(plan.title, plan.region, plan.kind),
    level: plan.level,
    region: plan.region,
    levelPrefix: prefixOfRegion(plan.region),
    kind: plan.kind,
  };
}

/**
 * Reads a corpus file. With a manifest, a measure belongs to the manifest plan whose body holds
 * its first line, and measures outside every body (wrapper text) are dropped; without one, the
 * model's plans and wrapper detection decide.
 */
export function extractDocument(path: string, text: string, manifest?: Manifest): CorpusDocument {
  const file = parsePlanFile(text);
  const measures: SourceMeasure[] = [];
  const clauses: Clause[] = [];
  const manifestPlans = manifest ? manifest.plans.map((p) => ({ plan: p, source: sourcePlanFromManifest(path, p) })) : [];
  const plans: SourcePlan[] = manifest ? manifestPlans.map((p) => p.source) : [];
  for (const plan of file.plans) {
    const modelSource = manifest ? null : sourcePlanFromModel(path, plan);
    if (modelSource) plans.push(modelSource);
    for (const node of measuresOf(plan)) {
      const line = node.range.start.line;
      let source = modelSource;
      if (manifest) {
        // Manifest lines are 1-based.
        source = manifestPlans.find(({ plan: p }) => line + 1 >= p.body.startLine && line + 1 <= p.body.endLine)?.source ?? null;
      }
      if (!source) continue;
      const measureTextValue = measureText(file, node);
      if (!measureTextValue) continue;
      const { path: sectionPath, compact } = sectionOf(node);
      const { lead, support } = leadOf(node);
      const measure: SourceMeasure = {
        plan: source,
        line,
        sectionPath,
        section: compact,
        marker: node.marker ? node.marker.text : null,
        title: node.title,
        text: measureTextValue,
        lead,
        support,
      };
      measures.push(measure);
      for (const { start, end } of splitClauses(measureTextValue)) {
        const norm = normalizeForMatch(measureTextValue.slice(start, end));
        if (norm.length >= MIN_CLAUSE_CHARS) clauses.push({ measure, start, end, norm });
      }
    }
  }
  return { path, plans, measures, clauses };
}

/** A clause's text as written. */
export function clauseText(clause: Clause): string {
  return clause.measure.text.slice(clause.start, clause.end);
}
