import { join } from 'path';
import { SEEDS, seedText } from '../helpers/fixture';
import { fileUri, startServer } from '../helpers/lspClient';
import { CORPUS_LOADED_NOTIFICATION } from '../../server/src/protocol';
import { summarize, type Timing } from './stats';

/**
 * A burst of typing through the real server (issue 16, item 8): 2 000 `didChange` notifications
 * (one character each, typed into the measures of seed 001) with 120 hover and completion
 * requests mixed in, sent as fast as a client can; the answer time of each request, from sending
 * it to its answer. Before the fix every request parsed its own version of the document again
 * (p50 1.8 s, max 2.8 s); the goal is p95 ≤ 200 ms.
 */

export const BURST = { changes: 2000, requests: 120 } as const;

/** A seeded generator, so that every run types the same burst. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export async function burstTimings(): Promise<{ answers: Timing; total_ms: number }> {
  let corpusLoaded: () => void = () => undefined;
  const loaded = new Promise<void>((resolve) => (corpusLoaded = resolve));
  const server = await startServer({ nodeArgs: process.env.FANGAN_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.FANGAN_PROFILE}`] : [], onNotification: { [CORPUS_LOADED_NOTIFICATION]: () => corpusLoaded() } });
  try {
    // The burst starts once the server has settled (its corpus indexed), as an editor does minutes in.
    await loaded;
    const uri = fileUri(join(__dirname, '..', '..', 'corpus', 'seeds', SEEDS.xiji));
    let lines = seedText(SEEDS.xiji).split('\n');
    const opened = server.nextDiagnostics(uri);
    server.open(uri, lines.join('\n'));
    await opened;
    const next = random(16);
    // Lines a drafter types in: the measures' own lines (long ones, not headings or notes).
    const typing = lines.map((l, i) => ({ l, i })).filter(({ l }) => l.length > 40 && !/单位/.test(l.slice(0, 6))).map(({ i }) => i);
    const every = Math.floor(BURST.changes / BURST.requests);
    const pending: Array<Promise<number>> = [];
    const started = performance.now();
    for (let version = 2; version < BURST.changes + 2; version++) {
      const line = typing[Math.floor(next() * typing.length)];
      const character = Math.floor(next() * lines[line].length);
      lines[line] = `${lines[line].slice(0, character)}法${lines[line].slice(character)}`;
      void server.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: '法' }],
      });
      if (version % every === 0) {
        const position = { line, character: character + 1 };
        const method = (version / every) % 2 === 0 ? 'textDocument/hover' : 'textDocument/completion';
        const sent = performance.now();
        pending.push(server.connection.sendRequest(method, { textDocument: { uri }, position }).then(() => performance.now() - sent));
      }
    }
    const answers = await Promise.all(pending);
    lines = [];
    return { answers: summarize(answers), total_ms: Math.round(performance.now() - started) };
  } finally {
    await server.stop();
  }
}

if (require.main === module) {
  void burstTimings().then((r) => console.log(JSON.stringify(r)));
}
