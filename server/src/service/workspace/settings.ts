import type { Localized } from '../l10n';

/**
 * Settings the service reads. The server fills them from VS Code's `fangan.*` settings, the CLI
 * from its flags; both go through `normalizeSettings`, so a wrong value never reaches a check.
 */

export type RuleSeverity = 'off' | 'hint' | 'information' | 'warning' | 'error';
export const RULE_SEVERITIES: readonly RuleSeverity[] = ['off', 'hint', 'information', 'warning', 'error'];

/** Which documents Fangan works on: plans it recognises, every .txt/.md, or only `*.fangan.*`. */
export type ActivationMode = 'auto' | 'always' | 'fanganOnly';

/** When the lead-unit check runs: when the plan uses notes anywhere, always, or never. */
export type LeadUnitsCheckMode = 'auto' | 'always' | 'never';
export const LEAD_UNITS_CHECK_MODES: readonly LeadUnitsCheckMode[] = ['auto', 'always', 'never'];

export interface FanganSettings {
  readonly activation: ActivationMode;
  /** Severity per rule code; a missing code keeps the rule's default. */
  readonly rules: Readonly<Record<string, RuleSeverity>>;
  /** Plan template id (`fazhi-shehui`, an office's own); `auto` or absent: chosen from the plan's kind. */
  readonly template?: string;
  /** Folders of the user's own plans (.txt/.md/.docx) searched with the bundled corpus. */
  readonly corpus: { readonly folders: readonly string[] };
  /** `fangan.leadUnits.*` */
  readonly leadUnits: { readonly check: LeadUnitsCheckMode };
  /**
   * `fangan.source`: the plan(s) above the draft (上级方案), each a corpus plan's title or a file path
   * (`isSourcePath`); empty: found from the draft's citations and directives.
   */
  readonly source: readonly string[];
}

export const DEFAULT_SETTINGS: FanganSettings = {
  activation: 'auto',
  rules: {},
  corpus: { folders: [] },
  leadUnits: { check: 'auto' },
  source: [],
};

export interface SettingsProblem {
  readonly setting: string;
  readonly message: Localized;
}

/**
 * A setting's value as a message shows it: at most 60 characters, and never a throw (String() of a
 * JSON object with a `toString` key throws, which once made every document unusable).
 */
function shown(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads raw settings (any JSON) into valid settings; every ignored value is reported. */
export function normalizeSettings(raw: unknown): { settings: FanganSettings; problems: SettingsProblem[] } {
  const problems: SettingsProblem[] = [];
  if (raw === undefined || raw === null) return { settings: DEFAULT_SETTINGS, problems };
  if (!isRecord(raw)) {
    problems.push({
      setting: 'fangan',
      message: { zh: 'fangan 设置应为对象，已使用默认设置', en: 'the fangan settings must be an object; defaults are used' },
    });
    return { settings: DEFAULT_SETTINGS, problems };
  }
  let activation = DEFAULT_SETTINGS.activation;
  if (raw.activation !== undefined) {
    if (raw.activation === 'auto' || raw.activation === 'always' || raw.activation === 'fanganOnly') activation = raw.activation;
    else {
      problems.push({
        setting: 'fangan.activation',
        message: {
          zh: `fangan.activation 的值“${shown(raw.activation)}”无效（可选 auto、always、fanganOnly），已使用 auto`,
          en: `fangan.activation "${shown(raw.activation)}" is not one of auto, always, fanganOnly; using auto`,
        },
      });
    }
  }
  const rules: Record<string, RuleSeverity> = {};
  if (raw.rules !== undefined) {
    if (!isRecord(raw.rules)) {
      problems.push({
        setting: 'fangan.rules',
        message: { zh: 'fangan.rules 应为“规则代码: 级别”的对象，已忽略', en: 'fangan.rules must map rule codes to severities; ignored' },
      });
    } else {
      for (const [code, value] of Object.entries(raw.rules)) {
        if (typeof value === 'string' && (RULE_SEVERITIES as readonly string[]).includes(value)) {
          rules[code] = value as RuleSeverity;
        } else {
          problems.push({
            setting: `fangan.rules.${code}`,
            message: {
              zh: `规则 ${shown(code)} 的级别“${shown(value)}”无效（可选 ${RULE_SEVERITIES.join('、')}），已使用默认级别`,
              en: `severity "${shown(value)}" for rule ${shown(code)} is not one of ${RULE_SEVERITIES.join(', ')}; using its default`,
            },
          });
        }
      }
    }
  }
  let template = 'auto';
  if (raw.template !== undefined && raw.template !== null && raw.template !== '') {
    if (typeof raw.template === 'string' && (raw.template === 'auto' || /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(raw.template))) {
      template = raw.template;
    } else {
      problems.push({
        setting: 'fangan.template',
        message: {
          zh: `fangan.template 的值“${shown(raw.template)}”无效（应为 auto 或模板标识，如 fazhi-shehui），已按方案类型选择模板`,
          en: `fangan.template "${shown(raw.template)}" is not auto or a template id (such as fazhi-shehui); choosing by the plan's kind`,
        },
      });
    }
  }
  const corpus = normalizeCorpus(raw.corpus, problems);
  const leadUnits = { check: readLeadUnitsCheck(raw.leadUnits, problems) };
  const source = normalizeSource(raw.source, problems);
  return { settings: { activation, rules, template, corpus, leadUnits, source }, problems };
}

function readLeadUnitsCheck(raw: unknown, problems: SettingsProblem[]): LeadUnitsCheckMode {
  const fallback = DEFAULT_SETTINGS.leadUnits.check;
  if (raw === undefined || raw === null) return fallback;
  if (!isRecord(raw)) {
    problems.push({
      setting: 'fangan.leadUnits',
      message: { zh: 'fangan.leadUnits 应为对象，已使用默认设置', en: 'fangan.leadUnits must be an object; defaults are used' },
    });
    return fallback;
  }
  const value = raw.check;
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (LEAD_UNITS_CHECK_MODES as readonly string[]).includes(value)) return value as LeadUnitsCheckMode;
  problems.push({
    setting: 'fangan.leadUnits.check',
    message: {
      zh: `fangan.leadUnits.check 的值“${shown(value)}”无效（可选 ${LEAD_UNITS_CHECK_MODES.join('、')}），已使用 ${fallback}`,
      en: `fangan.leadUnits.check "${shown(value)}" is not one of ${LEAD_UNITS_CHECK_MODES.join(', ')}; using ${fallback}`,
    },
  });
  return fallback;
}

/** `fangan.corpus.folders`: a list of folder paths; anything else in it is reported and left out. */
function normalizeCorpus(raw: unknown, problems: SettingsProblem[]): FanganSettings['corpus'] {
  if (raw === undefined || raw === null) return DEFAULT_SETTINGS.corpus;
  if (!isRecord(raw)) {
    problems.push({
      setting: 'fangan.corpus',
      message: { zh: 'fangan.corpus 应为对象（如 {"folders": [...]}），已忽略', en: 'fangan.corpus must be an object (such as {"folders": [...]}); ignored' },
    });
    return DEFAULT_SETTINGS.corpus;
  }
  const folders = raw.folders;
  if (folders === undefined || folders === null) return DEFAULT_SETTINGS.corpus;
  if (!Array.isArray(folders)) {
    problems.push({
      setting: 'fangan.corpus.folders',
      message: { zh: 'fangan.corpus.folders 应为文件夹路径的列表，已忽略', en: 'fangan.corpus.folders must be a list of folder paths; ignored' },
    });
    return DEFAULT_SETTINGS.corpus;
  }
  const out: string[] = [];
  for (const folder of folders) {
    if (typeof folder === 'string' && folder.trim().length > 0) {
      if (!out.includes(folder.trim())) out.push(folder.trim());
    } else {
      problems.push({
        setting: 'fangan.corpus.folders',
        message: {
          zh: `fangan.corpus.folders 中的“${shown(folder)}”不是文件夹路径，已忽略`,
          en: `"${shown(folder)}" in fangan.corpus.folders is not a folder path; ignored`,
        },
      });
    }
  }
  return { folders: out };
}

/** A value of `fangan.source` (or a directive's) that names a file rather than a plan's title. */
export function isSourcePath(value: string): boolean {
  return /[\\/]/.test(value) || /\.(txt|md|docx)$/i.test(value);
}

/** A plan's title or a file's path is never this long: a longer value is a mistake (a pasted text). */
const MAX_SOURCE_CHARS = 1000;

/** `fangan.source`: a title or path, or a list of them; anything else in it is reported and left out. */
function normalizeSource(raw: unknown, problems: SettingsProblem[]): readonly string[] {
  if (raw === undefined || raw === null) return DEFAULT_SETTINGS.source;
  const values = typeof raw === 'string' ? [raw] : Array.isArray(raw) ? raw : null;
  if (!values) {
    problems.push({
      setting: 'fangan.source',
      message: {
        zh: `fangan.source 应为上级方案的标题或文件路径（或它们的列表），“${shown(raw)}”已忽略`,
        en: `fangan.source must be the title or file path of the plan above (or a list of them); "${shown(raw)}" is ignored`,
      },
    });
    return DEFAULT_SETTINGS.source;
  }
  const out: string[] = [];
  for (const value of values) {
    if (typeof value === 'string' && value.length <= MAX_SOURCE_CHARS) {
      const name = value.trim();
      if (name && !out.includes(name)) out.push(name);
      continue;
    }
    problems.push({
      setting: 'fangan.source',
      message: {
        zh: `fangan.source 中的“${shown(value)}”不是方案标题或文件路径，已忽略`,
        en: `"${shown(value)}" in fangan.source is not a plan title or a file path; ignored`,
      },
    });
  }
  return out;
}

/** Rule codes that name no rule, as problems of the setting (`fangan.rules.numbering-gpa`). */
export function unknownRuleProblems(rules: Readonly<Record<string, unknown>>, prefix: string, ruleCodes: readonly string[]): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  for (const code of Object.keys(rules)) {
    if (ruleCodes.includes(code)) continue;
    problems.push({
      setting: `${prefix}.${code}`,
      message: {
        zh: `没有规则代码“${code}”，该项已忽略（规则代码见 docs/rules/ 或各条问题的编号链接）`,
        en: `there is no rule "${code}"; the entry is ignored (rule codes are listed in docs/rules/ and linked from each problem)`,
      },
    });
  }
  return problems;
}
