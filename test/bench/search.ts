import Fuse from 'fuse.js';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { CorpusDocument } from '../../server/src/service/corpus/extract';
import { normalizeForMatch } from '../../server/src/service/corpus/normalize';
import { CorpusIndex, FUSE_OPTIONS } from '../../server/src/service/corpus/search';
import { fileUri, startServer, type TestServer } from '../helpers/lspClient';
import { perturbedQueries, replicatedCorpus, seedDocuments, type PerturbedQuery } from './corpusData';
import { summarize, timeAsync, type Timing } from './stats';
import { CORPUS_LOADED_NOTIFICATION } from '../../server/src/protocol';

/**
 * The corpus search rows of `npm run bench`, side by side with plain fuse.js (same options, over
 * every clause) on the same perturbed queries. Memory and the bundled build time are measured on
 * the real server process: `fangan.corpus.folders` points at a folder of generated plan files,
 * the server reports `fangan/corpusLoaded`, and VmRSS is read from /proc/<pid>/status.
 */

export interface SearchRow {
  clauses: number;
  queries: number;
  p50_ms: number;
  p95_ms: number;
  recall_at_3: number;
  fuse_queries: number;
  fuse_p95_ms: number;
  fuse_recall_at_3: number;
  /** Our recall on exactly the queries plain fuse.js ran (the fair comparison). */
  recall_at_3_on_fuse_queries: number;
  build_ms: number;
  rss_mb: number | null;
  server_load_ms: number | null;
}

const SIZES: Array<{ name: string; clauses: number; fuseQueries: number }> = [
  { name: 'seeds', clauses: 0, fuseQueries: 60 },
  { name: '20k', clauses: 20_000, fuseQueries: 8 },
  { name: '100k', clauses: 100_000, fuseQueries: 3 },
];
const QUERIES = 300;

/** A hit counts when a top-3 clause says the same as the target (identical clauses occur in several plans). */
const isHit = (hits: ReadonlyArray<{ norm: string }>, q: PerturbedQuery) => hits.some((h) => h.norm === q.target.norm);

/** Plan text for a generated corpus file: the replica's measures under their sections, with lead lines. */
function planText(doc: CorpusDocument, n: number): string {
  const lines = [`合成${n}县法治社会建设实施方案`, '为推进法治社会建设，结合实际，制定本实施方案。', '一、主要任务'];
  let section = '';
  let topic = 0;
  let measure = 0;
  for (const m of doc.measures) {
    if (m.section !== section) {
      section = m.section;
      lines.push(`（${++topic}）${section.replace(/^[^ ]* /, '') || '任务'}`);
    }
    lines.push(`${++measure}.${m.text.replace(/\n/g, '')}`);
    if (m.lead.length > 0) lines.push(`牵头单位：${m.lead.join('、')}`);
  }
  return lines.join('\n');
}

function vmRssMb(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null; // not Linux
  }
}

/** Starts the real server with the folder as its corpus; resolves when it has loaded it. */
async function serverWithCorpus(folder: string | null): Promise<{ server: TestServer; loadMs: number; bundledMs: number; clauses: number }> {
  type Loaded = { ms: number; bundledMs: number; clauses: number };
  let resolveLoaded!: (v: Loaded) => void;
  const loaded = new Promise<Loaded>((r) => (resolveLoaded = r));
  const server = await startServer({
    settings: folder ? { corpus: { folders: [folder] } } : {},
    onNotification: { [CORPUS_LOADED_NOTIFICATION]: (p: unknown) => resolveLoaded(p as Loaded) },
  });
  const { ms, bundledMs, clauses } = await loaded;
  return { server, loadMs: ms, bundledMs, clauses };
}

export async function benchSearch(lsp: Record<string, Timing>): Promise<Record<string, SearchRow>> {
  const out: Record<string, SearchRow> = {};
  const seeds = seedDocuments();
  const root = join(__dirname, '..', '..');
  for (const size of SIZES) {
    const docs = size.clauses ? replicatedCorpus(seeds, size.clauses) : seeds;
    const t0 = performance.now();
    const index = new CorpusIndex();
    index.put(docs);
    const buildMs = performance.now() - t0;
    const queries = perturbedQueries(docs, QUERIES);
    const ours: number[] = [];
    const ourHits: boolean[] = [];
    for (const q of queries) {
      const start = performance.now();
      const hits = index.search(q.text, { limit: 3 });
      ours.push(performance.now() - start);
      ourHits.push(isHit(hits.map((h) => h.clause), q));
    }
    const all = docs.flatMap((d) => d.clauses);
    const fuse = new Fuse(
      all.map((c) => c.norm),
      FUSE_OPTIONS,
    );
    const fuseTimes: number[] = [];
    let fuseHits = 0;
    for (const q of queries.slice(0, size.fuseQueries)) {
      const start = performance.now();
      const hits = fuse.search(normalizeForMatch(q.text), { limit: 3 });
      fuseTimes.push(performance.now() - start);
      if (isHit(hits.map((h) => all[h.refIndex]), q)) fuseHits++;
    }
    const ourTiming = summarize(ours);
    const round = (x: number) => Math.round(x * 1000) / 1000;
    const row: SearchRow = {
      clauses: all.length,
      queries: queries.length,
      p50_ms: ourTiming.p50_ms,
      p95_ms: ourTiming.p95_ms,
      recall_at_3: round(ourHits.filter(Boolean).length / queries.length),
      fuse_queries: fuseTimes.length,
      fuse_p95_ms: summarize(fuseTimes).p95_ms,
      fuse_recall_at_3: round(fuseHits / fuseTimes.length),
      recall_at_3_on_fuse_queries: round(ourHits.slice(0, fuseTimes.length).filter(Boolean).length / fuseTimes.length),
      build_ms: Math.round(buildMs),
      rss_mb: null,
      server_load_ms: null,
    };

    // The real server: its resident memory with this corpus loaded, and how long loading took.
    let folder: string | null = null;
    if (size.clauses) {
      folder = mkdtempSync(join(tmpdir(), `fangan-corpus-${size.name}-`));
      docs.slice(seeds.length).forEach((doc, i) => writeFileSync(join(folder!, `plan-${String(i).padStart(4, '0')}.txt`), planText(doc, i)));
    }
    const { server, loadMs, bundledMs } = await serverWithCorpus(folder);
    try {
      row.server_load_ms = loadMs;
      // The bundled corpus is what the server builds at start: read, parse, extract and index the
      // five seeds in the real server process (its first run of that code: no warm JIT).
      if (!size.clauses) row.build_ms = bundledMs;
      if (size.name === '100k') {
        const path = join(root, 'corpus', 'seeds', '001_7a3985546b992323.txt');
        const uri = fileUri(path);
        server.open(uri, readFileSync(path, 'utf8'));
        lsp['hover (100k corpus)'] = await timeAsync(async () => {
          await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 45, character: 4 } });
        }, 30);
        lsp['completion (100k corpus)'] = await timeAsync(async () => {
          await server.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 55, character: 16 } });
        }, 30);
      }
      row.rss_mb = vmRssMb(server.process.pid!);
    } finally {
      await server.stop();
      if (folder) rmSync(folder, { recursive: true, force: true });
    }
    out[size.name] = row;
  }
  return out;
}
