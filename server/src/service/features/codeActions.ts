import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver-types';
import { CHECKS, RULES } from '../rules';
import type { Check, CheckContext, CheckEnvironment } from '../rules/types';
import type { FanganSettings } from '../workspace/settings';
import { pick, type Locale, type Localized } from '../l10n';
import type { PlanFile } from '../model/types';
import { planAt } from '../model/walk';
import { isIndentChar } from '../text/chinese';
import { nonOverlapping } from '../text/edits';
import { collectFindings, DIAGNOSTIC_SOURCE, toDiagnostic } from './diagnostics';
import { DISABLE_NEXT_LINE, suppressionOf } from './suppression';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.fangan`;

export const FIX_ALL_TITLE: Localized = { zh: '修复本文件中可自动修复的全部问题', en: 'Fix all auto-fixable problems in this file' };

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
    let blocked: Range[] | undefined;
    const ignores: CodeAction[] = [];
    for (const diagnostic of request.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE || typeof diagnostic.code !== 'string') continue;
      const rule = RULES.get(diagnostic.code);
      const plan = planAt(file, diagnostic.range.start.line);
      if (!rule) continue;
      if (rule.check.quickFixes && plan && checks.includes(rule.check)) {
        const ctx: CheckContext = { uri, file, plan, settings, locale, ...env };
        for (const proposal of rule.check.quickFixes(ctx, diagnostic)) {
          // a document-wide fix offered with every diagnostic is listed once
          if (!proposal.isPreferred && actions.some((a) => a.title === pick(locale, proposal.title))) continue;
          let edits = proposal.edits;
          // Besides the finding's own fix, a fix leaves alone what the user silenced or switched off.
          if (!proposal.isPreferred) {
            blocked ??= silencedFixRanges(uri, file, settings, locale, env, checks);
            edits = withoutBlocked(edits, blocked);
            if (edits.length === 0) continue;
          }
          actions.push({
            title: pick(locale, proposal.title),
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred: proposal.isPreferred,
            edit: { changes: { [uri]: edits } },
          });
        }
      }
      ignores.push(ignoreHereAction(uri, file, diagnostic, locale));
    }
    // After the fixes: silencing is the last resort.
    actions.push(...ignores);
  }
  if (request.only && wants(request.only, FIX_ALL_KIND)) {
    const edits = fixAllEdits(uri, file, settings, locale, env, checks);
    if (edits.length > 0) {
      actions.push({ title: pick(locale, FIX_ALL_TITLE), kind: FIX_ALL_KIND, edit: { changes: { [uri]: edits } } });
    }
  }
  return actions;
}

const IGNORE_LINE = new RegExp(`^[\\s\\u3000]*<!-- ${DISABLE_NEXT_LINE} [^\\s]+ -->\\n$`);

/** Whether an action is "ignore this problem here" (it inserts one disable-next-line directive and nothing else). */
export function isIgnoreAction(action: CodeAction): boolean {
  const edits = Object.values(action.edit?.changes ?? {}).flat();
  return edits.length === 1 && IGNORE_LINE.test(edits[0].newText);
}

/** 忽略此处的此问题: a `<!-- fangan-disable-next-line CODE -->` line above the finding, indented like it. Insert only. */
export function ignoreHereAction(uri: string, file: PlanFile, diagnostic: Diagnostic, locale: Locale): CodeAction {
  const line = diagnostic.range.start.line;
  const text = file.lines[line] ?? '';
  let indent = 0;
  while (indent < text.length && isIndentChar(text.charCodeAt(indent))) indent++;
  const at = { line, character: 0 };
  const code = String(diagnostic.code);
  return {
    title: pick(locale, { zh: `忽略此处的此问题（${code}）`, en: `Ignore this problem here (${code})` }),
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: { changes: { [uri]: [{ range: { start: at, end: at }, newText: `${text.slice(0, indent)}<!-- ${DISABLE_NEXT_LINE} ${code} -->\n` }] } },
  };
}

/**
 * Every check's fixes for every plan, with overlapping edits dropped. Fixes of findings that are
 * silenced by a directive or whose rule is off are left out: fix-all (also on save) never changes
 * what the user chose to keep.
 */
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
  if (edits.length === 0) return edits;
  return nonOverlapping(withoutBlocked(edits, silencedFixRanges(uri, file, settings, locale, env, checks)));
}

/** Where the own fixes of silenced or switched-off findings of fix-all rules would edit. */
function silencedFixRanges(
  uri: string,
  file: PlanFile,
  settings: FanganSettings,
  locale: Locale,
  env: CheckEnvironment,
  checks: readonly Check[] = CHECKS,
): Range[] {
  if (suppressionOf(file).empty && !Object.values(settings.rules).includes('off')) return [];
  const ranges: Range[] = [];
  for (const { finding, plan, severity, suppressed } of collectFindings(uri, file, settings, locale, undefined, env, checks)) {
    if (severity !== 'off' && !suppressed) continue;
    const rule = RULES.get(finding.code);
    if (!rule?.inFixAll || !rule.check.quickFixes) continue;
    const ctx: CheckContext = { uri, file, plan, settings, locale, ...env };
    const own = rule.check.quickFixes(ctx, toDiagnostic(finding, 'warning', locale)).find((p) => p.isPreferred);
    for (const edit of own?.edits ?? []) ranges.push(edit.range);
  }
  return ranges;
}

const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character < b.character);
const same = (a: Range['start'], b: Range['start']) => a.line === b.line && a.character === b.character;
const isEmpty = (r: Range) => same(r.start, r.end);

/** Two edits touch the same text: they overlap, or an insertion falls at or inside the other's range. */
function collides(a: Range, b: Range): boolean {
  if (isEmpty(a) || isEmpty(b)) return !before(a.end, b.start) && !before(b.end, a.start);
  return before(a.start, b.end) && before(b.start, a.end);
}

function withoutBlocked(edits: readonly TextEdit[], blocked: readonly Range[]): TextEdit[] {
  if (blocked.length === 0) return [...edits];
  return edits.filter((e) => !blocked.some((r) => collides(e.range, r)));
}
