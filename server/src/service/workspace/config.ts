import { findNodeAtLocation, type Node } from 'jsonc-parser/lib/esm/main.js';
import {
  DEFAULT_SETTINGS,
  isSourcePath,
  normalizeSettings,
  type ActivationMode,
  type FanganSettings,
  type LeadUnitsCheckMode,
  type RuleSeverity,
  unknownRuleProblems,
} from './settings';
import type { WorkspaceHost } from './host';
import type { Localized } from '../l10n';
import { MAX_CONFIG_FILE_BYTES } from '../limits';
import { loadOfficeFile, parseOfficeJson, type OfficeJson } from './officeFile';
import { joinPath, trimTrailingSeparators } from './paths';
import type { WorkspaceProblem } from './problems';

/**
 * `.fangan/config.json`: the settings an office commits with its drafts. Same keys as the
 * `fangan.*` settings, nested (comments and trailing commas allowed):
 *
 *   {
 *     "$schema": "…",                                  // optional; VS Code validates it anyway
 *     "rules": { "numbering-style": "off", "lead-unit-inconsistent": "warning" },
 *     "template": "fazhi-shehui",
 *     "leadUnits": { "check": "always" },
 *     "corpus": { "folders": ["参考方案"] },              // relative to the workspace folder
 *     "source": "贵州省法治社会建设实施方案",               // or a file path, or a list of them
 *     "activation": "auto"
 *   }
 *
 * Precedence, lowest first: built-in defaults < .fangan/config.json < VS Code settings the user set
 * < in-document directives. VS Code always sends its defaults along with the user's values, so a
 * setting at its default (`auto`, an empty list, a rule not listed) counts as not set and leaves the
 * office's value in place; a rule's severity set in VS Code replaces the office's for that rule.
 */

export const CONFIG_FILE = '.fangan/config.json';

/** What a config file sets; absent keys are not set. */
export interface ConfigLayer {
  readonly activation?: ActivationMode;
  readonly rules?: Readonly<Record<string, RuleSeverity>>;
  readonly template?: string;
  readonly leadUnits?: { readonly check?: LeadUnitsCheckMode };
  readonly corpus?: { readonly folders?: readonly string[] };
  /** Plans above: titles, and file paths made absolute (relative to the workspace folder). */
  readonly source?: readonly string[];
}

export interface WorkspaceConfig {
  /** The workspace folder the file belongs to (absolute path). */
  readonly folder: string;
  readonly file: string;
  readonly layer: ConfigLayer;
}

/** Top-level keys of the file; each is validated like the `fangan.*` setting of the same name. */
export const CONFIG_KEYS = ['activation', 'rules', 'template', 'leadUnits', 'corpus', 'source'] as const;

const isAbsolute = (path: string) => path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\');

/** Parses one config file; never throws. Problems name the file, line and column; `ruleCodes` are the codes there are. */
export function parseWorkspaceConfig(
  file: { path: string; folder: string; text: string },
  ruleCodes: readonly string[],
): { layer: ConfigLayer; problems: WorkspaceProblem[] } {
  const parsed = parseOfficeJson(file.path, file.text);
  if (!parsed.json) return { layer: {}, problems: parsed.problems };
  return readConfig(parsed.json, file.folder, ruleCodes);
}

function readConfig(json: OfficeJson, folder: string, ruleCodes: readonly string[]): { layer: ConfigLayer; problems: WorkspaceProblem[] } {
  const problems: WorkspaceProblem[] = [];
  const problem = (offset: number, message: Localized) => problems.push(json.problem(offset, message));
  const { root } = json;
  if (root.type !== 'object') {
    problem(root.offset, { zh: '应为一个对象，如 { "rules": { "numbering-style": "off" } }，整个文件未载入', en: 'must be an object such as { "rules": { "numbering-style": "off" } }; the file was not loaded' });
    return { layer: {}, problems };
  }
  const raw: Record<string, unknown> = {};
  for (const property of root.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    const key = String(keyNode?.value ?? '');
    if (key === '$schema') continue;
    if (!(CONFIG_KEYS as readonly string[]).includes(key)) {
      problem(property.offset, {
        zh: `未知设置“${key}”（可用：${CONFIG_KEYS.join('、')}），已忽略`,
        en: `unknown setting "${key}" (available: ${CONFIG_KEYS.join(', ')}); ignored`,
      });
      continue;
    }
    raw[key] = valueNode ? nodeValue(valueNode) : undefined;
  }
  // The same validation as the VS Code settings; each problem is placed at its value in the file.
  const { settings, problems: settingProblems } = normalizeSettings(raw);
  const rules = raw.rules && typeof raw.rules === 'object' && !Array.isArray(raw.rules) ? (raw.rules as Record<string, unknown>) : {};
  for (const p of settingProblems) problem(offsetOf(root, p.setting.replace(/^fangan\.?/, '')), p.message);
  // An unknown code is wrong in its name: point at the key.
  for (const p of unknownRuleProblems(rules, 'fangan.rules', ruleCodes)) problem(offsetOf(root, p.setting.replace(/^fangan\.?/, ''), true), p.message);
  const layer: { -readonly [K in keyof ConfigLayer]: ConfigLayer[K] } = {};
  if (raw.activation !== undefined) layer.activation = settings.activation;
  if (raw.rules !== undefined) layer.rules = Object.fromEntries(Object.entries(settings.rules).filter(([code]) => ruleCodes.includes(code)));
  if (raw.template !== undefined && settings.template && settings.template !== 'auto') layer.template = settings.template;
  if (raw.leadUnits !== undefined) layer.leadUnits = { check: settings.leadUnits.check };
  if (raw.corpus !== undefined) {
    layer.corpus = { folders: settings.corpus.folders.map((f) => (isAbsolute(f) ? f : joinPath(folder, f))) };
  }
  if (raw.source !== undefined) layer.source = settings.source.map((s) => (isSourcePath(s) && !isAbsolute(s) ? joinPath(folder, s) : s));
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return { layer, problems };
}

/** Plain JSON value of a node (jsonc-parser's tree), without comments. */
function nodeValue(node: Node): unknown {
  switch (node.type) {
    case 'object':
      return Object.fromEntries((node.children ?? []).map((p) => [String(p.children?.[0]?.value ?? ''), p.children?.[1] ? nodeValue(p.children[1]) : undefined]));
    case 'array':
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value;
  }
}

/** Where a dotted setting path (`rules.numbering-gap`, `leadUnits.check`) is in the file; its nearest existing parent otherwise. */
function offsetOf(root: Node, path: string, atKey = false): number {
  const parts = path ? path.split('.') : [];
  // Rule codes contain dashes, never dots: `rules.numbering-gap` is two parts.
  for (let n = parts.length; n > 0; n--) {
    const node = findNodeAtLocation(root, parts.slice(0, n));
    if (node) return atKey && n === parts.length && node.parent ? node.parent.offset : node.offset;
  }
  return root.offset;
}

/** Reads `.fangan/config.json` of every workspace folder through the host (a missing file is fine). */
export async function readWorkspaceConfigs(host: WorkspaceHost, ruleCodes: readonly string[]): Promise<{ configs: WorkspaceConfig[]; problems: WorkspaceProblem[] }> {
  const configs: WorkspaceConfig[] = [];
  const problems: WorkspaceProblem[] = [];
  for (const folder of host.workspaceFolders) {
    const path = joinPath(folder, CONFIG_FILE);
    const loaded = await loadOfficeFile(host, path, MAX_CONFIG_FILE_BYTES);
    if (!loaded) continue;
    problems.push(...loaded.problems);
    if (!loaded.json) continue;
    const read = readConfig(loaded.json, folder, ruleCodes);
    problems.push(...read.problems);
    configs.push({ folder, file: path, layer: read.layer });
  }
  return { configs, problems };
}

/** The config of the workspace folder that holds the document (the first folder's for untitled documents). */
export function configFor(configs: readonly WorkspaceConfig[], path: string | undefined): WorkspaceConfig | undefined {
  if (configs.length === 0) return undefined;
  if (path) {
    const norm = (p: string) => trimTrailingSeparators(p.replace(/\\/g, '/'));
    const inside = configs
      .filter((c) => norm(path).startsWith(`${norm(c.folder)}/`))
      .sort((a, b) => b.folder.length - a.folder.length);
    if (inside.length > 0) return inside[0];
  }
  return configs[0];
}

/**
 * Settings as they apply: the office's file under the settings the user set. A VS Code value at its
 * default (`auto`, `[]`) is "not set"; rule severities merge per code, the user's winning.
 */
export function layerSettings(explicit: FanganSettings, layer: ConfigLayer | undefined): FanganSettings {
  if (!layer) return explicit;
  const notSet = <T>(value: T, fallback: T) => value === fallback;
  return {
    activation: notSet(explicit.activation, DEFAULT_SETTINGS.activation) ? layer.activation ?? explicit.activation : explicit.activation,
    rules: { ...layer.rules, ...explicit.rules },
    template: !explicit.template || explicit.template === 'auto' ? layer.template ?? explicit.template : explicit.template,
    corpus: explicit.corpus.folders.length === 0 && layer.corpus?.folders ? { folders: layer.corpus.folders } : explicit.corpus,
    leadUnits: notSet(explicit.leadUnits.check, DEFAULT_SETTINGS.leadUnits.check) ? { check: layer.leadUnits?.check ?? explicit.leadUnits.check } : explicit.leadUnits,
    source: explicit.source.length === 0 && layer.source ? layer.source : explicit.source,
  };
}
