import { strict as assert } from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem, Diagnostic } from 'vscode-languageserver-types';
import { createLanguageService } from '../../server/src/service/languageService';
import { isDeadlineText } from '../../server/src/service/model/deadlines';
import { detectKind, detectLevel } from '../../server/src/service/model/detect';
import { parsePlanFile } from '../../server/src/service/model/parse';
import type { PlanNode } from '../../server/src/service/model/types';
import { measuresOf } from '../../server/src/service/model/walk';
import { BUILTIN_REGISTRY, type PlanScope } from '../../server/src/service/workspace/units/registry';
import { messageText, runText } from '../helpers/findings';

/**
 * Issue 12, "Done when": every notation real plans use (test/realworld/FORMS.md) is read in the model
 * and the checks, in both punctuation widths — correct text raises no error or warning, a removed
 * note is reported, a unit of another level is reported, the deadline is read.
 */

interface Form {
  readonly name: string;
  /** The note of a measure whose lead is `lead` and whose other unit is `other`: inline (same line) or lines after it. */
  readonly note: (lead: string, other: string) => { inline?: string; lines?: string[] };
  /** What the model reads: the role of each unit, and the deadline. */
  readonly reads: (lead: string, other: string) => { lead: string[]; support: string[]; responsible: string[]; deadline: string | null };
}

const leadSupport = (deadline: string | null = null) => (l: string, o: string) => ({ lead: [l], support: [o], responsible: [], deadline });
const responsible = (deadline: string | null = null) => (l: string, o: string) => ({ lead: [], support: [], responsible: [l, o], deadline });

const FORMS: readonly Form[] = [
  { name: '（牵头单位：…；配合单位：…）', note: (l, o) => ({ inline: `（牵头单位：${l}；配合单位：${o}）` }), reads: leadSupport() },
  { name: '（牵头单位：…，责任单位：…）: roles split by a comma, 责任 supports', note: (l, o) => ({ inline: `（牵头单位：${l}，责任单位：${o}）` }), reads: leadSupport() },
  { name: '〔牵头单位：…，责任单位：…〕', note: (l, o) => ({ inline: `〔牵头单位：${l}，责任单位：${o}〕` }), reads: leadSupport() },
  { name: '【牵头部门：…；协办单位：…】', note: (l, o) => ({ inline: `【牵头部门：${l}；协办单位：${o}】` }), reads: leadSupport() },
  { name: '[牵头单位：…；参与单位：…]', note: (l, o) => ({ inline: `[牵头单位：${l}；参与单位：${o}]` }), reads: leadSupport() },
  { name: '〔责任单位：…〕: a lone 责任单位, its first unit leads', note: (l, o) => ({ inline: `〔责任单位：${l}、${o}〕` }), reads: responsible() },
  { name: '（主责单位：…；协同单位：…；完成时限：…）', note: (l, o) => ({ inline: `（主责单位：${l}；协同单位：${o}；完成时限：2024年6月底前）` }), reads: leadSupport('2024年6月底前') },
  { name: '（牵头单位：…；责任单位：…，9月底完成）: the deadline as the last item', note: (l, o) => ({ inline: `（牵头单位：${l}；责任单位：${o}，9月底完成）` }), reads: leadSupport('9月底完成') },
  { name: '（责任主体：…，…；时间节点：长期坚持）', note: (l, o) => ({ inline: `（责任主体：${l}，${o}；时间节点：长期坚持）` }), reads: responsible('长期坚持') },
  { name: '（牵头单位：…；责任单位：…等有关部门）: a tail, not a unit', note: (l, o) => ({ inline: `（牵头单位：${l}；责任单位：${o}等有关部门）` }), reads: leadSupport() },
  {
    name: '（牵头单位：…；责任单位：…及各乡镇人民政府）: 及 joins two units',
    note: (l, o) => ({ inline: `（牵头单位：${l}；责任单位：${o}及各乡镇人民政府）` }),
    reads: (l, o) => ({ lead: [l], support: [o, '各乡镇人民政府'], responsible: [], deadline: null }),
  },
  { name: '（…牵头，…配合）', note: (l, o) => ({ inline: `（${l}牵头，${o}配合）` }), reads: leadSupport() },
  { name: '（由…牵头，…参与）', note: (l, o) => ({ inline: `（由${l}牵头，${o}参与）` }), reads: leadSupport() },
  { name: '（…牵头，…配合，2024年10月底前完成）', note: (l, o) => ({ inline: `（${l}牵头，${o}配合，2024年10月底前完成）` }), reads: leadSupport('2024年10月底前完成') },
  { name: '（…牵头，…按职责分工负责）: 负责 beside a lead supports', note: (l, o) => ({ inline: `（${l}牵头，${o}按职责分工负责）` }), reads: leadSupport() },
  { name: '（…牵头负责）', note: (l) => ({ inline: `（${l}牵头负责）` }), reads: (l) => ({ lead: [l], support: [], responsible: [], deadline: null }) },
  { name: '（…负责）', note: (l) => ({ inline: `（${l}负责）` }), reads: (l) => ({ lead: [], support: [], responsible: [l], deadline: null }) },
  { name: '（…、…按职责分工负责）', note: (l, o) => ({ inline: `（${l}、${o}按职责分工负责）` }), reads: responsible() },
  { name: 'lines 牵头单位： / 配合单位：', note: (l, o) => ({ lines: [`牵头单位：${l}`, `配合单位：${o}`] }), reads: leadSupport() },
  { name: 'one line 牵头单位：…；配合单位：…', note: (l, o) => ({ lines: [`牵头单位：${l}；配合单位：${o}`] }), reads: leadSupport() },
  {
    name: 'lines 牵头部门： / 责任单位： / 完成时限：',
    note: (l, o) => ({ lines: [`牵头部门：${l}`, `责任单位：${o}`, '完成时限：2024年底前'] }),
    reads: leadSupport('2024年底前'),
  },
  { name: 'line 责任单位：…，…按职责分工分别负责。', note: (l, o) => ({ lines: [`责任单位：${l}，${o}按职责分工分别负责。`] }), reads: responsible() },
];

/** Web copies turn the full-width （）：；， into ASCII: every form must work that way too. */
const halfWidth = (s: string) => s.replace(/（/g, '(').replace(/）/g, ')').replace(/：/g, ':').replace(/；/g, ';').replace(/，/g, ',');

const MEASURES: ReadonlyArray<readonly [string, string, string]> = [
  ['1.推行帮办代办服务。在县政务服务中心设立企业帮办窗口。', '县行政审批局', '县直有关单位'],
  ['2.压减企业开办时间。企业开办全流程一日办结。', '县市场监管局', '县税务局'],
  ['3.规范涉企行政检查。推行“综合查一次”，杜绝重复检查。', '县司法局', '县直各行政执法部门'],
];

/** A county plan whose three measures carry `form`'s notes; `change` alters the second measure's units or drops its note. */
function plan(form: Form, width: (s: string) => string, change: { lead?: string; drop?: boolean } = {}): string {
  const lines = ['某某县2024年优化营商环境工作方案', '为持续优化营商环境，结合我县实际，制定本方案。', '一、提升政务服务效能'];
  MEASURES.forEach(([text, lead, other], i) => {
    const note = form.note(i === 1 && change.lead ? change.lead : lead, other);
    const keep = !(i === 1 && change.drop);
    lines.push(width(text) + (keep && note.inline ? width(note.inline) : ''));
    if (keep && note.lines) lines.push(...note.lines.map(width));
  });
  lines.push('二、保障措施', '（一）加强组织领导。县优化营商环境工作领导小组统筹推进各项措施落实。');
  return lines.join('\n');
}

const serious = (ds: readonly Diagnostic[]) =>
  ds.filter((d) => (d.severity === 1 || d.severity === 2) && /^(lead-unit|numbering|section|subsection)-/.test(String(d.code)));
const describeAll = (ds: readonly Diagnostic[]) => ds.map((d) => `${d.range.start.line + 1} ${String(d.code)} ${messageText(d)}`).join('\n');
const names = (node: PlanNode, role: string) => node.notes.filter((n) => n.role === role).flatMap((n) => n.units.map((u) => u.name));

describe('issue 12: every notation real plans use', () => {
  for (const [widthName, width] of [
    ['full width', (s: string) => s],
    ['half width', halfWidth],
  ] as const) {
    describe(widthName, () => {
      for (const form of FORMS) {
        describe(form.name, () => {
          it('reads every unit in its role, and the deadline', () => {
            const file = parsePlanFile(plan(form, width));
            const measures = measuresOf(file.plans[0]).filter((m) => m.marker?.rank === 3);
            assert.equal(measures.length, 3);
            measures.forEach((m, i) => {
              const [, lead, other] = MEASURES[i];
              const want = form.reads(lead, other);
              const got = { lead: names(m, 'lead'), support: names(m, 'support'), responsible: names(m, 'responsible'), deadline: m.deadline };
              assert.deepEqual(got, { ...want, deadline: want.deadline === null ? null : width(want.deadline) });
            });
          });
          it('raises no error or warning on correct text', () => {
            const found = serious(runText(plan(form, width)).diagnostics);
            assert.deepEqual(describeAll(found), '');
          });
          it('reports a measure whose note was removed', () => {
            const text = plan(form, width, { drop: true });
            const found = serious(runText(text).diagnostics);
            const second = text.split('\n').findIndex((l) => l.startsWith('2.'));
            assert.deepEqual(found.map((d) => [d.code, d.range.start.line]), [['lead-unit-missing', second]], describeAll(found));
          });
          it('reports a unit of another level', () => {
            const text = plan(form, width, { lead: '市市场监管局' });
            const found = serious(runText(text).diagnostics);
            assert.deepEqual(found.map((d) => d.code), ['lead-unit-level'], describeAll(found));
            const line = text.split('\n')[found[0].range.start.line];
            assert.equal(line.slice(found[0].range.start.character, found[0].range.end.character), '市市场监管局');
          });
        });
      }
    });
  }

  it('keeps sentences in brackets that merely end with a verb out of the notes', () => {
    const text = ['某某县2024年优化营商环境工作方案', '一、提升政务服务效能', '1.推行帮办代办服务。设立帮办窗口（由县政府统一负责）。', '2.压减开办时间。（县市场监管局牵头）'].join('\n');
    const measures = measuresOf(parsePlanFile(text).plans[0]);
    assert.deepEqual(measures.map((m) => m.notes.length), [0, 1]);
  });
});

describe('deadlines', () => {
  it('reads time expressions, not units or sentences', () => {
    for (const yes of ['2024年底前', '2025年12月底前', '6月底完成', '長期堅持'.replace('長', '长').replace('堅', '坚'), '持续推进', '每季度', '每年12月', '年底前完成', '2024年6月底前完成', '第一季度', '上半年']) {
      assert.ok(isDeadlineText(yes), yes);
    }
    for (const no of ['县司法局', '各乡镇人民政府', '按职责分工负责', '2个工作组', '推进落实', '']) assert.ok(!isDeadlineText(no), no);
  });

  it('reads a deadline from a note, a 完成时限/时间节点/完成时间 line, never from the measure sentence', () => {
    const text = [
      '某某县2024年工作要点',
      '一、重点工作',
      '1.编制清单，2024年6月底前完成。',
      '牵头单位：县司法局',
      '2.年底前完成评估。',
      '牵头单位：县财政局',
      '时间节点：每季度',
      '3.开展检查。',
      '牵头单位：县审计局',
      '完成时间：2024年9月底前',
    ].join('\n');
    assert.deepEqual(measuresOf(parsePlanFile(text).plans[0]).map((m) => m.deadline), [null, '每季度', '2024年9月底前']);
  });
});

describe('plan kinds and levels from the title', () => {
  it('detects the other kinds, before the rule-of-law ones', () => {
    const cases: Array<[string, string]> = [
      ['松川县以降低成本为重点优化营商环境实施方案', 'yingshang-huanjing'],
      ['雲嶺州2024年深化“放管服”改革優化營商環境工作計劃', 'yingshang-huanjing'],
      ['石门县2024年推进乡村全面振兴实施方案', 'other'],
      ['某县乡村振兴三年行动方案', 'xiangcun-zhenxing'],
      ['乌兰塔拉旗安全生产委员会2024年工作要点', 'anquan-shengchan'],
      ['松阳县2023年法治政府建设工作要点', 'gongzuo-yaodian'],
      ['溪口县2024年度法治政府建设工作安排', 'gongzuo-yaodian'],
      ['东湖区政府2024年重点工作任务分解和责任分工方案', 'renwu-fenjie'],
      ['某县法治政府建设实施方案（2021—2025年）', 'fazhi-zhengfu'],
      ['某县法治社会建设实施方案', 'fazhi-shehui'],
      ['关于印发《某县优化营商环境方案》的法治政府建设实施方案', 'fazhi-zhengfu'],
    ];
    for (const [title, kind] of cases) assert.equal(detectKind(title, null), kind, title);
  });

  it('reads the level words: 盟 plans write 盟 units, a year ends the place name', () => {
    assert.deepEqual(detectLevel('阿拉善盟全面优化营商环境实施方案', ''), { level: 'city', region: '阿拉善盟', levelPrefix: '盟' });
    assert.deepEqual(detectLevel('西塘区2024年区政府重点工作责任分解', ''), { level: 'county', region: '西塘区', levelPrefix: '区' });
    assert.deepEqual(detectLevel('某某彝族自治县2024年依法治县工作要点', ''), { level: 'county', region: '某某彝族自治县', levelPrefix: '县' });
    const meng: PlanScope = { level: 'city', prefix: '盟', region: '阿拉善盟' };
    assert.equal(BUILTIN_REGISTRY.identify('盟司法局', meng).status, 'known');
    assert.equal(BUILTIN_REGISTRY.identify('市司法局', meng).status, 'other-level');
    assert.equal(BUILTIN_REGISTRY.identify('旗司法局', meng).status, 'other-level');
  });
});

describe('units beyond the 法治 offices', () => {
  const district: PlanScope = { level: 'county', prefix: '区', region: '南屏区' };
  const county: PlanScope = { level: 'county', prefix: '县', region: '桐山县' };
  const zhou: PlanScope = { level: 'city', prefix: '州', region: '云岭州' };
  const status = (name: string, scope: PlanScope) => BUILTIN_REGISTRY.identify(name, scope).status;

  it('knows the government units of every level and their short forms', () => {
    for (const name of ['县发改局', '县发展和改革局', '县住建局', '县住房和城乡建设局', '县交通运输局', '县水利局', '县自然资源局', '县生态环境局', '县行政审批局', '县政务服务中心', '县市场监督管理局', '县林草局', '县城管局', '县消防救援大队', '县卫健局']) {
      assert.equal(status(name, county), 'known', name);
    }
    for (const name of ['州住房和城乡建设局', '州发展改革委', '州行政审批服务局', '州消防救援支队']) assert.equal(status(name, zhou), 'known', name);
    assert.equal(status('省住房和城乡建设厅', zhou), 'other-level');
  });

  it('takes development zones, a city bureau’s branch in this place, enterprises and banks as units of the plan’s level', () => {
    assert.equal(status('雲嶺經開區管委會', zhou), 'plausible');
    assert.equal(status('东湖经济开发区', district), 'plausible');
    assert.equal(status('市公安局南屏分局', district), 'plausible');
    assert.equal(status('市生态环境局桐山分局', county), 'plausible');
    assert.equal(status('市公安局北城分局', district), 'other-level', 'a branch named after another place');
    assert.equal(status('国网桐山县供电公司', county), 'plausible');
    assert.equal(status('县城投集团', county), 'plausible');
  });

  it('knows the groups real plans name', () => {
    for (const name of ['县内各银行业金融机构', '区疫情防控指挥部成员单位', '各苏木乡镇（街道）', '县直各有关单位', '旗安委会各成员单位']) assert.equal(status(name, county), 'collective', name);
  });
});

describe('completion after each label offers units of the right kind for its role', () => {
  const service = createLanguageService({ language: 'zh-cn' });
  const { settings } = service.readSettings(undefined);
  let version = 0;
  const head = [
    '某某县2024年优化营商环境工作方案',
    '一、提升政务服务效能',
    '1.推行帮办代办服务。设立企业帮办窗口。（牵头单位：县行政审批局；配合单位：县直有关单位、各乡镇人民政府）',
    '2.规范涉企行政检查。推行“综合查一次”。（牵头单位：县司法局；配合单位：各乡镇人民政府）',
  ];
  function complete(last: string): CompletionItem[] {
    const text = [...head, last].join('\n');
    const doc = TextDocument.create('file:///roles.txt', 'fangan', ++version, text);
    return service.getCompletions(doc, settings, { line: head.length, character: last.length }).items;
  }
  const labels = (items: CompletionItem[]) => items.map((i) => i.label);

  it('offers no group where a lead is typed', () => {
    for (const last of ['3.压减开办时间。（牵头单位：', '3.压减开办时间。（牵头部门：', '3.压减开办时间。（责任单位：']) {
      const items = labels(complete(last));
      assert.ok(items.length > 10, last);
      assert.ok(!items.includes('各乡镇人民政府'), `${last}: ${items.slice(0, 8).join(' ')}`);
    }
  });

  it('offers the plan’s groups where supporting units are typed', () => {
    for (const last of ['3.压减开办时间。（牵头单位：县市场监管局；责任单位：', '3.压减开办时间。（牵头单位：县市场监管局，配合单位：', '3.压减开办时间。（责任单位：县市场监管局、', '3.压减开办时间。（协同单位：']) {
      assert.ok(labels(complete(last)).includes('各乡镇人民政府'), last);
    }
  });
});

describe('numbering on evidence', () => {
  const numbering = (lines: string[]) =>
    runText(['某某县工作方案', '为做好各项工作，结合我县实际，制定本方案。', ...lines].join('\n'))
      .diagnostics.filter((d) => String(d.code).startsWith('numbering-'))
      .map((d) => `${d.range.start.line - 1} ${String(d.code)}`);

  it('counts 1. under 一、 on through 二、 when the items say so', () => {
    assert.deepEqual(numbering(['一、甲', '1.做好甲项工作。', '二、乙', '2.做好乙项工作。', '3.做好丙项工作。']), []);
  });

  it('says nothing where the items fit restarting and counting on equally well', () => {
    // 二、 counts on from 一、, 三、 restarts: one start for each counting
    assert.deepEqual(numbering(['一、甲', '1.做好甲项工作。', '二、乙', '2.做好乙项工作。', '3.做好丙项工作。', '三、丙', '1.做好丁项工作。', '2.做好戊项工作。']), []);
  });

  it('still decides where the items tell the countings apart', () => {
    // two restarts against one start that fits neither: 5. should be 1.
    assert.deepEqual(numbering(['一、甲', '1.做好甲项工作。', '2.做好乙项工作。', '二、乙', '1.做好丙项工作。', '三、丙', '1.做好丁项工作。', '四、丁', '5.做好戊项工作。']), ['9 numbering-gap']);
    // counting on, twice, and one restart among them
    assert.deepEqual(numbering(['一、甲', '1.做好甲项工作。', '二、乙', '2.做好乙项工作。', '三、丙', '3.做好丙项工作。', '四、丁', '1.做好丁项工作。']), ['8 numbering-duplicate']);
  });
});

describe('status bar names of the other kinds', () => {
  const service = createLanguageService({ language: 'zh-cn' });
  const english = createLanguageService({ language: 'en' });
  it('names each kind in Chinese and English', () => {
    const cases: Array<[string, string, string]> = [
      ['某某县优化营商环境实施方案', '营商环境', 'Business environment'],
      ['某某县乡村振兴实施方案', '乡村振兴', 'Rural revitalisation'],
      ['某某旗安全生产工作要点', '安全生产', 'Work safety'],
      ['某某县2024年法治政府建设工作要点', '工作要点', 'Work points'],
      ['某某区2024年重点工作责任分解', '任务分解', 'Task breakdown'],
    ];
    for (const [title, zh, en] of cases) {
      const text = `${title}\n一、重点任务\n1.做好各项工作。（牵头单位：县司法局）`;
      for (const [svc, word] of [[service, zh], [english, en]] as const) {
        const doc = TextDocument.create(`file:///status-${encodeURIComponent(title)}.txt`, 'fangan', 1, text);
        const { settings } = svc.readSettings(undefined);
        const status = svc.getStatus(doc, settings, svc.computeDiagnostics(doc, settings));
        assert.ok(status.plans[0].text.includes(word), `${title}: ${status.plans[0].text}`);
      }
    }
  });
});
