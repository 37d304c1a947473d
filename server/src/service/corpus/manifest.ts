import type { Localized } from '../l10n';
import { PLAN_KINDS, type PlanKind, type PlanLevel } from '../model/types';
import type { WorkspaceHost } from '../workspace/host';

/**
 * The manifest next to a bundled seed (`corpus/seeds/NNN_<hash>.json`, format in corpus/README.md).
 * The corpus reads from it what the text cannot say reliably: each plan's name, level and where its
 * body starts and ends, so wrapper text (portal menus, 通知 cover letters, footers) is never indexed
 * and seed 004's three plans are three sources.
 */

export interface ManifestPlan {
  readonly title: string;
  readonly level: PlanLevel;
  readonly region: string | null;
  readonly kind: PlanKind;
  readonly issuer: string | null;
  readonly date: string | null;
  readonly script: 'simplified' | 'traditional';
  /** 1-based, inclusive (as in the manifest). */
  readonly body: { readonly startLine: number; readonly endLine: number };
}

export interface Manifest {
  readonly file: string;
  readonly plans: readonly ManifestPlan[];
}

const LEVELS: readonly PlanLevel[] = ['province', 'city', 'county'];
const KINDS: readonly PlanKind[] = PLAN_KINDS;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const stringOrNull = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);

/** Reads a manifest; a value that does not fit is a problem (in English, for the log), never a throw. */
export function parseManifest(raw: unknown): { manifest: Manifest } | { problem: string } {
  if (!isRecord(raw)) return { problem: 'the manifest is not a JSON object' };
  if (typeof raw.file !== 'string' || raw.file.length === 0) return { problem: '"file" is missing' };
  if (!Array.isArray(raw.plans) || raw.plans.length === 0) return { problem: '"plans" is missing or empty' };
  const plans: ManifestPlan[] = [];
  for (const [i, plan] of raw.plans.entries()) {
    const where = `plans[${i}]`;
    if (!isRecord(plan)) return { problem: `${where} is not an object` };
    if (typeof plan.title !== 'string' || plan.title.length === 0) return { problem: `${where}.title is missing` };
    if (!LEVELS.includes(plan.level as PlanLevel)) return { problem: `${where}.level must be one of ${LEVELS.join(', ')}` };
    const body = plan.body;
    if (
      !isRecord(body) ||
      !Number.isInteger(body.startLine) ||
      !Number.isInteger(body.endLine) ||
      (body.startLine as number) < 1 ||
      (body.endLine as number) < (body.startLine as number)
    ) {
      return { problem: `${where}.body must hold 1-based startLine <= endLine` };
    }
    plans.push({
      title: plan.title,
      level: plan.level as PlanLevel,
      region: stringOrNull(plan.region),
      kind: KINDS.includes(plan.kind as PlanKind) ? (plan.kind as PlanKind) : 'other',
      issuer: stringOrNull(plan.issuer),
      date: stringOrNull(plan.date),
      script: plan.script === 'traditional' ? 'traditional' : 'simplified',
      body: { startLine: body.startLine as number, endLine: body.endLine as number },
    });
  }
  const sorted = [...plans].sort((a, b) => a.body.startLine - b.body.startLine);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].body.startLine <= sorted[i - 1].body.endLine) return { problem: 'plan bodies overlap' };
  }
  return { manifest: { file: raw.file, plans } };
}

/**
 * The manifest beside a corpus `.txt` (`X.json`), read through the host: the manifest, what is wrong
 * with it, or null when there is no such file. The corpus says the problem; a plan-above file read
 * on its own goes without it.
 */
export async function readManifestFile(host: WorkspaceHost, path: string): Promise<{ manifest: Manifest } | { problem: Localized } | null> {
  const stat = await host.stat(path).catch(() => undefined);
  if (!stat || stat.type !== 'file') return null;
  try {
    const parsed = parseManifest(JSON.parse(new TextDecoder().decode(await host.readFile(path))));
    if ('manifest' in parsed) return { manifest: parsed.manifest };
    return { problem: { zh: `素材库清单 ${path} 无效（${parsed.problem}），已忽略`, en: `corpus manifest ${path} is invalid (${parsed.problem}); ignored` } };
  } catch (error) {
    return {
      problem: {
        zh: `素材库清单 ${path} 不是有效的 JSON，已忽略`,
        en: `corpus manifest ${path} is not valid JSON (${String((error as Error)?.message ?? error)}); ignored`,
      },
    };
  }
}
