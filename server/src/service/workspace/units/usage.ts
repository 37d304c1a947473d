import type { NoteRole, Plan, PlanNode, ResponsibilityNote, UnitRef } from '../../model/types';
import { notesOf } from '../../model/walk';
import { comparableName, editDistance } from './names';
import { expandForm, scopeOf, type PlanScope, type UnitIdentity, type UnitRegistry } from './registry';

/**
 * Every unit a plan names, read once per plan version: who it is (registry identity), how the
 * plan writes it, and whether the plan writes one unit two ways. Lists abbreviate after a
 * prefixed name — `县法院、检察院、公安局` means 县检察院 and 县公安局 — so a bare name right after a
 * prefixed one is read with that prefix ("carried").
 */

export interface UnitOccurrence {
  readonly unit: UnitRef;
  readonly note: ResponsibilityNote;
  /** The measure or heading the note belongs to; null for a stranded note. */
  readonly node: PlanNode | null;
  readonly role: NoteRole;
  /** Position in its note's list. */
  readonly index: number;
  readonly identity: UnitIdentity;
  /** The full name a reader understands (县检察院 for a bare 检察院 after 县法院). */
  readonly effective: string;
  /** A bare name read with the prefix of the name before it in the list. */
  readonly carried: boolean;
  /** Carried from a name of another level (省法院、检察院): judged with that name, not on its own. */
  readonly carriedFromOtherLevel: boolean;
  /** For a name the registry does not know: the closest known name, if any. */
  readonly closest: string | null;
}

export interface Inconsistency {
  readonly key: string;
  /** The way of writing the plan should settle on, as the plan writes it (its own script and brackets). */
  readonly canonical: string;
  /** Whether the plan writes the canonical form anywhere, or only implies it (县法院、检察院 → 县检察院). */
  readonly canonicalWritten: boolean;
  /** Every occurrence written otherwise. */
  readonly deviating: readonly UnitOccurrence[];
}

export interface PlanUnits {
  readonly plan: Plan;
  readonly scope: PlanScope;
  readonly registry: UnitRegistry;
  readonly occurrences: readonly UnitOccurrence[];
  readonly byKey: ReadonlyMap<string, readonly UnitOccurrence[]>;
  readonly inconsistencies: ReadonlyMap<string, Inconsistency>;
  /** How the plan itself writes a unit (its canonical form if it writes it two ways). */
  spelling(key: string): string | undefined;
  /** Whether the plan uses responsibility notes at all. */
  readonly hasNotes: boolean;
}

const cache = new WeakMap<Plan, { registry: UnitRegistry; units: PlanUnits }>();

export function planUnits(plan: Plan, registry: UnitRegistry): PlanUnits {
  const hit = cache.get(plan);
  if (hit && hit.registry === registry) return hit.units;
  const units = build(plan, registry);
  cache.set(plan, { registry, units });
  return units;
}


const isFull = (o: UnitOccurrence) => o.identity.written !== 'bare' || o.carried;

function build(plan: Plan, registry: UnitRegistry): PlanUnits {
  const scope = scopeOf(plan);
  const notes = notesOf(plan);
  const identities = notes.map(({ note }) => note.units.map((u) => registry.identify(u.name, scope)));

  // Names the plan writes in full, for finding what a damaged name should have been.
  const planNames = new Map<string, number>();
  const writtenName = new Map<string, string>();
  identities.forEach((ids, i) =>
    ids.forEach((id, j) => {
      if (id.status === 'known' && id.written !== 'bare') {
        const written = notes[i].note.units[j].name;
        const n = comparableName(written);
        planNames.set(n, (planNames.get(n) ?? 0) + 1);
        if (!writtenName.has(n)) writtenName.set(n, written);
      }
    }),
  );

  const occurrences: UnitOccurrence[] = [];
  notes.forEach(({ note, node }, i) => {
    let carry: { prefix: string; region: string | null; ownLevel: boolean } | null = null;
    note.units.forEach((unit, j) => {
      const identity = identities[i][j];
      const n = comparableName(unit.name);
      let effective = n;
      let carried = false;
      let closest: string | null = null;
      if (identity.status === 'unknown') {
        closest = closestKnown(n, scope, registry, planNames);
        if (closest) closest = writtenName.get(closest) ?? closest;
      }
      // Only a known department form carries the prefix: 贵州银保监局 after 省国资委 is not 省贵州银保监局.
      if (identity.stem && identity.form && identity.written === 'bare' && carry) {
        carried = true;
        const full = expandForm(identity.form, carry.prefix);
        effective = carry.region ? carry.region + full.slice(carry.prefix.length) : full;
      }
      occurrences.push({
        unit,
        note,
        node,
        role: note.role,
        index: j,
        identity,
        effective,
        carried,
        carriedFromOtherLevel: carried && carry !== null && !carry.ownLevel,
        closest,
      });
      // What the next bare name in the list is read with.
      if (identity.status === 'collective') carry = null;
      else if (identity.prefix && identity.written !== 'bare') {
        const region = identity.written === 'region' ? n.slice(0, n.length - identity.rest.length) : null;
        carry = { prefix: identity.prefix, region, ownLevel: identity.status !== 'other-level' };
      } else if (identity.status === 'unknown' && closest) {
        const guess = registry.identify(closest, scope);
        carry = guess.prefix && guess.written === 'prefixed' ? { prefix: guess.prefix, region: null, ownLevel: true } : null;
      } else if (!carried && !(identity.status === 'plausible' && identity.written === 'bare')) carry = null;
      // (an unregistered bare name passes the prefix on: 县司法局、商务工业信息化局、工商联 → 县工商联)
    });
  });

  const byKey = new Map<string, UnitOccurrence[]>();
  for (const o of occurrences) {
    if (!o.identity.key) continue;
    const list = byKey.get(o.identity.key) ?? [];
    list.push(o);
    byKey.set(o.identity.key, list);
  }

  const inconsistencies = new Map<string, Inconsistency>();
  const spellings = new Map<string, string>();
  for (const [key, all] of byKey) {
    const list = all.filter((o) => (o.identity.status === 'known' || o.identity.status === 'plausible') && !o.carriedFromOtherLevel);
    if (list.length === 0) continue;
    const forms = new Set(list.map((o) => o.effective));
    const workspaceName = list.find((o) => o.identity.workspace)?.identity.workspace?.name;
    if (forms.size === 1 || isIntroducedAbbreviation(list)) {
      // Consistent: suggest the way the plan writes it on its own (not carried).
      const standalone = list.filter((o) => !o.carried);
      spellings.set(key, writtenAs(list, mostFrequent(standalone.length ? standalone : list, (o) => o.effective)));
      continue;
    }
    const full = list.filter(isFull);
    // The office's registry names the unit officially; otherwise the plan's most used full form.
    const effective = workspaceName ? comparableName(workspaceName) : mostFrequent(full.length ? full : list, (o) => o.effective);
    const canonical = workspaceName ?? writtenAs(list, effective);
    spellings.set(key, canonical);
    const canonicalWritten = !!workspaceName || list.some((o) => o.effective === effective && !o.carried);
    inconsistencies.set(key, { key, canonical, canonicalWritten, deviating: list.filter((o) => o.effective !== effective) });
  }

  return {
    plan,
    scope,
    registry,
    occurrences,
    byKey,
    inconsistencies,
    spelling: (key) => spellings.get(key),
    hasNotes: notes.length > 0,
  };
}

/**
 * `县司法局` first, then `司法局` every time after: the drafter introduced the name and then
 * abbreviated it consistently, which is fine (DOMAIN.md). Mixing the two afterwards is not.
 */
function isIntroducedAbbreviation(list: readonly UnitOccurrence[]): boolean {
  const forms = [...new Set(list.map((o) => o.effective))];
  if (forms.length !== 2) return false;
  const [first, second] = forms;
  const firstOcc = list.filter((o) => o.effective === first);
  const secondOcc = list.filter((o) => o.effective === second);
  if (!firstOcc.every(isFull) || secondOcc.some(isFull)) return false;
  const lastFull = list.lastIndexOf(firstOcc[firstOcc.length - 1]);
  const firstShort = list.indexOf(secondOcc[0]);
  return lastFull < firstShort;
}

/** A name as the plan writes it where it writes it in full (縣司法局 in a Traditional plan), else as read. */
function writtenAs(list: readonly UnitOccurrence[], effective: string): string {
  return list.find((o) => o.effective === effective && !o.carried)?.unit.name ?? effective;
}

/** The value most items have; ties go to the one that comes first. */
function mostFrequent<T>(items: readonly T[], value: (item: T) => string): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(value(item), (counts.get(value(item)) ?? 0) + 1);
  let best = value(items[0]);
  for (const [v, c] of counts) if (c > (counts.get(best) ?? 0)) best = v;
  return best;
}

/**
 * The known name a damaged or unknown one most likely means: the same unit at this level
 * (县司法厅 → 县司法局), a known name it is the tail of (委宣传部 → 县委宣传部), or one a
 * character or two away (县司发局 → 县司法局). The plan's own names come first.
 */
export function closestKnown(
  name: string,
  scope: PlanScope,
  registry: UnitRegistry,
  planNames: ReadonlyMap<string, number> = new Map(),
): string | null {
  const n = comparableName(name);
  if (n.length === 0) return null;
  const adapted = registry.adapt(n, scope);
  if (adapted && adapted !== n && registry.identify(adapted, scope).status === 'known') return adapted;

  // The plan's own names first (they win every tie), then the registry's, whose best is the same
  // for every plan of this level and is remembered (the registry grew to every government unit).
  const max = n.length <= 4 ? 1 : 2;
  let suffix: string | null = null;
  let suffixUses = 0;
  let near: string | null = null;
  let nearUses = 0;
  let nearDistance = max + 1;
  for (const [planName, uses] of planNames) {
    if (planName.length > n.length && planName.endsWith(n) && (!suffix || uses > suffixUses || (uses === suffixUses && planName.length < suffix.length))) {
      suffix = planName;
      suffixUses = uses;
    }
    if (Math.abs(planName.length - n.length) > max) continue;
    const d = editDistance(n, planName, max);
    if (d === 0) continue;
    if (d < nearDistance || (d === nearDistance && (uses > nearUses || (uses === nearUses && planName.length < near!.length)))) {
      near = planName;
      nearUses = uses;
      nearDistance = d;
    }
  }
  if (suffix) return suffix;
  const fromRegistry = registryClosest(n, scope, registry, max);
  if (fromRegistry.suffix) return fromRegistry.suffix;
  if (near && nearDistance <= fromRegistry.distance) return near;
  return fromRegistry.near;
}

const registryCache = new WeakMap<UnitRegistry, Map<string, { suffix: string | null; near: string | null; distance: number }>>();

/** The registry's names at this level that a name is the tail of, or is a character or two off: the best of each. */
function registryClosest(n: string, scope: PlanScope, registry: UnitRegistry, max: number): { suffix: string | null; near: string | null; distance: number } {
  let cache = registryCache.get(registry);
  if (!cache) registryCache.set(registry, (cache = new Map()));
  const key = `${scope.level}|${scope.prefix}|${n}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const better = (a: { name: string; preferred: boolean }, b: { name: string; preferred: boolean }) =>
    a.preferred !== b.preferred ? a.preferred : a.name.length < b.name.length;
  const known = registry.namesAt(scope);
  let suffix: (typeof known)[number] | null = null;
  for (const k of known) if (k.name.length > n.length && k.name.endsWith(n) && (!suffix || better(k, suffix))) suffix = k;
  let near: (typeof known)[number] | null = null;
  let distance = max + 1;
  if (!suffix) {
    for (const k of known) {
      if (Math.abs(k.name.length - n.length) > max) continue;
      const d = editDistance(n, k.name, max);
      if (d === 0) continue;
      if (d < distance || (d === distance && near && better(k, near))) {
        near = k;
        distance = d;
      }
    }
  }
  const result = { suffix: suffix?.name ?? null, near: distance <= max ? (near?.name ?? null) : null, distance };
  if (cache.size > 20000) cache.clear();
  cache.set(key, result);
  return result;
}
