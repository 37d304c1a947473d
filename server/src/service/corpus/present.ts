import type { Locale } from '../l10n';
import type { Plan, PlanLevel } from '../model/types';
import { adaptToLevel } from './adapt';
import type { SourceMeasure, SourcePlan } from './extract';

/** How corpus hits are named and shown: the same words in hover, completion, quick pick and CLI. */

const LEVEL_NAMES: Record<PlanLevel, { zh: string; en: string }> = {
  province: { zh: '省级', en: 'province' },
  city: { zh: '市级', en: 'city' },
  county: { zh: '县级', en: 'county' },
};

export function levelName(level: PlanLevel | null, locale: Locale): string {
  return level ? LEVEL_NAMES[level][locale] : locale === 'zh' ? '级别不详' : 'level unknown';
}

/** `二(一)2 维护宪法权威 · (5)`: the section and the measure's own marker. */
export function sectionLabel(measure: SourceMeasure): string {
  const marker = measure.marker?.trim();
  if (!measure.section) return marker ?? '';
  return marker ? `${measure.section} · ${marker}` : measure.section;
}

/** `牵头单位：省委组织部、省委宣传部`, or '' when the measure names none. */
export function leadLine(measure: SourceMeasure, locale: Locale): string {
  if (measure.lead.length === 0) return '';
  return (locale === 'zh' ? '牵头单位：' : 'Lead: ') + measure.lead.join('、');
}

/** Escapes text for Markdown (plans contain `*`, `_`, brackets and `#` now and then). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]#|<>~]/g, (c) => `\\${c}`);
}

/** The level a draft's wording should be adapted to. */
export function draftLevel(plan: Plan | undefined): { levelPrefix: string | null; region: string | null } {
  return { levelPrefix: plan?.levelPrefix ?? null, region: plan?.region ?? null };
}

/** Source wording adapted to the draft's level (unchanged when the levels match or are unknown). */
export function adaptFor(text: string, source: SourcePlan, plan: Plan | undefined): string {
  return adaptToLevel(text, source, draftLevel(plan));
}

/** Text cut to `max` characters at most, with an ellipsis. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
