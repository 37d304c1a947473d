import type { Localized } from '../l10n';
import { defaultForm, markerBeforeTitle } from '../model/numbering/forms';
import { availableTemplates } from '../workspace/templates/registry';
import type { PlanTemplate } from '../workspace/templates/template';

/**
 * A new plan from a template (command 方案：新建方案…): the title for the chosen level and place,
 * the preamble, and every section of the template in its order with the template's standard
 * wording, numbered 一、 → （一） in the GB/T 9704 forms of the numbering module (model/numbering).
 * Task areas are left for the drafter's measures.
 */

/** The level as the drafter picks it; the character is how the place's name ends. */
export type NewPlanLevel = 'province' | 'city' | 'county' | 'district';

export const NEW_PLAN_LEVELS: ReadonlyArray<{ readonly level: NewPlanLevel; readonly suffix: string; readonly label: Localized }> = [
  { level: 'province', suffix: '省', label: { zh: '省级（省、自治区、直辖市）', en: 'Province (省, 自治区, 直辖市)' } },
  { level: 'city', suffix: '市', label: { zh: '市级（市、州、盟）', en: 'City (市, 州, 盟)' } },
  { level: 'county', suffix: '县', label: { zh: '县级（县、旗）', en: 'County (县, 旗)' } },
  { level: 'district', suffix: '区', label: { zh: '区（县级）', en: 'District (区, county level)' } },
];

export interface NewPlanRequest {
  readonly template: string;
  readonly level: NewPlanLevel;
  /** 清河县, 清河 (the level's ending is added), or empty for XX县. */
  readonly region?: string;
  /** The plan's name after the place, for templates without an outline (通用方案). */
  readonly name?: string;
}

export type NewPlanResult = { readonly text: string; readonly title: string } | { readonly problem: Localized };

/** How a place's name ends at each level (a name ending otherwise gets the level's character). */
const ENDINGS: Record<NewPlanLevel, RegExp> = {
  province: /(省|自治区|市)$/,
  city: /(市|州|盟)$/,
  county: /(县|旗)$/,
  district: /区$/,
};

/** 清河 + 县 → 清河县; 清河县 stays; 贵州 → 贵州省; 广州 → 广州市 (a two-character 州 is a city's name); empty → XX县. */
export function regionName(region: string | undefined, level: NewPlanLevel): string {
  const suffix = NEW_PLAN_LEVELS.find((l) => l.level === level)!.suffix;
  const name = (region ?? '').trim().replace(/\s+/g, '');
  if (!name) return `XX${suffix}`;
  if (ENDINGS[level].test(name) && !(level === 'city' && name.length === 2 && name.endsWith('州'))) return name;
  return `${name}${suffix}`;
}

/** 我省 / 我市 / 我州 / 我县 / 我区 / 我旗: how the plan speaks of its own place. */
function selfReference(region: string, level: NewPlanLevel): string {
  if (region.endsWith('自治区')) return '我区';
  const last = region[region.length - 1];
  if ('省市州盟县旗区'.includes(last)) return `我${last === '盟' ? '盟' : last}`;
  return `我${NEW_PLAN_LEVELS.find((l) => l.level === level)!.suffix}`;
}

/** The plan one level up, which a local plan cites after the outline. */
function upperPlan(template: PlanTemplate, level: NewPlanLevel): string {
  if (level === 'province' || !template.outline) return '';
  const above = level === 'city' ? 'XX省' : 'XX市';
  return `《${above}${template.name}（2021—2025年）》`;
}

export function newPlan(request: NewPlanRequest, workspaceTemplates: readonly PlanTemplate[] = []): NewPlanResult {
  const template = availableTemplates(workspaceTemplates).find((t) => t.id === request.template);
  if (!template) return { problem: { zh: `没有标识为“${request.template}”的模板`, en: `there is no template "${request.template}"` } };
  if (!NEW_PLAN_LEVELS.some((l) => l.level === request.level)) return { problem: { zh: `未知级别“${request.level}”`, en: `unknown level "${request.level}"` } };
  const region = regionName(request.region, request.level);
  const name = template.outline ? template.name : (request.name ?? '').trim() || 'XX工作实施方案';
  const title = `${region}${name}${template.outline ? '（2021—2025年）' : ''}`;
  const subject = template.outline ? template.name.replace(/实施方案$/, '') : name.replace(/(实施)?方案$/, '');
  const basis = template.outline ? `根据《${template.outline}》${upperPlan(template, request.level)}，` : '';
  const lines: string[] = [
    title,
    '',
    template.outline
      ? `为深入贯彻党中央关于全面依法治国的决策部署，扎实推进${subject}，${basis}结合${selfReference(region, request.level)}实际，制定本方案。`
      : `为扎实做好${subject}，结合${selfReference(region, request.level)}实际，制定本方案。`,
  ];
  let part = 0;
  for (const section of template.sections) {
    part++;
    lines.push(`${markerBeforeTitle(defaultForm(1), part)}${section.title}`);
    for (const paragraph of section.opening) lines.push(paragraph);
    let item = 0;
    for (const sub of section.subsections) {
      if (!sub.required) continue;
      item++;
      lines.push(`${markerBeforeTitle(defaultForm(2), item)}${sub.title}。${sub.text}`);
    }
  }
  return { text: `${lines.join('\n')}\n`, title };
}
