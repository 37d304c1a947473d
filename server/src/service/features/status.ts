import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { FanganSettings } from '../workspace/settings';
import { pick, type Locale, type Localized } from '../l10n';
import type { Plan, PlanFile, PlanKind, PlanLevel } from '../model/types';
import type { DocumentContext } from './context';
import { chooseTemplate, type TemplateVia } from '../workspace/templates/registry';
import type { PlanTemplate } from '../workspace/templates/template';
import { coverageSummary } from '../corpus/coverage';
import type { SourceVia } from '../corpus/source';

/**
 * What the status bar shows for a document (notification `fangan/status`, sent after each check):
 * per plan its kind, level, template and the count of its findings, as ready-made text in the
 * user's language, so that the editor side only displays it.
 */

export interface PlanStatus {
  /** Lines of the plan (0-based, inclusive): the editor shows the plan the cursor is in. */
  readonly firstLine: number;
  readonly lastLine: number;
  readonly title: string | null;
  readonly kind: PlanKind;
  readonly level: PlanLevel | null;
  readonly region: string | null;
  readonly template: { readonly id: string; readonly name: string; readonly via: TemplateVia };
  readonly counts: SeverityCounts;
  /** The plans above (上级方案) the plan was aligned to, with what it carries over of each. */
  readonly above: ReadonlyArray<{ readonly title: string; readonly name: string; readonly summary: string }>;
  /** Status bar text with a codicon: `$(warning) 法治社会 · 县级 · 上级：贵州省方案 · 12 处问题`. */
  readonly text: string;
  /** Markdown for the hover. */
  readonly tooltip: string;
}

export interface SeverityCounts {
  error: number;
  warning: number;
  information: number;
  hint: number;
}

export interface DocumentStatus {
  readonly uri: string;
  readonly version: number | null;
  /** Empty when Fangan does not work on the document (the status bar item hides). */
  readonly plans: PlanStatus[];
}

const KIND: Record<PlanKind, Localized> = {
  'fazhi-shehui': { zh: '法治社会', en: 'Law-based society' },
  'fazhi-zhengfu': { zh: '法治政府', en: 'Law-based government' },
  'fazhi-guihua': { zh: '法治建设规划', en: 'Rule-of-law programme' },
  'yingshang-huanjing': { zh: '营商环境', en: 'Business environment' },
  'xiangcun-zhenxing': { zh: '乡村振兴', en: 'Rural revitalisation' },
  'anquan-shengchan': { zh: '安全生产', en: 'Work safety' },
  'gongzuo-yaodian': { zh: '工作要点', en: 'Work points' },
  'renwu-fenjie': { zh: '任务分解', en: 'Task breakdown' },
  other: { zh: '方案', en: 'Plan' },
};

const KIND_LONG: Record<PlanKind, Localized> = {
  'fazhi-shehui': { zh: '法治社会建设实施方案', en: 'implementation plan for a law-based society (法治社会建设实施方案)' },
  'fazhi-zhengfu': { zh: '法治政府建设实施方案', en: 'implementation plan for a law-based government (法治政府建设实施方案)' },
  'fazhi-guihua': { zh: '法治建设规划', en: 'rule-of-law programme (法治建设规划)' },
  'yingshang-huanjing': { zh: '优化营商环境（放管服）方案', en: 'business environment plan (营商环境, 放管服)' },
  'xiangcun-zhenxing': { zh: '乡村振兴方案', en: 'rural revitalisation plan (乡村振兴)' },
  'anquan-shengchan': { zh: '安全生产方案', en: 'work safety plan (安全生产)' },
  'gongzuo-yaodian': { zh: '年度工作要点', en: 'annual work points (工作要点, 工作安排)' },
  'renwu-fenjie': { zh: '任务分解（责任分工）方案', en: 'task breakdown (任务分解, 责任分工)' },
  other: { zh: '其他方案', en: 'other plan' },
};

const LEVEL: Record<PlanLevel, Localized> = {
  province: { zh: '省级', en: 'province' },
  city: { zh: '市级', en: 'city' },
  county: { zh: '县级', en: 'county' },
};

const VIA: Record<TemplateVia, Localized> = {
  kind: { zh: '按方案标题选择', en: 'chosen by the plan\'s title' },
  setting: { zh: '由设置 fangan.template 指定', en: 'set by fangan.template' },
  directive: { zh: '由文档中的模板指令指定', en: 'set by the template directive in the document' },
};

/** 法治政府建设实施方案 → 法治政府: the template as the status bar names it. */
function shortTemplateName(template: PlanTemplate): string {
  return template.name.replace(/(建设)?实施方案$/, '') || template.name;
}

function countIn(diagnostics: readonly Diagnostic[], first: number, last: number): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const d of diagnostics) {
    const line = d.range.start.line;
    if (line < first || line > last) continue;
    if (d.severity === DiagnosticSeverity.Error) counts.error++;
    else if (d.severity === DiagnosticSeverity.Information) counts.information++;
    else if (d.severity === DiagnosticSeverity.Hint) counts.hint++;
    else counts.warning++;
  }
  return counts;
}

function countText(counts: SeverityCounts, locale: Locale): string {
  const n = counts.error + counts.warning + counts.information + counts.hint;
  if (n === 0) return locale === 'zh' ? '无问题' : 'no problems';
  return locale === 'zh' ? `${n} 处问题` : `${n} problem${n === 1 ? '' : 's'}`;
}

function countDetail(counts: SeverityCounts, locale: Locale): string {
  const parts: string[] = [];
  const add = (n: number, zh: string, en: string) => {
    if (n > 0) parts.push(locale === 'zh' ? `${n} ${zh}` : `${n} ${en}${n === 1 ? '' : 's'}`);
  };
  add(counts.error, '个错误', 'error');
  add(counts.warning, '个警告', 'warning');
  add(counts.information, '条信息', 'information note');
  add(counts.hint, '条提示', 'hint');
  if (parts.length === 0) return locale === 'zh' ? '没有发现问题' : 'no problems found';
  return parts.join(locale === 'zh' ? '、' : ', ');
}

/** What the status says of the plan above: its sources and, without one, why (corpus/aboveCache.ts). */
export interface AboveStatus {
  readonly sources: ReadonlyArray<{ readonly title: string; readonly name: string; readonly via: SourceVia; readonly summary: string }>;
  readonly notices: readonly string[];
}

const SOURCE_VIA: Record<SourceVia, Localized> = {
  citation: { zh: '按方案开头的引用查找', en: 'found from the citations in the preamble' },
  directive: { zh: '由文档中的 source 指令指定', en: 'named by the source directive in the document' },
  setting: { zh: '由设置 fangan.source 指定', en: 'named by fangan.source' },
};

function aboveLines(above: AboveStatus, locale: Locale): string[] {
  const zh = locale === 'zh';
  const colon = zh ? '：' : ': ';
  if (above.sources.length === 0) {
    if (above.notices.length > 0) return [...above.notices];
    return [
      zh
        ? '上级方案：未找到（本方案没有引用素材库中的方案）；可用命令“方案：选择上级方案”指定'
        : 'Plan above: none (the plan cites no plan of the corpus); name one with the command "Choose the plan above"',
    ];
  }
  return above.sources.map(
    (s) => `${zh ? '上级方案' : 'Plan above'}${colon}《${s.title}》${zh ? `（${pick(locale, SOURCE_VIA[s.via])}）` : ` (${pick(locale, SOURCE_VIA[s.via])})`} · ${s.summary}`,
  );
}

const icon = (counts: SeverityCounts) => (counts.error > 0 ? '$(error)' : counts.warning > 0 ? '$(warning)' : '$(check)');

export function planStatus(
  file: PlanFile,
  plan: Plan,
  settings: FanganSettings,
  diagnostics: readonly Diagnostic[],
  locale: Locale,
  workspaceTemplates: readonly PlanTemplate[] = [],
  /** Findings outside every plan count with the first one. */
  first = false,
  above: AboveStatus | null = null,
): PlanStatus {
  const choice = chooseTemplate(file, plan, settings, workspaceTemplates);
  const from = first ? 0 : plan.firstLine;
  const counts = countIn(diagnostics, from, plan.lastLine);
  const kind = pick(locale, KIND[plan.kind]);
  const level = plan.level ? pick(locale, LEVEL[plan.level]) : locale === 'zh' ? '级别未知' : 'level unknown';
  // The template is named in the text when it is not the one the kind would give.
  const byKind = choice.via === 'kind';
  const template = byKind ? '' : locale === 'zh' ? ` · 模板：${shortTemplateName(choice.template)}` : ` · template: ${choice.template.id}`;
  const names = above?.sources.map((s) => s.name).join(locale === 'zh' ? '、' : ', ');
  const upper = names ? (locale === 'zh' ? ` · 上级：${names}` : ` · above: ${names}`) : '';
  const text = `${icon(counts)} ${kind} · ${level}${template}${upper} · ${countText(counts, locale)}`;

  const zh = locale === 'zh';
  const colon = zh ? '：' : ': ';
  const paren = (t: string) => (zh ? `（${t}）` : ` (${t})`);
  const lines = [
    `**${plan.title?.text ?? (zh ? '（无标题的方案）' : '(plan without a title)')}**`,
    '',
    `${zh ? '类型' : 'Kind'}${colon}${pick(locale, KIND_LONG[plan.kind])} · ${zh ? '级别' : 'Level'}${colon}${level}${plan.region ? paren(plan.region) : ''}`,
    '',
    `${zh ? '模板' : 'Template'}${colon}${choice.template.name}${paren(`\`${choice.template.id}\`${zh ? '，' : ', '}${pick(locale, VIA[choice.via])}`)}`,
    '',
    ...(above ? aboveLines(above, locale).flatMap((l) => [l, '']) : []),
    `${zh ? '问题' : 'Problems'}${colon}${countDetail(counts, locale)}`,
    '',
    zh
      ? '点击打开方案操作：修复全部可自动修复的问题、搜索素材库、切换方案模板、选择上级方案、上级方案覆盖情况、检查工作区'
      : 'Click for plan actions: fix all auto-fixable problems, search the corpus, switch the template, choose the plan above, coverage of the plan above, check the workspace',
  ];
  return {
    firstLine: plan.firstLine,
    lastLine: plan.lastLine,
    title: plan.title?.text ?? null,
    kind: plan.kind,
    level: plan.level,
    region: plan.region,
    template: { id: choice.template.id, name: choice.template.name, via: choice.via },
    counts,
    above: above?.sources.map(({ title, name, summary }) => ({ title, name, summary })) ?? [],
    text,
    tooltip: lines.join('\n'),
  };
}

/** The status of every plan of a document, from the diagnostics just computed for it. */
export function documentStatus(ctx: DocumentContext, version: number | null, diagnostics: readonly Diagnostic[]): DocumentStatus {
  const { file, settings, locale } = ctx;
  const templates = ctx.workspace?.templates ?? [];
  const aboveOf = (plan: Plan): AboveStatus | null => {
    const above = ctx.planAbove?.of(plan);
    if (!above || !ctx.planAbove) return null;
    return {
      sources: above.coverages.map((c, i) => ({ title: c.plan, name: c.alignment.source.plan.name, via: above.resolution.sources[i].via, summary: coverageSummary(c, locale) })),
      notices: ctx.planAbove.notices(plan).map((n) => pick(locale, n.message)),
    };
  };
  return { uri: ctx.uri, version, plans: file.plans.map((plan, i) => planStatus(file, plan, settings, diagnostics, locale, templates, i === 0, aboveOf(plan))) };
}
