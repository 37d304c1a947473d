import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver-types';
import { CHECKS, RULES } from '../checks';
import type { Check, CheckContext, CheckEnvironment } from '../checks/types';
import type { FanganSettings } from '../config';
import { pick, type Locale } from '../l10n';
import type { PlanFile } from '../model/types';
import { planAt } from '../model/walk';
import { nonOverlapping } from '../text/edits';
import { DIAGNOSTIC_SOURCE } from './diagnostics';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.fangan`;

export interface CodeActionRequest {
  readonly diagnostics: readonly Diagnostic[];
  /** Kinds the client asked for (`source.fixAll`, `quickfix`, …); absent means all. */
  readonly only?: readonly string[];
  /** The selection or cursor the actions are asked for (actions not tied to a diagnostic use it). */
  readonly range?: Range;
}

export function wants(only: readonly string[] | undefined, kind: string): boolean {
  return !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
}

/** Quick fixes for Fangan's diagnostics in the request, matched on each diagnostic's code and data. */
export function codeActions(
  uri: string,
  file: PlanFile,
  settings: FanganSettings,
  locale: Locale,
  request: CodeActionRequest,
  env: CheckEnvironment = {},
  checks: readonly Check[] = CHECKS,
): CodeAction[] {
  const actions: CodeAction[] = [];
  if (wants(request.only, CodeActionKind.QuickFix)) {
    for (const diagnostic of request.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE || typeof diagnostic.code !== 'string') continue;
      const rule = RULES.get(diagnostic.code);
      const plan = planAt(file, diagnostic.range.start.line);
      if (!rule?.check.quickFixes || !plan || !checks.includes(rule.check)) continue;
      const ctx: CheckContext = { uri, file, plan, settings, locale, ...env };
      for (const proposal of rule.check.quickFixes(ctx, diagnostic)) {
        // a document-wide fix offered with every diagnostic is listed once
        if (!proposal.isPreferred && actions.some((a) => a.title === pick(locale, proposal.title))) continue;
        actions.push({
          title: pick(locale, proposal.title),
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: proposal.isPreferred,
          edit: { changes: { [uri]: proposal.edits } },
        });
      }
    }
  }
  if (request.only && wants(request.only, FIX_ALL_KIND)) {
    const edits = fixAllEdits(uri, file, settings, locale, env, checks);
    if (edits.length > 0) {
      actions.push({
        title: locale === 'zh' ? '修复本文件中可自动修复的全部问题' : 'Fix all auto-fixable problems in this file',
        kind: FIX_ALL_KIND,
        edit: { changes: { [uri]: edits } },
      });
    }
  }
  return actions;
}

/** Every check's fixes for every plan, with overlapping edits dropped. */
export function fixAllEdits(
  uri: string,
  file: PlanFile,
  settings: FanganSettings,
  locale: Locale,
  env: CheckEnvironment = {},
  checks: readonly Check[] = CHECKS,
): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const plan of file.plans) {
    const ctx: CheckContext = { uri, file, plan, settings, locale, ...env };
    for (const check of checks) if (check.fixAll) edits.push(...check.fixAll(ctx));
  }
  return nonOverlapping(edits);
}
