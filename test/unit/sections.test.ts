import { strict as assert } from 'assert';
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../server/src/service/workspace/settings';
import { createLanguageService } from '../../server/src/service/languageService';
import { parsePlanFile } from '../../server/src/service/model/parse';
import type { PlanFile } from '../../server/src/service/model/types';
import { walkNodes } from '../../server/src/service/model/walk';
import { BUILTIN_TEMPLATE_PROBLEMS, BUILTIN_TEMPLATES } from '../../server/src/service/workspace/templates/builtins';
import { RULES } from '../../server/src/service/rules';
import { headingSimilarity, isStandaloneHeading, normalizeHeading, SECTION_THRESHOLD } from '../../server/src/service/workspace/templates/match';
import { sectionMap } from '../../server/src/service/workspace/templates/match';
import { notesRequiredFor, notesRequirementFor, planSections } from '../../server/src/service/workspace/templates/resolve';
import { parseOfficeJson } from '../../server/src/service/workspace/officeFile';
import { NOTES_REQUIREMENTS, readTemplate, SECTION_ROLES } from '../../server/src/service/workspace/templates/template';
import { applyEdits } from '../../server/src/service/text/edits';
import { checkFindings, editsOf, messageText, quickFixes, recheckAfterFixes, runText } from '../helpers/findings';
import { FIXTURES, loadFixture, SEEDS, seedText } from '../helpers/fixture';
import { memoryHost } from '../helpers/memoryHost';
import { withoutMarkers } from '../helpers/invariants';

const CODES = RULES.map((r) => r.meta.code).filter((c) => /^(section|subsection|template)-/.test(c));
const ROOT = join(__dirname, '..', '..');
const sectionFindings = (ds: Diagnostic[]) => ds.filter((d) => CODES.includes(String(d.code)));
const describe1 = (d: Diagnostic) => `${d.range.start.line + 1} ${String(d.code)} ${messageText(d)}`;

const parsed = new Map<string, PlanFile>();
function seed(name: string): PlanFile {
  if (!parsed.has(name)) parsed.set(name, parsePlanFile(seedText(name)));
  return parsed.get(name)!;
}
const scopeOf = (file: PlanFile, plan = 0) => ({ file, plan: file.plans[plan], settings: DEFAULT_SETTINGS });
const nodeAtLine = (file: PlanFile, line1: number, plan = 0) => [...walkNodes(file.plans[plan].nodes)].find((n) => n.range.start.line === line1 - 1)!;

/** Top-level markers of the first plan, in order. */
const topMarkers = (text: string, plan = 0) => parsePlanFile(text).plans[plan].nodes.map((n) => n.marker?.text);

describe('mandated sections', () => {
  describe('templates', () => {
    it('built-in templates are valid and cover the plan kinds', () => {
      assert.deepEqual(BUILTIN_TEMPLATE_PROBLEMS, []);
      assert.deepEqual(BUILTIN_TEMPLATES.map((t) => t.id), ['fazhi-shehui', 'fazhi-zhengfu', 'generic']);
      for (const kind of ['fazhi-shehui', 'fazhi-zhengfu', 'fazhi-guihua', 'other']) {
        assert.equal(BUILTIN_TEMPLATES.filter((t) => t.kinds.includes(kind)).length, 1, kind);
      }
    });

    it('follow the outlines of DOMAIN.md in order', () => {
      const titles = (id: string) => BUILTIN_TEMPLATES.find((t) => t.id === id)!.sections.map((s) => s.title);
      assert.deepEqual(titles('fazhi-shehui'), ['总体要求', '推动全社会增强法治观念', '健全社会领域制度规范', '加强权利保护', '推进社会治理法治化', '依法治理网络空间', '加强组织保障']);
      assert.deepEqual(titles('fazhi-zhengfu'), [
        '总体要求', '健全政府机构职能体系', '健全依法行政制度体系', '健全行政决策制度体系', '健全行政执法工作体系', '健全突发事件应对体系',
        '健全社会矛盾纠纷行政预防调处化解体系', '健全行政权力制约和监督体系', '健全法治政府建设科技保障体系', '加强党的领导、完善推进机制',
      ]);
      const shehui = BUILTIN_TEMPLATES[0];
      assert.deepEqual(shehui.sections[0].subsections.map((s) => s.names), [['指导思想'], ['主要原则', '基本原则', '工作原则'], ['总体目标', '主要目标', '工作目标']]);
      assert.deepEqual(shehui.sections.map((s) => s.notes), ['never', 'required', 'required', 'required', 'required', 'required', 'optional']);
      assert.ok(BUILTIN_TEMPLATES[2].sections.every((s) => !s.required), 'the generic template mandates nothing');
    });

    it('take their standard wording from the seed plans (each clause ≥ 85% of its bigrams in one seed sentence)', () => {
      const seedSentences = readdirSync(join(ROOT, 'corpus', 'seeds'))
        .filter((f) => f.endsWith('.txt'))
        .flatMap((f) => readFileSync(join(ROOT, 'corpus', 'seeds', f), 'utf8').split(/[。\n]/))
        .map(normalizeHeading)
        .filter((s) => s.length >= 4);
      const grams = (s: string) => new Set(Array.from({ length: s.length - 1 }, (_, i) => s.slice(i, i + 2)));
      const seedGrams = seedSentences.map(grams);
      for (const template of BUILTIN_TEMPLATES) {
        for (const section of template.sections) {
          for (const text of [...section.opening, ...section.subsections.map((s) => s.text)]) {
            for (const sentence of text.split(/[。，；]/).map(normalizeHeading).filter((s) => s.length >= 4)) {
              const mine = grams(sentence);
              const coverage = Math.max(...seedGrams.map((g) => [...mine].filter((x) => g.has(x)).length / mine.size));
              assert.ok(coverage >= 0.85, `${template.id} ${section.title}: "${sentence}" is not from the seeds (${coverage.toFixed(2)})`);
            }
          }
        }
      }
    });

    it('reads every field the JSON schema allows, and only those', () => {
      const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'template.schema.json'), 'utf8'));
      assert.deepEqual(schema.definitions.section.properties.role.enum, [...SECTION_ROLES]);
      assert.deepEqual(schema.definitions.section.properties.notes.enum, [...NOTES_REQUIREMENTS]);
      const full = {
        $schema: 'x',
        id: 'full',
        name: '全部字段',
        description: 'd',
        outline: '某纲要',
        kinds: ['other'],
        sections: [
          {
            id: 's',
            title: '总体要求',
            names: ['总体安排'],
            role: 'general',
            required: true,
            notes: 'never',
            part: 1,
            opening: ['某表述。'],
            subsections: [{ title: '指导思想', names: ['思想'], required: false, text: 't', source: 'x' }],
            source: 'x',
          },
        ],
      };
      assert.deepEqual(Object.keys(full).sort(), Object.keys(schema.properties).sort());
      assert.deepEqual(Object.keys(full.sections[0]).sort(), Object.keys(schema.definitions.section.properties).sort());
      assert.deepEqual(Object.keys(full.sections[0].subsections[0]).sort(), Object.keys(schema.definitions.subsection.properties).sort());
      assert.ok('template' in readTemplate(full, 'test'));
      // The built-ins use only schema fields.
      for (const file of ['fazhi-shehui', 'fazhi-zhengfu', 'generic']) {
        const json = JSON.parse(readFileSync(join(ROOT, 'server', 'src', 'service', 'workspace', 'templates', 'builtin', `${file}.json`), 'utf8'));
        for (const key of Object.keys(json)) assert.ok(key in schema.properties, `${file}: ${key}`);
        for (const s of json.sections) {
          for (const key of Object.keys(s)) assert.ok(key in schema.definitions.section.properties, `${file}: ${key}`);
          for (const sub of s.subsections ?? []) for (const key of Object.keys(sub)) assert.ok(key in schema.definitions.subsection.properties, `${file}: ${key}`);
        }
      }
    });

    it('the example in README is a valid template', () => {
      const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
      const part = readme.slice(readme.indexOf('## Mandated sections'));
      const json = /```json\n([\s\S]*?)```/.exec(part)![1];
      const read = readTemplate(JSON.parse(json), 'README');
      assert.ok('template' in read, JSON.stringify(read));
    });

    it('reports every mistake of a broken template with its JSON path', () => {
      const read = readTemplate(
        { id: 'bad id!', name: '', secions: [], sections: [{ title: '甲', names: '乙', role: 'tasks', notes: 'sometimes' }, { names: ['丙'] }, 5] },
        'test',
      );
      assert.ok('problems' in read);
      const zh = read.problems.map((p) => p.zh);
      for (const expected of ['未知字段“secions”', 'id：“bad id!”不是有效的模板标识', 'name：应为非空字符串', 'sections[0].names：应为字符串数组', 'sections[0].role：应为', 'sections[0].notes：应为', 'sections[1]：缺少必填字段“title”', 'sections[2]：应为对象']) {
        assert.ok(zh.some((m) => m.includes(expected)), `missing "${expected}" in ${JSON.stringify(zh)}`);
      }
      assert.ok('problems' in readTemplate([], 'test'));
      assert.ok('problems' in readTemplate({ id: 'x', name: 'y', sections: [] }, 'test'));
    });

    it('locates a JSON syntax error by line and column (the one office-file reader)', () => {
      const text = '{\n  "id": "x",\n  "name": "y" "sections": []\n}';
      const { json, problems } = parseOfficeJson('/ws/.fangan/templates/x.json', text);
      assert.equal(json, null);
      assert.deepEqual([problems[0].line, problems[0].column], [3, 15]);
      assert.match(problems[0].message.zh, /缺少逗号/);
    });
  });

  describe('matching headings by meaning', () => {
    it('folds Traditional characters and Taiwan terms', () => {
      assert.equal(normalizeHeading('(五)依法治理網路空間'), '五依法治理网络空间');
      assert.equal(normalizeHeading('**加強組織保障**'), '加强组织保障');
    });

    it('scores variants above the threshold and unrelated headings below it', () => {
      const s = (a: string, b: string) => headingSimilarity(normalizeHeading(a), normalizeHeading(b));
      assert.equal(s('加强权利保护', '加强权利保护'), 1);
      assert.ok(s('健全行政决策制度体系，不断提升行政决策公信力和执行力', '健全行政决策制度体系') >= 0.9, 'contains');
      assert.ok(s('健全制度规范', '健全社会领域制度规范') >= 0.8, `abbreviation: ${s('健全制度规范', '健全社会领域制度规范')}`);
      for (const [a, b] of [['强化权利保护', '加强权利保护'], ['增强全社会法治意识', '增强全社会法治观念'], ['推进网络空间依法治理', '依法治理网络空间'], ['强化行政权力制约监督', '健全行政权力制约和监督体系']]) {
        assert.ok(s(a, b) >= SECTION_THRESHOLD, `${a} ~ ${b}: ${s(a, b)}`);
      }
      for (const [a, b] of [['主要任务和落实措施', '加强组织保障'], ['维护宪法权威', '推动全社会增强法治观念'], ['加大法治保障力度，全面夯实法治随州建设基层基础', '加强组织保障']]) {
        assert.ok(s(a, b) < SECTION_THRESHOLD, `${a} ~ ${b}: ${s(a, b)}`);
      }
    });

    it('finds the sections of every seed at the level they sit, and nothing else', () => {
      const expected: Array<[string, number, Record<number, string>]> = [
        [SEEDS.chengdu, 0, { 18: 'zongti-yaoqiu', 23: 'fazhi-guannian', 31: 'zhidu-guifan', 37: 'quanli-baohu', 44: 'shehui-zhili', 53: 'wangluo-kongjian', 58: 'zuzhi-baozhang' }],
        [SEEDS.xiji, 0, { 30: 'zongti-yaoqiu', 36: 'fazhi-guannian', 138: 'zhidu-guifan', 202: 'quanli-baohu', 322: 'shehui-zhili', 468: 'wangluo-kongjian', 524: 'zuzhi-baozhang' }],
        [SEEDS.guizhou, 0, { 26: 'zongti-yaoqiu', 36: 'fazhi-guannian', 192: 'zhidu-guifan', 256: 'quanli-baohu', 386: 'shehui-zhili', 522: 'wangluo-kongjian', 588: 'zuzhi-baozhang' }],
        [SEEDS.dazu, 0, { 8: 'zongti-yaoqiu', 13: 'fazhi-guannian', 22: 'zhidu-guifan', 32: 'quanli-baohu', 47: 'shehui-zhili', 61: 'wangluo-kongjian', 72: 'zuzhi-baozhang' }],
        [SEEDS.suizhou, 0, {}],
        [SEEDS.suizhou, 1, { 73: 'jigou-zhineng', 81: 'yifa-xingzheng-zhidu', 85: 'xingzheng-juece', 89: 'xingzheng-zhifa', 94: 'tufa-shijian', 98: 'maodun-jiufen', 103: 'zhiyue-jiandu', 109: 'keji-baozhang', 113: 'dang-de-lingdao' }],
        [SEEDS.suizhou, 2, { 119: 'fazhi-guannian', 125: 'zhidu-guifan', 131: 'quanli-baohu', 135: 'shehui-zhili', 141: 'wangluo-kongjian', 146: 'zuzhi-baozhang' }],
      ];
      for (const [name, plan, sections] of expected) {
        const map = planSections(scopeOf(seed(name), plan));
        const actual = Object.fromEntries(map.matches.map((m) => [m.node.range.start.line + 1, m.section.id]));
        assert.deepEqual(actual, sections, `${name} plan ${plan}`);
      }
    });

    it('leaves a clear margin: headings outside every section score below 0.45 against every section', () => {
      for (const name of Object.values(SEEDS)) {
        const file = seed(name);
        file.plans.forEach((plan, i) => {
          const map = planSections(scopeOf(file, i));
          for (const node of walkNodes(plan.nodes)) {
            if (!isStandaloneHeading(file, node) || map.sectionOf(node)) continue;
            for (const section of map.template.sections) {
              const best = Math.max(...section.names.map((n) => headingSimilarity(normalizeHeading(node.title), normalizeHeading(n))));
              assert.ok(best < 0.45, `${name}:${node.range.start.line + 1} ${node.title} ~ ${section.title}: ${best.toFixed(2)}`);
            }
          }
        });
      }
    });

    it('finds 总体要求 items, run-in and damaged (001: 指导思想, 总体目标)', () => {
      const map = planSections(scopeOf(seed(SEEDS.xiji)));
      assert.deepEqual(map.matches[0].subsections.map((s) => [s.subsection.title, s.node.range.start.line + 1]), [['指导思想', 32], ['总体目标', 34]]);
      const dazu = planSections(scopeOf(seed(SEEDS.dazu)));
      assert.deepEqual(dazu.matches[0].subsections.map((s) => s.subsection.title), ['指导思想', '主要原则', '总体目标']);
    });
  });

  describe('responsibility notes by section (API for the lead-unit check)', () => {
    it('never in 总体要求, optional in 组织保障, required in task areas', () => {
      const dazu = seed(SEEDS.dazu);
      const scope = scopeOf(dazu);
      assert.equal(notesRequirementFor(scope, nodeAtLine(dazu, 10)), 'never'); // （一）指导思想
      assert.equal(notesRequirementFor(scope, nodeAtLine(dazu, 16)), 'required'); // （四）维护宪法权威
      assert.equal(notesRequirementFor(scope, nodeAtLine(dazu, 76)), 'optional'); // （二十五）加强组织领导
      assert.equal(notesRequiredFor(scope, nodeAtLine(dazu, 76)), false);
      assert.equal(notesRequiredFor(scope, nodeAtLine(dazu, 16)), true);
      const chengdu = seed(SEEDS.chengdu);
      assert.equal(notesRequirementFor(scopeOf(chengdu), nodeAtLine(chengdu, 59)), 'optional'); // 26. under (六)加強組織保障
      const guizhou = seed(SEEDS.guizhou);
      const map = sectionMap(guizhou.plans[0], BUILTIN_TEMPLATES[0], guizhou);
      assert.equal(map.sectionOf(nodeAtLine(guizhou, 596))?.title, '加强组织保障'); // (85) under 23 强化组织领导
      assert.equal(map.sectionOf(nodeAtLine(guizhou, 34)), null); // 二、主要任务和具体落实措施 itself
    });
  });

  describe('fixtures', () => {
    const dir = join(FIXTURES, 'sections');
    for (const name of readdirSync(dir).sort()) {
      it(`${name}: findings as marked, and clean after each quick fix`, () => {
        const fixture = loadFixture(`sections/${name}`);
        checkFindings(fixture, CODES);
        recheckAfterFixes(fixture, CODES);
      });
    }

    it('the directive is what silences directive.txt (without it the 法治社会 sections are missing)', () => {
      const fixture = loadFixture('sections/directive.txt');
      const without = fixture.text.split('\n').slice(1).join('\n');
      assert.ok(sectionFindings(runText(without).diagnostics).filter((d) => d.code === 'section-missing').length >= 5);
    });

    const fixedText = (name: string) => {
      const results = recheckAfterFixes(loadFixture(`sections/${name}`), CODES);
      assert.equal(results.length, 1, name);
      return results[0].fixed;
    };

    it('level 1 (003 style): inserts 六、依法治理网络空间 with its opening and renumbers 六、→七、', () => {
      const fixed = fixedText('level1.txt');
      assert.deepEqual(topMarkers(fixed), ['一、', '二、', '三、', '四、', '五、', '六、', '七、']);
      assert.match(fixed, /\n六、依法治理网络空间\n网络空间不是法外之地。/);
      assert.match(fixed, /\n七、组织实施\n（八）加强组织领导/);
    });

    it('level 2 (000 style): inserts (三)加强权利保护 under 二、 in half-width and renumbers (三)…(五)', () => {
      const fixed = fixedText('level2.txt');
      const part2 = parsePlanFile(fixed).plans[0].nodes[1];
      assert.deepEqual(part2.children.map((n) => `${n.marker?.text}${n.title}`), [
        '(一)推动全社会增强法治观念', '(二)健全社会领域制度规范', '(三)加强权利保护', '(四)提升社会治理法治化水平', '(五)依法治理网络空间', '(六)加强组织保障',
      ]);
      assert.match(fixed, /\n\(三\)加强权利保护\n切实保障公民基本权利,有效维护各类社会主体合法权益。/);
      // the measures 1.–5. run through the plan and are not touched
      assert.deepEqual([...walkNodes(parsePlanFile(fixed).plans[0].nodes)].filter((n) => n.rank === 3).map((n) => n.marker?.number), [1, 2, 3, 4, 5]);
    });

    it('level 3: inserts 3.加强权利保护 and renumbers 3.→4., 4.→5.', () => {
      const fixed = fixedText('level3.txt');
      assert.match(fixed, /\n3\.加强权利保护\n切实保障/);
      assert.match(fixed, /\n4\.推进社会治理法治化\n/);
      assert.match(fixed, /\n5\.依法治理网络空间\n/);
    });

    it('subsections (001 style): inserts (二)主要原则 and turns the damaged `)` into (三)', () => {
      const fixed = fixedText('subsections.txt');
      assert.match(fixed, /\n\(一\)指导思想高举[^\n]*\n\n\(二\)主要原则。坚持党的集中统一领导;[^\n]*\n\n\(三\)总体目标2025年/);
    });

    it('Markdown: the inserted heading is a Markdown heading too', () => {
      const fixed = fixedText('markdown.md');
      assert.match(fixed, /\n## 三、健全社会领域制度规范\n\n加快建立健全社会领域法规制度，/);
      assert.match(fixed, /\n## 四、加强权利保护\n/);
      assert.match(fixed, /\n## 七、加强组织保障\n/);
    });

    it('Markdown bold items: the inserted item is bold the same way', () => {
      const fixed = fixedText('markdown-subsection.md');
      assert.match(fixed, /\n\*\*（一）指导思想。\*\* 以[^\n]*\n\n\*\*（二）主要原则。\*\* 坚持党的集中统一领导；[^\n]*\n\n\*\*（三）总体目标。\*\* 到2025年/);
    });

    it('法治政府: inserts (五)健全突发事件应对体系 and renumbers (五)→(六)…', () => {
      const fixed = fixedText('zhengfu.txt');
      const part2 = parsePlanFile(fixed).plans[0].nodes[1];
      assert.deepEqual(part2.children.map((n) => n.marker?.text), ['(一)', '(二)', '(三)', '(四)', '(五)', '(六)', '(七)', '(八)']);
      assert.equal(part2.children[4].title, '健全突发事件应对体系');
    });
  });

  describe('building a plan from its title by quick fixes', () => {
    const start = 'XX县法治社会建设实施方案\n为加快推进法治社会建设，根据《法治社会建设实施纲要（2020—2025年）》，结合我县实际，制定本方案。';
    for (const order of ['first', 'last'] as const) {
      it(`fixing the ${order} missing section each time ends with the outline in order, numbered 一、…七、`, () => {
        let text = start;
        for (let i = 0; i < 10; i++) {
          const r = runText(text);
          const missing = r.diagnostics.filter((d) => d.code === 'section-missing');
          if (missing.length === 0) break;
          text = applyEdits(text, editsOf(quickFixes(r, order === 'first' ? missing[0] : missing[missing.length - 1])[0]));
        }
        assert.deepEqual(sectionFindings(runText(text).diagnostics).map(describe1), []);
        const top = parsePlanFile(text).plans[0].nodes;
        assert.deepEqual(top.map((n) => `${n.marker?.text}${n.title}`), BUILTIN_TEMPLATES[0].sections.map((s, i) => `${'一二三四五六七'[i]}、${s.title}`));
        assert.deepEqual(top[0].children.map((n) => n.marker?.text), ['（一）', '（二）', '（三）']);
      });
    }
  });

  describe('seeds', () => {
    const run = (name: string) => runText(seedText(name), {}, undefined, `file:///${name}`);

    for (const name of [SEEDS.chengdu, SEEDS.guizhou, SEEDS.dazu]) {
      it(`${name.slice(0, 3)}: no section findings`, () => {
        assert.deepEqual(sectionFindings(run(name).diagnostics).map(describe1), []);
      });
    }

    it('001: finds the missing 主要原则 (and nothing else)', () => {
      const findings = sectionFindings(run(SEEDS.xiji).diagnostics);
      assert.deepEqual(findings.map((d) => [d.range.start.line + 1, d.code, d.severity]), [[30, 'subsection-missing', 2]]);
      assert.match(messageText(findings[0]), /“一、总体要求”缺少“主要原则”/);
    });

    it('004: each plan against its own kind — the 法治政府 and 法治社会 parts lack 总体要求, the 规划 is generic', () => {
      const file = seed(SEEDS.suizhou);
      assert.deepEqual(file.plans.map((_, i) => planSections(scopeOf(file, i)).template.id), ['generic', 'fazhi-zhengfu', 'fazhi-shehui']);
      const findings = sectionFindings(run(SEEDS.suizhou).diagnostics);
      assert.deepEqual(findings.map((d) => [d.range.start.line + 1, d.code, d.severity]), [[72, 'section-missing', 1], [118, 'section-missing', 1]]);
      assert.match(messageText(findings[0]), /缺少必备章节“总体要求”（《法治政府建设实施纲要（2021—2025年）》第一部分），应在“一、主要任务和具体措施”之前/);
      assert.match(messageText(findings[1]), /《法治社会建设实施纲要（2020—2025年）》第一部分/);
    });

    it('004: inserting 总体要求 before 一、主要措施 renumbers the plan\'s parts and leaves the other plans alone', () => {
      const r = run(SEEDS.suizhou);
      const d = sectionFindings(r.diagnostics)[1];
      const fixed = applyEdits(seedText(SEEDS.suizhou), editsOf(quickFixes(r, d)[0]));
      assert.deepEqual(topMarkers(fixed, 2), ['一、', '二、', '三、']);
      assert.deepEqual(parsePlanFile(fixed).plans[2].nodes.map((n) => n.title), ['总体要求', '主要措施', '强化组织保障']);
      assert.deepEqual(parsePlanFile(fixed).plans[2].nodes[0].children.map((n) => n.marker?.text + n.title), ['(一)指导思想', '(二)主要原则', '(三)总体目标']);
      assert.deepEqual(topMarkers(fixed, 1), ['一、', '二、']);
      const after = sectionFindings(runText(fixed).diagnostics);
      assert.deepEqual(after.map((x) => x.range.start.line + 1), [72]);
    });

    describe('003: deleting any one part yields exactly one section-missing, and its fix restores a numbered part', () => {
      const text = seedText(SEEDS.dazu);
      const lines = text.split('\n');
      const file = seed(SEEDS.dazu);
      const parts = file.plans[0].nodes;
      const titles = ['总体要求', '推动全社会增强法治观念', '健全社会领域制度规范', '加强权利保护', '推进社会治理法治化', '依法治理网络空间', '加强组织保障'];
      parts.forEach((part, i) => {
        for (const renumbered of [false, true]) {
          it(`${part.marker!.text}${part.title}${renumbered ? ' (the drafter renumbered what followed)' : ''}`, () => {
            const end = i + 1 < parts.length ? parts[i + 1].range.start.line : lines.length;
            let kept = [...lines.slice(0, part.range.start.line), ...lines.slice(end)];
            if (renumbered) {
              kept = kept.map((l) => {
                const m = /^([一二三四五六七八九十]+)、/.exec(l);
                if (!m) return l;
                const n = '一二三四五六七八九十'.indexOf(m[1]) + 1;
                return n > i + 1 ? '一二三四五六七八九十'[n - 2] + l.slice(m[1].length) : l;
              });
            }
            const draft = kept.join('\n');
            const r = runText(draft);
            const findings = sectionFindings(r.diagnostics);
            assert.deepEqual(findings.map((d) => d.code), ['section-missing'], findings.map(describe1).join('\n'));
            assert.ok(messageText(findings[0]).includes(`“${titles[i]}”`), messageText(findings[0]));
            const fixes = quickFixes(r, findings[0]);
            assert.equal(fixes.length, 1);
            const fixed = applyEdits(draft, editsOf(fixes[0]));
            const after = runText(fixed).diagnostics;
            assert.deepEqual(sectionFindings(after).map(describe1), []);
            const top = parsePlanFile(fixed).plans[0].nodes;
            assert.deepEqual(top.map((n) => n.marker?.text), ['一、', '二、', '三、', '四、', '五、', '六、', '七、']);
            // The fix adds no numbering finding: none in the restored part, and elsewhere only what the
            // deletion itself left (the deleted part's （N） items leave a gap in the continuous count).
            const numbering = (ds: Diagnostic[]) => ds.filter((d) => String(d.code).startsWith('numbering-'));
            const key = (d: Diagnostic) => `${String(d.code)} ${JSON.stringify((d.data as { expected?: string } | undefined)?.expected)}`;
            const restored = top[i].range;
            assert.deepEqual(numbering(after).filter((d) => d.range.start.line >= restored.start.line && d.range.start.line <= restored.end.line).map(describe1), []);
            const before = numbering(r.diagnostics).map(key);
            for (const d of numbering(after)) assert.ok(before.includes(key(d)), `the fix added ${describe1(d)}`);
            assert.equal(top[i].title, titles[i]);
            // the continuous （一）…（二十七） of the other parts is untouched
            const seconds = [...walkNodes(top)].filter((n) => n.rank === 2 && !top[i].children.includes(n));
            const originalSeconds = [...walkNodes(parts)].filter((n) => n.rank === 2 && !part.children.includes(n)).map((n) => n.marker?.text);
            assert.deepEqual(seconds.map((n) => n.marker?.text), originalSeconds);
          });
        }
      });
    });

    it('000 (nested, Traditional): deleting (三)加強權利保護 is found and restored as (三) under 二、', () => {
      const lines = seedText(SEEDS.chengdu).split('\n');
      const draft = [...lines.slice(0, 36), ...lines.slice(43)].join('\n');
      const r = runText(draft);
      const findings = sectionFindings(r.diagnostics);
      assert.deepEqual(findings.map((d) => [d.code, d.range.start.line + 1]), [['section-missing', 37]]);
      const fixed = applyEdits(draft, editsOf(quickFixes(r, findings[0])[0]));
      assert.deepEqual(sectionFindings(runText(fixed).diagnostics), []);
      const part2 = parsePlanFile(fixed).plans[0].nodes[1];
      assert.deepEqual(part2.children.map((n) => n.marker?.text), ['(一)', '(二)', '(三)', '(四)', '(五)', '(六)']);
      assert.equal(part2.children[2].title, '加强权利保护');
    });

    it('002 (三、加强组织保障 deleted): found, and the fix adds it after the last task area', () => {
      const lines = seedText(SEEDS.guizhou).split('\n');
      const draft = lines.slice(0, 587).join('\n');
      const r = runText(draft);
      const findings = sectionFindings(r.diagnostics);
      assert.deepEqual(findings.map((d) => d.code), ['section-missing']);
      const fixed = applyEdits(draft, editsOf(quickFixes(r, findings[0])[0]));
      assert.deepEqual(sectionFindings(runText(fixed).diagnostics), []);
    });
  });

  describe('hover', () => {
    const hoverAt = (name: string, line1: number, character = 2) => {
      const service = createLanguageService({ language: 'zh-cn' });
      const document = TextDocument.create(`file:///${name}`, 'fangan', 1, seedText(name));
      const h = service.getHover(document, DEFAULT_SETTINGS, { line: line1 - 1, character });
      return h ? (h.contents as { value: string }).value : null;
    };

    it('names the outline part a heading corresponds to', () => {
      assert.match(hoverAt(SEEDS.dazu, 32)!, /对应《法治社会建设实施纲要（2020—2025年）》第四部分：加强权利保护/);
      assert.match(hoverAt(SEEDS.dazu, 32)!, /每项措施应明确牵头单位/);
      assert.match(hoverAt(SEEDS.chengdu, 58)!, /第七部分：加强组织保障/);
      assert.match(hoverAt(SEEDS.chengdu, 58)!, /可列责任单位，也可不列/);
      assert.match(hoverAt(SEEDS.suizhou, 113)!, /《法治政府建设实施纲要（2021—2025年）》第十部分：加强党的领导、完善推进机制/);
      assert.match(hoverAt(SEEDS.dazu, 11)!, /第一部分“总体要求”中的“主要原则”/);
      assert.match(hoverAt(SEEDS.dazu, 8)!, /应含：指导思想、主要原则、总体目标/);
    });

    it('speaks English to an English VS Code', () => {
      const service = createLanguageService({ language: 'en' });
      const document = TextDocument.create('file:///003.txt', 'fangan', 1, seedText(SEEDS.dazu));
      const h = service.getHover(document, DEFAULT_SETTINGS, { line: 31, character: 2 });
      assert.match((h!.contents as { value: string }).value, /Corresponds to part 4 of 《法治社会建设实施纲要（2020—2025年）》: 加强权利保护[\s\S]*must name a lead unit/);
    });

    it('says nothing on other lines', () => {
      assert.equal(hoverAt(SEEDS.dazu, 16), null); // （四）维护宪法权威 — a measure
      assert.equal(hoverAt(SEEDS.guizhou, 34), null); // 二、主要任务和具体落实措施
    });
  });

  describe('the office\'s own templates (.fangan/templates)', () => {
    const office = {
      id: 'office-annual',
      name: '年度工作要点',
      kinds: [],
      sections: [
        { title: '总体要求', role: 'general', subsections: [{ title: '工作目标' }] },
        { title: '重点工作', opening: ['围绕中心，服务大局。'] },
        { title: '工作要求', role: 'organisation' },
      ],
    };
    const draft = ['<!-- fangan: template office-annual -->', 'XX县2024年法治建设工作要点', '一、总体要求', '（一）工作目标。推进法治建设。', '二、工作要求', '（一）加强领导。'].join('\n');

    it('loads valid ones, names each broken one once, and keeps the built-in templates working', async () => {
      const files = new Map<string, string>([
        ['/ws/.fangan/templates/office.json', JSON.stringify(office)],
        ['/ws/.fangan/templates/broken.json', '{ "id": "x", '],
        ['/ws/.fangan/templates/wrong.json', JSON.stringify({ id: 'wrong', name: 'w', sections: [{ title: 't', notes: 'maybe' }] })],
        ['/ws/.fangan/templates/readme.txt', 'not a template'],
      ]);
      const service = createLanguageService({ language: 'zh-cn', host: memoryHost(['/ws'], files) });
      const problems = await service.reloadWorkspaceData();
      assert.deepEqual(problems.map((p) => p.file), ['/ws/.fangan/templates/broken.json', '/ws/.fangan/templates/wrong.json']);
      assert.match(problems[0].message.zh, /模板文件 \.fangan\/templates\/broken\.json 有误，已跳过（内置模板照常使用）：不是有效的 JSON：/);
      assert.match(problems[1].message.zh, /sections\[0\]\.notes：应为 never、optional、required 之一/);
      assert.deepEqual(service.workspaceData.templates.map((t) => t.id), ['office-annual']);

      const doc = TextDocument.create('file:///ws/draft.txt', 'fangan', 1, draft);
      const findings = sectionFindings(service.computeDiagnostics(doc, DEFAULT_SETTINGS));
      assert.deepEqual(findings.map((d) => [d.code, d.range.start.line + 1]), [['section-missing', 5]]);
      assert.match(messageText(findings[0]), /缺少必备章节“重点工作”（“年度工作要点”模板），应在“二、工作要求”之前/);
      const fixed = applyEdits(draft, editsOf(service.getCodeActions(doc, DEFAULT_SETTINGS, { diagnostics: [findings[0]] })[0]));
      assert.match(fixed, /\n二、重点工作\n围绕中心，服务大局。\n三、工作要求/);

      // built-in templates still apply to other plans
      const seedDoc = TextDocument.create('file:///ws/001.txt', 'fangan', 1, seedText(SEEDS.xiji));
      assert.deepEqual(sectionFindings(service.computeDiagnostics(seedDoc, DEFAULT_SETTINGS)).map((d) => d.code), ['subsection-missing']);
    });

    it('re-reads on reload: a fixed file is used, a deleted one is gone', async () => {
      const files = new Map<string, string>([['/ws/.fangan/templates/office.json', '{']]);
      const service = createLanguageService({ language: 'zh-cn', host: memoryHost(['/ws'], files) });
      assert.equal((await service.reloadWorkspaceData()).length, 1);
      const doc = (v: number) => TextDocument.create('file:///ws/draft.txt', 'fangan', v, draft);
      assert.deepEqual(sectionFindings(service.computeDiagnostics(doc(1), DEFAULT_SETTINGS)).map((d) => d.code), ['template-unknown']);
      files.set('/ws/.fangan/templates/office.json', JSON.stringify(office));
      assert.deepEqual(await service.reloadWorkspaceData(), []);
      assert.deepEqual(sectionFindings(service.computeDiagnostics(doc(1), DEFAULT_SETTINGS)).map((d) => d.code), ['section-missing']);
      files.delete('/ws/.fangan/templates/office.json');
      await service.reloadWorkspaceData();
      assert.deepEqual(service.workspaceData.templates, []);
    });

    it('an office template with a built-in id replaces it for that kind of plan', async () => {
      const files = new Map<string, string>([
        ['/ws/.fangan/templates/shehui.json', JSON.stringify({ id: 'fazhi-shehui', name: '本县法治社会模板', kinds: ['fazhi-shehui'], sections: [{ title: '总体要求', role: 'general', subsections: [{ title: '指导思想' }, { title: '总体目标' }] }] })],
      ]);
      const service = createLanguageService({ language: 'zh-cn', host: memoryHost(['/ws'], files) });
      await service.reloadWorkspaceData();
      const doc = TextDocument.create('file:///ws/001.txt', 'fangan', 1, seedText(SEEDS.xiji));
      assert.deepEqual(sectionFindings(service.computeDiagnostics(doc, DEFAULT_SETTINGS)), []);
    });

    it('a host without files gives no templates and no problems', async () => {
      const service = createLanguageService();
      assert.deepEqual(await service.reloadWorkspaceData(), []);
    });
  });

  describe('template directive in a file with several plans', () => {
    const text = seedText(SEEDS.suizhou).split('\n');
    const ids = (t: string) => {
      const file = parsePlanFile(t);
      return file.plans.map((_, i) => planSections(scopeOf(file, i)).template.id);
    };
    it('before every plan, it governs them all', () => {
      assert.deepEqual(ids(['<!-- fangan: template generic -->', ...text].join('\n')), ['generic', 'generic', 'generic']);
      assert.deepEqual(sectionFindings(runText(['<!-- fangan: template generic -->', ...text].join('\n')).diagnostics), []);
    });
    it('inside a plan, it governs that plan only', () => {
      const withDirective = [...text.slice(0, 71), '<!-- fangan: template fazhi-shehui -->', ...text.slice(71)].join('\n');
      assert.deepEqual(ids(withDirective), ['generic', 'fazhi-shehui', 'fazhi-shehui']);
    });
  });

  describe('setting fangan.template', () => {
    it('accepts auto and template ids, reports anything else', () => {
      assert.equal(normalizeSettings({ template: 'fazhi-zhengfu' }).settings.template, 'fazhi-zhengfu');
      assert.equal(normalizeSettings({}).settings.template, 'auto');
      for (const bad of [42, 'not an id!', ['x']]) {
        const { settings, problems } = normalizeSettings({ template: bad });
        assert.equal(settings.template, 'auto');
        assert.equal(problems[0].setting, 'fangan.template');
      }
    });
  });

  describe('bad input', () => {
    it('odd plans: each section fix removes its finding, adds none, and keeps every line of the draft', () => {
      const title = '某县法治社会建设实施方案\n';
      const odd = ['', '一、', '一、\n（一）\n1.', '<!-- fangan: template -->\n一、总体要求', '一、总体要求\n'.repeat(50), '（一）加强权利保护\n二、加强权利保护\n一、加强权利保护', '一、组织实施\n二、总体要求', '\r\n\r\n一、总体要求\r\n（一）\r\n'];
      let fixesTried = 0;
      for (const [i, text] of [...odd, ...odd.map((t) => title + t)].entries()) {
        const fixture = { name: `odd-${i}.txt`, text, options: {}, model: [], findings: [] };
        for (const { fixed } of recheckAfterFixes(fixture, ['section-', 'subsection-', 'template-'])) {
          fixesTried++;
          // the draft's lines are all still there, in order: a section fix only inserts (and
          // renumbers the sections after the one it inserts)
          const kept = withoutMarkers(fixed).lines;
          let at = 0;
          for (const line of withoutMarkers(text).lines) {
            while (at < kept.length && kept[at] !== line) at++;
            assert.ok(at < kept.length, `odd-${i}: line "${line}" lost\n${fixed}`);
            at++;
          }
        }
      }
      // the titled plans lack sections, so fixes were really tried
      assert.ok(fixesTried > 20, `only ${fixesTried} fixes tried`);
    });
  });
});

