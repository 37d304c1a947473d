import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import * as OpenCC from 'opencc-js/cn2t';
import { extractDocument, splitClauses, type Clause, type CorpusDocument, type SourceMeasure, type SourcePlan } from '../../server/src/service/corpus/extract';
import { parseManifest } from '../../server/src/service/corpus/manifest';
import { normalizeForMatch } from '../../server/src/service/corpus/normalize';

/**
 * Corpora for the search benchmark: the bundled seeds, and larger corpora made by replicating the
 * seeds' measures with perturbations (another level, ~12% of characters substituted, half of the
 * sentences spliced with another sentence), so that replicas are near neighbours but not copies.
 * Queries: corpus clauses with ~20% of their characters dropped or substituted, 省/县 swapped,
 * and every third one converted to Traditional characters.
 */

export const SEEDS_DIR = join(__dirname, '..', '..', 'corpus', 'seeds');

export function seedDocuments(): CorpusDocument[] {
  return readdirSync(SEEDS_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => {
      const path = join(SEEDS_DIR, f);
      const parsed = parseManifest(JSON.parse(readFileSync(path.replace(/\.txt$/, '.json'), 'utf8')));
      if (!('manifest' in parsed)) throw new Error(`${f}: ${parsed.problem}`);
      return extractDocument(path, readFileSync(path, 'utf8'), parsed.manifest);
    });
}

/** A small deterministic PRNG (mulberry32), so every run measures the same corpus and queries. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const isHan = (ch: string) => ch >= '\u4e00' && ch <= '\u9fff';

/** The Han characters of the seeds, with repetition (substitutions follow the corpus's distribution). */
function charPool(docs: readonly CorpusDocument[]): string[] {
  const pool: string[] = [];
  for (const d of docs) for (const m of d.measures) for (const ch of m.text) if (isHan(ch)) pool.push(ch);
  return pool;
}

function substitute(text: string, rate: number, pool: readonly string[], random: () => number): string {
  let out = '';
  for (const ch of text) out += isHan(ch) && random() < rate ? pool[Math.floor(random() * pool.length)] : ch;
  return out;
}

const LEVEL_SWAPS = ['省', '市', '县', '区'];

/** Replicas of the seeds' measures until the corpus holds at least `targetClauses` clauses. */
export function replicatedCorpus(seeds: readonly CorpusDocument[], targetClauses: number, seed = 1): CorpusDocument[] {
  const random = rng(seed);
  const pool = charPool(seeds);
  const allSentences = seeds.flatMap((d) => d.clauses.map((c) => c.measure.text.slice(c.start, c.end)));
  const docs: CorpusDocument[] = [...seeds];
  let clauses = seeds.reduce((n, d) => n + d.clauses.length, 0);
  for (let replica = 1; clauses < targetClauses; replica++) {
    for (const seedDoc of seeds) {
      if (clauses >= targetClauses) break;
      const level = LEVEL_SWAPS[replica % LEVEL_SWAPS.length];
      const path = `${seedDoc.path}#replica-${replica}`;
      const plans = new Map<SourcePlan, SourcePlan>();
      for (const p of seedDoc.plans) plans.set(p, { ...p, path, name: `${p.name}（副本${replica}）` });
      const measures: SourceMeasure[] = [];
      const docClauses: Clause[] = [];
      for (const m of seedDoc.measures) {
        const sentences = splitClauses(m.text).map(({ start, end }) => {
          let s = m.text.slice(start, end).replace(/[省市县区]/g, level);
          if (random() < 0.5) {
            const other = allSentences[Math.floor(random() * allSentences.length)];
            s = s.slice(0, Math.ceil(s.length / 2)) + other.slice(Math.floor(other.length / 2));
          }
          return substitute(s, 0.12, pool, random);
        });
        const text = sentences.join('');
        const measure: SourceMeasure = { ...m, plan: plans.get(m.plan) ?? m.plan, text };
        measures.push(measure);
        for (const { start, end } of splitClauses(text)) {
          const norm = normalizeForMatch(text.slice(start, end));
          if (norm.length >= 4) docClauses.push({ measure, start, end, norm });
        }
      }
      docs.push({ path, plans: [...plans.values()], measures, clauses: docClauses });
      clauses += docClauses.length;
    }
  }
  return docs;
}

let toTraditional: ((s: string) => string) | undefined;

export interface PerturbedQuery {
  readonly text: string;
  /** The clause the query was made from: the hit that counts for recall. */
  readonly target: Clause;
}

/** Clauses of the corpus, perturbed: ~10% dropped + ~10% substituted, 省↔县 swapped, every third in Traditional. */
export function perturbedQueries(docs: readonly CorpusDocument[], count: number, seed = 7): PerturbedQuery[] {
  toTraditional ??= OpenCC.Converter({ from: 'cn', to: 't' });
  const random = rng(seed);
  const pool = charPool(docs.slice(0, 5));
  const all = docs.flatMap((d) => d.clauses).filter((c) => c.norm.length >= 8);
  const out: PerturbedQuery[] = [];
  for (let i = 0; i < count; i++) {
    const target = all[Math.floor(random() * all.length)];
    let text = '';
    for (const ch of target.measure.text.slice(target.start, target.end)) {
      const r = random();
      if (r < 0.1) continue; // dropped
      text += r < 0.2 && isHan(ch) ? pool[Math.floor(random() * pool.length)] : ch;
    }
    text = text.replace(/[省县]/g, (c) => (c === '省' ? '县' : '省'));
    if (i % 3 === 0) text = toTraditional(text);
    out.push({ text, target });
  }
  return out;
}
