import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { deriveDraft, seedSource } from '../helpers/deriveDraft';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'fangan');
const GUIZHOU = join('corpus', 'seeds', '002_6165ec8d7c1e9a5d.txt');
const XIJI = join('corpus', 'seeds', '001_7a3985546b992323.txt');

function fangan(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, LANG: 'C' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface OutlineNode {
  kind: string;
  marker: string | null;
  children: OutlineNode[];
  source?: Array<{ plan: string; marker: string | null; score: number }>;
}

function walk(nodes: OutlineNode[]): OutlineNode[] {
  return nodes.flatMap((n) => [n, ...walk(n.children)]);
}

describe('CLI coverage and outline --source (bin/fangan, built)', function () {
  this.timeout(30000);
  const dir = mkdtempSync(join(tmpdir(), 'fangan-coverage-'));
  const { text } = seedSource('002_6165ec8d7c1e9a5d');
  const derived = deriveDraft(text, { seed: 5 });
  const draft = join(dir, 'draft.txt');
  writeFileSync(draft, derived.text);
  before(() => assert.ok(existsSync(join(ROOT, 'server', 'out', 'cli.js')), 'build first: npm run build'));

  it('--format json has exactly the documented shape, and lists the deleted measures', () => {
    const r = fangan('coverage', '--source', GUIZHOU, '--format', 'json', draft);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(json), ['drafts']);
    assert.equal(json.drafts.length, 1);
    assert.deepEqual(Object.keys(json.drafts[0]), ['file', 'sources']);
    assert.equal(json.drafts[0].file, draft);
    const [source] = json.drafts[0].sources;
    assert.deepEqual(Object.keys(source), ['plan', 'measures', 'covered', 'partial', 'missing']);
    assert.equal(source.plan, '贵州省法治社会建设实施方案（2021—2025年）');
    assert.equal(source.measures, 94);
    assert.equal(source.covered + source.partial + source.missing.length, 94);
    for (const m of source.missing) assert.deepEqual(Object.keys(m), ['marker', 'text', 'section']);
    // The derivation's deleted measures, by the marker the province writes.
    const lines = text.split('\n');
    const deletedMarkers = derived.deleted.map((line) => /^\(\d+\)/.exec(lines[line])![0]).sort();
    assert.deepEqual(source.missing.map((m: { marker: string }) => m.marker).sort(), deletedMarkers);
  });

  it('text: one summary line per source and the missing list, in Chinese or English; csv: a header and one row per missing measure', () => {
    const zh = fangan('coverage', '--source', GUIZHOU, '--lang', 'zh', XIJI);
    assert.equal(zh.code, 0, zh.stderr);
    assert.match(zh.stdout, /贵州省法治社会建设实施方案（2021—2025年）：已覆盖 \d+\/94 项，部分覆盖 \d+ 项，缺 \d+ 项/);
    assert.match(zh.stdout, /^ {4}\(19\) 二\(一\)4 健全普法责任制：引导社会各方面广泛参与立法/m);
    const en = fangan('coverage', '--source', GUIZHOU, '--lang', 'en', XIJI);
    assert.match(en.stdout, /: covered \d+\/94, partial \d+, missing \d+/);
    const csv = fangan('coverage', '--source', GUIZHOU, '--format', 'csv', XIJI, draft);
    assert.equal(csv.code, 0, csv.stderr);
    const rows = csv.stdout.trimEnd().split('\r\n');
    assert.equal(rows[0], 'draft,source,marker,section,text');
    const json = JSON.parse(fangan('coverage', '--source', GUIZHOU, '--format', 'json', XIJI, draft).stdout);
    const missing = json.drafts.reduce((n: number, d: { sources: Array<{ missing: unknown[] }> }) => n + d.sources[0].missing.length, 0);
    assert.equal(rows.length, 1 + missing);
    assert.ok(rows.slice(1).every((row) => row.startsWith(`${XIJI},`) || row.startsWith(`${draft},`)));
  });

  it('without --source, looks up the plans the draft cites in the bundled corpus, and says which it lacks', () => {
    const found = fangan('coverage', '--format', 'json', draft);
    assert.equal(found.code, 0, found.stderr);
    assert.equal(JSON.parse(found.stdout).drafts[0].sources[0].plan, '贵州省法治社会建设实施方案（2021—2025年）');
    const lacking = fangan('coverage', '--lang', 'en', XIJI);
    assert.equal(lacking.code, 0);
    assert.match(lacking.stderr, /宁夏回族自治区法治社会建设实施方案.*is not in the corpus/);
    assert.match(lacking.stdout, /no plan above found/);
  });

  it('never uses the draft as its own source', () => {
    const r = fangan('coverage', '--source', GUIZHOU, '--format', 'json', GUIZHOU);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).drafts[0].sources, []);
    assert.match(r.stderr, /itself/);
  });

  it('exits 2 on usage errors: no draft, a bad format, a source that cannot be read or is Word', () => {
    assert.equal(fangan('coverage', '--source', GUIZHOU).code, 2);
    assert.equal(fangan('coverage', '--source', GUIZHOU, '--format', 'xml', draft).code, 2);
    const missing = fangan('coverage', '--source', join(dir, 'none.txt'), draft);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /none\.txt: no such file/);
    const word = join(dir, 'above.docx');
    writeFileSync(word, 'PK');
    const docx = fangan('coverage', '--source', word, draft);
    assert.equal(docx.code, 2);
    assert.match(docx.stderr, /\.docx/);
    assert.equal(fangan('coverage', '--source', GUIZHOU, join(dir, 'nothing.txt')).code, 2);
  });

  it('outline --source gives every measure its aligned source measures (empty for the county’s own), headings none', () => {
    const r = fangan('outline', '--format', 'json', '--source', GUIZHOU, draft);
    assert.equal(r.code, 0, r.stderr);
    const nodes = walk(JSON.parse(r.stdout).plans[0].nodes as OutlineNode[]);
    const measures = nodes.filter((n) => n.kind === 'measure');
    assert.ok(measures.length > 80);
    assert.ok(nodes.filter((n) => n.kind === 'heading').every((n) => n.source === undefined));
    assert.ok(measures.every((n) => Array.isArray(n.source)));
    for (const n of measures) for (const s of n.source!) assert.deepEqual(Object.keys(s), ['plan', 'marker', 'score']);
    const aligned = measures.filter((n) => n.source!.length > 0);
    assert.ok(aligned.length >= measures.length - 2, `${aligned.length}/${measures.length}`);
    assert.ok(aligned.every((n) => n.source![0].plan === '贵州省法治社会建设实施方案（2021—2025年）' && n.source![0].score > 0));
    // Without --source the outline is as before: no source field.
    const plain = walk(JSON.parse(fangan('outline', '--format', 'json', draft).stdout).plans[0].nodes as OutlineNode[]);
    assert.ok(plain.every((n) => !('source' in n)));
  });
});
