import { strict as assert } from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { NEW_PLAN_LEVELS, regionName, type NewPlanLevel } from '../../server/src/service/features/newPlan';
import { createLanguageService, type FanganLanguageService } from '../../server/src/service/languageService';
import { parsePlanFile } from '../../server/src/service/model/parse';
import { chooseTemplate } from '../../server/src/service/workspace/templates/registry';
import { BUILTIN_TEMPLATES } from '../../server/src/service/workspace/templates/builtins';
import { applyEdits } from '../../server/src/service/text/edits';
import { summaryMessage } from '../../server/src/service/features/workspaceCheck';
import { loadFixture, SEEDS, seedText } from '../helpers/fixture';
import { memoryHost } from '../helpers/memoryHost';

let version = 0;
const zh = createLanguageService({ language: 'zh-cn' });
const en = createLanguageService({ language: 'en' });
const defaults = zh.readSettings(undefined).settings;
const doc = (text: string, uri = `file:///plan-${++version}.txt`) => TextDocument.create(uri, 'plaintext', ++version, text);

function status(service: FanganLanguageService, text: string) {
  const d = doc(text);
  const diagnostics = service.computeDiagnostics(d, defaults);
  return { diagnostics, status: service.getStatus(d, defaults, diagnostics) };
}

describe('plan-level actions', () => {
  describe('status (fangan/status): kind, level, template and findings per plan', () => {
    it('seed 004: three plans, each with its own kind and count; the counts add up', () => {
      const { diagnostics, status: s } = status(zh, seedText(SEEDS.suizhou));
      assert.deepEqual(
        s.plans.map((p) => [p.kind, p.level, p.template.id, p.template.via]),
        [
          ['fazhi-guihua', 'city', 'generic', 'kind'],
          ['fazhi-zhengfu', 'city', 'fazhi-zhengfu', 'kind'],
          ['fazhi-shehui', 'city', 'fazhi-shehui', 'kind'],
        ],
      );
      const total = (c: { error: number; warning: number; information: number; hint: number }) => c.error + c.warning + c.information + c.hint;
      assert.equal(s.plans.reduce((n, p) => n + total(p.counts), 0), diagnostics.length);
      assert.match(s.plans[1].text, /^\$\((error|warning|check)\) 法治政府 · 市级 · \d+ 处问题$/);
      assert.ok(s.plans[1].tooltip.includes('模板：法治政府建设实施方案（`fazhi-zhengfu`，按方案标题选择）'));
    });

    it('says the same in English', () => {
      const { status: s } = status(en, seedText(SEEDS.xiji));
      assert.match(s.plans[0].text, /^\$\(error\) Law-based society · county · \d+ problems$/);
      assert.ok(s.plans[0].tooltip.includes("Template: 法治社会建设实施方案 (`fazhi-shehui`, chosen by the plan's title)"));
      assert.match(s.plans[0].tooltip, /Problems: \d+ errors, \d+ warnings/);
    });

    it('names the template in the text when a directive chose it, and says "no problems" for a clean plan', () => {
      const text = seedText(SEEDS.guizhou);
      const { status: clean } = status(zh, text);
      assert.equal(clean.plans[0].text, '$(check) 法治社会 · 省级 · 无问题');
      const switched = zh.switchTemplate(doc(text), 0, 'fazhi-zhengfu', defaults);
      assert.ok('edits' in switched);
      const { status: s } = status(zh, applyEdits(text, switched.edits));
      assert.match(s.plans[0].text, /^\$\(error\) 法治社会 · 省级 · 模板：法治政府 · \d+ 处问题$/);
      assert.equal(s.plans[0].template.via, 'directive');
    });
  });

  describe('switch template (fangan/setTemplate): writes the plan\'s own directive line', () => {
    const cases: Array<[string, string]> = [
      [SEEDS.xiji, seedText(SEEDS.xiji)],
      [SEEDS.guizhou, seedText(SEEDS.guizhou)],
      [SEEDS.dazu, seedText(SEEDS.dazu)],
      [SEEDS.suizhou, seedText(SEEDS.suizhou)],
      ['sections/markdown.md', loadFixture('sections/markdown.md').text],
      ['a plan without a title', '为加快推进法治社会建设，结合我县实际，制定本实施方案。\n一、总体要求\n二、加强组织保障\n'],
    ];
    for (const [name, text] of cases) {
      it(`${name}: every plan to every template and back to auto; the other plans keep theirs`, () => {
        const file = parsePlanFile(text);
        const original = file.plans.map((p) => chooseTemplate(file, p, defaults).template.id);
        file.plans.forEach((plan, index) => {
          for (const template of BUILTIN_TEMPLATES) {
            const result = zh.switchTemplate(doc(text), plan.firstLine, template.id, defaults);
            assert.ok('edits' in result, `${name} plan ${index} → ${template.id}: ${JSON.stringify(result)}`);
            // Insert or replace a directive line, nothing else.
            for (const e of result.edits) assert.match(e.newText, /^<!-- fangan: template [\w.-]+ -->\n?$/);
            const switched = applyEdits(text, result.edits);
            const after = parsePlanFile(switched);
            after.plans.forEach((p, i) => {
              const choice = chooseTemplate(after, p, defaults);
              assert.equal(choice.template.id, i === index ? template.id : original[i], `${name}: plan ${i}`);
            });
            // Switching again replaces the line; auto removes it and gives back the original text.
            const again = zh.switchTemplate(doc(switched), after.plans[index].firstLine, 'generic', defaults);
            assert.ok('edits' in again && again.edits.length === 1 && again.edits[0].range.start.line === again.edits[0].range.end.line);
            const back = zh.switchTemplate(doc(switched), after.plans[index].firstLine, 'auto', defaults);
            assert.ok('edits' in back);
            assert.equal(applyEdits(switched, back.edits), text);
          }
        });
      });
    }

    it('refuses an unknown template, a file without a plan, and auto under a directive that governs several plans', () => {
      const one = zh.switchTemplate(doc(seedText(SEEDS.xiji)), 0, 'nonesuch', defaults);
      assert.ok('problem' in one && one.problem.zh.includes('nonesuch'));
      assert.ok('problem' in zh.switchTemplate(doc('shopping list\n'), 0, 'generic', defaults));
      const shared = '<!-- fangan: template generic -->\n甲县法治社会建设实施方案\n一、总体要求\n乙县法治政府建设实施方案\n一、总体要求\n';
      const plans = parsePlanFile(shared).plans;
      const auto = zh.switchTemplate(doc(shared), plans[1].firstLine, 'auto', defaults);
      assert.ok('problem' in auto && auto.problem.zh.includes('第 1 行'));
    });

    it('lists the templates (the office\'s first) and the plan\'s current one', () => {
      const answer = zh.getTemplates(doc(seedText(SEEDS.suizhou)), 100, defaults);
      assert.deepEqual(answer.templates.map((t) => t.id), ['fazhi-shehui', 'fazhi-zhengfu', 'generic']);
      assert.deepEqual(answer.current, { id: 'fazhi-zhengfu', via: 'kind' });
      assert.equal(zh.getTemplates(null, 0, defaults).current, null);
    });
  });

  describe('new plan (fangan/newPlan)', () => {
    const kindOf: Record<string, string> = { 'fazhi-shehui': 'fazhi-shehui', 'fazhi-zhengfu': 'fazhi-zhengfu', generic: 'other' };
    const levelOf: Record<NewPlanLevel, string> = { province: 'province', city: 'city', county: 'county', district: 'county' };
    for (const template of BUILTIN_TEMPLATES) {
      for (const { level } of NEW_PLAN_LEVELS) {
        it(`${template.id}, ${level}: a plan of that kind and level with every section, clean for sections and numbering`, () => {
          const result = zh.newPlan({ template: template.id, level, region: '清河' });
          assert.ok('text' in result);
          const file = parsePlanFile(result.text);
          assert.equal(file.plans.length, 1);
          const plan = file.plans[0];
          assert.equal(plan.title?.text, result.title);
          assert.equal(plan.kind, kindOf[template.id]);
          assert.equal(plan.level, levelOf[level]);
          assert.equal(chooseTemplate(file, plan, defaults).template.id, template.id);
          const findings = zh.computeDiagnostics(doc(result.text), defaults).filter((d: Diagnostic) => /^(section|subsection|numbering|directive)-/.test(String(d.code)));
          assert.deepEqual(findings.map((d) => `${d.code} ${d.message}`), []);
          assert.deepEqual(plan.nodes.map((n) => n.title), template.sections.map((s) => s.title));
        });
      }
    }

    it('writes the title for the level and place, the upper plan and 我县 in the preamble', () => {
      const r = zh.newPlan({ template: 'fazhi-shehui', level: 'county', region: '清河' });
      assert.ok('text' in r);
      assert.equal(r.title, '清河县法治社会建设实施方案（2021—2025年）');
      assert.match(r.text, /根据《法治社会建设实施纲要（2020—2025年）》《XX市法治社会建设实施方案（2021—2025年）》，结合我县实际，制定本方案。/);
      assert.match(r.text, /\n一、总体要求\n（一）指导思想。高举/);
      const generic = zh.newPlan({ template: 'generic', level: 'city', region: '', name: '优化营商环境实施方案' });
      assert.ok('text' in generic && generic.title === 'XX市优化营商环境实施方案' && generic.text.includes('结合我市实际'));
      assert.equal(regionName('大足区', 'district'), '大足区');
      assert.equal(regionName('贵州', 'province'), '贵州省');
      assert.equal(regionName('广州', 'city'), '广州市');
      assert.equal(regionName('黔东南州', 'city'), '黔东南州');
      assert.equal(regionName('  ', 'county'), 'XX县');
      assert.ok('problem' in zh.newPlan({ template: 'nonesuch', level: 'county' }));
    });
  });

  describe('workspace check (fangan/checkWorkspace)', () => {
    const plan = '清河县法治社会建设实施方案\n一、推动全社会增强法治观念\n（一）维护宪法权威\n1.甲。\n3.乙。\n';
    const files = new Map<string, string | Uint8Array>([
      ['/ws/a.txt', plan],
      ['/ws/notes.txt', 'shopping list\nmilk\n'],
      ['/ws/sub/b.fangan.txt', '随便写的\n'],
      ['/ws/sub/c.md', `# ${plan}`],
      ['/ws/open.txt', plan],
      ['/ws/node_modules/pkg/readme.txt', plan],
      ['/ws/.git/d.txt', plan],
      ['/ws/big.txt', plan + '甲'.repeat(3000)],
      ['/ws/binary.txt', new Uint8Array([0, 1, 2, 3, 0, 0])],
      ['/ws/image.png', plan],
    ]);
    const service = createLanguageService({ language: 'zh-cn', host: memoryHost(['/ws'], files) });

    it('checks .txt/.md plans and *.fangan.* files, skips node_modules, dot folders, open, large and binary files, and says so', async () => {
      const seen = new Map<string, Diagnostic[]>();
      const progress: number[] = [];
      const summary = await service.checkWorkspace({
        maxBytes: 4096,
        isOpen: (path) => path === '/ws/open.txt',
        settingsFor: async () => defaults,
        onFile: (uri, diagnostics) => seen.set(uri, diagnostics),
        progress: (done) => progress.push(done),
      });
      assert.deepEqual([...seen.keys()].sort(), ['file:///ws/a.txt', 'file:///ws/sub/b.fangan.txt', 'file:///ws/sub/c.md']);
      assert.ok(seen.get('file:///ws/a.txt')!.some((d) => d.code === 'numbering-gap'));
      assert.deepEqual(
        { ...summary },
        { files: 7, plans: 3, withFindings: 2, findings: summary.findings, skippedOpen: 1, skippedLarge: 1, skippedUnreadable: 1, truncated: false, cancelled: false, maxFiles: 2000, maxBytes: 4096 },
      );
      assert.deepEqual(progress, [0, 1, 2, 3, 4, 5, 6]);
      const message = summaryMessage(summary);
      assert.match(message.zh, /^方案助手：检查了 3 个方案文件，其中 2 个有问题，共 \d+ 处（见“问题”面板）；1 个已打开的文件照常随编辑检查；1 个超过 0 MB 的文件未检查；1 个文件无法读取（不是文本）。$/);
      assert.match(message.en, /^Fangan: checked 3 plan file\(s\)/);
    });

    it('stops at the cap and when cancelled', async () => {
      const capped = await service.checkWorkspace({ maxFiles: 2, isOpen: () => false, settingsFor: async () => defaults, onFile: () => undefined });
      assert.equal(capped.files, 2);
      assert.equal(capped.truncated, true);
      assert.match(summaryMessage(capped).zh, /只检查了前 2 个/);
      const token = { isCancellationRequested: false };
      const cancelled = await service.checkWorkspace({
        isOpen: () => false,
        settingsFor: async () => defaults,
        onFile: () => {
          token.isCancellationRequested = true;
        },
        token,
      });
      assert.equal(cancelled.cancelled, true);
      assert.equal(cancelled.plans, 1);
    });
  });
});
