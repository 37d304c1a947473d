import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver-types';
import { pick, type Localized } from '../l10n';
import { DISABLE_NEXT_LINE } from '../model/directives';
import type { PlanFile } from '../model/types';
import { planAt } from '../model/walk';
import { FAMILIES, familyOf, RULE_BY_CODE } from '../rules';
import { isIndentChar } from '../text/chinese';
import type { DocumentContext } from './context';
import { collectFindings, DIAGNOSTIC_SOURCE, type CollectedFinding } from './diagnostics';
import { automaticFixEdits, blockedRanges, withoutBlocked } from './fixes';

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

const sameRange = (a: Range, b: Range) =>
  a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;

/** The finding a diagnostic was made from, as the text is now: same code, range and data (a stale diagnostic has none). */
function findingOf(findings: readonly CollectedFinding[], diagnostic: Diagnostic): CollectedFinding | undefined {
  const data = JSON.stringify(diagnostic.data ?? null);
  return findings.find((c) => c.finding.code === diagnostic.code && sameRange(c.finding.range, diagnostic.range) && JSON.stringify(c.finding.data ?? null) === data);
}

/** Quick fixes for Fangan's diagnostics in the request (matched to their findings), fix-all when asked for. */
export function codeActions(ctx: DocumentContext, request: CodeActionRequest): CodeAction[] {
  const actions: CodeAction[] = [];
  const { uri } = ctx;
  if (wants(request.only, CodeActionKind.QuickFix)) {
    const findings = collectFindings(ctx);
    let blocked: Range[] | undefined;
    const ignores: CodeAction[] = [];
    const offered = new Set<string>();
    for (const diagnostic of request.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE || typeof diagnostic.code !== 'string') continue;
      const rule = RULE_BY_CODE.get(diagnostic.code);
      if (!rule) continue;
      const found = ctx.rules.includes(rule) && planAt(ctx.file, diagnostic.range.start.line) ? findingOf(findings, diagnostic) : undefined;
      const fixes = found?.finding.fixes?.() ?? [];
      fixes.forEach((fix, i) => {
        let edits = fix.edits;
        // Besides the finding's own fix, a fix leaves alone what the user silenced or switched off;
        // an alternative several findings offer alike is listed once.
        if (i > 0) {
          if (actions.some((a) => a.title === pick(ctx.locale, fix.title))) return;
          blocked ??= blockedRanges(findings);
          edits = withoutBlocked(edits, blocked);
          if (edits.length === 0) return;
        }
        actions.push(quickFix(ctx, fix.title, diagnostic, edits, i === 0));
      });
      // Fix all of the family (修复本文件全部编号问题), once per request.
      const family = FAMILIES.get(familyOf(diagnostic.code));
      if (found && family?.fixAllTitle && !offered.has(family.id)) {
        offered.add(family.id);
        const edits = automaticFixEdits(ctx, (c) => familyOf(c.finding.code) === family.id);
        if (edits.length > 0) actions.push(quickFix(ctx, family.fixAllTitle, diagnostic, edits, false));
      }
      ignores.push(ignoreHereAction(uri, ctx.file, diagnostic, ctx));
    }
    // After the fixes: silencing is the last resort.
    actions.push(...ignores);
  }
  if (request.only && wants(request.only, FIX_ALL_KIND)) {
    const edits = automaticFixEdits(ctx);
    if (edits.length > 0) actions.push({ title: pick(ctx.locale, FIX_ALL_TITLE), kind: FIX_ALL_KIND, edit: { changes: { [uri]: edits } } });
  }
  return actions;
}

function quickFix(ctx: DocumentContext, title: Localized, diagnostic: Diagnostic, edits: readonly TextEdit[], preferred: boolean): CodeAction {
  return {
    title: pick(ctx.locale, title),
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: preferred,
    edit: { changes: { [ctx.uri]: [...edits] } },
  };
}

// the indent is copied from the finding's line: every character isIndentChar accepts
const IGNORE_LINE = new RegExp(`^[ \\t\\u3000\\u00a0\\u2000-\\u200b\\ufeff]*<!-- ${DISABLE_NEXT_LINE} [^\\s]+ -->(\\r\\n|\\r|\\n)$`);

/** Whether an action is "ignore this problem here" (it inserts one disable-next-line directive and nothing else). */
export function isIgnoreAction(action: CodeAction): boolean {
  const edits = Object.values(action.edit?.changes ?? {}).flat();
  return edits.length === 1 && IGNORE_LINE.test(edits[0].newText);
}

/** 忽略此处的此问题: a `<!-- fangan-disable-next-line CODE -->` line above the finding, indented like it. Insert only. */
export function ignoreHereAction(uri: string, file: PlanFile, diagnostic: Diagnostic, ctx: Pick<DocumentContext, 'locale'>): CodeAction {
  const line = diagnostic.range.start.line;
  const text = file.lines[line] ?? '';
  let indent = 0;
  while (indent < text.length && isIndentChar(text.charCodeAt(indent))) indent++;
  const at = { line, character: 0 };
  const code = String(diagnostic.code);
  return {
    title: pick(ctx.locale, { zh: `忽略此处的此问题（${code}）`, en: `Ignore this problem here (${code})` }),
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: { changes: { [uri]: [{ range: { start: at, end: at }, newText: `${text.slice(0, indent)}<!-- ${DISABLE_NEXT_LINE} ${code} -->\n` }] } },
  };
}
