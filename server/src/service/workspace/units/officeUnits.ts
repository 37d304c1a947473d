import { getNodeValue, type Node } from 'jsonc-parser/lib/esm/main.js';
import { MAX_UNITS_FILE_BYTES } from '../../limits';
import type { WorkspaceHost } from '../host';
import { loadOfficeFile, parseOfficeJson, type OfficeJson } from '../officeFile';
import { joinPath } from '../paths';
import type { WorkspaceProblem } from '../problems';
import { baseName, normalizeName } from './names';
import { UnitRegistry, type WorkspaceUnit, type WorkspaceUnits } from './registry';

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

/** A problem in a registry file, at its line and column. */
export type UnitRegistryProblem = WorkspaceProblem;

export interface UnitRegistryFile {
  readonly path: string;
  readonly text: string;
}

/** Parses one registry file; never throws. */
export function parseUnitRegistry(file: UnitRegistryFile): { units: WorkspaceUnits; problems: UnitRegistryProblem[] } {
  const parsed = parseOfficeJson(file.path, file.text);
  return parsed.json ? readUnitRegistry(parsed.json) : { units: { units: [], collectives: [] }, problems: parsed.problems };
}

function readUnitRegistry(json: OfficeJson): { units: WorkspaceUnits; problems: UnitRegistryProblem[] } {
  const problems: UnitRegistryProblem[] = [];
  const empty = { units: [], collectives: [] };
  const file = { path: json.path };
  const where = (offset: number) => {
    const placed = json.problem(offset, { zh: '', en: '' });
    return { line: placed.line ?? 1, column: placed.column ?? 1 };
  };
  const problem = (offset: number, zh: string, en: string) => problems.push(json.problem(offset, { zh, en }));
  const { root } = json;
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
  return merge(files.map(parseUnitRegistry));
}

function merge(parsed: ReadonlyArray<{ units: WorkspaceUnits; problems: UnitRegistryProblem[] }>): { registry: UnitRegistry; problems: UnitRegistryProblem[] } {
  const units: WorkspaceUnit[] = [];
  const collectives: string[] = [];
  const problems: UnitRegistryProblem[] = [];
  for (const p of parsed) {
    units.push(...p.units.units);
    collectives.push(...p.units.collectives);
    problems.push(...p.problems);
  }
  return { registry: new UnitRegistry({ units, collectives }), problems };
}

/** Reads `.fangan/units.json` of every workspace folder through the host (missing files are fine) into one registry. */
export async function readOfficeRegistry(host: WorkspaceHost): Promise<{ registry: UnitRegistry; problems: UnitRegistryProblem[] }> {
  const parsed: Array<{ units: WorkspaceUnits; problems: UnitRegistryProblem[] }> = [];
  for (const folder of host.workspaceFolders) {
    const loaded = await loadOfficeFile(host, joinPath(folder, UNITS_FILE), MAX_UNITS_FILE_BYTES);
    if (!loaded) continue;
    parsed.push(loaded.json ? readUnitRegistry(loaded.json) : { units: { units: [], collectives: [] }, problems: loaded.problems });
  }
  return merge(parsed);
}
