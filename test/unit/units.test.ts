import { strict as assert } from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem, MarkupContent } from 'vscode-languageserver-types';
import type { WorkspaceHost } from '../../server/src/service/workspace/host';
import { createLanguageService } from '../../server/src/service/languageService';
import { parsePlanFile } from '../../server/src/service/model/parse';
import { walkNodes } from '../../server/src/service/model/walk';
import { noteContextAt } from '../../server/src/service/features/completion/units';
import { BUILTIN_REGISTRY, scopeOf, UnitRegistry, type PlanScope } from '../../server/src/service/workspace/units/registry';
import { closestKnown, planUnits } from '../../server/src/service/workspace/units/usage';
import { parseUnitRegistry, registryFromFiles } from '../../server/src/service/workspace/units/officeUnits';
import { SEEDS, seedText } from '../helpers/fixture';

const county: PlanScope = { level: 'county', prefix: '县', region: '西吉县' };
const district: PlanScope = { level: 'county', prefix: '区', region: '大足区' };
const city: PlanScope = { level: 'city', prefix: '市', region: '随州市' };
const province: PlanScope = { level: 'province', prefix: '省', region: '贵州省' };

describe('unit registry', () => {
  describe('adapts a unit to another level', () => {
    const cases: Array<[string, PlanScope, string | null]> = [
      ['省司法厅', county, '县司法局'],
      ['省司法厅', district, '区司法局'],
      ['省司法厅', city, '市司法局'],
      ['省委宣传部', county, '县委宣传部'],
      ['省法院', county, '县法院'],
      ['省检察院', district, '区检察院'],
      ['省教育厅', county, '县教育局'],
      ['团省委', county, '团县委'],
      ['团省委', district, '团区委'],
      ['省委依法治省办', county, '县委依法治县办'],
      ['省纪委省监委机关', district, '区纪委监委机关'],
      ['省发展改革委', county, '县发展改革局'],
      ['省卫生健康委', county, '县卫生健康局'],
      ['省人大常委会办公厅', county, '县人大常委会办公室'],
      ['省市场监管局', county, '县市场监管局'],
      ['县司法局', province, '省司法厅'],
      ['区委网信办', city, '市委网信办'],
      ['省安全厅', county, null],
      ['贵州省司法厅', county, '县司法局'],
      ['各市(州)政府', county, null],
    ];
    for (const [name, scope, expected] of cases) {
      it(`${name} → ${expected} (${scope.prefix})`, () => assert.equal(BUILTIN_REGISTRY.adapt(name, scope), expected));
    }
  });

  describe('identifies written names in the scope of a plan', () => {
    const cases: Array<[string, PlanScope, string, string | null]> = [
      // name, scope, status, written
      ['县司法局', county, 'known', 'prefixed'],
      ['司法局', county, 'known', 'bare'],
      ['市场监管局', county, 'known', 'bare'],
      ['西吉县司法局', county, 'known', 'region'],
      ['中共西吉县委宣传部', county, 'known', 'region'],
      ['縣司法局', county, 'known', 'prefixed'],
      ['团县委', county, 'known', 'prefixed'],
      ['县人民法院', county, 'known', 'prefixed'],
      ['委宣传部', county, 'unknown', null],
      ['县司发局', county, 'unknown', null],
      ['县里', county, 'unknown', null],
      ['省司法厅', county, 'other-level', null],
      ['区司法局', county, 'other-level', null],
      ['市检察院', district, 'other-level', null],
      ['司法厅', county, 'other-level', null],
      ['各乡镇', county, 'collective', null],
      ['各部门（单位）', county, 'collective', null],
      ['省有关单位', province, 'collective', null],
      ['区级其他有关部门', district, 'collective', null],
      ['县直各执法部门', county, 'collective', null],
      ['人行贵阳中心支行', province, 'plausible', null],
      ['贵阳海关', province, 'plausible', null],
      ['县乡村振兴局', county, 'known', 'prefixed'],
      ['县融媒体中心', county, 'known', 'prefixed'],
      ['县统一战线工作部', county, 'plausible', null],
      ['商务工业信息化局', county, 'plausible', null],
      ['省委党校(贵州行政学院)', province, 'known', 'prefixed'],
      ['自治区司法厅', { level: 'province', prefix: '自治区', region: '宁夏回族自治区' }, 'known', 'prefixed'],
      ['市教委', { level: 'province', prefix: '市', region: '重庆市' }, 'plausible', null],
      ['市司法局', { level: 'province', prefix: '市', region: '重庆市' }, 'known', 'prefixed'],
    ];
    for (const [name, scope, status, written] of cases) {
      it(`${name} in a ${scope.prefix} plan: ${status}`, () => {
        const id = BUILTIN_REGISTRY.identify(name, scope);
        assert.equal(id.status, status);
        if (written) assert.equal(id.written, written);
      });
    }
    it('gives one key to every way of writing one unit', () => {
      const key = (n: string) => BUILTIN_REGISTRY.identify(n, county).key;
      assert.equal(key('县司法局'), key('司法局'));
      assert.equal(key('西吉县司法局'), key('县司法局'));
      assert.equal(key('县法院'), key('县人民法院'));
      assert.equal(key('县人大办'), key('县人大常委会办公室'));
      assert.notEqual(key('县法院'), key('县检察院'));
      assert.equal(key('县商务工业信息化局'), key('商务工业信息化局'));
    });
  });

  it('knows every unit the seed plans name, except the truncated 委宣传部', () => {
    for (const seed of [SEEDS.xiji, SEEDS.guizhou, SEEDS.dazu]) {
      const file = parsePlanFile(seedText(seed));
      for (const plan of file.plans) {
        const units = planUnits(plan, BUILTIN_REGISTRY);
        const unknown = units.occurrences.filter((o) => o.identity.status === 'unknown' || o.identity.status === 'other-level').map((o) => o.unit.name);
        assert.deepEqual([...new Set(unknown)], seed === SEEDS.xiji ? ['委宣传部'] : [], seed);
      }
    }
  });

  it('finds the closest known name: the plan’s own first, tails of known names, one character off', () => {
    assert.equal(closestKnown('委宣传部', county, BUILTIN_REGISTRY), '县委宣传部');
    assert.equal(closestKnown('县司发局', county, BUILTIN_REGISTRY), '县司法局');
    assert.equal(closestKnown('县司法厅', county, BUILTIN_REGISTRY), '县司法局');
    assert.equal(closestKnown('委政法委', district, BUILTIN_REGISTRY), '区委政法委');
    assert.equal(closestKnown('政局', county, BUILTIN_REGISTRY, new Map([['县财政局', 2]])), '县财政局');
    assert.equal(closestKnown('政局', county, BUILTIN_REGISTRY, new Map([['县民政局', 2]])), '县民政局');
    assert.equal(closestKnown('张三李四王五', county, BUILTIN_REGISTRY), null);
  });

  it('reads list abbreviation: a bare name after a prefixed one carries the prefix', () => {
    const file = parsePlanFile('西吉县法治社会建设实施方案\n一、任务\n1.措施。\n牵头单位：县法院、检察院、公安局\n配合单位：各乡镇、司法局\n');
    const units = planUnits(file.plans[0], BUILTIN_REGISTRY);
    assert.deepEqual(
      units.occurrences.map((o) => [o.unit.name, o.effective, o.carried]),
      [
        ['县法院', '县法院', false],
        ['检察院', '县检察院', true],
        ['公安局', '县公安局', true],
        ['各乡镇', '各乡镇', false],
        ['司法局', '司法局', false],
      ],
    );
    const party = planUnits(parsePlanFile('西吉县法治社会建设实施方案\n一、任务\n1.措施。\n牵头单位：县委宣传部、政法委\n').plans[0], BUILTIN_REGISTRY);
    assert.equal(party.occurrences[1].effective, '县委政法委');
    // An unregistered name neither takes the prefix nor stops it.
    const mixed = planUnits(parsePlanFile('西吉县法治社会建设实施方案\n一、任务\n1.措施。\n责任单位：县司法局、商务工业信息化局、工商联\n').plans[0], BUILTIN_REGISTRY);
    assert.deepEqual(mixed.occurrences.map((o) => o.effective), ['县司法局', '商务工业信息化局', '县工商联']);
    const central = planUnits(parsePlanFile('贵州省法治社会建设实施方案\n一、任务\n1.措施。\n参加单位：省国资委、贵州银保监局\n').plans[0], BUILTIN_REGISTRY);
    assert.deepEqual(central.occurrences.map((o) => [o.effective, o.carried]), [['省国资委', false], ['贵州银保监局', false]]);
  });

  it('accepts a name introduced in full and then abbreviated every time after', () => {
    const plan = (notes: string[]) =>
      parsePlanFile(`西吉县法治社会建设实施方案\n一、任务\n${notes.map((n, i) => `${i + 1}.措施${i + 1}。\n牵头单位：${n}`).join('\n')}\n`).plans[0];
    assert.equal(planUnits(plan(['县司法局', '司法局', '司法局']), BUILTIN_REGISTRY).inconsistencies.size, 0);
    assert.equal(planUnits(plan(['司法局', '司法局']), BUILTIN_REGISTRY).inconsistencies.size, 0);
    const mixed = planUnits(plan(['县司法局', '司法局', '县司法局']), BUILTIN_REGISTRY).inconsistencies;
    assert.equal(mixed.size, 1);
    assert.equal([...mixed.values()][0].canonical, '县司法局');
    const aliases = planUnits(plan(['县法院', '县人民法院', '县人民法院']), BUILTIN_REGISTRY).inconsistencies;
    assert.equal([...aliases.values()][0].canonical, '县人民法院');
  });
});

describe('workspace unit registry (.fangan/units.json)', () => {
  const file = (text: string) => ({ path: '/ws/.fangan/units.json', text });

  it('reads names, aliases and collectives, with comments and trailing commas', () => {
    const { units, problems } = parseUnitRegistry(
      file('{\n  // 本县单位\n  "units": [\n    "县数据中心",\n    { "name": "县商务和工业信息化局", "aliases": ["商务工业信息化局"] },\n  ],\n  "collectives": ["党政机关"]\n}\n'),
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(units.units.map((u) => [u.name, u.aliases, u.line]), [
      ['县数据中心', [], 4],
      ['县商务和工业信息化局', ['商务工业信息化局'], 5],
    ]);
    assert.deepEqual(units.collectives, ['党政机关']);
  });

  it('names the file, line and entry of every bad entry and keeps the good ones', () => {
    const text = [
      '{',
      '  "units": [',
      '    "县数据中心",',
      '    42,',
      '    { "name": "" },',
      '    { "aliases": ["x"] },',
      '    { "name": "县数据中心" },',
      '    { "name": "县档案馆", "aliases": "档案馆", "level": "county" },',
      '    { "name": "县志办" }',
      '  ],',
      '  "collective": []',
      '}',
    ].join('\n');
    const { units, problems } = parseUnitRegistry(file(text));
    assert.deepEqual(units.units.map((u) => u.name), ['县数据中心', '县志办']);
    assert.deepEqual(
      problems.map((p) => [p.file, p.line]),
      [
        ['/ws/.fangan/units.json', 4],
        ['/ws/.fangan/units.json', 5],
        ['/ws/.fangan/units.json', 6],
        ['/ws/.fangan/units.json', 7],
        ['/ws/.fangan/units.json', 8],
        ['/ws/.fangan/units.json', 8],
        ['/ws/.fangan/units.json', 11],
      ],
    );
    assert.match(problems[0].message.zh, /第 2 个单位/);
    assert.match(problems[3].message.zh, /已在第 3 行列出/);
    assert.match(problems[5].message.zh, /未知字段“level”/);
    assert.match(problems[6].message.en, /unknown field "collective"/);
  });

  it('reports a file that is not JSON once, and loads nothing from it', () => {
    const { units, problems } = parseUnitRegistry(file('{ "units": [ "县数据中心" \n'));
    assert.equal(problems.length, 1);
    assert.equal(problems[0].line, 2);
    assert.match(problems[0].message.zh, /不是有效的 JSON/);
    assert.deepEqual(units.units, []);
    assert.equal(parseUnitRegistry(file('["县数据中心"]')).problems.length, 1);
    assert.equal(parseUnitRegistry(file('')).problems.length, 1);
  });

  it('joins aliases to a built-in unit’s identity and adds collectives', () => {
    const { registry } = registryFromFiles([file('{"units": [{"name": "县司法局", "aliases": ["县司法行政局"]}], "collectives": ["党政机关"]}')]);
    assert.equal(registry.identify('县司法行政局', county).key, BUILTIN_REGISTRY.identify('县司法局', county).key);
    assert.equal(registry.identify('党政机关', county).status, 'collective');
    assert.equal(BUILTIN_REGISTRY.identify('党政机关', county).status, 'plausible');
  });

  it('is read through the host and re-read when it changes; a broken file leaves the built-ins working', async () => {
    const files = new Map<string, string>([['/ws/.fangan/units.json', '{"units": [{"name": "县融媒体中心", "aliases": ["融媒体中心"]}, "县数据中心"]}']]);
    const host: WorkspaceHost = {
      workspaceFolders: ['/ws'],
      extensionRoot: '/ext',
      readFile: async (p) => {
        const text = files.get(p);
        if (text === undefined) throw new Error(`ENOENT ${p}`);
        return new TextEncoder().encode(text);
      },
      readDirectory: async () => [],
      stat: async (p) => (files.has(p) ? { type: 'file', size: files.get(p)!.length, mtimeMs: 0 } : undefined),
      realPath: async (p) => p,
    };
    const service = createLanguageService({ language: 'zh-cn', host });
    const { settings } = service.readSettings(undefined);
    const text = '清河县法治社会建设实施方案\n一、任务\n1.措施一。\n牵头单位：县融媒体中心\n2.措施二。\n牵头单位：融媒体中心\n3.措施三。\n牵头单位：县融媒体中心\n4.措施四。\n牵头单位：委宣传部\n';
    let version = 0;
    const codes = () => service.computeDiagnostics(TextDocument.create('file:///ws/plan.txt', 'fangan', ++version, text), settings).map((d) => d.code).filter((c) => String(c).startsWith('lead-unit-'));

    assert.deepEqual(codes(), ['lead-unit-inconsistent', 'lead-unit-unknown']);
    assert.deepEqual(await service.reloadWorkspaceData(), []);
    assert.deepEqual(codes(), ['lead-unit-inconsistent', 'lead-unit-unknown']);

    files.set('/ws/.fangan/units.json', '{"units": [');
    const problems = await service.reloadWorkspaceData();
    assert.equal(problems.length, 1);
    assert.equal(problems[0].file, '/ws/.fangan/units.json');
    assert.deepEqual(codes(), ['lead-unit-inconsistent', 'lead-unit-unknown'], 'the built-ins still work');

    files.delete('/ws/.fangan/units.json');
    assert.deepEqual(await service.reloadWorkspaceData(), []);
  });
});

describe('unit completion', () => {
  const service = createLanguageService({ language: 'zh-cn' });
  const { settings } = service.readSettings(undefined);
  let version = 0;
  function complete(text: string, line: number, character?: number): CompletionItem[] {
    const doc = TextDocument.create('file:///complete.txt', 'fangan', ++version, text);
    const lines = text.split('\n');
    return service.getCompletions(doc, settings, { line, character: character ?? lines[line].length }).items;
  }
  const withLine = (seed: string, afterLine: number, inserted: string) => {
    const lines = seedText(seed).split('\n');
    lines.splice(afterLine, 0, inserted);
    return { text: lines.join('\n'), line: afterLine };
  };

  it('knows when the cursor is in a unit list', () => {
    assert.deepEqual(noteContextAt('牵头单位：'), { label: '牵头单位', role: 'lead', afterLead: false, partialStart: 5, listed: [] });
    assert.equal(noteContextAt('（牵头单位：区发改局；责任单位：')?.afterLead, true, '责任单位 after a lead in the same note');
    assert.equal(noteContextAt('（牵头单位：区发改局，责任单位：区财政局、')?.role, 'responsible');
    assert.equal(noteContextAt('牵头部门：')?.role, 'lead');
    assert.equal(noteContextAt('主责单位:')?.role, 'lead');
    assert.equal(noteContextAt('责任主体：')?.role, 'responsible');
    assert.equal(noteContextAt('协同单位：')?.role, 'support');
    assert.equal(noteContextAt('〔责任单位：区司法局、')?.role, 'responsible');
    assert.equal(noteContextAt('配合单位:县法院、')?.role, 'support');
    assert.deepEqual(noteContextAt('配合单位:县法院、县检')?.listed, ['县法院']);
    assert.equal(noteContextAt('配合单位:县法院、县检')?.partialStart, 9);
    assert.equal(noteContextAt('责任单位：')?.role, 'responsible');
    assert.equal(noteContextAt('参加单位：')?.role, 'support');
    assert.equal(noteContextAt('深入宣传宪法。（牵头单位：区委宣传部、')?.role, 'lead');
    assert.equal(noteContextAt('深入宣传宪法。（牵头单位：区委宣传部；参加单位：')?.role, 'support');
    assert.equal(noteContextAt('牽頭單位：')?.role, 'lead');
    assert.equal(noteContextAt('（牵头单位：区司法局）'), null, 'a closed note');
    assert.deepEqual(noteContextAt('（参加单位：各部门（单位）、')?.listed, ['各部门（单位）'], 'brackets inside a name');
    assert.equal(noteContextAt('深入宣传宪法，'), null);
    assert.equal(noteContextAt('牵头单位：县司法局。下一句，'), null);
  });

  it('after 牵头单位： in seed 001 offers county units, the plan’s own and the measure’s likely leads first', () => {
    // A new measure about 普法 with an empty lead line, in the middle of seed 001.
    const { text, line } = withLine(SEEDS.xiji, 100, '5.深入开展“谁执法谁普法”普法责任制落实情况评议，推进法律援助和人民调解。\n\n牵头单位：');
    const items = complete(text, line + 2);
    assert.ok(items.length > 30);
    const labels = items.map((i) => i.label);
    assert.equal(labels[0], '县司法局');
    assert.ok(labels.slice(0, 15).includes('县委宣传部'));
    assert.ok(!labels.some((l) => l.startsWith('省')), 'no province units');
    assert.ok(!labels.includes('各乡镇'), 'no collectives as lead');
    assert.ok(!labels.includes('委宣传部'), 'no damaged names');
    for (const item of items) {
      assert.deepEqual(item.textEdit && 'range' in item.textEdit ? item.textEdit.range : null, { start: { line: line + 2, character: 5 }, end: { line: line + 2, character: 5 } });
    }
  });

  it('after 、 continues the list without the units already named, replacing what was typed', () => {
    const { text, line } = withLine(SEEDS.xiji, 100, '5.推进法律援助。\n牵头单位:县司法局、县');
    const items = complete(text, line + 1);
    const labels = items.map((i) => i.label);
    assert.ok(!labels.includes('县司法局') && !labels.includes('司法局'));
    const range = items[0].textEdit && 'range' in items[0].textEdit ? items[0].textEdit.range : null;
    assert.deepEqual(range?.start, { line: line + 1, character: 10 });
  });

  it('after 配合单位： offers the groups the plan uses', () => {
    const { text, line } = withLine(SEEDS.xiji, 100, '5.推进法律援助。\n牵头单位:县司法局\n配合单位:');
    const labels = complete(text, line + 2).map((i) => i.label);
    assert.ok(labels.slice(0, 5).includes('各部门(单位)') || labels.slice(0, 5).includes('各乡镇'), labels.slice(0, 8).join(' '));
  });

  it('inside an inline note of seed 003 offers district units', () => {
    const text = seedText(SEEDS.dazu);
    const lines = text.split('\n');
    const i = lines.findIndex((l) => l.startsWith('（十二）'));
    lines[i] = lines[i].replace(/（牵头单位：[^）]*）$/, '（牵头单位：');
    const items = complete(lines.join('\n'), i);
    const labels = items.map((x) => x.label);
    assert.ok(labels.length > 20);
    assert.ok(labels.slice(0, 3).some((l) => l === '区司法局' || l === '区市场监管局'), labels.slice(0, 5).join(' '));
    assert.ok(labels.every((l) => !l.startsWith('县') && !l.startsWith('省')), 'district names only');
  });

  it('offers nothing outside a note', () => {
    assert.deepEqual(complete(seedText(SEEDS.dazu), 8, 10), []);
  });
});

describe('unit hover', () => {
  const service = createLanguageService({ language: 'zh-cn' });
  const { settings } = service.readSettings(undefined);
  let version = 0;
  const hoverAt = (text: string, line: number, character: number) => {
    const doc = TextDocument.create('file:///hover.txt', 'fangan', ++version, text);
    const h = service.getHover(doc, settings, { line, character });
    return h ? (h.contents as MarkupContent).value : null;
  };

  it('on 区司法局 in seed 003: what it leads and supports, with links to the measures', () => {
    const text = seedText(SEEDS.dazu);
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.startsWith('（十一）'));
    const col = lines[line].indexOf('区司法局') + 1;
    const md = hoverAt(text, line, col)!;
    const file = parsePlanFile(text);
    const units = planUnits(file.plans[0], BUILTIN_REGISTRY);
    const key = BUILTIN_REGISTRY.identify('区司法局', scopeOf(file.plans[0])).key!;
    const leads = new Set(units.byKey.get(key)!.filter((o) => o.role === 'lead').map((o) => o.node)).size;
    assert.match(md, /\*\*区司法局\*\*/);
    assert.match(md, new RegExp(`牵头 ${leads} 项`));
    assert.match(md, /配合 \d+ 项/);
    assert.match(md, /\]\(file:\/\/\/hover\.txt#L\d+\)/);
    assert.match(md, /\*\*牵头的措施\*\*/);
    const linked = [...md.matchAll(/#L(\d+)\)/g)].map((m) => Number(m[1]) - 1);
    for (const l of linked) assert.ok([...walkNodes(file.plans[0].nodes)].some((n) => n.range.start.line === l), `#L${l + 1} is a measure`);
  });

  it('on 法院 in seed 001: every way the plan writes it, and the other forms', () => {
    const text = seedText(SEEDS.xiji);
    const line = 71; // 牵头单位:法院、县委政法委、司法局
    const md = hoverAt(text, line, 6)!;
    assert.match(md, /本方案写作：.*法院（\d+）.*县法院（\d+）|本方案写作：.*县法院（\d+）.*法院（\d+）/);
    assert.match(md, /其他写法：.*县人民法院/);
  });

  it('on a truncated name says what it probably is; nothing outside unit names', () => {
    const text = seedText(SEEDS.xiji);
    assert.match(hoverAt(text, 41, 7)!, /可能是“县委宣传部”/);
    assert.equal(hoverAt(text, 40, 3), null);
  });
});

describe('UnitRegistry', () => {
  it('keeps what one registry knows out of another', () => {
    const a = new UnitRegistry({ units: [{ name: '县大数据发展中心', aliases: ['大数据中心'], file: 'x', line: 1 }], collectives: [] });
    assert.equal(a.identify('大数据中心', county).key, a.identify('县大数据发展中心', county).key);
    assert.notEqual(BUILTIN_REGISTRY.identify('大数据中心', county).key, BUILTIN_REGISTRY.identify('县大数据发展中心', county).key);
  });
});
