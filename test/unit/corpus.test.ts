import { strict as assert } from 'assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { pathToFileURL } from 'url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createFsHost } from '../../server/src/node/fsHost';
import { adaptToLevel } from '../../server/src/service/corpus/adapt';
import { clauseText } from '../../server/src/service/corpus/extract';
import { parseManifest } from '../../server/src/service/corpus/manifest';
import { LEVEL_PLACEHOLDER, normalizeForMatch } from '../../server/src/service/corpus/normalize';
import { CorpusIndex } from '../../server/src/service/corpus/search';
import { CorpusStore, type CorpusProblem } from '../../server/src/service/corpus/store';
import { normalizeSettings } from '../../server/src/service/workspace/settings';
import { createLanguageService, type FanganLanguageService } from '../../server/src/service/languageService';
import { seedDocuments } from '../bench/corpusData';
import { docx } from '../helpers/docx';

const ROOT = join(__dirname, '..', '..');
const SEED = (name: string) => join(ROOT, 'corpus', 'seeds', name);
const XIJI = SEED('001_7a3985546b992323.txt');

async function serviceWith(folders: string[] = [], problems: CorpusProblem[] = []): Promise<FanganLanguageService> {
  const service = createLanguageService({ language: 'zh-cn', host: createFsHost(ROOT, []), onCorpusProblem: (p) => problems.push(p) });
  await service.corpus.load(folders);
  return service;
}

describe('corpus: normalisation', () => {
  it('folds Traditional to Simplified, full width to half width, and drops punctuation', () => {
    assert.equal(normalizeForMatch('切實維護憲法權威。'), normalizeForMatch('切实维护宪法权威'));
    assert.equal(normalizeForMatch('推动“12·4”国家宪法日'), normalizeForMatch('推动１２・４國家憲法日'));
    assert.equal(normalizeForMatch('ＡＢｃ（一）'), 'abc一');
  });
  it('makes the level characters one, and 厅 the same as 局', () => {
    assert.equal(normalizeForMatch('全省'), `全${LEVEL_PLACEHOLDER}`);
    assert.equal(normalizeForMatch('省司法厅'), normalizeForMatch('县司法局'));
    assert.notEqual(normalizeForMatch('省司法厅'), normalizeForMatch('县教育局'));
  });
  it('folds the converter terms seed 000 has (網路 → 网络)', () => {
    assert.equal(normalizeForMatch('依法治理網路空間'), normalizeForMatch('依法治理网络空间'));
  });
});

describe('corpus: manifests and extraction', () => {
  const seeds = seedDocuments();
  const bySeed = (prefix: string) => seeds.find((d) => d.path.includes(`/${prefix}_`))!;

  it('rejects a manifest without body lines, and overlapping plans', () => {
    assert.ok('problem' in parseManifest({ file: 'x.txt', plans: [{ title: 't', level: 'city' }] }));
    const body = (startLine: number, endLine: number) => ({ title: 't', level: 'city', body: { startLine, endLine } });
    assert.ok('problem' in parseManifest({ file: 'x.txt', plans: [body(1, 10), body(5, 20)] }));
    assert.ok('manifest' in parseManifest({ file: 'x.txt', plans: [body(1, 10), body(11, 20)] }));
  });

  it('splits seed 004 into its three plans by the manifest', () => {
    const doc = bySeed('004');
    assert.deepEqual(doc.plans.map((p) => p.name), ['随州市规划', '随州市法治政府方案', '随州市方案']);
    const linesOf = (i: number) => doc.measures.filter((m) => m.plan === doc.plans[i]).map((m) => m.line + 1);
    assert.ok(linesOf(0).every((l) => l >= 1 && l <= 69) && linesOf(0).length > 0);
    assert.ok(linesOf(1).every((l) => l >= 70 && l <= 116) && linesOf(1).includes(74));
    assert.ok(linesOf(2).every((l) => l >= 117 && l <= 149) && linesOf(2).includes(121));
    assert.equal(doc.plans[1].kind, 'fazhi-zhengfu');
  });

  it('indexes no wrapper text: portal header, 通知, footers and the encyclopedia box stay out', () => {
    const all = seeds.flatMap((d) => d.clauses.map(clauseText)).join('\n');
    for (const wrapper of ['索 引 号', '宁ICP备', '基本介紹', '相關詞條', '此件公开发布', '网站地图']) assert.ok(!all.includes(wrapper), wrapper);
    const xiji = bySeed('001');
    assert.ok(xiji.measures.every((m) => m.line + 1 >= 23 && m.line + 1 <= 530));
  });

  it('gives each measure its section path, marker and lead units, and strips inline notes', () => {
    const guizhou = bySeed('002').measures.find((m) => m.marker === '(6)')!;
    assert.equal(guizhou.section, '二(一)2 维护宪法权威');
    assert.ok(guizhou.lead.includes('省委组织部'));
    const dazu = bySeed('003').measures.find((m) => m.text.startsWith('维护宪法权威'))!;
    assert.ok(!dazu.text.includes('牵头单位') && !dazu.text.includes('；参加') && dazu.text.endsWith('深入人心。'));
    assert.deepEqual(dazu.lead.slice(0, 2), ['区人大常委会办公室', '区委宣传部']);
  });
});

describe('corpus: index and ranking', () => {
  const index = new CorpusIndex();
  index.put(seedDocuments());
  const top = (query: string) => index.search(query, { limit: 3 }).map((h) => clauseText(h.clause));

  it('finds the Traditional seed 000 with a Simplified query, and Simplified seeds with a Traditional one', () => {
    assert.ok(top('落实国家工作人员宪法宣誓制度')[0].includes('落實國家工作人員憲法宣誓制度'));
    assert.ok(top('全面落實憲法宣誓制度，常態化開展憲法宣誓活動')[0].startsWith('全面落实宪法宣誓制度，常态化开展宪法宣誓活动'));
  });

  it('ignores width and punctuation', () => {
    assert.ok(top('推动１２·４国家宪法日和宪法宣传周集中宣传活动制度化')[0].startsWith('推动“12·4”国家宪法日'));
  });

  it('finds province wording from a county query (level swap)', () => {
    assert.ok(top('持续开展全县学生学宪法讲宪法活动').some((t) => t.includes('持续开展全省学生“学宪法讲宪法”活动')));
  });

  it('tolerates dropped and substituted characters, and ranks the closer clause first', () => {
    const hits = index.search('全面落实宪法宣誓制度各级人民代表大会及县级以上各级人大常委会选举或决定任命的国家工作人员', { limit: 5 });
    assert.ok(clauseText(hits[0].clause).startsWith('全面落实宪法宣誓制度,各级人民代表大会'));
    assert.ok(hits.every((h, i) => i === 0 || h.score <= hits[i - 1].score));
    assert.ok(hits[0].score > 0 && hits[0].score <= 1);
  });

  it('answers nothing for a query too short or absent from the corpus', () => {
    assert.deepEqual(top('法'), []);
    assert.deepEqual(top('zzzzqqqq'), []);
  });

  it('replaces and deletes documents', () => {
    const local = new CorpusIndex();
    const docs = seedDocuments();
    local.put(docs);
    const before = local.clauseCount;
    local.delete([docs[2].path]);
    assert.equal(local.clauseCount, before - docs[2].clauses.length);
    assert.ok(!local.search('持续开展全省学生学宪法讲宪法活动', { limit: 3 }).some((h) => h.clause.measure.plan.path === docs[2].path));
    local.put([docs[2]]);
    assert.equal(local.clauseCount, before);
  });
});

describe('corpus: adapting wording to the draft level', () => {
  const province = { levelPrefix: '省', region: '贵州省' };
  const county = { levelPrefix: '县', region: '西吉县' };
  it('changes level-bound names mechanically', () => {
    assert.equal(adaptToLevel('持续开展全省学生活动', province, county), '持续开展全县学生活动');
    assert.equal(adaptToLevel('省委宣传部、省司法厅、省政府办公厅、团省委', province, county), '县委宣传部、县司法局、县政府办公室、团县委');
    assert.equal(adaptToLevel('由省委依法治省办负责', province, county), '由县委依法治县办负责');
  });
  it('leaves words that only contain the character', () => {
    assert.equal(adaptToLevel('节省开支，省会城市', province, county), '节省开支，省会城市');
    assert.equal(adaptToLevel('社区内、辖区内', { levelPrefix: '区', region: null }, county), '社区内、辖区内');
    assert.equal(adaptToLevel('全省', province, province), '全省');
  });
});

describe('corpus: editor features on the seeds', function () {
  this.timeout(20000);
  let service: FanganLanguageService;
  before(async () => {
    service = await serviceWith();
  });
  const xiji = () => TextDocument.create(pathToFileURL(XIJI).toString(), 'fangan', 1, readFileSync(XIJI, 'utf8'));
  const settings = () => service.readSettings(undefined).settings;

  it('hover on the seed-001 宪法宣誓 measure lists the seed-002 and seed-003 measures first', () => {
    const hover = service.getHover(xiji(), settings(), { line: 45, character: 6 });
    const text = (hover?.contents as { value: string }).value;
    const entries = text.split('\n').filter((l) => /^\d+\. /.test(l));
    assert.ok(entries.length >= 3 && entries.length <= 5, text);
    assert.match(entries[0], /贵州省方案.*省级.*二\(一\)2 维护宪法权威 · \(6\)/);
    assert.match(entries[1], /大足区方案.*（四）/);
    assert.ok(text.includes('**全面落实宪法宣誓制度，常态化开展宪法宣誓活动**。'), 'the matching sentence is marked (its full stop outside the ** so that Markdown reads them)');
    assert.ok(text.includes('牵头单位：省纪委省监委机关'));
    assert.ok(!text.includes('西吉县方案'), `the document itself is not its own source:\n${text}`);
  });

  it('while the user types, a hover answers without the corpus measures it has not matched yet; they come once typing pauses', () => {
    const draft = '清河县法治社会建设实施方案\n\n一、总体要求\n（一）指导思想。略。\n二、推动全社会增强法治观念\n（一）维护宪法权威\n1.组织国家工作人员开展宪法宣誓活动，常态化推进宪法宣誓制度。\n牵头单位：县委宣传部';
    const doc = TextDocument.create('file:///tmp/typing.txt', 'fangan', 1, draft);
    const position = { line: 6, character: 4 };
    const heading = (hover: ReturnType<FanganLanguageService['getHover']>) => ((hover?.contents as { value: string } | undefined)?.value ?? '').includes('素材库中的对应措施');
    assert.equal(heading(service.getHover(doc, settings(), position, undefined, { stale: true })), false, 'typing: not searched');
    assert.equal(heading(service.getHover(doc, settings(), position)), true, 'paused: searched');
    assert.equal(heading(service.getHover(doc, settings(), position, undefined, { stale: true })), true, 'typing again: the answer is ready');
  });

  it('completion on typing 推动“12·4”国家宪法日 offers the seeds’ clauses, adapted to the draft level', () => {
    const draft = '清河县法治社会建设实施方案\n\n一、总体要求\n（一）指导思想。略。\n二、推动全社会增强法治观念\n（一）维护宪法权威\n1.推动“12·4”国家宪法日';
    const doc = TextDocument.create('file:///tmp/draft.txt', 'fangan', 1, draft);
    const list = service.getCompletions(doc, settings(), { line: 6, character: 14 });
    assert.equal(list.isIncomplete, true);
    const details = list.items.map((i) => i.detail ?? '');
    assert.ok(details[0].startsWith('贵州省方案') || details[0].startsWith('西吉县方案'), details.join('\n'));
    assert.ok(details.some((d) => d.startsWith('大足区方案')) && details.some((d) => d.startsWith('成都市方案')));
    const first = list.items[0];
    assert.ok(first.label.toString().startsWith('推动“12·4”国家宪法日'));
    assert.deepEqual((first.textEdit as { range: unknown }).range, { start: { line: 6, character: 2 }, end: { line: 6, character: 14 } });
    const guizhou = list.items.find((i) => i.detail?.startsWith('贵州省方案'))!;
    assert.ok((guizhou.documentation as { value: string }).value.includes('牵头单位：省司法厅'));
    // Nothing while writing 总体要求, nor before a few characters are typed.
    assert.deepEqual(service.getCompletions(doc, settings(), { line: 3, character: 8 }).items, []);
    assert.deepEqual(service.getCompletions(doc, settings(), { line: 6, character: 4 }).items, []);
  });

  it('offers 插入素材库中的对应表述 on a measure, inserting after the paragraph without touching it', () => {
    const doc = xiji();
    const actions = service.getCodeActions(doc, settings(), { diagnostics: [], range: { start: { line: 45, character: 3 }, end: { line: 45, character: 3 } } });
    assert.ok(actions.length > 0 && actions[0].title.startsWith('插入素材库中的对应表述'));
    const edit = actions[0].edit!.changes![doc.uri][0];
    const lineLength = doc.getText().split('\n')[45].length;
    assert.deepEqual(edit.range, { start: { line: 45, character: lineLength }, end: { line: 45, character: lineLength } });
    assert.ok(edit.newText.startsWith('\n全面落实宪法宣誓制度'));
    assert.ok(!edit.newText.includes('县级以上各级人民代表大会') || edit.newText.includes('各级人民代表大会'));
  });

  it('searches through the service with the draft level applied', () => {
    const doc = TextDocument.create('file:///tmp/d.txt', 'fangan', 1, '清河县法治社会建设实施方案\n一、主要任务\n');
    const results = service.corpus.search('持续开展全省学生学宪法讲宪法活动', { limit: 3, document: doc });
    const guizhou = results.find((r) => r.planName === '贵州省方案')!;
    assert.ok(guizhou.text.includes('全省') && guizhou.adapted.includes('全县'));
  });
});

describe('corpus: user folders', function () {
  this.timeout(20000);
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'fangan-corpus-test-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const userPlan = '清河县法治社会建设实施方案\n一、主要任务\n（一）维护宪法权威\n1.组织开展清河特色宪法主题灯谜竞猜活动，普及宪法知识。\n牵头单位：县司法局\n';


  it('indexes .txt, .md and .docx plans, and reports an unusable file once', async () => {
    writeFileSync(join(dir, 'a.txt'), userPlan);
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'b.md'), userPlan.replace('灯谜竞猜', '快板说唱').replace('清河', '河西'));
    writeFileSync(join(dir, 'c.docx'), await docx(['长乐县法治社会建设实施方案', '一、主要任务', '（一）维护宪法权威', '1.开展长乐宪法知识进祠堂活动，弘扬宪法精神。', '牵头单位：县委宣传部']));
    writeFileSync(join(dir, 'broken.docx'), 'not a zip');
    writeFileSync(join(dir, 'binary.txt'), Buffer.from([0, 1, 2, 0, 0, 0, 5, 0]));
    const problems: CorpusProblem[] = [];
    const service = await serviceWith([dir], problems);
    const hit = (q: string) => service.corpus.search(q, { limit: 1 })[0];
    assert.equal(hit('灯谜竞猜活动普及宪法知识').planName, '清河县方案');
    assert.equal(hit('快板说唱活动').planName, '河西县方案');
    assert.equal(hit('宪法知识进祠堂').planName, '长乐县方案');
    assert.deepEqual(hit('宪法知识进祠堂').lead, ['县委宣传部']);
    assert.deepEqual(problems.map((p) => p.path.split('/').pop()).sort(), ['binary.txt', 'broken.docx']);
    await service.corpus.load([dir]);
    assert.equal(problems.length, 2, 'each problem is reported once');
  });

  it('follows file changes and survives a symbolic-link loop', async () => {
    writeFileSync(join(dir, 'a.txt'), userPlan);
    symlinkSync(dir, join(dir, 'loop'));
    const service = await serviceWith([dir]);
    const userHits = (q: string) => service.corpus.search(q, { limit: 3 }).filter((r) => r.planName.endsWith('县方案') && r.plan.includes('清河'));
    assert.equal(userHits('灯谜竞猜活动').length, 1, 'indexed once despite the loop');
    writeFileSync(join(dir, 'a.txt'), userPlan.replace('灯谜竞猜', '情景剧展演'));
    await service.corpus.onFilesChanged([{ path: join(dir, 'a.txt'), type: 'changed' }]);
    assert.equal(userHits('灯谜竞猜活动').length, 0);
    assert.equal(userHits('情景剧展演活动').length, 1);
    rmSync(join(dir, 'a.txt'));
    await service.corpus.onFilesChanged([{ path: join(dir, 'a.txt'), type: 'deleted' }]);
    assert.equal(userHits('情景剧展演活动').length, 0);
  });

  it('caps the number of files and says so once', async () => {
    for (let i = 0; i < 4; i++) writeFileSync(join(dir, `p${i}.txt`), userPlan);
    const problems: CorpusProblem[] = [];
    // The cap is an option of the store (5000 in the editor); a small one here.
    const store = new CorpusStore(createFsHost(ROOT, []), { maxFiles: 2, onProblem: (p) => problems.push(p) });
    await store.load([dir]);
    assert.equal(store.index.documents.length, 5 + 2);
    assert.equal(problems.filter((p) => p.path === '').length, 1);
  });
});

describe('corpus: settings', () => {
  it('reads fangan.corpus.folders and reports values that are not folder paths', () => {
    const ok = normalizeSettings({ corpus: { folders: ['/a', ' /b ', '/a'] } });
    assert.deepEqual(ok.settings.corpus.folders, ['/a', '/b']);
    assert.equal(ok.problems.length, 0);
    const bad = normalizeSettings({ corpus: { folders: ['/a', 3, ''] } });
    assert.deepEqual(bad.settings.corpus.folders, ['/a']);
    assert.equal(bad.problems.length, 2);
    assert.deepEqual(normalizeSettings({ corpus: { folders: 'x' } }).settings.corpus.folders, []);
  });
});
