import type { Notes } from './notes';
import { formatNumber } from './numberFormat';
import type { Styles } from './styles';
import { elements, isOn, isW, wAttr, wChild, wholeNumber, wVal, type XmlElement } from './xml';

/**
 * Word's automatic numbering (`word/numbering.xml`, ECMA-376 §17.9), rendered as Word shows it.
 *
 * - A paragraph's `w:numId` names a `w:num`, which points at a `w:abstractNum` (through
 *   `w:numStyleLink` → a numbering style → its `w:numId` → … when the list is defined by a style).
 * - The running counts belong to the abstract definition: every `w:num` of one `w:abstractNum`
 *   continues the same list. A `w:num` with `w:lvlOverride/w:startOverride` restarts that level
 *   at the override the first time the `w:num` is used at it; an overriding `w:lvl` replaces the
 *   level's format and text for that `w:num`.
 * - A level restarts when a level above it is numbered (or, with `w:lvlRestart N`, only when level
 *   N or one above it is; 0: never), at its `w:start`.
 * - `w:lvlText` is written with `%1`…`%9` replaced by those levels' counts in their formats (all
 *   decimal under `w:isLgl`); a level never used yet counts as its start.
 */

export const LEVELS = 9;
/** Definitions kept of each kind (`w:abstractNum`, `w:num`); a real document has a few hundred. */
export const MAX_NUMBERING_DEFINITIONS = 10_000;
/** `w:numStyleLink` hops followed before a definition counts as looping. */
const MAX_STYLE_LINKS = 8;
/** Characters of a level text used (Word's dialog allows far fewer). */
const MAX_LEVEL_TEXT = 255;

export interface LevelDefinition {
  readonly start: number;
  readonly format: string;
  readonly text: string;
  /** `w:lvlRestart`: null when absent (restart after any level above). */
  readonly restart: number | null;
  readonly suffix: 'tab' | 'space' | 'nothing';
  readonly legal: boolean;
  /** `w:pStyle`: the paragraph style this level is linked to. */
  readonly style: string | null;
}

interface AbstractNumbering {
  readonly id: string;
  readonly levels: ReadonlyArray<LevelDefinition | undefined>;
  readonly numStyleLink: string | null;
}

interface LevelOverride {
  readonly start?: number;
  readonly level?: LevelDefinition;
}

interface NumberingInstance {
  readonly id: string;
  readonly abstractId: string | null;
  readonly overrides: ReadonlyMap<number, LevelOverride>;
}

interface Resolved {
  readonly instance: NumberingInstance;
  readonly abstract: AbstractNumbering;
}

export class ListNumbering {
  private readonly abstracts = new Map<string, AbstractNumbering>();
  private readonly instances = new Map<string, NumberingInstance>();
  private readonly resolved = new Map<string, Resolved | null>();
  /** The counts of each abstract definition's levels; undefined: not started (or restarted). */
  private readonly counts = new Map<string, Array<number | undefined>>();
  /** `numId:level` pairs used so far (a start override applies at the first). */
  private readonly used = new Set<string>();

  constructor(
    root: XmlElement | undefined,
    private readonly styles: Styles,
    private readonly notes: Notes,
  ) {
    if (!root) return;
    for (const child of elements(root)) {
      if (isW(child, 'abstractNum')) {
        const id = wAttr(child, 'abstractNumId');
        if (id === null || this.abstracts.has(id.trim())) continue;
        if (this.abstracts.size >= MAX_NUMBERING_DEFINITIONS) {
          this.tooMany();
          continue;
        }
        this.abstracts.set(id.trim(), { id: id.trim(), levels: levelsOf(child), numStyleLink: wVal(child, 'numStyleLink') });
      } else if (isW(child, 'num')) {
        const id = wAttr(child, 'numId');
        if (id === null || this.instances.has(id.trim())) continue;
        if (this.instances.size >= MAX_NUMBERING_DEFINITIONS) {
          this.tooMany();
          continue;
        }
        this.instances.set(id.trim(), { id: id.trim(), abstractId: wVal(child, 'abstractNumId')?.trim() ?? null, overrides: overridesOf(child) });
      }
    }
  }

  /**
   * The number Word shows before a paragraph of list `numId` at `level` (undefined: from the level
   * linked to the paragraph's style, else 0), with what follows it, and the list counted on; ''
   * for a bullet, a level without a number, or a list that cannot be resolved (noted once).
   */
  next(numId: string, level: number | undefined, styleChain: readonly string[]): string {
    const list = this.resolve(numId);
    if (!list) return '';
    const at = level ?? linkedLevel(list.abstract, styleChain) ?? 0;
    if (!Number.isInteger(at) || at < 0 || at >= LEVELS) return '';
    const definition = this.definition(list, at);
    if (!definition) return '';
    let counts = this.counts.get(list.abstract.id);
    if (!counts) this.counts.set(list.abstract.id, (counts = new Array<number | undefined>(LEVELS).fill(undefined)));
    const firstUse = !this.used.has(`${numId}:${at}`);
    this.used.add(`${numId}:${at}`);
    const override = list.instance.overrides.get(at)?.start;
    const current = counts[at];
    counts[at] = firstUse && override !== undefined ? override : current === undefined ? this.start(list, at) : current + 1;
    for (let deeper = at + 1; deeper < LEVELS; deeper++) {
      const restart = this.definition(list, deeper)?.restart ?? null;
      const after = restart === null || restart > deeper ? deeper : restart; // 1-based: restart after that level or one above
      if (restart !== 0 && at < after) counts[deeper] = undefined;
    }
    if (definition.format === 'bullet') return '';
    const number = this.levelText(list, definition, counts);
    return number === '' ? '' : number + suffixAfter(number, definition.suffix);
  }

  private levelText(list: Resolved, definition: LevelDefinition, counts: ReadonlyArray<number | undefined>): string {
    let out = '';
    const text = definition.text;
    for (let i = 0; i < text.length; i++) {
      const digit = text.charCodeAt(i + 1) - 0x30;
      if (text[i] === '%' && digit >= 1 && digit <= LEVELS) {
        const level = digit - 1;
        const format = this.definition(list, level)?.format ?? 'decimal';
        const value = counts[level] ?? this.start(list, level);
        out += formatNumber(value, definition.legal && format !== 'none' && format !== 'bullet' ? 'decimal' : format);
        i++;
      } else {
        out += text[i];
      }
    }
    return out;
  }

  private definition(list: Resolved, level: number): LevelDefinition | undefined {
    return list.instance.overrides.get(level)?.level ?? list.abstract.levels[level];
  }

  private start(list: Resolved, level: number): number {
    return list.instance.overrides.get(level)?.start ?? this.definition(list, level)?.start ?? 0;
  }

  /** `w:num` → its `w:abstractNum`, through numbering styles; null (noted once) when missing or looping. */
  private resolve(numId: string): Resolved | null {
    const cached = this.resolved.get(numId);
    if (cached !== undefined) return cached;
    let result: Resolved | null = null;
    const instance = this.instances.get(numId);
    if (!instance) {
      this.notes.add(`num:${numId}`, () => ({
        zh: `自动编号 ${numId} 没有定义（numbering.xml 中缺少），使用它的段落读出时没有编号`,
        en: `automatic numbering ${numId} is not defined (missing from numbering.xml); its paragraphs are read without numbers`,
      }));
    } else {
      result = this.follow(instance);
    }
    this.resolved.set(numId, result);
    return result;
  }

  private follow(instance: NumberingInstance): Resolved | null {
    const seen = new Set<string>();
    let abstractId = instance.abstractId;
    for (let hop = 0; hop <= MAX_STYLE_LINKS; hop++) {
      const abstract = abstractId === null ? undefined : this.abstracts.get(abstractId);
      if (!abstract) {
        this.notes.add(`abstract:${abstractId}`, () => ({
          zh: `自动编号 ${instance.id} 引用的编号定义 ${abstractId ?? '（空）'} 不存在，使用它的段落读出时没有编号`,
          en: `automatic numbering ${instance.id} refers to numbering definition ${abstractId ?? '(none)'}, which does not exist; its paragraphs are read without numbers`,
        }));
        return null;
      }
      if (abstract.numStyleLink === null) return { instance, abstract };
      if (seen.has(abstract.id)) break;
      seen.add(abstract.id);
      const linkedNum = this.styles.numberingStyleNumId(abstract.numStyleLink);
      abstractId = linkedNum === undefined ? null : (this.instances.get(linkedNum)?.abstractId ?? null);
    }
    this.notes.add(`loop:${instance.id}`, () => ({
      zh: `自动编号 ${instance.id} 的编号样式循环引用自身，使用它的段落读出时没有编号`,
      en: `automatic numbering ${instance.id} is defined through numbering styles that refer back to themselves; its paragraphs are read without numbers`,
    }));
    return null;
  }

  private tooMany(): void {
    this.notes.add('too-many-definitions', () => ({
      zh: `numbering.xml 中的编号定义超过 ${MAX_NUMBERING_DEFINITIONS} 个，其余的未读取`,
      en: `numbering.xml holds more than ${MAX_NUMBERING_DEFINITIONS} numbering definitions; the rest are not read`,
    }));
  }
}

function levelsOf(abstract: XmlElement): Array<LevelDefinition | undefined> {
  const levels = new Array<LevelDefinition | undefined>(LEVELS).fill(undefined);
  for (const child of elements(abstract)) {
    if (!isW(child, 'lvl')) continue;
    const level = wholeNumber(wAttr(child, 'ilvl'));
    if (level !== null && level >= 0 && level < LEVELS && !levels[level]) levels[level] = levelOf(child);
  }
  return levels;
}

function overridesOf(num: XmlElement): Map<number, LevelOverride> {
  const overrides = new Map<number, LevelOverride>();
  for (const child of elements(num)) {
    if (!isW(child, 'lvlOverride')) continue;
    const level = wholeNumber(wAttr(child, 'ilvl'));
    if (level === null || level < 0 || level >= LEVELS || overrides.has(level)) continue;
    const start = wholeNumber(wVal(child, 'startOverride'));
    const lvl = wChild(child, 'lvl');
    overrides.set(level, { ...(start !== null ? { start: Math.max(0, start) } : {}), ...(lvl ? { level: levelOf(lvl) } : {}) });
  }
  return overrides;
}

function levelOf(lvl: XmlElement): LevelDefinition {
  const suffix = wVal(lvl, 'suff');
  return {
    start: Math.max(0, wholeNumber(wVal(lvl, 'start')) ?? 0),
    format: wVal(lvl, 'numFmt') ?? 'decimal',
    text: (wVal(lvl, 'lvlText') ?? '').slice(0, MAX_LEVEL_TEXT),
    restart: wholeNumber(wVal(lvl, 'lvlRestart')),
    suffix: suffix === 'space' || suffix === 'nothing' ? suffix : 'tab',
    legal: isOn(wChild(lvl, 'isLgl')),
    style: wVal(lvl, 'pStyle'),
  };
}

/** The level of an abstract definition linked (`w:lvl/w:pStyle`) to the paragraph's style or one it is based on. */
function linkedLevel(abstract: AbstractNumbering, styleChain: readonly string[]): number | undefined {
  for (const style of styleChain) {
    const level = abstract.levels.findIndex((l) => l?.style === style);
    if (level !== -1) return level;
  }
  return undefined;
}

/**
 * What follows the number in a plan line. Word puts a tab after it by default: after a number that
 * ends in punctuation (`一、` `（一）` `1.` `①`) the text follows directly, as drafters write it;
 * after a bare number or letter (`1`, `A`) a space keeps them apart (`1 标题` is a marker Fangan
 * reads). `w:suff` space keeps its space; nothing adds nothing.
 */
function suffixAfter(number: string, suffix: LevelDefinition['suffix']): string {
  if (suffix === 'nothing') return '';
  if (suffix === 'space') return ' ';
  return /[\p{L}\p{Nd}]$/u.test(number) ? ' ' : '';
}
