import { strict as assert } from 'assert';
import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { fileURLToPath } from 'url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { RULE_BY_CODE } from '../../server/src/service/rules';
import { RULE_SEVERITIES } from '../../server/src/service/workspace/settings';
import { createLanguageService } from '../../server/src/service/languageService';
import { pathToFileUri } from '../../server/src/service/workspace/uri';
import { ruleDocUri } from '../../server/src/service/features/ruleDocs';
import { createFsHost } from '../../server/src/node/fsHost';
import { outOfDate } from '../../scripts/syncRules';
import { SEEDS, seedText } from '../helpers/fixture';

const ROOT = join(__dirname, '..', '..');
const json = (file: string) => JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as Record<string, unknown>;
const manifest = json('package.json') as {
  contributes: Record<string, unknown> & { configuration: { properties: Record<string, Record<string, unknown>> }; commands: Array<{ command: string; title: string }> };
};
const nlsEn = json('package.nls.json') as Record<string, string>;
const nlsZh = json('package.nls.zh-cn.json') as Record<string, string>;
const CJK = /[\u4e00-\u9fff]/;

/** Every `%key%` the manifest uses. */
function nlsKeys(value: unknown, out = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    const m = /^%(.+)%$/.exec(value);
    if (m) out.add(m[1]);
  } else if (Array.isArray(value)) value.forEach((v) => nlsKeys(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => nlsKeys(v, out));
  return out;
}

describe('manifest, localisation and rule pages', () => {
  describe('package.nls', () => {
    it('English and Chinese have the same keys, and they are exactly the keys the manifest uses', () => {
      const used = [...nlsKeys(manifest)].sort();
      assert.deepEqual(Object.keys(nlsEn).sort(), used);
      assert.deepEqual(Object.keys(nlsZh).sort(), used);
    });
    it('the Chinese is Chinese (every value has Chinese characters) and differs from the English', () => {
      for (const [key, zh] of Object.entries(nlsZh)) {
        assert.match(zh, CJK, key);
        assert.notEqual(zh, nlsEn[key], key);
      }
    });
    it('every command the extension contributes has a title in both languages, prefixed 方案：', () => {
      for (const c of manifest.contributes.commands) {
        const key = /^%(.+)%$/.exec(c.title)![1];
        assert.ok(nlsZh[key].startsWith('方案：'), c.command);
        assert.ok(nlsEn[key].startsWith('Fangan: '), c.command);
      }
    });
  });

  describe('client runtime strings (vscode.l10n, l10n/bundle.l10n.zh-cn.json)', () => {
    const sources = readdirSync(join(ROOT, 'client', 'src')).map((f) => readFileSync(join(ROOT, 'client', 'src', f), 'utf8'));
    const strings = new Set<string>();
    for (const source of sources) {
      for (const m of source.matchAll(/\b(?:vscode\.l10n\.t|t)\((['"])((?:(?!\1).)*)\1/g)) strings.add(m[2]);
    }
    const bundle = json('l10n/bundle.l10n.zh-cn.json') as Record<string, string>;
    it('package.json points VS Code at the bundles', () => {
      assert.equal((manifest as unknown as { l10n: string }).l10n, './l10n');
    });
    it('every string the client shows has a Chinese translation, and the bundle has no stale entry', () => {
      assert.ok(strings.size >= 20, `${strings.size} strings found`);
      assert.deepEqual(Object.keys(bundle).sort(), [...strings].sort());
      for (const [en, zh] of Object.entries(bundle)) {
        assert.match(zh, CJK, en);
        // the same placeholders in both
        assert.deepEqual(zh.match(/\{\d\}/g) ?? [], en.match(/\{\d\}/g) ?? [], en);
      }
    });
    it('the client picks no language itself: no hard-coded Chinese outside the bundle, no test of env.language but the one handed to the server', () => {
      for (const source of sources) {
        const code = source.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
        const withoutStrings = code.replace(/\b(?:vscode\.l10n\.t|t)\((['"])(?:(?!\1).)*\1/g, '');
        assert.ok(!/['"`][^'"`\n]*[\u4e00-\u9fff]/.test(withoutStrings.replace(/《\$\{[^}]*\}》|'、'/g, '')), 'Chinese in client code');
        assert.ok((code.match(/env\.language/g) ?? []).length <= 1);
      }
    });
  });

  describe('fangan.rules and .fangan/config.json follow the rule registry', () => {
    it('npm run rules:sync has nothing to change (package.json, nls, schemas/config.schema.json)', () => {
      assert.deepEqual(outOfDate(), []);
    });
    it('fangan.rules lists every rule code with the five severities, and nothing else', () => {
      const rules = manifest.contributes.configuration.properties['fangan.rules'] as { properties: Record<string, { enum: string[] }>; additionalProperties: boolean };
      assert.deepEqual(Object.keys(rules.properties).sort(), [...RULE_BY_CODE.keys()].sort());
      for (const p of Object.values(rules.properties)) assert.deepEqual(p.enum, RULE_SEVERITIES);
      assert.equal(rules.additionalProperties, false);
    });
    it('the config schema has the same keys as the settings (without fangan.trace) and is contributed for .fangan/config.json', () => {
      const schema = json('schemas/config.schema.json') as { properties: Record<string, { properties?: Record<string, unknown> }> };
      const settings = Object.keys(manifest.contributes.configuration.properties)
        .filter((k) => !k.startsWith('fangan.trace'))
        .map((k) => k.replace(/^fangan\./, ''))
        .sort();
      const flattened = Object.entries(schema.properties)
        .filter(([k]) => k !== '$schema')
        .flatMap(([k, v]) => (k !== 'rules' && v.properties ? Object.keys(v.properties).map((c) => `${k}.${c}`) : [k]))
        .sort();
      assert.deepEqual(flattened, settings);
      assert.deepEqual(Object.keys(schema.properties.rules.properties!).sort(), [...RULE_BY_CODE.keys()].sort());
      const validation = manifest.contributes.jsonValidation as Array<{ fileMatch: string; url: string }>;
      assert.ok(validation.some((v) => v.fileMatch === '**/.fangan/config.json' && v.url === './schemas/config.schema.json'));
    });
  });

  describe('rule pages (docs/rules/<code>.md)', () => {
    const pages = readdirSync(join(ROOT, 'docs', 'rules'));
    it('every rule code has a page and every page belongs to a rule code', () => {
      assert.deepEqual(pages.sort(), [...RULE_BY_CODE.keys()].map((c) => `${c}.md`).sort());
    });
    for (const [code, { meta: rule }] of RULE_BY_CODE) {
      it(`${code}: Chinese first, then English; default severity and fixes as the registry says`, () => {
        const text = readFileSync(join(ROOT, 'docs', 'rules', `${code}.md`), 'utf8');
        const [first] = text.split('\n');
        assert.ok(first.startsWith(`# \`${code}\` `) && CJK.test(first), first);
        const english = text.indexOf(`## English: \`${code}\``);
        assert.ok(english > text.indexOf('## 查什么') && text.indexOf('## 查什么') > 0);
        for (const heading of ['## 为什么审核会退回', '## 示例', '## 选项', '## 如何修复']) assert.ok(text.indexOf(heading) > 0 && text.indexOf(heading) < english, heading);
        for (const heading of ['### What it finds', '### Why reviewers care', '### Example', '### Options', '### Fix']) assert.ok(text.indexOf(heading) > english, heading);
        assert.ok(text.includes(`**默认级别**：`) && text.includes(`（\`${rule.defaultSeverity}\`）`), 'default severity');
        assert.ok(text.includes(`**Default severity**: ${rule.defaultSeverity}.`));
        const header = text.split('\n')[2];
        assert.equal(header.includes('无自动修复'), !rule.fixable, 'fixable');
        assert.equal(rule.fixable && !header.includes('不包含在“修复全部”中'), !!rule.inFixAll, 'in fix all');
        assert.ok(/```text\n[^`]+\n```/.test(text), 'an example');
      });
    }
  });

  describe('each diagnostic links its rule page (codeDescription.href), the code stays the plain string', () => {
    it('a file URI into the installed extension, as VS Code writes it', () => {
      assert.equal(ruleDocUri('/home/u/.vscode/extensions/fangan.fangan-0.1.0', 'numbering-gap'), 'file:///home/u/.vscode/extensions/fangan.fangan-0.1.0/docs/rules/numbering-gap.md');
      assert.equal(ruleDocUri('C:\\Users\\张三\\ext', 'numbering-gap'), 'file:///c%3A/Users/%E5%BC%A0%E4%B8%89/ext/docs/rules/numbering-gap.md');
      assert.equal(ruleDocUri('', 'numbering-gap'), undefined);
      assert.equal(pathToFileUri('/a/b c/方案.txt'), 'file:///a/b%20c/%E6%96%B9%E6%A1%88.txt');
    });
    it('seed 001 through a service installed here: every href is a page that exists', () => {
      const service = createLanguageService({ language: 'zh-cn', host: createFsHost(ROOT, []) });
      const document = TextDocument.create('file:///001.txt', 'plaintext', 1, seedText(SEEDS.xiji));
      const diagnostics = service.computeDiagnostics(document, service.readSettings(undefined).settings);
      assert.ok(diagnostics.length > 20);
      for (const d of diagnostics) {
        assert.equal(typeof d.code, 'string');
        assert.ok(existsSync(fileURLToPath(d.codeDescription!.href)), d.codeDescription!.href);
        assert.ok(d.codeDescription!.href.endsWith(`/${String(d.code)}.md`));
      }
    });
  });
});
