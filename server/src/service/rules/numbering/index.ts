import type { Diagnostic, Range, TextEdit } from 'vscode-languageserver-types';
import type { FanganSettings } from '../../workspace/settings';
import type { PlanFile } from '../../model/types';
import type { Check, CheckContext, FixProposal, RuleMeta } from '../types';
import { analyzeNumbering, type NumberingCode, type NumberingIssue } from './analysis';
import { fixAllEdits, followingEdits, ownEdit } from './fixes';
import { FIX_ALL_TITLE, fixTitle, issueMessage } from './messages';

/**
 * Numbering (编号): gaps, duplicates, lost markers of measures, damaged markers and mixed forms,
 * against the scheme each plan's own text uses. See scheme.ts (learning), check.ts (findings),
 * fixes.ts (edits of markers only).
 */

const RULES: readonly (RuleMeta & { code: NumberingCode })[] = [
  {
    code: 'numbering-gap',
    defaultSeverity: 'warning',
    title: { zh: '编号跳号（如“2.”之后是“4.”）', en: 'A number is skipped (2. then 4.)' },
    fixable: true,
    inFixAll: true,
  },
  {
    code: 'numbering-duplicate',
    defaultSeverity: 'warning',
    title: { zh: '编号重复或倒退', en: 'A number repeats or goes backwards' },
    fixable: true,
    inFixAll: true,
  },
  {
    code: 'numbering-missing',
    defaultSeverity: 'warning',
    title: { zh: '措施段落缺少编号', en: 'A measure paragraph has lost its number' },
    fixable: true,
    inFixAll: true,
  },
  {
    code: 'numbering-damaged',
    defaultSeverity: 'error',
    title: { zh: '编号残缺（如“)维护宪法权威”“三)强化督查”）', en: 'A marker has lost characters ()…, 三)…)' },
    fixable: true,
    inFixAll: true,
  },
  {
    code: 'numbering-style',
    defaultSeverity: 'warning',
    title: { zh: '同级编号格式不统一（全角半角、“1.”与“1、”、混用他级格式）', en: 'A level mixes marker forms' },
    fixable: true,
    inFixAll: true,
  },
];

/** What a numbering diagnostic carries for its fixes. */
export interface NumberingData {
  /** The marker expected there (`（三）`, `3.`); null when the draft's form cannot write the number. */
  readonly expected: string | null;
  readonly number: number;
  readonly reason: NumberingIssue['reason'];
  readonly fixable: boolean;
}

function rangeOf(issue: NumberingIssue): Range {
  const { line, start, end } = issue.slot;
  return { start: { line, character: start }, end: { line, character: end } };
}

const enabledIn = (settings: FanganSettings) => (code: NumberingCode) => settings.rules[code] !== 'off';

const fixAllCache = new WeakMap<PlanFile, { key: string; edits: TextEdit[] }>();

/** Every numbering fix in every plan of the file (offered with each diagnostic, so computed once). */
function fixAllInFile(file: PlanFile, settings: FanganSettings): TextEdit[] {
  const key = RULES.map((r) => settings.rules[r.code] ?? '').join();
  const cached = fixAllCache.get(file);
  if (cached?.key === key) return cached.edits;
  const edits = file.plans.flatMap((plan) => fixAllEdits(file, analyzeNumbering(file, plan), enabledIn(settings)));
  fixAllCache.set(file, { key, edits });
  return edits;
}

function isNumberingData(data: unknown): data is NumberingData {
  return typeof data === 'object' && data !== null && 'expected' in data && 'number' in data;
}

export const numberingCheck: Check = {
  id: 'numbering',
  rules: RULES,

  run(ctx, report) {
    const analysis = analyzeNumbering(ctx.file, ctx.plan);
    for (const issue of analysis.issues) {
      const data: NumberingData = {
        expected: issue.expected,
        number: issue.number,
        reason: issue.reason,
        fixable: ownEdit(ctx.file, issue) !== null,
      };
      report({ code: issue.code, range: rangeOf(issue), message: issueMessage(analysis, issue), data });
    }
  },

  quickFixes(ctx: CheckContext, diagnostic: Diagnostic): FixProposal[] {
    const data = diagnostic.data;
    if (!isNumberingData(data)) return [];
    const analysis = analyzeNumbering(ctx.file, ctx.plan);
    // the finding as it is now; a stale diagnostic (the text changed since) gets no fix
    const issue = analysis.issues.find(
      (i) =>
        i.code === diagnostic.code &&
        i.slot.line === diagnostic.range.start.line &&
        i.slot.start === diagnostic.range.start.character &&
        i.expected === data.expected,
    );
    if (!issue) return [];
    const proposals: FixProposal[] = [];
    const own = ownEdit(ctx.file, issue);
    if (own) {
      const following = followingEdits(ctx.file, issue);
      proposals.push({ title: fixTitle(issue, following.length > 0), edits: [own, ...following], isPreferred: true });
    }
    const all = fixAllInFile(ctx.file, ctx.settings);
    if (all.length > 0) proposals.push({ title: FIX_ALL_TITLE, edits: all });
    return proposals;
  },

  fixAll(ctx) {
    return fixAllEdits(ctx.file, analyzeNumbering(ctx.file, ctx.plan), enabledIn(ctx.settings));
  },
};
