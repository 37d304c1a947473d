import { MAX_NAME_CACHE_CHARS } from '../../limits';
import type { Plan, PlanLevel } from '../../model/types';
import { ownedCopy, TextCache } from '../../text/textCache';
import builtin from './builtin.json';
import {
  baseName,
  cityBranchPlace,
  committeeOf,
  comparableName,
  editDistance,
  hasUnitSuffix,
  isCollectiveName,
  isZoneName,
  leadingPrefix,
  LEVEL_OF_PREFIX,
  LEVELS,
  levelWordOf,
  normalizeName,
  splitRegion,
} from './names';

/**
 * The unit registry: which unit names exist at which level. Built-in stems (builtin.json, learned
 * from the seeds) give every level's forms (省司法厅 / 市司法局 / 县司法局); an office's own
 * `.fangan/units.json` adds its units, their aliases and its collectives. Pure data and lookups.
 */

export interface Stem {
  readonly id: string;
  readonly name: string;
  readonly forms: Readonly<Record<PlanLevel, readonly string[]>>;
  readonly keywords: readonly string[];
  /** How many measures of the seed plans it leads: how common a lead it is. */
  readonly leads: number;
}

/** One unit an office lists in `.fangan/units.json`. */
export interface WorkspaceUnit {
  readonly name: string;
  readonly aliases: readonly string[];
  /** Where it was declared, for hover and messages. */
  readonly file: string;
  readonly line: number;
}

export interface WorkspaceUnits {
  readonly units: readonly WorkspaceUnit[];
  readonly collectives: readonly string[];
}

/** Whom a plan is written for: the level, its prefix (县/区/省…) and the region (西吉县). */
export interface PlanScope {
  readonly level: PlanLevel | null;
  readonly prefix: string | null;
  readonly region: string | null;
}

export function scopeOf(plan: Plan): PlanScope {
  return { level: plan.level, prefix: plan.levelPrefix, region: plan.region };
}

/** A municipality (重庆市) is a province whose departments are named like a city's (市司法局). */
export function formLevelOf(scope: PlanScope): PlanLevel | null {
  return scope.level === 'province' && scope.prefix === '市' ? 'city' : scope.level;
}

export type IdentityStatus = 'known' | 'plausible' | 'other-level' | 'collective' | 'unknown';

export interface UnitIdentity {
  readonly status: IdentityStatus;
  /** The same key for every way of writing one unit (null for collectives and unknown names). */
  readonly key: string | null;
  /** The level the name belongs to; for a bare name (司法局) the plan's level. */
  readonly level: PlanLevel | null;
  /** The level prefix as written (县, 省), or the prefix of the region written (西吉县 → 县). */
  readonly prefix: string | null;
  readonly written: 'prefixed' | 'region' | 'bare';
  readonly stem: Stem | null;
  /** The stem's form the name matched ({C}宣传部), to rebuild the full name from a bare one. */
  readonly form: string | null;
  readonly workspace: WorkspaceUnit | null;
  /** The name without prefix or region (司法局). */
  readonly rest: string;
}

export interface KnownName {
  readonly name: string;
  readonly key: string;
  readonly stem: Stem | null;
  readonly workspace: WorkspaceUnit | null;
  /** The stem's first form at this level (the one to suggest). */
  readonly preferred: boolean;
}

interface FullEntry {
  readonly stem: Stem;
  readonly level: PlanLevel;
  readonly prefix: string;
  readonly form: string;
}

const STEMS: readonly Stem[] = builtin.stems as unknown as Stem[];
const LEVEL_PREFIXES = builtin.prefixes as Record<PlanLevel, string[]>;
/** Bare forms too generic to name a unit on their own. */
const GENERIC_BARE = new Set(['办公室', '办公厅', '办']);

/** A form for a prefix: `司法局` → 县司法局, `{C}宣传部` → 县委宣传部, `团{L}委` → 团县委. */
export function expandForm(form: string, prefix: string): string {
  if (!form.includes('{')) return prefix + form;
  return form
    .replace(/\{C\}/g, committeeOf(prefix))
    .replace(/\{P\}/g, prefix)
    .replace(/\{L\}/g, levelWordOf(prefix));
}

/** The form written without its prefix, as lists abbreviate (县委宣传部、政法委); null if it has none. */
function bareForm(form: string, prefix: string): string | null {
  let f = form;
  if (f.includes('{')) {
    if (!f.startsWith('{C}') && !f.startsWith('{P}')) return null;
    f = f.slice(3).replace(/\{[CP]\}/g, '').replace(/\{L\}/g, levelWordOf(prefix));
  }
  return f.length >= 2 && !GENERIC_BARE.has(f) ? f : null;
}

function stemKey(stem: Stem, level: PlanLevel): string {
  return `s:${stem.id}@${level}`;
}

// Built-in tables, shared by every registry (they never change).
const FULL = new Map<string, FullEntry[]>();
for (const stem of STEMS) {
  for (const level of LEVELS) {
    for (const form of stem.forms[level]) {
      for (const prefix of LEVEL_PREFIXES[level]) {
        const name = expandForm(form, prefix);
        const list = FULL.get(name) ?? [];
        if (!list.some((e) => e.stem === stem && e.level === level)) list.push({ stem, level, prefix, form });
        FULL.set(name, list);
      }
    }
  }
}
// By level, then prefix (asked for every level and prefix of every name not found in full).
const BARE: Record<PlanLevel, Map<string, Map<string, { stem: Stem; form: string }>>> = { province: new Map(), city: new Map(), county: new Map() };
function bareTable(level: PlanLevel, prefix: string): Map<string, { stem: Stem; form: string }> {
  let table = BARE[level].get(prefix);
  if (!table) {
    table = new Map();
    for (const stem of STEMS) {
      for (const form of stem.forms[level]) {
        const bare = bareForm(form, prefix);
        if (bare && !table.has(bare)) table.set(bare, { stem, form });
      }
    }
    BARE[level].set(prefix, table);
  }
  return table;
}

export function levelOfPrefix(prefix: string): PlanLevel | null {
  return LEVEL_OF_PREFIX[prefix] ?? null;
}

// The last character of a unit name that says what kind of body it is.
const BODY_KINDS = new Set(['局', '委', '办', '厅', '院', '会', '处', '室', '所', '站', '队', '部']);

/** 区城市管理委 beside 区城市管理局: the same words, another kind of body (a commission, not a bureau), not a typo. */
function otherKindOfBody(known: string, written: string): boolean {
  const k = known.at(-1)!;
  const w = written.at(-1)!;
  return k !== w && known.slice(0, -1) === written.slice(0, -1) && BODY_KINDS.has(k) && BODY_KINDS.has(w);
}

/**
 * An identity with the fields a name not found in the tables has (bare, no stem), as one object
 * literal: a spread of a shared default per name was the costliest step of reading 100 000 of them.
 */
function identityOf(n: string, fields: Partial<UnitIdentity> & Pick<UnitIdentity, 'status'>): UnitIdentity {
  return {
    status: fields.status,
    key: fields.key ?? null,
    level: fields.level ?? null,
    prefix: fields.prefix ?? null,
    written: fields.written ?? 'bare',
    stem: null,
    form: null,
    workspace: null,
    rest: fields.rest ?? n,
  };
}

/** Scopes (level, prefix, region) whose identities are kept at once. */
const MAX_IDENTITY_SCOPES = 8;

/** The levels, a plan's own first (a bare name is read at its plan's level before any other). */
const LEVELS_FROM: Record<PlanLevel, readonly PlanLevel[]> = {
  county: ['county', ...LEVELS.filter((l) => l !== 'county')],
  city: ['city', ...LEVELS.filter((l) => l !== 'city')],
  province: ['province', ...LEVELS.filter((l) => l !== 'province')],
};
/** For a plan of no known level: the lowest level first. */
const LEVELS_WITHOUT_PLAN_LEVEL: readonly PlanLevel[] = ['county', 'city', 'province'];

export class UnitRegistry {
  private readonly byWorkspaceName = new Map<string, WorkspaceUnit>();
  private readonly workspaceCollectives = new Set<string>();
  /** Identities by scope (level, prefix, region), then by name as written. */
  private readonly identities = new Map<string, TextCache<UnitIdentity>>();
  private lastScope: PlanScope | null = null;
  private lastCache: TextCache<UnitIdentity> | null = null;
  private readonly namesCache = new Map<string, KnownName[]>();

  constructor(readonly workspace: WorkspaceUnits = { units: [], collectives: [] }) {
    for (const unit of workspace.units) {
      for (const n of [unit.name, ...unit.aliases]) {
        const key = baseName(normalizeName(n));
        if (!this.byWorkspaceName.has(key)) this.byWorkspaceName.set(key, unit);
      }
    }
    for (const c of workspace.collectives) this.workspaceCollectives.add(baseName(normalizeName(c)));
  }

  get stems(): readonly Stem[] {
    return STEMS;
  }

  isCollective(name: string): boolean {
    const n = baseName(normalizeName(name));
    return this.workspaceCollectives.has(n) || (isCollectiveName(n) && !this.byWorkspaceName.has(n));
  }

  /** What a written name is, read in the scope of a plan. */
  identify(name: string, scope: PlanScope): UnitIdentity {
    let cache: TextCache<UnitIdentity>;
    if (scope === this.lastScope && this.lastCache) cache = this.lastCache;
    else {
      const scopeKey = ownedCopy(`${scope.level}|${scope.prefix}|${scope.region}`);
      let found = this.identities.get(scopeKey);
      if (!found) {
        // every region a plan names is a scope: plans of many places, few names each
        if (this.identities.size >= MAX_IDENTITY_SCOPES) this.identities.clear();
        found = new TextCache<UnitIdentity>(MAX_NAME_CACHE_CHARS, (id) => id.rest.length + (id.key?.length ?? 0) + 32);
        this.identities.set(scopeKey, found);
      }
      cache = found;
      this.lastScope = scope;
      this.lastCache = cache;
    }
    return cache.get(name) ?? cache.set(name, this.identifyUncached(comparableName(name), scope));
  }

  private identifyUncached(n: string, scope: PlanScope): UnitIdentity {
    const formLevel = formLevelOf(scope);
    const ws = this.byWorkspaceName.get(n);
    if (ws) {
      // An office's unit that is also a built-in one keeps the built-in identity (its aliases join it).
      const own = baseName(normalizeName(ws.name));
      const inner = own === n ? this.identifyBuiltin(n, scope, formLevel) : this.identify(ws.name, scope);
      const key = inner && (inner.status === 'known' || inner.status === 'other-level') ? inner.key : `w:${own}`;
      return { ...(inner ?? identityOf(n, { status: 'known' })), status: 'known', key, workspace: ws };
    }
    if (this.workspaceCollectives.has(n) || isCollectiveName(n)) return identityOf(n, { status: 'collective' });
    const found = this.identifyBuiltin(n, scope, formLevel);
    if (found) return found;

    // Not a built-in name: judge it by its shape.
    const lead = leadingPrefix(n);
    // A development zone (its 管委会) supports at the level that names it; one under another level's prefix does not.
    if (isZoneName(n) && (!lead || lead.prefix === scope.prefix)) {
      return identityOf(n, { status: 'plausible', key: `z:${n}`, level: formLevel, prefix: lead?.prefix ?? null, written: lead ? 'prefixed' : 'bare', rest: lead ? n.slice(lead.length) : n });
    }
    // A city bureau's branch named after this county or district (市公安局南屏分局 in 南屏区) is its unit of that kind.
    const place = formLevel === 'county' ? cityBranchPlace(n) : null;
    if (place && (!scope.region || scope.region.startsWith(place))) {
      return identityOf(n, { status: 'plausible', key: `b:${n}`, level: 'county', prefix: scope.prefix, written: 'prefixed', rest: n });
    }
    const region = lead ? null : splitRegion(n);
    const prefix = lead?.prefix ?? region?.prefix ?? null;
    if (prefix) {
      const rest = lead ? n.slice(lead.length) : region!.rest;
      const level = levelOfPrefix(prefix);
      if (!hasUnitSuffix(rest) || rest.length < 2) return identityOf(n, { status: 'unknown' });
      const written = lead ? 'prefixed' : 'region';
      const key = `p:${level}:${rest}`;
      if (formLevel && level !== formLevel) {
        return identityOf(n, { status: 'other-level', key, level, prefix, written, rest });
      }
      if (formLevel && scope.prefix && prefix !== scope.prefix && written === 'prefixed') {
        return identityOf(n, { status: 'other-level', key, level, prefix, written, rest });
      }
      // One character off a known name of this level: a typo (县司发局), not a new unit.
      const candidate = scope.prefix ? scope.prefix + rest : n;
      if (candidate.length >= 4 && this.namesAt(scope).some((k) => k.name.length === candidate.length && editDistance(k.name, candidate, 1) === 1 && !otherKindOfBody(k.name, candidate))) {
        return identityOf(n, { status: 'unknown', rest });
      }
      return identityOf(n, { status: 'plausible', key, level, prefix, written, rest });
    }
    if (!hasUnitSuffix(n) || n.length < 2) return identityOf(n, { status: 'unknown' });
    // The tail of a known name with its head lost (委宣传部 for 县委宣传部): damage, not a unit.
    if (this.namesAt(scope).some((k) => k.name.length > n.length && k.name.endsWith(n))) return identityOf(n, { status: 'unknown' });
    return identityOf(n, { status: 'plausible', key: `p:${formLevel}:${n}`, level: formLevel });
  }

  private identifyBuiltin(n: string, scope: PlanScope, formLevel: PlanLevel | null): UnitIdentity | null {
    const fromFull = (name: string, written: 'prefixed' | 'region'): UnitIdentity | null => {
      const entries = FULL.get(name);
      if (!entries) return null;
      const e = entries.find((x) => x.level === formLevel && (!scope.prefix || x.prefix === scope.prefix)) ??
        entries.find((x) => x.level === formLevel) ??
        entries[0];
      // 区司法局 in a 县 plan is of the same level but not this plan's unit.
      const ownPrefix = !scope.prefix || !formLevel || written !== 'prefixed' || e.prefix === scope.prefix;
      const sameLevel = !formLevel || (e.level === formLevel && ownPrefix);
      return {
        status: sameLevel ? 'known' : 'other-level',
        key: stemKey(e.stem, e.level),
        level: e.level,
        prefix: e.prefix,
        written,
        stem: e.stem,
        form: e.form,
        workspace: null,
        rest: n.slice(e.prefix.length),
      };
    };
    const direct = fromFull(n, 'prefixed');
    if (direct) return direct;
    if (scope.region && scope.prefix && n.startsWith(scope.region) && n.length > scope.region.length) {
      const viaOwn = fromFull(scope.prefix + n.slice(scope.region.length), 'region');
      if (viaOwn) return { ...viaOwn, rest: n.slice(scope.region.length) };
    }
    const region = splitRegion(n);
    if (region && region.rest.length >= 2) {
      const viaRegion = fromFull(region.prefix + region.rest, 'region');
      if (viaRegion) return { ...viaRegion, rest: region.rest };
    }
    // A bare name (司法局, 政法委): the plan's own level first, then any other.
    const levels = formLevel ? LEVELS_FROM[formLevel] : LEVELS_WITHOUT_PLAN_LEVEL;
    for (const level of levels) {
      const prefixes = level === formLevel && scope.prefix ? [scope.prefix] : LEVEL_PREFIXES[level];
      for (const prefix of prefixes) {
        const hit = bareTable(level, prefix).get(n);
        if (!hit) continue;
        const sameLevel = !formLevel || level === formLevel;
        return {
          status: sameLevel ? 'known' : 'other-level',
          key: stemKey(hit.stem, level),
          level,
          prefix: null,
          written: 'bare',
          stem: hit.stem,
          form: hit.form,
          workspace: null,
          rest: n,
        };
      }
    }
    return null;
  }

  /** The name a stem has at a level, with a prefix (县司法局); null if the level has no such unit. */
  nameOf(stem: Stem, level: PlanLevel, prefix: string, formIndex = 0): string | null {
    const form = stem.forms[level][formIndex];
    return form === undefined ? null : expandForm(form, prefix);
  }

  /** Every unit name known at the scope's level: built-in forms with the plan's prefix, then the office's units. */
  namesAt(scope: PlanScope): KnownName[] {
    const formLevel = formLevelOf(scope);
    const cacheKey = `${formLevel}|${scope.prefix}`;
    const cached = this.namesCache.get(cacheKey);
    if (cached) return cached;
    const out: KnownName[] = [];
    const seen = new Set<string>();
    const add = (k: KnownName) => {
      if (!seen.has(k.name)) {
        seen.add(k.name);
        out.push(k);
      }
    };
    for (const level of formLevel ? [formLevel] : LEVELS) {
      const prefixes = scope.prefix && formLevel ? [scope.prefix] : LEVEL_PREFIXES[level].slice(0, 1);
      for (const prefix of prefixes) {
        for (const stem of STEMS) {
          stem.forms[level].forEach((form, i) => {
            add({ name: expandForm(form, prefix), key: stemKey(stem, level), stem, workspace: null, preferred: i === 0 });
          });
        }
      }
    }
    for (const unit of this.workspace.units) {
      const id = this.identify(unit.name, scope);
      add({ name: unit.name, key: id.key ?? `w:${unit.name}`, stem: id.stem, workspace: unit, preferred: true });
    }
    this.namesCache.set(cacheKey, out);
    return out;
  }

  /**
   * The same unit at another level: 省司法厅 → 县司法局, 省委宣传部 → 县委宣传部, 省法院 → 县法院,
   * 团省委 → 团县委. Null when that level has no such unit (省安全厅 has no county counterpart).
   */
  adapt(name: string, target: PlanScope): string | null {
    const formLevel = formLevelOf(target);
    if (!formLevel) return null;
    const prefix = target.prefix ?? LEVEL_PREFIXES[formLevel][0];
    const id = this.identify(name, { level: null, prefix: null, region: null });
    if (id.workspace) return id.workspace.name;
    if (id.stem) return this.nameOf(id.stem, formLevel, prefix);
    if ((id.status === 'plausible' || id.status === 'other-level') && id.prefix) {
      let rest = id.rest;
      if (id.prefix === '自治区' && rest.startsWith('党委')) rest = rest.slice(1);
      if (formLevel !== 'province') rest = rest.replace(/厅$/, '局');
      return prefix + rest;
    }
    return null;
  }

  /** Built-in stems whose keywords the text contains, with how many it contains. */
  stemsForText(text: string): Array<{ stem: Stem; hits: number }> {
    const out: Array<{ stem: Stem; hits: number }> = [];
    for (const stem of STEMS) {
      let hits = 0;
      for (const k of stem.keywords) if (text.includes(k)) hits++;
      if (hits > 0) out.push({ stem, hits });
    }
    return out;
  }
}

/** The registry with built-in knowledge only (before, or without, a workspace registry). */
export const BUILTIN_REGISTRY = new UnitRegistry();
