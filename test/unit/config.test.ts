import { strict as assert } from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createLanguageService, type FanganLanguageService } from '../../server/src/service/languageService';
import { formatWorkspaceProblem } from '../../server/src/service/workspace/data';
import { RULES } from '../../server/src/service/rules';
import { parseWorkspaceConfig } from '../../server/src/service/workspace/config';

const RULE_CODES = RULES.map((r) => r.meta.code);
import { messageOf } from '../helpers/findings';
import { memoryHost } from '../helpers/memoryHost';

/**
 * Precedence, lowest first: built-in defaults < .fangan/config.json < the VS Code settings the user
 * set < in-document directives. Every test goes through the real path: files read by the host at
 * reloadWorkspaceData(), settings through resolveSettings(), findings from computeDiagnostics().
 */

// A county 法治社会 plan with one numbering gap, one unit written two ways, and no 主要原则.
const PLAN = [
  '清河县法治社会建设实施方案', // 0
  '一、总体要求', // 1
  '（一）指导思想。以习近平新时代中国特色社会主义思想为指导。', // 2
  '（二）总体目标。到2025年，法治观念深入人心。', // 3
  '二、推动全社会增强法治观念', // 4
  '（一）维护宪法权威', // 5
  '1.深入开展宪法宣传教育。', // 6
  '牵头单位：县司法局', // 7
  '3.加强青少年法治教育。', // 8
  '牵头单位：司法局', // 9
  '4.推进宪法宣誓制度。', // 10
  '牵头单位：县司法局', // 11
].join('\n');

async function serviceWith(files: Record<string, string>, folders = ['/ws']): Promise<{ service: FanganLanguageService; problems: string[] }> {
  const service = createLanguageService({ language: 'zh-cn', host: memoryHost(folders, new Map(Object.entries(files))) });
  const problems = (await service.reloadWorkspaceData()).map((p) => formatWorkspaceProblem(p, 'zh'));
  return { service, problems };
}

let version = 0;
function check(service: FanganLanguageService, raw: unknown, text = PLAN, uri = 'file:///ws/plan.txt'): Diagnostic[] {
  const { settings, problems } = service.resolveSettings(raw, uri);
  assert.deepEqual(problems.map((p) => p.message.zh), []);
  return service.computeDiagnostics(TextDocument.create(uri, 'plaintext', ++version, text), settings);
}
const codes = (ds: Diagnostic[]) => ds.map((d) => String(d.code));
const severityOf = (ds: Diagnostic[], code: string) => ds.find((d) => d.code === code)?.severity;
/** What VS Code sends when the user set nothing: every default of package.json. */
const VSCODE_DEFAULTS = { activation: 'auto', template: 'auto', rules: {}, corpus: { folders: [] }, leadUnits: { check: 'auto' }, trace: { server: 'off' } };

const OFFICE = JSON.stringify({
  rules: { 'numbering-gap': 'off', 'lead-unit-inconsistent': 'error' },
  template: 'fazhi-zhengfu',
});

describe('configuration: defaults < .fangan/config.json < VS Code settings < in-document directives', () => {
  it('built-in defaults without a config file', async () => {
    const { service } = await serviceWith({});
    const ds = check(service, VSCODE_DEFAULTS);
    assert.ok(codes(ds).includes('numbering-gap'));
    assert.equal(severityOf(ds, 'lead-unit-inconsistent'), 3 /* information */);
    assert.ok(ds.some((d) => d.code === 'subsection-missing' && messageOf(d).includes('主要原则')), 'the 法治社会 template (from the title)');
  });

  it('the office file overrides the defaults (VS Code sending only its defaults counts as not set)', async () => {
    const { service, problems } = await serviceWith({ '/ws/.fangan/config.json': OFFICE });
    assert.deepEqual(problems, []);
    for (const raw of [VSCODE_DEFAULTS, undefined, {}]) {
      const ds = check(service, raw);
      assert.ok(!codes(ds).includes('numbering-gap'), 'numbering-gap off by the office');
      assert.equal(severityOf(ds, 'lead-unit-inconsistent'), 1 /* error */);
      assert.ok(ds.some((d) => d.code === 'section-missing' && messageOf(d).includes('健全政府机构职能体系')), 'the office chose the 法治政府 template');
    }
  });

  it('what the user set in VS Code wins over the office file, rule by rule', async () => {
    const { service } = await serviceWith({ '/ws/.fangan/config.json': OFFICE });
    const ds = check(service, { ...VSCODE_DEFAULTS, rules: { 'numbering-gap': 'hint' }, template: 'fazhi-shehui' });
    assert.equal(severityOf(ds, 'numbering-gap'), 4 /* hint */, 'the user turned it back on');
    assert.equal(severityOf(ds, 'lead-unit-inconsistent'), 1, 'the office value for a rule the user did not set');
    assert.ok(!ds.some((d) => messageOf(d).includes('健全政府机构职能体系')), 'the user chose 法治社会');
  });

  it('in-document directives win over both: the template directive and disable-next-line', async () => {
    const { service } = await serviceWith({ '/ws/.fangan/config.json': OFFICE });
    const text = PLAN.replace('清河县法治社会建设实施方案', '清河县法治社会建设实施方案\n<!-- fangan: template fazhi-shehui -->').replace(
      '3.加强',
      '<!-- fangan-disable-next-line numbering-gap -->\n3.加强',
    );
    const ds = check(service, { ...VSCODE_DEFAULTS, rules: { 'numbering-gap': 'error' }, template: 'fazhi-zhengfu' });
    assert.ok(ds.some((d) => messageOf(d).includes('健全政府机构职能体系')), 'without directives: the setting');
    assert.equal(severityOf(ds, 'numbering-gap'), 1);
    const withDirectives = check(service, { ...VSCODE_DEFAULTS, rules: { 'numbering-gap': 'error' }, template: 'fazhi-zhengfu' }, text);
    assert.ok(!withDirectives.some((d) => messageOf(d).includes('健全政府机构职能体系')), 'the directive chose 法治社会');
    assert.ok(!codes(withDirectives).includes('numbering-gap'), 'silenced in the document although the setting says error');
  });

  it('leadUnits.check and activation from the file, unless the user set them', async () => {
    const noNotes = '清河县法治社会建设实施方案\n一、推动全社会增强法治观念\n（一）维护宪法权威\n1.深入开展宪法宣传教育。\n';
    const { service } = await serviceWith({ '/ws/.fangan/config.json': '{ "leadUnits": { "check": "always" }, "activation": "fanganOnly" }' });
    assert.ok(codes(check(service, VSCODE_DEFAULTS, noNotes)).includes('lead-unit-missing'));
    assert.ok(!codes(check(service, { ...VSCODE_DEFAULTS, leadUnits: { check: 'never' } }, noNotes)).includes('lead-unit-missing'));
    assert.equal(service.resolveSettings(VSCODE_DEFAULTS, 'file:///ws/plan.txt').settings.activation, 'fanganOnly');
    assert.equal(service.resolveSettings({ activation: 'always' }, 'file:///ws/plan.txt').settings.activation, 'always');
  });

  it('each workspace folder has its own file; untitled documents get the first folder\'s', async () => {
    const { service } = await serviceWith(
      { '/a/.fangan/config.json': '{ "rules": { "numbering-gap": "error" } }', '/b/.fangan/config.json': '{ "rules": { "numbering-gap": "off" } }' },
      ['/a', '/b'],
    );
    assert.equal(severityOf(check(service, undefined, PLAN, 'file:///a/x.txt'), 'numbering-gap'), 1);
    assert.equal(severityOf(check(service, undefined, PLAN, 'file:///b/sub/x.txt'), 'numbering-gap'), undefined);
    assert.equal(severityOf(check(service, undefined, PLAN, 'untitled:Untitled-1'), 'numbering-gap'), 1);
  });

  it('corpus folders in the file are relative to its workspace folder', async () => {
    const { service } = await serviceWith({ '/ws/.fangan/config.json': '{ "corpus": { "folders": ["参考方案", "/abs/plans"] } }' });
    assert.deepEqual(service.resolveSettings(undefined).settings.corpus.folders, ['/ws/参考方案', '/abs/plans']);
    assert.deepEqual(service.resolveSettings({ corpus: { folders: ['/mine'] } }).settings.corpus.folders, ['/mine']);
  });

  it('a changed file applies after the next reload', async () => {
    const files = new Map<string, string>([['/ws/.fangan/config.json', '{ "rules": { "numbering-gap": "off" } }']]);
    const service = createLanguageService({ language: 'zh-cn', host: memoryHost(['/ws'], files) });
    await service.reloadWorkspaceData();
    assert.ok(!codes(check(service, undefined)).includes('numbering-gap'));
    files.set('/ws/.fangan/config.json', '{ "rules": { "numbering-gap": "error" } }');
    await service.reloadWorkspaceData();
    assert.equal(severityOf(check(service, undefined), 'numbering-gap'), 1);
    files.delete('/ws/.fangan/config.json');
    await service.reloadWorkspaceData();
    assert.equal(severityOf(check(service, undefined), 'numbering-gap'), 2 /* warning, the default */);
  });

  describe('problems in the file are named with line and column; the rest of the file applies', () => {
    const parse = (text: string) => parseWorkspaceConfig({ path: '/ws/.fangan/config.json', folder: '/ws', text }, RULE_CODES);
    it('bad values, unknown keys and unknown rule codes', () => {
      const text = [
        '{',
        '  // 本县设置',
        '  "rules": {',
        '    "numbering-gap": "warn",',
        '    "numbering-gpa": "off",',
        '    "numbering-style": "off",',
        '  },',
        '  "leadUnit": { "check": "always" },',
        '  "template": "法治社会"',
        '}',
      ].join('\n');
      const { layer, problems } = parse(text);
      assert.deepEqual(layer.rules, { 'numbering-style': 'off' });
      assert.equal(layer.template, undefined);
      const where = problems.map((p) => `${p.line}:${p.column} ${p.message.zh}`);
      assert.equal(where.length, 4, where.join('\n'));
      assert.match(where[0], /^4:22 规则 numbering-gap 的级别“warn”无效/);
      assert.match(where[1], /^5:5 没有规则代码“numbering-gpa”/);
      assert.match(where[2], /^8:3 未知设置“leadUnit”/);
      assert.match(where[3], /^9:15 fangan\.template 的值“法治社会”无效/);
      assert.ok(problems.every((p) => p.message.en.length > 0 && p.file === '/ws/.fangan/config.json'));
    });
    it('a file that is not JSON is reported once and not used', async () => {
      const { service, problems } = await serviceWith({ '/ws/.fangan/config.json': '{ "rules": { "numbering-gap": "off" ' });
      assert.equal(problems.length, 1);
      assert.match(problems[0], /^\/ws\/\.fangan\/config\.json:1:\d+：不是有效的 JSON/);
      assert.ok(codes(check(service, undefined)).includes('numbering-gap'));
    });
    it('not an object, an empty object, a BOM', () => {
      assert.match(parse('[]').problems[0].message.zh, /应为一个对象/);
      assert.deepEqual(parse('{}'), { layer: {}, problems: [] });
      assert.deepEqual(parse('\ufeff{ "template": "fazhi-zhengfu" }').layer, { template: 'fazhi-zhengfu' });
    });
  });

  it('a rule code the VS Code settings name that does not exist is reported, and ignored', async () => {
    const { service } = await serviceWith({});
    const { settings, problems } = service.resolveSettings({ rules: { 'numbering-gpa': 'off', 'numbering-gap': 'error' } });
    assert.equal(settings.rules['numbering-gap'], 'error');
    assert.deepEqual(problems.map((p) => p.setting), ['fangan.rules.numbering-gpa']);
    assert.match(problems[0].message.zh, /没有规则代码“numbering-gpa”/);
  });
});
