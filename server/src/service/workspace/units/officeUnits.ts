import { MAX_UNITS_FILE_BYTES } from '../../limits';
import { getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser/lib/esm/main.js';
import type { WorkspaceHost } from '../host';
import type { Localized } from '../../l10n';
import { decodePlanBytes } from '../../text/decode';
import { baseName, normalizeName } from './names';
import { UnitRegistry, type WorkspaceUnit, type WorkspaceUnits } from './registry';
import { joinPath } from '../paths';

/**
 * An office's own unit registry, `.fangan/units.json` in a workspace folder (comments allowed):
 *
 *   {
 *     "units": [
 *       "县融媒体中心",
 *       { "name": "县商务和工业信息化局", "aliases": ["商务工业信息化局"] }
 *     ],
 *     "collectives": ["县直各单位"]
 *   }
 *
 * A bad entry is reported with its file and line and skipped; a file that is not valid JSON is
 * reported once and ignored. The built-in registry works either way.
 */

export const UNITS_FILE = '.fangan/units.json';

export interface UnitRegistryProblem {
  /** The file as the user knows it (absolute path). */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  readonly column: number;
  readonly message: Localized;
}

export interface UnitRegistryFile {
  readonly path: string;
  readonly text: string;
}

const SYNTAX: Record<string, string> = {
  InvalidSymbol: '无效的字符',
  InvalidNumberFormat: '数字格式无效',
  PropertyNameExpected: '缺少字段名',
  ValueExpected: '缺少值',
  ColonExpected: '缺少冒号',
  CommaExpected: '缺少逗号',
  CloseBraceExpected: '缺少右花括号“}”',
  CloseBracketExpected: '缺少右方括号“]”',
  EndOfFileExpected: '文件末尾有多余内容',
  InvalidCommentToken: '注释写法无效',
  UnexpectedEndOfComment: '注释没有结束',
  UnexpectedEndOfString: '字符串没有结束（缺少引号）',
  UnexpectedEndOfNumber: '数字没有结束',
  InvalidUnicode: 'Unicode 转义无效',
  InvalidEscapeCharacter: '转义字符无效',
  InvalidCharacter: '无效的字符',
};

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** Parses one registry file; never throws. */
export function parseUnitRegistry(file: UnitRegistryFile): { units: WorkspaceUnits; problems: UnitRegistryProblem[] } {
  const problems: UnitRegistryProblem[] = [];
  const empty = { units: [], collectives: [] };
  const text = file.text.replace(/^\ufeff/, '');
  const starts = lineStarts(text);
  const where = (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] + 1 };
  };
  const problem = (offset: number, zh: string, en: string) => problems.push({ file: file.path, ...where(offset), message: { zh, en } });

  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0 || !root) {
    const e = errors[0];
    const code = e ? printParseErrorCode(e.error) : 'ValueExpected';
    problem(e?.offset ?? 0, `不是有效的 JSON：${SYNTAX[code] ?? code}，整个文件未载入`, `not valid JSON: ${code}; the file was not loaded`);
    return { units: empty, problems };
  }
  if (root.type !== 'object') {
    problem(root.offset, '应为一个对象：{ "units": [ … ], "collectives": [ … ] }，整个文件未载入', 'must be an object: { "units": [ … ], "collectives": [ … ] }; the file was not loaded');
    return { units: empty, problems };
  }

  const units: WorkspaceUnit[] = [];
  const collectives: string[] = [];
  const seen = new Map<string, number>();
  const claim = (name: string, offset: number): boolean => {
    const key = baseName(normalizeName(name));
    const line = where(offset).line;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problem(offset, `“${name}”已在第 ${earlier} 行列出，此处重复，已忽略`, `"${name}" is already listed on line ${earlier}; this one is ignored`);
      return false;
    }
    seen.set(key, line);
    return true;
  };
  const nonEmptyString = (n: Node | undefined): boolean => !!n && n.type === 'string' && String(n.value).trim().length > 0;

  for (const property of root.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    const key = String(keyNode?.value ?? '');
    if (key === 'units') {
      if (valueNode?.type !== 'array') {
        problem(valueNode?.offset ?? property.offset, '“units”应为数组', '"units" must be an array');
        continue;
      }
      (valueNode.children ?? []).forEach((entry, i) => {
        const line = where(entry.offset).line;
        if (nonEmptyString(entry)) {
          const name = String(entry.value).trim();
          if (claim(name, entry.offset)) units.push({ name, aliases: [], file: file.path, line });
          return;
        }
        if (entry.type !== 'object') {
          problem(entry.offset, `第 ${i + 1} 个单位应为名称字符串，或 { "name": "…", "aliases": ["…"] }，已忽略`, `unit ${i + 1} must be a name or { "name": "…", "aliases": ["…"] }; ignored`);
          return;
        }
        let name: string | null = null;
        const aliases: Array<{ value: string; offset: number }> = [];
        let bad = false;
        for (const field of entry.children ?? []) {
          const [fk, fv] = field.children ?? [];
          const fieldName = String(fk?.value ?? '');
          if (fieldName === 'name') {
            if (fv && nonEmptyString(fv)) name = String(fv.value).trim();
            else {
              problem(fv?.offset ?? field.offset, '“name”应为非空的单位名称', '"name" must be a non-empty unit name');
              bad = true;
            }
          } else if (fieldName === 'aliases') {
            if (fv?.type !== 'array' || !(fv.children ?? []).every(nonEmptyString)) {
              problem(fv?.offset ?? field.offset, '“aliases”应为单位名称的数组，如 ["司法局"]', '"aliases" must be an array of names, e.g. ["司法局"]');
              bad = true;
            } else for (const a of fv.children ?? []) aliases.push({ value: String(a.value).trim(), offset: a.offset });
          } else {
            problem(field.offset, `单位条目中有未知字段“${fieldName}”（可用：name、aliases）`, `unknown field "${fieldName}" in a unit (allowed: name, aliases)`);
          }
        }
        if (name === null && !bad) {
          problem(entry.offset, `第 ${i + 1} 个单位缺少“name”，已忽略`, `unit ${i + 1} has no "name"; ignored`);
          return;
        }
        if (bad || name === null || !claim(name, entry.offset)) return;
        const kept = aliases.filter((a) => claim(a.value, a.offset)).map((a) => a.value);
        units.push({ name, aliases: kept, file: file.path, line });
      });
    } else if (key === 'collectives') {
      if (valueNode?.type !== 'array' || !(valueNode.children ?? []).every(nonEmptyString)) {
        problem(valueNode?.offset ?? property.offset, '“collectives”应为名称的数组，如 ["县直各单位"]', '"collectives" must be an array of names, e.g. ["县直各单位"]');
        continue;
      }
      for (const c of getNodeValue(valueNode) as string[]) collectives.push(c.trim());
    } else if (key !== '$schema' && key !== 'about') {
      problem(property.offset, `未知字段“${key}”（可用：units、collectives），已忽略`, `unknown field "${key}" (allowed: units, collectives); ignored`);
    }
  }
  return { units: { units, collectives }, problems };
}

/** Merges the registry files of every workspace folder into one registry. */
export function registryFromFiles(files: readonly UnitRegistryFile[]): { registry: UnitRegistry; problems: UnitRegistryProblem[] } {
  const units: WorkspaceUnit[] = [];
  const collectives: string[] = [];
  const problems: UnitRegistryProblem[] = [];
  for (const file of files) {
    const parsed = parseUnitRegistry(file);
    units.push(...parsed.units.units);
    collectives.push(...parsed.units.collectives);
    problems.push(...parsed.problems);
  }
  return { registry: new UnitRegistry({ units, collectives }), problems };
}

/** Reads `.fangan/units.json` of every workspace folder through the host (missing files are fine). */
export async function readRegistryFiles(host: WorkspaceHost): Promise<{ files: UnitRegistryFile[]; problems: UnitRegistryProblem[] }> {
  const files: UnitRegistryFile[] = [];
  const problems: UnitRegistryProblem[] = [];
  for (const folder of host.workspaceFolders) {
    const path = joinPath(folder, UNITS_FILE);
    try {
      const stat = await host.stat(path);
      if (!stat || stat.type !== 'file') continue;
      if (stat.size > MAX_UNITS_FILE_BYTES) {
        problems.push({
          file: path,
          line: 1,
          column: 1,
          message: { zh: `文件过大（${stat.size} 字节，上限 ${MAX_UNITS_FILE_BYTES} 字节），未读取`, en: `file too large (${stat.size} bytes, the limit is ${MAX_UNITS_FILE_BYTES}); not read` },
        });
        continue;
      }
      const decoded = decodePlanBytes(await host.readFile(path));
      if (!decoded.ok) {
        problems.push({ file: path, line: 1, column: 1, message: { zh: '无法读取：不是文本文件', en: 'cannot read: not a text file' } });
        continue;
      }
      files.push({ path, text: decoded.text });
    } catch (error) {
      problems.push({ file: path, line: 1, column: 1, message: { zh: `无法读取：${String(error)}`, en: `cannot read: ${String(error)}` } });
    }
  }
  return { files, problems };
}

/** `/work/.fangan/units.json:5:3: …` in the user's language, for logs and notifications. */
export function formatRegistryProblem(problem: UnitRegistryProblem, locale: 'zh' | 'en'): string {
  const where = `${problem.file}:${problem.line}:${problem.column}`;
  return locale === 'zh' ? `${where}：${problem.message.zh}` : `${where}: ${problem.message.en}`;
}
