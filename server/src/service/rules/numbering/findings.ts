import type { Range, TextEdit } from 'vscode-languageserver-types';
import type { Localized } from '../../l10n';
import type { Slot } from '../../model/numbering/scheme';
import type { Finding, Fix, RuleContext, RuleFamily, RuleMeta } from '../types';
import { analyzeNumbering, type NumberingAnalysis, type NumberingCode, type NumberingIssue } from './analysis';
import { followingEdits, ownEdit, segmentEdits } from './fixes';
import { fixTitle, issueMessage } from './messages';

/**
 * What the five numbering rules share: the plan's numbering analysis (analysis.ts, once per
 * parsed plan) and how one of its issues becomes a finding with its fix. Each rule module reports
 * the issues of its own code.
 */

/** What a numbering finding carries: the marker expected there and why. */
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

const enabledIn = (ctx: RuleContext) => (code: NumberingCode) => ctx.settings.rules[code] !== 'off';

/** A count's fixes made together, once per count and settings (every finding of the count shares them). */
const together = new WeakMap<readonly Slot[], { key: string; edits: TextEdit[] }>();
function countEdits(ctx: RuleContext, analysis: NumberingAnalysis, segment: readonly Slot[]): TextEdit[] {
  const key = ['numbering-gap', 'numbering-duplicate', 'numbering-missing', 'numbering-damaged', 'numbering-style'].map((c) => ctx.settings.rules[c] ?? '').join();
  const known = together.get(segment);
  if (known?.key === key) return known.edits;
  const edits = segmentEdits(ctx.file, analysis, segment, enabledIn(ctx));
  together.set(segment, { key, edits });
  return edits;
}

/**
 * The finding of one issue. Its fix writes the expected marker and renumbers the items after it
 * in the same count (computed only when asked for: a long count makes it long); made together
 * with the others, every count is numbered by its places (fixes.ts, segmentEdits).
 */
function findingOf(ctx: RuleContext, analysis: NumberingAnalysis, issue: NumberingIssue): Finding {
  const own = ownEdit(ctx.file, issue);
  const data: NumberingData = { expected: issue.expected, number: issue.number, reason: issue.reason, fixable: own !== null };
  return {
    code: issue.code,
    range: rangeOf(issue),
    message: issueMessage(analysis, issue),
    data,
    fixes: (): Fix[] => {
      if (!own) return [];
      let following: TextEdit[] | undefined;
      const after = () => (following ??= followingEdits(ctx.file, issue));
      return [
        {
          get title() {
            return fixTitle(issue, after().length > 0);
          },
          get edits() {
            return [own, ...after()];
          },
          automatic: true,
          get together() {
            return issue.slot.segment ? countEdits(ctx, analysis, issue.slot.segment) : [own];
          },
        },
      ];
    },
  };
}

/** Reports the plan's numbering issues of one code. */
export function reportIssues(code: NumberingCode, ctx: RuleContext, report: (finding: Finding) => void): void {
  const analysis = analyzeNumbering(ctx.file, ctx.plan);
  for (const issue of analysis.issues) if (issue.code === code) report(findingOf(ctx, analysis, issue));
}

/** Every numbering rule is fixed by fix-all: a marker's number and form need no choice. */
export function numberingMeta(code: NumberingCode, defaultSeverity: RuleMeta['defaultSeverity'], title: Localized): RuleMeta {
  return { code, defaultSeverity, title, fixable: true, inFixAll: true };
}

/** The numbering family: every finding offers to fix all numbering in the file at once. */
export const NUMBERING_FAMILY: RuleFamily = {
  id: 'numbering',
  fixAllTitle: { zh: '修复本文件全部编号问题', en: 'Fix all numbering problems in this file' },
};
