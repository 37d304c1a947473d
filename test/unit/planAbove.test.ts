import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, Hover } from 'vscode-languageserver-types';
import { createFsHost } from '../../server/src/node/fsHost';
import { resolvePath } from '../../server/src/service/corpus/aboveCache';
import { createLanguageService, type FanganLanguageService } from '../../server/src/service/languageService';
import { parsePlanFile } from '../../server/src/service/model/parse';
import { unitKind } from '../../server/src/service/rules/source/source-lead-differs';
import { applyEdits } from '../../server/src/service/text/edits';
import { parseWorkspaceConfig } from '../../server/src/service/workspace/config';
import type { FanganSettings } from '../../server/src/service/workspace/settings';
import { BUILTIN_REGISTRY } from '../../server/src/service/workspace/units/registry';
import { deriveDraft } from '../helpers/deriveDraft';
import { checkFindings, editsOf } from '../helpers/findings';
import { loadFixture, SEEDS, seedText, type Fixture } from '../helpers/fixture';
import { memoryHost } from '../helpers/memoryHost';

/**
 * The plan above in the editor (issue 14): the rules source-uncovered and source-lead-differs on
 * fixtures and seeds, their fixes re-checked, the hover source first, the status bar, the coverage
 * view, choosing the source, `fangan.source` and the files it names, the notices said once.
 * The pure core (finding, aligning, counting) is tested in coverage.test.ts.
 */

const ROOT = join(__dirname, '..', '..');
const GUIZHOU_TITLE = '贵州省法治社会建设实施方案';
const DRAFT_URI = 'file:///drafts/xiji.txt';

/** A service with the bundled corpus (the five seeds) loaded, in one language. */
async function seedService(language = 'zh-cn'): Promise<FanganLanguageService> {
  const service = createLanguageService({ language, host: createFsHost(ROOT, ['/drafts']) });
  await service.corpus.load([]);
  return service;
}

const codeOf = (d: Diagnostic) => String(d.code);
const sourceFindings = (diagnostics: readonly Diagnostic[], code = 'source-uncovered') => diagnostics.filter((d) => codeOf(d) === code);
const counts = (diagnostics: readonly Diagnostic[], prefix: string) => {
  const out = new Map<string, number>();
  for (const d of diagnostics) if (codeOf(d).startsWith(prefix)) out.set(codeOf(d), (out.get(codeOf(d)) ?? 0) + 1);
  return out;
};
const identity = (d: Diagnostic) => `${codeOf(d)} ${JSON.stringify(d.data)}`;

function quickFixes(service: FanganLanguageService, document: TextDocument, settings: FanganSettings, diagnostic: Diagnostic): CodeAction[] {
  return service.getCodeActions(document, settings, { diagnostics: [diagnostic], only: ['quickfix'] }).filter((a) => !a.title.startsWith('忽略') && !a.title.startsWith('Ignore'));
}

function hoverText(hover: Hover | null): string {
  const contents = hover?.contents;
  return contents && typeof contents === 'object' && 'value' in contents ? contents.value : '';
}

/**
 * `**` runs of a Markdown text that CommonMark would not read as delimiters (they show as asterisks):
 * an opening one must be left-flanking, a closing one right-flanking (CommonMark 0.31, 6.2).
 */
function unreadBold(markdown: string): string[] {
  const punct = (c: string | undefined) => c !== undefined && /[\p{P}\p{S}]/u.test(c);
  const space = (c: string | undefined) => c === undefined || /\s/.test(c);
  const bad: string[] = [];
  const runs = [...markdown.matchAll(/(?<!\\)\*\*/g)].map((m) => m.index!);
  runs.forEach((at, i) => {
    const before = markdown[at - 1];
    const after = markdown[at + 2];
    const leftFlanking = !space(after) && (!punct(after) || space(before) || punct(before));
    const rightFlanking = !space(before) && (!punct(before) || space(after) || punct(after));
    if (i % 2 === 0 ? !leftFlanking : !rightFlanking) bad.push(markdown.slice(Math.max(0, at - 6), at + 8));
  });
  return bad;
}

let version = 0;
const documentOf = (text: string, uri = DRAFT_URI) => TextDocument.create(uri, 'fangan', ++version, text);

/**
 * Applies each source-uncovered fix alone to the text and checks the result: that finding is gone,
 * every other one stays, the inserted measure is numbered in the draft's scheme (no numbering finding
 * more of any code), and the text before and after the insertion is the drafter's, markers aside.
 */
function checkInsertions(service: FanganLanguageService, text: string, settings: FanganSettings, uri = DRAFT_URI): number {
  const document = documentOf(text, uri);
  const before = service.computeDiagnostics(document, settings);
  const missing = sourceFindings(before);
  const numbering = counts(before, 'numbering-');
  for (const diagnostic of missing) {
    const [fix, ...others] = quickFixes(service, document, settings, diagnostic);
    assert.ok(fix, `a fix for ${diagnostic.message}`);
    assert.equal(others.length, 0, 'one fix');
    const edits = editsOf(fix, uri);
    const fixed = applyEdits(text, edits);
    const after = service.computeDiagnostics(documentOf(fixed, uri), settings);
    const left = sourceFindings(after).map(identity);
    assert.ok(!left.includes(identity(diagnostic)), `fixed: ${diagnostic.message}`);
    assert.equal(left.length, missing.length - 1, `the others stay (${diagnostic.message})`);
    for (const [code, n] of counts(after, 'numbering-')) assert.ok(n <= (numbering.get(code) ?? 0), `no new ${code} after inserting ${diagnostic.message}`);
    // Only markers change besides the inserted text: the drafter's lines are all still there.
    const kept = new Set(fixed.split('\n'));
    const stripMarker = (l: string) => l.replace(/^[\s\u3000]*(?:[（(]?[一二三四五六七八九十百0-9]*[）)]|[0-9]+[.、．]|[一二三四五六七八九十]+、)/, '');
    const keptText = new Set([...kept].map(stripMarker));
    for (const line of text.split('\n')) assert.ok(kept.has(line) || keptText.has(stripMarker(line)), `line kept: ${line.slice(0, 40)}`);
  }
  return missing.length;
}

describe('the plan above in the editor: rules on fixtures (test/fixtures/source)', () => {
  const host = () =>
    memoryHost(['/source'], new Map([['/source/province.txt', readFileSync(join(ROOT, 'test', 'fixtures', 'source', 'province.txt'), 'utf8')]]));
  /** Services in both languages, with the files the fixture names read. */
  async function prepared(fixture: Fixture): Promise<[FanganLanguageService, FanganLanguageService]> {
    const out: FanganLanguageService[] = [];
    for (const language of ['zh-cn', 'en']) {
      const service = createLanguageService({ language, host: host() });
      const settings = service.readSettings(fixture.options.settings).settings;
      assert.equal(await service.prepareSources(TextDocument.create(`file:///${fixture.name}`, 'fangan', 0, fixture.text), settings), true, 'the source file is read');
      out.push(service);
    }
    return [out[0], out[1]];
  }

  for (const name of ['source/draft.txt', 'source/inline-draft.txt']) {
    it(`${name}: exactly the expected findings; each fix re-checked`, async () => {
      const fixture = loadFixture(name);
      const [zh, en] = await prepared(fixture);
      const run = checkFindings(fixture, ['source-'], zh, { englishService: en });
      const uri = `file:///${fixture.name}`;
      assert.ok(checkInsertions(zh, fixture.text, run.settings, uri) >= 1);
      // source-lead-differs: either fix makes the finding go, and no unit of the drafter's is lost.
      for (const diagnostic of sourceFindings(run.diagnostics, 'source-lead-differs')) {
        const fixes = quickFixes(zh, run.document, run.settings, diagnostic);
        assert.ok(fixes.length >= 1);
        for (const fix of fixes) {
          const fixed = applyEdits(fixture.text, editsOf(fix, uri));
          const after = zh.computeDiagnostics(documentOf(fixed, uri), run.settings);
          assert.ok(!sourceFindings(after, 'source-lead-differs').some((d) => identity(d) === identity(diagnostic)), `${fix.title} fixes it`);
          if (fix.title.startsWith('加上')) assert.ok(fixed.includes('县司法局、县教育体育局'), 'added before the drafter’s unit');
        }
      }
    });
  }

  it('inserts in the draft’s notation and numbering: lines and blank lines, or inline; restarting or continuous counting', async () => {
    for (const [name, expected] of [
      ['source/draft.txt', /\n\n2\.建立新任领导干部任前宪法知识考试制度，考试结果作为任职的参考依据。\n\n牵头单位：县委组织部\n\n配合单位：县司法局\n\n3\.依托广播电视/],
      ['source/inline-draft.txt', /\n2\.建立新任领导干部任前宪法知识考试制度，考试结果作为任职的参考依据。（牵头单位：县委组织部；参加单位：县司法局）\n3\.依托广播电视[^\n]*\n（二）落实普法责任\n4\.编制/],
    ] as const) {
      const fixture = loadFixture(name);
      const [zh] = await prepared(fixture);
      const document = TextDocument.create(`file:///${name}`, 'fangan', 1, fixture.text);
      const settings = zh.readSettings(undefined).settings;
      const first = sourceFindings(zh.computeDiagnostics(document, settings))[0];
      const fixed = applyEdits(fixture.text, editsOf(quickFixes(zh, document, settings, first)[0], document.uri));
      assert.match(fixed, expected, name);
    }
  });

  it('a CRLF draft gets its own line ending in the quick fix, the view’s insert and the source directive', async () => {
    const fixture = loadFixture('source/draft.txt');
    const [zh] = await prepared(fixture);
    const text = fixture.text.replace(/\n/g, '\r\n');
    const document = TextDocument.create(`file:///${fixture.name}`, 'fangan', 1, text);
    const settings = zh.readSettings(undefined).settings;
    const finding = sourceFindings(zh.computeDiagnostics(document, settings))[0];
    const quick = editsOf(quickFixes(zh, document, settings, finding)[0], document.uri);
    const source = zh.getCoverage(document, settings).plans[0].sources[0];
    const view = zh.insertSourceMeasure(document, settings, { path: source.path, line: (finding.data as { line: number }).line })!;
    const directive = zh.switchSource(document, 0, 'auto', settings);
    for (const edits of [quick, view, 'edits' in directive ? directive.edits : []]) {
      for (const edit of edits) assert.ok(!/(^|[^\r])\n/.test(edit.newText), JSON.stringify(edit.newText));
    }
    assert.ok(quick.some((e) => e.newText.includes('\r\n')));
    assert.deepEqual(view, quick);
  });

  it('offers no fix-all for them: which measures to carry over is the drafter’s choice', async () => {
    const fixture = loadFixture('source/draft.txt');
    const [zh] = await prepared(fixture);
    const document = TextDocument.create(`file:///${fixture.name}`, 'fangan', 1, fixture.text);
    const settings = zh.readSettings(undefined).settings;
    const fixed = zh.fixText(document, settings).text;
    assert.ok(!fixed.includes('建立新任领导干部任前宪法知识考试制度'), 'fix-all inserts nothing');
    assert.ok(!fixed.includes('牵头单位：县司法局\n\n配合单位：县直各部门'), 'fix-all changes no lead');
  });
});

describe('the plan above in the editor: seed 001 against seed 002 and derived drafts', function () {
  this.timeout(120000);
  let service: FanganLanguageService;
  let settings: FanganSettings;
  const xiji = seedText(SEEDS.xiji);
  before(async () => {
    service = await seedService();
    settings = service.readSettings({ source: GUIZHOU_TITLE }).settings;
  });

  it('seed 001 with fangan.source = 贵州: 22 missing measures at their sections, (2) (19) (93) among them; each inserted and re-checked', () => {
    const diagnostics = service.computeDiagnostics(documentOf(xiji), settings);
    const missing = sourceFindings(diagnostics);
    assert.equal(missing.length, 22);
    for (const marker of ['(2)', '(19)', '(93)']) assert.ok(missing.some((d) => (d.data as { marker: string }).marker === marker), marker);
    assert.ok(missing.every((d) => d.severity === 3), 'information');
    // Reported on the draft heading where the measure belongs: (19) 引导社会各方面广泛参与立法 under 健全社会领域制度规范's first topic.
    const nineteen = missing.find((d) => (d.data as { marker: string }).marker === '(19)')!;
    assert.match(xiji.split('\n')[nineteen.range.start.line], /^[（()]?[一二三四五六七八九十]*[）)]?健全普法责任制/);
    assert.equal(checkInsertions(service, xiji, settings), 22);
  });

  it('the same counts as `fangan coverage` and the coverage view; the view’s insert is the quick fix', () => {
    const document = documentOf(xiji);
    const view = service.getCoverage(document, settings);
    const [source] = view.plans[0].sources;
    assert.equal(source.summary, '已覆盖 22/94 项，部分覆盖 50 项，缺 22 项');
    assert.equal(source.via, 'setting');
    assert.equal(source.entries.length, 94);
    const missing = source.entries.filter((e) => e.status === 'missing');
    assert.equal(missing.length, 22);
    assert.ok(source.entries.filter((e) => e.status !== 'missing').every((e) => e.draft.length > 0 && e.draft[0].line > 0));
    const diagnostics = service.computeDiagnostics(document, settings);
    for (const entry of missing.slice(0, 5)) {
      const diagnostic = sourceFindings(diagnostics).find((d) => (d.data as { line: number }).line === entry.line)!;
      const fix = quickFixes(service, document, settings, diagnostic)[0];
      assert.deepEqual(service.insertSourceMeasure(document, settings, { path: source.path, line: entry.line }), editsOf(fix, DRAFT_URI));
    }
    assert.equal(service.insertSourceMeasure(document, settings, { path: source.path, line: source.entries.find((e) => e.status === 'covered')!.line }), null);
  });

  it('source-lead-differs on seed 001: only leads of another kind; 委宣传部 (a damaged name) and 县司法局 for 省司法厅 are not reported', () => {
    const diagnostics = service.computeDiagnostics(documentOf(xiji), settings);
    const differs = sourceFindings(diagnostics, 'source-lead-differs');
    assert.ok(differs.length > 0 && differs.length <= 10, `${differs.length}`);
    for (const d of differs) {
      const written = xiji.split('\n')[d.range.start.line].slice(d.range.start.character, d.range.end.character);
      assert.ok(!written.includes('委宣传部') || written.includes('县委宣传部'), written);
      const expected = (d.data as { expected: string[] }).expected;
      assert.ok(expected.every((u) => !u.startsWith('省')), `adapted: ${expected.join('、')}`);
    }
  });

  for (const seed of ['002_6165ec8d7c1e9a5d', '003_eeaf1b93697e59c4']) {
    it(`derived drafts of seed ${seed.slice(0, 3)} (found by their citation): the deleted measures reported, each insertion re-checked`, () => {
      const source = readFileSync(join(ROOT, 'corpus', 'seeds', `${seed}.txt`), 'utf8');
      let checked = 0;
      for (let run = 1; run <= 4; run++) {
        const derived = deriveDraft(source, { seed: 100 + run });
        const none = service.readSettings(undefined).settings;
        const diagnostics = service.computeDiagnostics(documentOf(derived.text), none);
        const reported = sourceFindings(diagnostics).map((d) => (d.data as { line: number }).line).sort((a, b) => a - b);
        assert.deepEqual(reported, [...derived.deleted].sort((a, b) => a - b), `derivation ${run}`);
        assert.equal(sourceFindings(diagnostics, 'source-lead-differs').length, 0, 'adapted leads are the same kind');
        checked += checkInsertions(service, derived.text, none);
      }
      assert.ok(checked >= 4);
    });
  }

  it('hover on a measure: the plan above first (marker, shared part in bold, this level’s lead), then the peers — never the draft itself', () => {
    const document = documentOf(xiji);
    const line = xiji.split('\n').findIndex((l) => l.includes('全面落实宪法宣誓制度'));
    assert.ok(line > 0);
    const text = hoverText(service.getHover(document, settings, { line, character: 6 }));
    const above = text.indexOf('上级方案中的对应措施');
    const peers = text.indexOf('素材库中的对应措施');
    assert.ok(above >= 0 && peers > above, text);
    assert.match(text.slice(above, peers), /\*\*\(6\)\*\* · 贵州省方案（省级）/);
    assert.match(text.slice(above, peers), /\*\*[^*]*宪法宣誓[^*]*\*\*/);
    assert.match(text.slice(above, peers), /本级牵头单位：县/);
    assert.deepEqual(unreadBold(text), [], 'every ** is read as bold (CommonMark flanking), beside Chinese punctuation too');
    // Seed 001 lies in the corpus: opened as a draft anywhere, it is not its own peer.
    assert.ok(!text.slice(peers).includes('西吉县方案'), text.slice(peers));
    // Without a source, the hover is the peers alone — still without the draft itself.
    const plain = hoverText(service.getHover(document, service.readSettings(undefined).settings, { line, character: 6 }));
    assert.ok(!plain.includes('上级方案') && plain.includes('素材库中的对应措施') && !plain.includes('西吉县方案'), plain);
  });

  it('completion and the corpus code action offer no wording of the draft’s own copy in the corpus', () => {
    const document = documentOf(xiji);
    const none = service.readSettings(undefined).settings;
    const line = xiji.split('\n').findIndex((l) => l.startsWith('2.全面落实宪法宣誓制度'));
    // The same clause is in the corpus twice: seed 001 itself (a copy at another path) and 贵州's.
    assert.ok(service.corpus.search('全面落实宪法宣誓制度', { limit: 10 }).some((r) => r.planName === '西吉县方案'));
    const items = service.getCompletions(document, none, { line, character: 10 }).items;
    assert.ok(items.length > 0);
    assert.ok(!items.some((i) => `${i.detail ?? ''}`.includes('西吉县方案')), items.map((i) => i.detail).join(' | '));
    const actions = service.getCodeActions(document, none, { diagnostics: [], range: { start: { line, character: 3 }, end: { line, character: 3 } }, only: ['refactor.insert.fangan'] });
    assert.ok(!actions.some((a) => a.title.includes('西吉县方案')), actions.map((a) => a.title).join(' | '));
  });

  it('a measure of the county’s own is said to be so', () => {
    const derived = deriveDraft(readFileSync(join(ROOT, 'corpus', 'seeds', '002_6165ec8d7c1e9a5d.txt'), 'utf8'), { seed: 7, maxLocalMeasures: 3 });
    const own = derived.origins.find((o) => o.sources.length === 0);
    assert.ok(own);
    const text = hoverText(service.getHover(documentOf(derived.text), service.readSettings(undefined).settings, { line: own.line, character: 5 }));
    assert.match(text, /上级方案.*中没有对应的措施/);
  });

  it('the status bar names the plan above, in both languages; the tooltip has the summary', async () => {
    const document = documentOf(xiji);
    const status = service.getStatus(document, settings, service.computeDiagnostics(document, settings)).plans[0];
    assert.match(status.text, / · 上级：贵州省方案 · \d+ 处问题$/);
    assert.match(status.tooltip, /上级方案：《贵州省法治社会建设实施方案（2021—2025年）》（由设置 fangan\.source 指定） · 已覆盖 22\/94 项/);
    assert.deepEqual(status.above.map((a) => a.name), ['贵州省方案']);
    const english = await seedService('en');
    const en = english.getStatus(document, settings, []).plans[0];
    assert.match(en.text, / · above: 贵州省方案 · /);
    assert.match(en.tooltip, /covered 22\/94, partial 50, missing 22/);
  });

  it('a directive names the source too, and directive-invalid does not report it', () => {
    const lines = xiji.split('\n');
    const titleLine = parsePlanFile(xiji).plans[0].title!.range.end.line;
    lines.splice(titleLine + 1, 0, `<!-- fangan: source ${GUIZHOU_TITLE} -->`);
    const diagnostics = service.computeDiagnostics(documentOf(lines.join('\n')), service.readSettings(undefined).settings);
    assert.equal(sourceFindings(diagnostics).length, 22);
    assert.ok(!diagnostics.some((d) => codeOf(d) === 'directive-invalid'), diagnostics.filter((d) => codeOf(d) === 'directive-invalid').map((d) => d.message).join('\n'));
  });

  it('choosing the source: corpus plans higher levels first, not the draft itself; the directive written after the title, read back; auto removes it', () => {
    const document = documentOf(xiji);
    const none = service.readSettings(undefined).settings;
    const choices = service.getSourceChoices(document, 10, none);
    const levels = choices.plans.map((p) => p.level);
    assert.deepEqual(levels, [...levels].sort((a, b) => ['province', 'city', 'county', null].indexOf(a) - ['province', 'city', 'county', null].indexOf(b)));
    assert.equal(choices.plans[0].name, '贵州省方案');
    assert.ok(!choices.plans.some((p) => p.name === '西吉县方案'), 'not the draft itself');
    const set = service.switchSource(document, 10, choices.plans[0].title, none);
    assert.ok('edits' in set);
    const written = applyEdits(xiji, set.edits);
    const lines = written.split('\n');
    const titleLine = parsePlanFile(xiji).plans[0].title!.range.end.line;
    assert.equal(lines[titleLine + 1], `<!-- fangan: source ${choices.plans[0].title} -->`);
    const after = documentOf(written);
    assert.equal(sourceFindings(service.computeDiagnostics(after, none)).length, 22);
    assert.deepEqual(service.getSourceChoices(after, 10, none).current, [{ title: choices.plans[0].title, via: 'directive' }]);
    // Choosing another rewrites the same line; auto removes it.
    const again = service.switchSource(after, 10, choices.plans[1].title, none);
    assert.ok('edits' in again && again.edits.length === 1 && again.edits[0].range.start.line === titleLine + 1);
    const auto = service.switchSource(after, 10, 'auto', none);
    assert.ok('edits' in auto);
    assert.equal(applyEdits(written, auto.edits), xiji);
    assert.ok('problem' in service.switchSource(document, 10, 'x -->', none));
  });

  it('a large document gets no plan above (structure only)', () => {
    const big = `${xiji}\n${'某'.repeat(2.1 * 1024 * 1024)}`;
    const document = documentOf(big);
    assert.equal(service.sizeOf(document), 'large');
    assert.equal(sourceFindings(service.computeDiagnostics(document, settings)).length, 0);
    assert.deepEqual(service.getCoverage(document, settings).plans.flatMap((p) => p.sources), []);
  });
});

describe('the plan above in the editor: fangan.source, files it names, notices', function () {
  this.timeout(30000);
  const province = readFileSync(join(ROOT, 'test', 'fixtures', 'source', 'province.txt'), 'utf8');
  const draft = loadFixture('source/draft.txt').text.replace('<!-- fangan: source province.txt -->\n', '');

  it('reads fangan.source: a title or a path, a list of them; wrong values are reported and left out', () => {
    const service = createLanguageService();
    assert.deepEqual(service.readSettings({ source: GUIZHOU_TITLE }).settings.source, [GUIZHOU_TITLE]);
    assert.deepEqual(service.readSettings({ source: [' a.txt ', 'a.txt', '', 'B方案'] }).settings.source, ['a.txt', 'B方案']);
    assert.deepEqual(service.readSettings({ source: '' }).settings.source, []);
    const bad = service.readSettings({ source: 7 });
    assert.deepEqual(bad.settings.source, []);
    assert.match(bad.problems[0].message.zh, /fangan\.source/);
    const mixed = service.readSettings({ source: ['x.txt', { a: 1 }] });
    assert.deepEqual(mixed.settings.source, ['x.txt']);
    assert.equal(mixed.problems.length, 1);
  });

  it('.fangan/config.json: source paths relative to its folder; the user’s setting wins', () => {
    const parsed = parseWorkspaceConfig({ path: '/ws/.fangan/config.json', folder: '/ws', text: '{ "source": ["上级/省方案.txt", "贵州省法治社会建设实施方案"] }' }, []);
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.layer.source, ['/ws/上级/省方案.txt', '贵州省法治社会建设实施方案']);
    assert.match(parseWorkspaceConfig({ path: '/ws/.fangan/config.json', folder: '/ws', text: '{ "source": 3 }' }, []).problems[0].message.en, /fangan\.source|source/);
  });

  it('a path in the setting (relative to the first workspace folder) is read by the host and used; a change on disk is read again', async () => {
    const files = new Map<string, string>([['/ws/上级/province.txt', province]]);
    const service = createLanguageService({ language: 'zh-cn', host: memoryHost(['/ws'], files) });
    const settings = service.readSettings({ source: '上级/province.txt' }).settings;
    const document = documentOf(draft, 'file:///ws/draft.txt');
    assert.equal(sourceFindings(service.computeDiagnostics(document, settings)).length, 0, 'not read yet');
    assert.equal(await service.prepareSources(document, settings), true);
    assert.equal(sourceFindings(service.computeDiagnostics(document, settings)).length, 2);
    assert.equal(await service.prepareSources(document, settings), false, 'read once');
    // The file grows a measure the draft lacks (memoryHost gives every file mtime 0: the size tells).
    files.set('/ws/上级/province.txt', province.replace('四、加强组织保障', '3.每年组织一次诚信示范企业评选。\n\n牵头单位：省工商联\n\n四、加强组织保障'));
    assert.equal(await service.prepareSources(document, settings), true);
    assert.equal(sourceFindings(service.computeDiagnostics(document, settings)).length, 3);
  });

  it('a directive’s path is relative to the document’s folder', async () => {
    const service = createLanguageService({ language: 'zh-cn', host: memoryHost(['/ws'], new Map([['/ws/上级/province.txt', province]])) });
    const settings = service.readSettings(undefined).settings;
    const text = draft.replace('\n', '\n<!-- fangan: source ../上级/province.txt -->\n');
    const document = documentOf(text, 'file:///ws/drafts/draft.txt');
    await service.prepareSources(document, settings);
    assert.equal(sourceFindings(service.computeDiagnostics(document, settings)).length, 2);
    assert.equal(resolvePath('/ws/drafts', '../上级/province.txt'), '/ws/上级/province.txt');
    assert.equal(resolvePath('C:\\ws\\drafts', '..\\上级\\p.txt'), 'C:\\ws\\上级\\p.txt');
  });

  it('says each notice once per document: a named file that is not there; a cited plan the corpus lacks, once the corpus has loaded', async () => {
    const service = await (async () => {
      const s = createLanguageService({ language: 'zh-cn', host: memoryHost(['/ws'], new Map()) });
      return s;
    })();
    const settings = service.readSettings({ source: '上级/没有的方案.txt' }).settings;
    const document = documentOf(draft, 'file:///ws/draft.txt');
    assert.deepEqual(service.takeSourceNotices(document, settings), [], 'not tried yet: nothing to say');
    await service.prepareSources(document, settings);
    const first = service.takeSourceNotices(document, settings);
    assert.equal(first.length, 1);
    assert.match(first[0], /找不到上级方案文件 \/ws\/上级\/没有的方案\.txt/);
    assert.deepEqual(service.takeSourceNotices(document, settings), [], 'once');
    // Without a source, the cited plan the corpus lacks — only after the corpus has loaded.
    const none = service.readSettings(undefined).settings;
    assert.deepEqual(service.takeSourceNotices(documentOf(draft, 'file:///ws/other.txt'), none), []);
    await service.corpus.load([]);
    const cited = service.takeSourceNotices(documentOf(draft, 'file:///ws/other.txt'), none);
    assert.equal(cited.length, 1);
    assert.match(cited[0], /未找到上级方案：引用的《清江省法治社会建设实施方案（2021—2025年）》不在素材库中/);
    assert.match(cited[0], /fangan\.corpus\.folders/);
    assert.deepEqual(service.takeSourceNotices(documentOf(draft, 'file:///ws/other.txt'), none), []);
    service.forget('file:///ws/other.txt');
    assert.equal(service.takeSourceNotices(documentOf(draft, 'file:///ws/other.txt'), none).length, 1, 'said again after the document was closed');
  });

  it('a plan citing its own title, or found with a source, gets no notice about other citations', async () => {
    const service = await seedService();
    const none = service.readSettings(undefined).settings;
    // Seed 002 cites itself (and the national outline): opened as a draft it has no source, and only the outline is said.
    const notices = service.takeSourceNotices(documentOf(seedText(SEEDS.guizhou), 'file:///drafts/guizhou.txt'), none);
    assert.equal(notices.length, 1);
    assert.ok(!notices[0].includes('贵州省法治社会建设实施方案'), notices[0]);
    // A derived draft citing 贵州 finds it: nothing to say.
    const derived = deriveDraft(seedText(SEEDS.guizhou), { seed: 3 });
    assert.deepEqual(service.takeSourceNotices(documentOf(derived.text, 'file:///drafts/derived.txt'), none), []);
  });

  it('in an untrusted workspace a named file outside the workspace is not read, and that is said', async () => {
    const service = createLanguageService({ language: 'zh-cn', host: memoryHost(['/ws'], new Map([['/elsewhere/province.txt', province]])) });
    await service.corpus.load([], undefined, { trusted: false });
    const settings = service.readSettings({ source: '/elsewhere/province.txt' }).settings;
    const document = documentOf(draft, 'file:///ws/draft.txt');
    await service.prepareSources(document, settings);
    assert.equal(sourceFindings(service.computeDiagnostics(document, settings)).length, 0);
    assert.match(service.takeSourceNotices(document, settings)[0], /工作区未受信任：上级方案文件 \/elsewhere\/province\.txt 在工作区之外/);
  });

  it('unit kinds: one for every level’s form of a unit, another for another unit, none for groups and damaged names', () => {
    const county = { level: 'county' as const, prefix: '县', region: '清河县' };
    const province = { level: 'province' as const, prefix: '省', region: '清江省' };
    const kind = (name: string, scope: typeof county | typeof province) => unitKind(name, scope, BUILTIN_REGISTRY);
    assert.equal(kind('省司法厅', province), kind('县司法局', county));
    assert.equal(kind('省司法厅', province), kind('司法局', county));
    assert.equal(kind('省委宣传部', province), kind('县委宣传部', county));
    assert.notEqual(kind('省司法厅', province), kind('县教育局', county));
    assert.equal(kind('省教育厅', province), kind('县教育体育局', county));
    assert.equal(kind('省广播电视局', province), kind('县广播电视局', county));
    assert.equal(kind('各乡镇', county), null);
    assert.equal(kind('委宣传部', county), null);
  });
});

describe('the plan above in the editor: the model it reads', () => {
  it('a source directive is a directive of the plan (its line blank to the model)', () => {
    const file = parsePlanFile('某县法治社会建设实施方案\n<!-- fangan: source 贵州省法治社会建设实施方案 -->\n一、总体要求\n');
    assert.deepEqual(file.directives.map((d) => d.args), [['source', GUIZHOU_TITLE]]);
  });
});
