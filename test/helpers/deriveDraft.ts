import { adaptToLevel, type LevelOf } from '../../server/src/service/corpus/adapt';
import { isFrameNode } from '../../server/src/service/corpus/align';
import { markerLike } from '../../server/src/service/corpus/coverage';
import { extractDocument, measureText, splitClauses } from '../../server/src/service/corpus/extract';
import { parseManifest } from '../../server/src/service/corpus/manifest';
import { sourceDocuments, type SourceDocument } from '../../server/src/service/corpus/source';
import { parsePlanFile } from '../../server/src/service/model/parse';
import type { Plan, PlanFile, PlanNode } from '../../server/src/service/model/types';
import { measuresOf } from '../../server/src/service/model/walk';
import { rng, SEEDS_DIR } from '../bench/corpusData';
import { readFileSync } from 'fs';
import { join } from 'path';

/**
 * A county draft derived from a source plan the way a drafter derives one, with a seeded random
 * generator (the same seed gives the same draft):
 *   - level words and units adapted (全省 → 全县, 省委宣传部 → 县委宣传部: corpus/adapt.ts), the
 *     source's place name replaced by the county's;
 *   - measures deleted (the truth: `deleted`), merged into the one before them in the same section,
 *     moved to another section; the county's own measures (written for this helper) added;
 *   - sentences dropped (never a measure's first) and reordered;
 *   - the rest renumbered in the source's scheme (continuous or restarting, per marker family) and
 *     marker style; responsibility notes kept in the source's notation, adapted.
 * Headings are kept as written (adapted), frame items under 总体要求 are never deleted, merged or moved.
 * The preamble cites the source's title, so the draft finds its source as a real one would.
 */

export interface DeriveOptions {
  readonly seed: number;
  /** Chance that a task measure is deleted (at least one always is). */
  readonly deleteRate?: number;
  readonly mergeRate?: number;
  readonly moveRate?: number;
  /** Chance that each sentence after a measure's first is dropped. */
  readonly dropSentenceRate?: number;
  /** Chance that a measure's sentences after the first are shuffled. */
  readonly reorderRate?: number;
  /** How many of the county's own measures to add at most (0…n, chosen at random). */
  readonly maxLocalMeasures?: number;
}

export interface DerivedDraft {
  readonly text: string;
  readonly county: string;
  /** 0-based lines (in the source file) of the source measures that were deleted: the truth. */
  readonly deleted: readonly number[];
  /** Source measures merged into the measure before them. */
  readonly merged: readonly number[];
  readonly moved: readonly number[];
  /** Each draft measure by its first line in the draft: the source measure lines it comes from ([] for the county's own). */
  readonly origins: ReadonlyArray<{ readonly line: number; readonly sources: readonly number[] }>;
}

const COUNTIES = ['青石县', '云岭县', '白水县', '松山县', '柳溪县', '石门县', '北坪县', '东川县', '南岗县', '西林县'];

/** The county's own measures: written for this helper, about local matters no source plan covers. */
const LOCAL_MEASURES = [
  '依托县融媒体中心开设以案说法栏目，每月至少推出两期节目，扩大偏远村组群众的收看面。',
  '在易地搬迁安置点设立法律服务工作站，为搬迁群众就近提供咨询、代书和纠纷调处。',
  '围绕特色种养产业链，组织律师走访合作社和种植大户，帮助完善购销合同范本。',
  '建立乡镇司法所与派出所、人民法庭联席会商机制，每季度研判一次辖区纠纷形势。',
  '把法治元素融入乡村旅游线路和民俗节庆活动，打造一批群众喜闻乐见的宣传点位。',
  '针对外出务工人员返乡高峰，开展劳动合同和工资支付专题服务，及时化解欠薪纠纷。',
  '推动县直部门执法信息统一归集，按月向社会公布处罚和许可办理情况。',
  '在中小学开展模拟法庭和辩论赛，每学年评选一批法治教育示范班级。',
];
const LOCAL_UNITS = ['县司法局', '县委宣传部', '县人力资源社会保障局', '县教育局', '县农业农村局', '县文化旅游局'];

interface Sentence {
  readonly text: string;
  /** Never dropped: a measure's first sentence (and the one after a short run-in title), and the first one kept of each merged-in measure. */
  readonly kept: boolean;
}

/** A run-in title (`维护宪法权威。`) says nothing on its own: the sentence after it is kept too. */
const RUN_IN_TITLE_CHARS = 16;

function sentencesOf(text: string): Sentence[] {
  const parts = splitClauses(text).map(({ start, end }) => text.slice(start, end));
  return parts.map((t, i) => ({ text: t, kept: i === 0 || (i === 1 && parts[0].length <= RUN_IN_TITLE_CHARS) }));
}

interface MeasureItem {
  readonly kind: 'measure';
  readonly source: PlanNode | null;
  sentences: Sentence[];
  origins: number[];
  /** Notes as lines (line notation) or one inline tail, already adapted. */
  readonly noteLines: string[];
  readonly inlineTail: string;
  readonly frame: boolean;
}

interface HeadingItem {
  readonly kind: 'heading';
  readonly node: PlanNode;
  readonly children: Array<HeadingItem | MeasureItem>;
}

function mainPlan(file: PlanFile): Plan {
  let best = file.plans[0];
  for (const p of file.plans) if (measuresOf(p).length > measuresOf(best).length) best = p;
  if (!best) throw new Error('the source has no plan');
  return best;
}

function shuffle<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
}

export function deriveDraft(sourceText: string, options: DeriveOptions): DerivedDraft {
  const random = rng(options.seed * 7919 + 17);
  const chance = (p: number) => random() < p;
  const file = parsePlanFile(sourceText);
  const plan = mainPlan(file);
  const county = COUNTIES[Math.floor(random() * COUNTIES.length)];
  const from: LevelOf = { levelPrefix: plan.levelPrefix, region: plan.region };
  const to: LevelOf = { levelPrefix: '县', region: county };
  const adapt = (text: string) => adaptToLevel(text, from, to);

  // The first responsibility note decides the colon of the county's own notes.
  const firstNote = measuresOf(plan).flatMap((m) => m.notes)[0];
  const colon = firstNote && (file.lines[firstNote.labelRange.end.line] ?? '')[firstNote.labelRange.end.character] === ':' ? ':' : '：';
  const inlineNotation = firstNote?.notation === 'inline';

  const measureItem = (node: PlanNode): MeasureItem => {
    const sentences = sentencesOf(measureText(file, node));
    const lineNotes = node.notes.filter((n) => n.notation === 'line').map((n) => adapt((file.lines[n.range.start.line] ?? '').trim()));
    const inline = node.notes.filter((n) => n.notation === 'inline');
    let inlineTail = '';
    if (inline.length > 0) {
      const line = inline[0].range.start.line;
      const start = Math.min(...inline.map((n) => n.range.start.character));
      const end = Math.max(...inline.filter((n) => n.range.start.line === line).map((n) => n.range.end.character));
      inlineTail = adapt((file.lines[line] ?? '').slice(start, end));
    }
    return { kind: 'measure', source: node, sentences, origins: [node.range.start.line], noteLines: lineNotes, inlineTail, frame: isFrameNode(node) };
  };
  const build = (node: PlanNode): HeadingItem => ({
    kind: 'heading',
    node,
    children: node.children.map((c) => (c.kind === 'heading' ? build(c) : measureItem(c))),
  });
  const root: HeadingItem = { kind: 'heading', node: null as unknown as PlanNode, children: plan.nodes.map((n) => (n.kind === 'heading' ? build(n) : measureItem(n))) };

  const headings: HeadingItem[] = [];
  const collect = (h: HeadingItem) => {
    headings.push(h);
    for (const c of h.children) if (c.kind === 'heading') collect(c);
  };
  collect(root);
  const taskMeasures = () => headings.flatMap((h) => h.children.filter((c): c is MeasureItem => c.kind === 'measure' && !c.frame));
  const parentOf = (m: MeasureItem) => headings.find((h) => h.children.includes(m))!;

  // Deletions (at least one).
  const deleted: number[] = [];
  const deleteOne = (m: MeasureItem) => {
    const h = parentOf(m);
    h.children.splice(h.children.indexOf(m), 1);
    deleted.push(...m.origins);
  };
  for (const m of taskMeasures()) if (chance(options.deleteRate ?? 0.08)) deleteOne(m);
  if (deleted.length === 0) {
    const all = taskMeasures();
    deleteOne(all[Math.floor(random() * all.length)]);
  }

  // Merges: into the measure just before, in the same section.
  const merged: number[] = [];
  for (const h of headings) {
    for (let i = h.children.length - 1; i > 0; i--) {
      const m = h.children[i];
      const before = h.children[i - 1];
      if (m.kind !== 'measure' || before.kind !== 'measure' || m.frame || before.frame) continue;
      if (!chance(options.mergeRate ?? 0.05)) continue;
      // A drafter merging drops the second item's run-in title now and then, and keeps its substance.
      const tail = m.sentences.length > 1 && chance(0.5) ? m.sentences.slice(1) : m.sentences;
      before.sentences = [...before.sentences, ...tail.map((t, j) => (j === 0 ? { ...t, kept: true } : t))];
      before.origins = [...before.origins, ...m.origins];
      merged.push(...m.origins);
      h.children.splice(i, 1);
    }
  }

  // Moves: to another section that holds task measures.
  const moved: number[] = [];
  const taskHeadings = () => headings.filter((h) => h.children.some((c) => c.kind === 'measure' && !c.frame));
  for (const m of taskMeasures()) {
    if (!chance(options.moveRate ?? 0.04)) continue;
    const here = parentOf(m);
    const targets = taskHeadings().filter((h) => h !== here);
    if (targets.length === 0) continue;
    const target = targets[Math.floor(random() * targets.length)];
    here.children.splice(here.children.indexOf(m), 1);
    const slots = target.children.map((c, i) => (c.kind === 'measure' ? i : -1)).filter((i) => i >= 0);
    const at = slots[Math.floor(random() * slots.length)] ?? target.children.length;
    target.children.splice(at + (chance(0.5) ? 1 : 0), 0, m);
    moved.push(...m.origins);
  }

  // Sentences dropped and reordered (the first sentence stays first).
  for (const m of taskMeasures()) {
    const [first, ...rest] = m.sentences.filter((t) => t.kept || !chance(options.dropSentenceRate ?? 0.2));
    if (first === undefined) continue;
    if (rest.length > 1 && chance(options.reorderRate ?? 0.15)) shuffle(rest, random);
    m.sentences = [first, ...rest];
  }

  // The county's own measures.
  const locals = Math.floor(random() * ((options.maxLocalMeasures ?? 2) + 1));
  const pool = [...LOCAL_MEASURES];
  shuffle(pool, random);
  for (let i = 0; i < locals && i < pool.length; i++) {
    const targets = taskHeadings();
    const target = targets[Math.floor(random() * targets.length)];
    const unit = LOCAL_UNITS[Math.floor(random() * LOCAL_UNITS.length)];
    const item: MeasureItem = {
      kind: 'measure',
      source: null,
      sentences: [{ text: pool[i], kept: true }],
      origins: [],
      noteLines: inlineNotation || !firstNote ? [] : [`牵头单位${colon}${unit}`],
      inlineTail: inlineNotation ? `（牵头单位${colon}${unit}）` : '',
      frame: false,
    };
    const slots = target.children.map((c, j) => (c.kind === 'measure' ? j : -1)).filter((j) => j >= 0);
    target.children.splice((slots[Math.floor(random() * slots.length)] ?? 0) + 1, 0, item);
  }

  // Numbering: per marker rank, continuous or restarting as the source numbers it.
  const continuous = new Map<number, boolean>();
  const lastSeen = new Map<number, { number: number; parent: PlanNode | null }>();
  for (const m of measuresOf(plan)) {
    if (!m.marker || m.marker.number === null) continue;
    const last = lastSeen.get(m.rank);
    if (last && last.parent !== m.parent) {
      if (m.marker.number <= last.number) continuous.set(m.rank, false);
      else if (!continuous.has(m.rank)) continuous.set(m.rank, true);
    }
    lastSeen.set(m.rank, { number: m.marker.number, parent: m.parent });
  }
  const sourceLines = file.lines.slice(plan.firstLine, plan.lastLine + 1);
  const blankShare = sourceLines.filter((l) => l.trim() === '').length / Math.max(1, sourceLines.length);
  const gap = blankShare >= 0.3;

  const out: string[] = [];
  const push = (line: string) => {
    out.push(line);
    if (gap) out.push('');
  };
  const sourceTitle = plan.title?.text ?? '';
  push(adapt(sourceTitle));
  push(`为把上级部署落到实处，根据《${sourceTitle}》，结合${county}实际，制定本实施方案。`);
  const origins: Array<{ line: number; sources: number[] }> = [];
  const globalCount = new Map<number, number>();
  // The marker family of the county's own measures: that of the section's other measures.
  const markerOf = (h: HeadingItem): PlanNode | null => {
    for (const c of h.children) if (c.kind === 'measure' && c.source?.marker) return c.source;
    return null;
  };
  const emit = (h: HeadingItem) => {
    if (h.node) for (const line of h.node.textLines) push(adapt((file.lines[line] ?? '').trim()));
    const localCount = new Map<number, number>();
    for (const c of h.children) {
      if (c.kind === 'heading') {
        emit(c);
        continue;
      }
      const model = c.source?.marker ? c.source : markerOf(h);
      let marker = '';
      if (model?.marker && model.marker.number !== null) {
        const rank = model.rank;
        const counter = continuous.get(rank) ?? false ? globalCount : localCount;
        const n = (counter.get(rank) ?? 0) + 1;
        counter.set(rank, n);
        marker = markerLike(model.marker, n);
      }
      origins.push({ line: out.length, sources: c.origins });
      push(`${marker}${adapt(c.sentences.map((t) => t.text).join(''))}${c.inlineTail}`);
      for (const note of c.noteLines) push(note);
    }
  };
  emit(root);
  return { text: out.join('\n'), county, deleted, merged, moved, origins };
}

/** A bundled seed (`002_6165ec8d7c1e9a5d`) as a source: its text, and its plan read with its manifest. */
export function seedSource(name: string): { text: string; path: string; source: SourceDocument } {
  const path = join(SEEDS_DIR, `${name}.txt`);
  const text = readFileSync(path, 'utf8');
  const parsed = parseManifest(JSON.parse(readFileSync(path.replace(/\.txt$/, '.json'), 'utf8')));
  if (!('manifest' in parsed)) throw new Error(parsed.problem);
  return { text, path, source: sourceDocuments([extractDocument(path, text, parsed.manifest)])[0] };
}
