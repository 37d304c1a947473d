import { strict as assert } from 'assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { Diagnostic, TextEdit } from 'vscode-languageserver-types';
import {
  COVERAGE_REQUEST,
  CORPUS_LOADED_NOTIFICATION,
  INSERT_SOURCE_MEASURE_REQUEST,
  SET_SOURCE_REQUEST,
  SOURCES_REQUEST,
  STATUS_NOTIFICATION,
  type CoverageAnswer,
  type DocumentStatus,
  type InsertSourceMeasureAnswer,
  type SetSourceAnswer,
  type SourcesAnswer,
} from '../../server/src/protocol';
import { parsePlanFile } from '../../server/src/service/model/parse';
import { applyEdits } from '../../server/src/service/text/edits';
import { SEEDS, seedText } from '../helpers/fixture';
import { fileUri, startServer, type TestServer } from '../helpers/lspClient';

/** The plan above through the built server: the source rules, the coverage view's requests, choosing the source, notices. */

const GUIZHOU = '贵州省法治社会建设实施方案';
const uncovered = (d: Diagnostic[]) => d.filter((x) => x.code === 'source-uncovered');

async function until<T>(what: string, check: () => T | undefined | false, timeoutMs = 20000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Seed 001 with a source directive after its title. */
function xijiWithSource(): string {
  const text = seedText(SEEDS.xiji);
  const lines = text.split('\n');
  lines.splice(parsePlanFile(text).plans[0].title!.range.end.line + 1, 0, `<!-- fangan: source ${GUIZHOU} -->`);
  return lines.join('\n');
}

describe('the plan above over LSP (built server)', function () {
  this.timeout(60000);
  let dir: string;
  let server: TestServer;
  const statuses: DocumentStatus[] = [];
  let loaded = false;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fangan-above-'));
    server = await startServer({
      workspaceFolders: [dir],
      onNotification: {
        [STATUS_NOTIFICATION]: (p) => statuses.push(p as DocumentStatus),
        [CORPUS_LOADED_NOTIFICATION]: () => (loaded = true),
      },
    });
    await until('the corpus', () => loaded);
  });
  after(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes source-uncovered and source-lead-differs as information; the status names the plan above', async () => {
    const uri = fileUri(join(dir, 'xiji.txt'));
    const published = server.nextDiagnostics(uri, (d) => uncovered(d).length > 0);
    server.open(uri, xijiWithSource());
    const { diagnostics } = await published;
    assert.equal(uncovered(diagnostics).length, 22);
    assert.ok(diagnostics.some((d) => d.code === 'source-lead-differs'));
    assert.ok(diagnostics.filter((d) => String(d.code).startsWith('source-')).every((d) => d.severity === 3));
    const status = await until('the status', () => statuses.find((s) => s.uri === uri));
    assert.match(status.plans[0].text, / · 上级：贵州省方案 · \d+ 处问题$/);
  });

  it('fangan/coverage answers the summary and every measure; fangan/insertSourceMeasure the quick fix’s edit, versioned', async () => {
    const uri = fileUri(join(dir, 'xiji.txt'));
    const coverage = (await server.connection.sendRequest(COVERAGE_REQUEST, { uri })) as CoverageAnswer;
    const [source] = coverage.plans[0].sources;
    assert.equal(source.summary, '已覆盖 22/94 项，部分覆盖 50 项，缺 22 项');
    assert.equal(source.via, 'directive');
    assert.equal(source.entries.length, 94);
    const missing = source.entries.find((e) => e.marker === '(93)')!;
    assert.equal(missing.status, 'missing');
    const answer = (await server.connection.sendRequest(INSERT_SOURCE_MEASURE_REQUEST, { uri, plan: source.path, line: missing.line })) as InsertSourceMeasureAnswer;
    assert.equal(answer.problem, null);
    const change = answer.edit!.documentChanges[0];
    assert.deepEqual(change.textDocument, { uri, version: 1 });
    const text = applyEdits(xijiWithSource(), change.edits as TextEdit[]);
    assert.ok(text.includes('加强中国特色社会主义法治理论与实践研究'));
    const republished = server.nextDiagnostics(uri, (d) => uncovered(d).length === 21);
    await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text }] });
    const { diagnostics } = await republished;
    assert.ok(!uncovered(diagnostics).some((d) => (d.data as { marker: string }).marker === '(93)'));
    // Not missing any more: no edit, and why.
    const again = (await server.connection.sendRequest(INSERT_SOURCE_MEASURE_REQUEST, { uri, plan: source.path, line: missing.line })) as InsertSourceMeasureAnswer;
    assert.equal(again.edit, null);
    assert.match(again.problem ?? '', /已有对应措施/);
    // An older version of the view: refused.
    const stale = (await server.connection.sendRequest(INSERT_SOURCE_MEASURE_REQUEST, { uri, version: 1, plan: source.path, line: source.entries[0].line })) as InsertSourceMeasureAnswer;
    assert.equal(stale.edit, null);
    assert.match(stale.problem ?? '', /文档已修改/);
  });

  it('fangan/sources lists corpus plans higher levels first (not the draft); fangan/setSource writes and removes the directive', async () => {
    const uri = fileUri(join(dir, 'plain.txt'));
    const text = seedText(SEEDS.xiji);
    const first = server.nextDiagnostics(uri);
    server.open(uri, text);
    await first;
    const sources = (await server.connection.sendRequest(SOURCES_REQUEST, { uri, line: 40 })) as SourcesAnswer;
    assert.equal(sources.plans[0].name, '贵州省方案');
    assert.equal(sources.plans[0].levelLabel, '省级');
    assert.ok(!sources.plans.some((p) => p.name === '西吉县方案'));
    assert.deepEqual(sources.current, []);
    const set = (await server.connection.sendRequest(SET_SOURCE_REQUEST, { uri, line: 40, title: sources.plans[0].title })) as SetSourceAnswer;
    const edits = set.edit!.documentChanges[0].edits as TextEdit[];
    assert.deepEqual(edits.map((e) => e.newText), [`<!-- fangan: source ${sources.plans[0].title} -->\n`]);
    const written = applyEdits(text, edits);
    const republished = server.nextDiagnostics(uri, (d) => uncovered(d).length === 22);
    await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: written }] });
    await republished;
    const auto = (await server.connection.sendRequest(SET_SOURCE_REQUEST, { uri, line: 40, title: 'auto' })) as SetSourceAnswer;
    assert.equal(applyEdits(written, auto.edit!.documentChanges[0].edits as TextEdit[]), text);
  });

  it('says once per document that a cited plan is not in the corpus, and how to add it', async () => {
    const uri = fileUri(join(dir, 'dazu.txt'));
    const text = seedText(SEEDS.dazu);
    const before = server.messages.length;
    const published = server.nextDiagnostics(uri);
    server.open(uri, text);
    await published;
    const said = await until('the notice', () => {
      const mine = server.messages.slice(before).filter((m) => m.includes('重庆市法治社会建设实施方案'));
      return mine.length > 0 ? mine : undefined;
    });
    assert.match(said[0], /^方案助手：未找到上级方案：引用的.*不在素材库中.*fangan\.corpus\.folders/);
    const second = server.nextDiagnostics(uri);
    await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: `${text}\n` }] });
    await second;
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(server.messages.slice(before).filter((m) => m.includes('重庆市法治社会建设实施方案')).length, 1);
  });

  it('answers malformed requests with empty answers', async () => {
    assert.deepEqual(((await server.connection.sendRequest(COVERAGE_REQUEST, {})) as CoverageAnswer).plans, []);
    assert.deepEqual(((await server.connection.sendRequest(COVERAGE_REQUEST, { uri: 'file:///nowhere.txt' })) as CoverageAnswer).plans, []);
    assert.deepEqual(await server.connection.sendRequest(INSERT_SOURCE_MEASURE_REQUEST, { uri: 7, plan: 'x', line: -1 }), { edit: null, problem: null });
    assert.deepEqual(await server.connection.sendRequest(SOURCES_REQUEST, null), { plans: [], current: [] });
    assert.deepEqual(await server.connection.sendRequest(SET_SOURCE_REQUEST, { uri: 'file:///nowhere.txt', title: 3 }), { edit: null, problem: null });
  });
});

describe('fangan.source naming a file through the built server', function () {
  this.timeout(60000);
  let dir: string;
  let server: TestServer;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fangan-above-file-'));
    mkdirSync(join(dir, 'upper'));
    writeFileSync(join(dir, 'upper', 'province.txt'), readFileSync(join(__dirname, '..', 'fixtures', 'source', 'province.txt')));
    server = await startServer({ workspaceFolders: [dir], settings: { source: 'upper/province.txt' } });
  });
  after(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the file (relative to the workspace folder) and checks the draft against it', async () => {
    const draft = readFileSync(join(__dirname, '..', 'fixtures', 'source', 'draft.txt'), 'utf8')
      .split('\n')
      .filter((l) => !l.startsWith('#!') && !l.startsWith('<!--'))
      .join('\n');
    const uri = fileUri(join(dir, 'draft.txt'));
    const published = server.nextDiagnostics(uri, (d) => uncovered(d).length === 2);
    server.open(uri, draft);
    const { diagnostics } = await published;
    assert.deepEqual(uncovered(diagnostics).map((d) => (d.data as { marker: string }).marker), ['2.', '2.']);
  });
});
