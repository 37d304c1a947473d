/**
 * Keeps what the manifest says about rules in step with the rule registry (RULES):
 *  - the `fangan.rules` setting: one property per rule code, an enum of severities (package.json),
 *  - its descriptions in both languages (package.nls.json, package.nls.zh-cn.json),
 *  - the schema of `.fangan/config.json` (schemas/config.schema.json): the `fangan.*` settings
 *    without their prefix, with the descriptions of both languages,
 *  - the rules table and the settings table of README.md (between their BEGIN/END comments).
 * `npm run rules:sync` writes them; `--check` (the test suite) fails when one is out of date.
 */
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { RULE_METADATA } from '../server/src/service';

const RULES = new Map(RULE_METADATA.map((meta) => [meta.code, meta]));
import { RULE_SEVERITIES, type RuleSeverity } from '../server/src/service/workspace/settings';

const ROOT = join(__dirname, '..');
type Json = Record<string, unknown>;

export const SEVERITY_NAMES: Record<RuleSeverity, { zh: string; en: string }> = {
  off: { zh: '关闭', en: 'off' },
  hint: { zh: '提示（只在文字下显示虚点）', en: 'hint (dots under the text only)' },
  information: { zh: '信息', en: 'information' },
  warning: { zh: '警告', en: 'warning' },
  error: { zh: '错误', en: 'error' },
};

/** The description of one rule's setting: its title and default, in one language. */
export function ruleSettingText(code: string, locale: 'zh' | 'en'): string {
  const rule = RULES.get(code)!;
  const severity = SEVERITY_NAMES[rule.defaultSeverity];
  const fix = rule.inFixAll ? { zh: '可一键修复', en: 'fixed by fix all' } : rule.fixable ? { zh: '有快速修复', en: 'has quick fixes' } : null;
  return locale === 'zh'
    ? `${rule.title.zh}。默认：${severity.zh}${fix ? `；${fix.zh}` : ''}。说明见 docs/rules/${code}.md。`
    : `${capitalize(rule.title.en)}. Default: ${severity.en}${fix ? `; ${fix.en}` : ''}. See docs/rules/${code}.md.`;
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function rulesProperty(): Json {
  const properties: Json = {};
  for (const code of RULES.keys()) {
    properties[code] = {
      type: 'string',
      enum: RULE_SEVERITIES,
      enumDescriptions: RULE_SEVERITIES.map((s) => `%configuration.severity.${s}%`),
      markdownDescription: `%configuration.rules.${code}%`,
    };
  }
  return {
    type: 'object',
    default: {},
    additionalProperties: false,
    properties,
    markdownDescription: '%configuration.rules%',
    scope: 'resource',
  };
}

/** package.json with the `fangan.rules` setting placed after `fangan.template`. */
function syncedManifest(manifest: Json): Json {
  const configuration = (manifest.contributes as Json).configuration as Json;
  const properties = configuration.properties as Json;
  const out: Json = {};
  for (const [key, value] of Object.entries(properties)) {
    if (key === 'fangan.rules') continue;
    out[key] = value;
    if (key === 'fangan.template') out['fangan.rules'] = rulesProperty();
  }
  if (!('fangan.rules' in out)) out['fangan.rules'] = rulesProperty();
  configuration.properties = out;
  return manifest;
}

function syncedNls(nls: Record<string, string>, locale: 'zh' | 'en'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(nls)) if (!key.startsWith('configuration.rules.') && !key.startsWith('configuration.severity.')) out[key] = value;
  for (const s of RULE_SEVERITIES) out[`configuration.severity.${s}`] = SEVERITY_NAMES[s][locale];
  for (const code of RULES.keys()) out[`configuration.rules.${code}`] = ruleSettingText(code, locale);
  return out;
}

/** `%key%` → "中文 / English" for the config file's schema (schemas are not localised by VS Code). */
function bilingual(value: unknown, zh: Record<string, string>, en: Record<string, string>): unknown {
  if (typeof value === 'string') {
    const m = /^%(.+)%$/.exec(value);
    if (!m) return value;
    const [z, e] = [zh[m[1]], en[m[1]]];
    return z === e ? z : `${z}\n\n${e}`;
  }
  if (Array.isArray(value)) return value.map((v) => bilingual(v, zh, en));
  if (value && typeof value === 'object') {
    const out: Json = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === 'scope') continue;
      // JSON schema editors show description; markdownDescription is VS Code's settings UI only.
      out[k === 'markdownDescription' ? 'description' : k] = bilingual(v, zh, en);
    }
    return out;
  }
  return value;
}

/** The schema of `.fangan/config.json`: every `fangan.*` setting but trace, nested by its dotted name. */
function configSchema(manifest: Json, zh: Record<string, string>, en: Record<string, string>): Json {
  const properties = ((manifest.contributes as Json).configuration as Json).properties as Json;
  const root: Json = {
    $schema: { type: 'string' },
  };
  for (const [key, value] of Object.entries(properties)) {
    if (key.startsWith('fangan.trace')) continue;
    const path = key.replace(/^fangan\./, '').split('.');
    let node = root;
    for (const part of path.slice(0, -1)) {
      const existing = (node[part] ??= { type: 'object', additionalProperties: false, properties: {} }) as Json;
      node = existing.properties as Json;
    }
    const schema = bilingual(value, zh, en) as Json;
    delete schema.default;
    node[path[path.length - 1]] = schema;
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://fangan.invalid/schemas/config.schema.json',
    title: 'Fangan workspace settings (.fangan/config.json)',
    description:
      '办公室提交到工作区的方案助手设置，键与 VS Code 的 fangan.* 设置相同（去掉 fangan. 前缀，按点号分层）。优先级：内置默认 < 本文件 < 用户在 VS Code 中设置的值 < 文档中的指令。\n\n' +
      'Settings an office commits with its drafts: the keys of the fangan.* settings without the prefix, nested at the dots. Precedence: built-in defaults < this file < what the user set in VS Code < in-document directives.',
    type: 'object',
    additionalProperties: false,
    properties: root,
  };
}

const FIX_LABEL = (code: string) => {
  const rule = RULES.get(code)!;
  return rule.inFixAll ? '一键修复 fix all' : rule.fixable ? '快速修复 quick fix' : '—';
};
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** README's table of every rule: code (linked page), what it finds in both languages, default, fix. */
function rulesTable(): string {
  const rows = [...RULES.values()].map((rule) => {
    const severity = SEVERITY_NAMES[rule.defaultSeverity];
    return `| [\`${rule.code}\`](docs/rules/${rule.code}.md) | ${cell(rule.title.zh)} | ${cell(capitalize(rule.title.en))} | ${severity.zh} ${rule.defaultSeverity} | ${FIX_LABEL(rule.code)} |`;
  });
  return ['| 规则代码 code | 查什么 | finds | 默认级别 default | 修复 fix |', '|---|---|---|---|---|', ...rows].join('\n');
}

/** README's table of every `fangan.*` setting, from the manifest and both nls files. */
function settingsTable(manifest: Json, zh: Record<string, string>, en: Record<string, string>): string {
  const properties = ((manifest.contributes as Json).configuration as Json).properties as Record<string, Json>;
  const text = (value: unknown, nls: Record<string, string>) => {
    const m = typeof value === 'string' ? /^%(.+)%$/.exec(value) : null;
    return m ? nls[m[1]] : String(value ?? '');
  };
  const rows = Object.entries(properties).map(([key, p]) => {
    const described = p.markdownDescription ?? p.description;
    const [z, e] =
      key === 'fangan.rules'
        ? ['按规则代码设置级别（`off`/`hint`/`information`/`warning`/`error`），见上面的规则表', 'Severity per rule code (`off`/`hint`/`information`/`warning`/`error`); see the rules table']
        : [text(described, zh), text(described, en)];
    const values = Array.isArray(p.enum) ? ` (${(p.enum as string[]).map((v) => `\`${v}\``).join(' / ')})` : '';
    return `| \`${key}\` | \`${JSON.stringify(p.default)}\`${values} | ${cell(z)} | ${cell(e)} |`;
  });
  return ['| 设置 setting | 默认值 default | 说明 | meaning |', '|---|---|---|---|', ...rows].join('\n');
}

/** Replaces the text between `<!-- BEGIN name … -->` and `<!-- END name -->`. */
function region(text: string, name: string, content: string): string {
  const pattern = new RegExp(`(<!-- BEGIN ${name}[^>]*-->\\n)[\\s\\S]*?(<!-- END ${name} -->)`);
  if (!pattern.test(text)) throw new Error(`README.md has no ${name} region`);
  return text.replace(pattern, (_, begin: string, end: string) => `${begin}${content}\n${end}`);
}

const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** Every file this script manages, as it should be. */
export function syncedFiles(): Record<string, string> {
  const manifest = syncedManifest(JSON.parse(read('package.json')) as Json);
  const en = syncedNls(JSON.parse(read('package.nls.json')) as Record<string, string>, 'en');
  const zh = syncedNls(JSON.parse(read('package.nls.zh-cn.json')) as Record<string, string>, 'zh');
  const readme = region(region(read('README.md'), 'rules', rulesTable()), 'settings', settingsTable(manifest, zh, en));
  return {
    'package.json': json(manifest),
    'package.nls.json': json(en),
    'package.nls.zh-cn.json': json(zh),
    'schemas/config.schema.json': json(configSchema(manifest, zh, en)),
    'README.md': readme,
  };
}

/** Files whose content differs from what the registry says. */
export function outOfDate(): string[] {
  return Object.entries(syncedFiles())
    .filter(([file, text]) => {
      try {
        return read(file) !== text;
      } catch {
        return true;
      }
    })
    .map(([file]) => file);
}

if (require.main === module) {
  if (process.argv.includes('--check')) {
    const stale = outOfDate();
    if (stale.length > 0) {
      process.stderr.write(`out of date (run npm run rules:sync): ${stale.join(', ')}\n`);
      process.exitCode = 1;
    }
  } else {
    for (const [file, text] of Object.entries(syncedFiles())) writeFileSync(join(ROOT, file), text);
  }
}
