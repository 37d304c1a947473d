import type { Localized } from '../../l10n';
import { toChineseNumeral } from '../../text/chinese';

/**
 * A plan template describes one kind of plan: its mandated sections in the order of the outline it
 * implements, the names each section goes by, the parts 总体要求 must have, whether measures need a
 * 牵头单位, and the standard wording used when a section is inserted. Templates are data (JSON):
 * built-ins in `templates/`, an office's own in `.fangan/templates/*.json`. The format is
 * documented in README ("Mandated sections") and in `schemas/template.schema.json`.
 */

/** Whether measures in a section carry responsibility notes (总体要求 never; 组织保障 sometimes). */
export type NotesRequirement = 'never' | 'optional' | 'required';
export const NOTES_REQUIREMENTS: readonly NotesRequirement[] = ['never', 'optional', 'required'];

/** Where a missing section is inserted: before the tasks (general), among them (task), after them (organisation). */
export type SectionRole = 'general' | 'task' | 'organisation';
export const SECTION_ROLES: readonly SectionRole[] = ['general', 'task', 'organisation'];

export interface TemplateSubsection {
  readonly title: string;
  /** Every name it goes by, the title first. */
  readonly names: readonly string[];
  readonly required: boolean;
  /** Standard wording written after `（二）主要原则。` when the subsection is inserted. */
  readonly text: string;
}

export interface TemplateSection {
  readonly id: string;
  readonly title: string;
  /** Every name it goes by, the title first. */
  readonly names: readonly string[];
  readonly role: SectionRole;
  readonly required: boolean;
  readonly notes: NotesRequirement;
  /** Part of the outline it corresponds to (第X部分), 1-based; defaults to its position. */
  readonly part: number;
  readonly subsections: readonly TemplateSubsection[];
  /** Standard opening paragraphs written under the heading when the section is inserted. */
  readonly opening: readonly string[];
}

export interface PlanTemplate {
  readonly id: string;
  readonly name: string;
  /** The outline the plan implements (法治社会建设实施纲要（2020—2025年）), without 《》. */
  readonly outline: string | null;
  /** Plan kinds (model `Plan.kind`) that use this template unless told otherwise. */
  readonly kinds: readonly string[];
  readonly sections: readonly TemplateSection[];
  /** Where it came from: `built-in` or the file it was read from. */
  readonly source: string;
}

export interface TemplateProblem {
  /** The file (or built-in name) the problem is in. */
  readonly file: string;
  readonly message: Localized;
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const TOP_KEYS = new Set(['$schema', 'id', 'name', 'description', 'outline', 'kinds', 'sections']);
const SECTION_KEYS = new Set(['id', 'title', 'names', 'role', 'required', 'notes', 'part', 'subsections', 'opening', 'source']);
const SUBSECTION_KEYS = new Set(['title', 'names', 'required', 'text', 'source']);

/** A problem at a JSON path (`sections[2].names`), in both languages. */
function at(path: string, zh: string, en: string): Localized {
  return { zh: path ? `${path}：${zh}` : zh, en: path ? `${path}: ${en}` : en };
}

class Collector {
  readonly problems: Localized[] = [];
  add(message: Localized): void {
    this.problems.push(message);
  }
  string(obj: Record<string, unknown>, key: string, path: string, required: boolean): string | undefined {
    const value = obj[key];
    if (value === undefined) {
      if (required) this.add(at(path, `缺少必填字段“${key}”`, `missing required field "${key}"`));
      return undefined;
    }
    if (typeof value !== 'string' || value.trim() === '') {
      this.add(at(`${path}${path ? '.' : ''}${key}`, '应为非空字符串', 'must be a non-empty string'));
      return undefined;
    }
    return value.trim();
  }
  strings(obj: Record<string, unknown>, key: string, path: string, allowEmptyItems = false): string[] | undefined {
    const value = obj[key];
    if (value === undefined) return undefined;
    const where = `${path}${path ? '.' : ''}${key}`;
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || (!allowEmptyItems && v.trim() === ''))) {
      this.add(at(where, '应为字符串数组', 'must be an array of strings'));
      return undefined;
    }
    return (value as string[]).map((v) => v.trim());
  }
  boolean(obj: Record<string, unknown>, key: string, path: string, fallback: boolean): boolean {
    const value = obj[key];
    if (value === undefined) return fallback;
    if (typeof value !== 'boolean') {
      this.add(at(`${path}.${key}`, '应为 true 或 false', 'must be true or false'));
      return fallback;
    }
    return value;
  }
  unknownKeys(obj: Record<string, unknown>, allowed: Set<string>, path: string): void {
    for (const key of Object.keys(obj)) {
      if (!allowed.has(key)) {
        this.add(at(path, `未知字段“${key}”（拼写错误？）`, `unknown field "${key}" (a typo?)`));
      }
    }
  }
}

function unique(names: readonly string[]): string[] {
  return [...new Set(names.filter((n) => n.length > 0))];
}

/**
 * Reads a template from parsed JSON. Returns the template, or every problem found (each naming the
 * JSON path), so that an office sees all its mistakes at once.
 */
export function readTemplate(json: unknown, source: string): { template: PlanTemplate } | { problems: Localized[] } {
  const c = new Collector();
  if (!isRecord(json)) return { problems: [at('', '模板应为 JSON 对象', 'a template must be a JSON object')] };
  c.unknownKeys(json, TOP_KEYS, '');
  const id = c.string(json, 'id', '', true);
  if (id !== undefined && !ID.test(id)) {
    c.add(at('id', `“${id}”不是有效的模板标识（字母、数字、“-”“_”“.”，不超过 64 个字符）`, `"${id}" is not a valid template id (letters, digits, - _ ., at most 64 characters)`));
  }
  const name = c.string(json, 'name', '', true);
  const outline = json.outline === undefined ? null : c.string(json, 'outline', '', false) ?? null;
  if (json.description !== undefined && typeof json.description !== 'string') {
    c.add(at('description', '应为字符串', 'must be a string'));
  }
  const kinds = c.strings(json, 'kinds', '') ?? [];
  const sections: TemplateSection[] = [];
  if (!Array.isArray(json.sections)) {
    c.add(at('', json.sections === undefined ? '缺少必填字段“sections”' : 'sections 应为数组', json.sections === undefined ? 'missing required field "sections"' : 'sections must be an array'));
  } else {
    const seenIds = new Set<string>();
    json.sections.forEach((raw, i) => {
      const path = `sections[${i}]`;
      if (!isRecord(raw)) {
        c.add(at(path, '应为对象', 'must be an object'));
        return;
      }
      c.unknownKeys(raw, SECTION_KEYS, path);
      const title = c.string(raw, 'title', path, true);
      const sectionId = c.string(raw, 'id', path, false) ?? title;
      if (sectionId !== undefined) {
        if (seenIds.has(sectionId)) c.add(at(`${path}.id`, `与前面的章节重复：“${sectionId}”`, `duplicates an earlier section: "${sectionId}"`));
        seenIds.add(sectionId);
      }
      const names = c.strings(raw, 'names', path) ?? [];
      let role: SectionRole = 'task';
      if (raw.role !== undefined) {
        if ((SECTION_ROLES as readonly unknown[]).includes(raw.role)) role = raw.role as SectionRole;
        else c.add(at(`${path}.role`, `应为 ${SECTION_ROLES.join('、')} 之一`, `must be one of ${SECTION_ROLES.join(', ')}`));
      }
      let notes: NotesRequirement = role === 'general' ? 'never' : role === 'organisation' ? 'optional' : 'required';
      if (raw.notes !== undefined) {
        if ((NOTES_REQUIREMENTS as readonly unknown[]).includes(raw.notes)) notes = raw.notes as NotesRequirement;
        else c.add(at(`${path}.notes`, `应为 ${NOTES_REQUIREMENTS.join('、')} 之一`, `must be one of ${NOTES_REQUIREMENTS.join(', ')}`));
      }
      let part = i + 1;
      if (raw.part !== undefined) {
        if (typeof raw.part === 'number' && Number.isInteger(raw.part) && raw.part >= 1 && raw.part <= 99) part = raw.part;
        else c.add(at(`${path}.part`, '应为 1 到 99 的整数', 'must be an integer from 1 to 99'));
      }
      const required = c.boolean(raw, 'required', path, true);
      const opening = c.strings(raw, 'opening', path) ?? [];
      const subsections: TemplateSubsection[] = [];
      if (raw.subsections !== undefined) {
        if (!Array.isArray(raw.subsections)) c.add(at(`${path}.subsections`, '应为数组', 'must be an array'));
        else {
          raw.subsections.forEach((sub, j) => {
            const subPath = `${path}.subsections[${j}]`;
            if (!isRecord(sub)) {
              c.add(at(subPath, '应为对象', 'must be an object'));
              return;
            }
            c.unknownKeys(sub, SUBSECTION_KEYS, subPath);
            const subTitle = c.string(sub, 'title', subPath, true);
            const subNames = c.strings(sub, 'names', subPath) ?? [];
            const text = sub.text === undefined ? '' : c.string(sub, 'text', subPath, false) ?? '';
            const subRequired = c.boolean(sub, 'required', subPath, true);
            if (subTitle !== undefined) {
              subsections.push({ title: subTitle, names: unique([subTitle, ...subNames]), required: subRequired, text });
            }
          });
        }
      }
      if (title !== undefined && sectionId !== undefined) {
        sections.push({ id: sectionId, title, names: unique([title, ...names]), role, required, notes, part, subsections, opening });
      }
    });
    if (json.sections.length === 0) c.add(at('sections', '至少应有一个章节', 'must list at least one section'));
  }
  if (c.problems.length > 0 || id === undefined || name === undefined) {
    return { problems: c.problems.length > 0 ? c.problems : [at('', '模板不完整', 'incomplete template')] };
  }
  return { template: { id, name, outline, kinds, sections, source } };
}

/** 《法治社会建设实施纲要（2020—2025年）》第四部分 / 模板“通用方案” */
export function outlineReference(template: PlanTemplate, section: TemplateSection): Localized {
  if (template.outline) {
    return {
      zh: `《${template.outline}》第${toChineseNumeral(section.part)}部分`,
      en: `part ${section.part} of 《${template.outline}》`,
    };
  }
  return { zh: `“${template.name}”模板`, en: `template "${template.name}"` };
}
