import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { MAX_COLLECTED_FINDINGS } from '../limits';
import { pick, type Locale } from '../l10n';
import type { Plan } from '../model/types';
import { RULE_BY_CODE } from '../rules';
import type { Finding, RuleContext } from '../rules/types';
import type { FanganSettings, RuleSeverity } from '../workspace/settings';
import type { DocumentContext } from './context';
import { suppressionOf } from './suppression';

export const DIAGNOSTIC_SOURCE = 'fangan';

const SEVERITY: Record<Exclude<RuleSeverity, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function severityOf(code: string, settings: FanganSettings): RuleSeverity {
  return settings.rules[code] ?? RULE_BY_CODE.get(code)?.meta.defaultSeverity ?? 'warning';
}

export function toDiagnostic(finding: Finding, severity: Exclude<RuleSeverity, 'off'>, locale: Locale, ruleDocUri?: (code: string) => string | undefined): Diagnostic {
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: SEVERITY[severity],
    code: finding.code,
    source: DIAGNOSTIC_SOURCE,
    message: pick(locale, finding.message),
  };
  const href = ruleDocUri?.(finding.code);
  if (href) diagnostic.codeDescription = { href };
  if (finding.data !== undefined) diagnostic.data = finding.data;
  return diagnostic;
}

/** A finding with what the settings and the document's directives say about it. */
export interface CollectedFinding {
  readonly finding: Finding;
  readonly plan: Plan;
  readonly severity: RuleSeverity;
  /** Silenced by a `<!-- fangan-disable… -->` directive. */
  readonly suppressed: boolean;
}

/** Shown in the editor: not switched off, not silenced. */
export const isActive = (c: CollectedFinding): boolean => c.severity !== 'off' && !c.suppressed;

interface Collected {
  readonly settings: string;
  readonly ctx: DocumentContext;
  readonly findings: readonly CollectedFinding[];
}
/** Per model: diagnostics, quick fixes and fix-all of one version ask for the same findings. */
const cache = new WeakMap<object, Collected>();

function sameRun(a: DocumentContext, b: DocumentContext, settings: string): boolean {
  return (
    a.uri === b.uri &&
    a.locale === b.locale &&
    a.rules === b.rules &&
    a.workspace === b.workspace &&
    a.units?.registry === b.units?.registry &&
    a.planAbove?.key === b.planAbove?.key &&
    JSON.stringify(a.settings) === settings
  );
}

/** Every finding of every rule over every plan, shown or not (fix-all needs the silenced ones too). */
export function collectFindings(ctx: DocumentContext): readonly CollectedFinding[] {
  const known = cache.get(ctx.file);
  const settingsKey = JSON.stringify(ctx.settings);
  if (known && sameRun(known.ctx, ctx, settingsKey)) return known.findings;
  const out: CollectedFinding[] = [];
  const suppression = suppressionOf(ctx.file);
  let complete = true;
  collect: for (const plan of ctx.file.plans) {
    const ruleContext: RuleContext = { uri: ctx.uri, file: ctx.file, plan, settings: ctx.settings, locale: ctx.locale, workspace: ctx.workspace, units: ctx.units, planAbove: ctx.planAbove };
    for (const rule of ctx.rules) {
      if (ctx.token?.isCancellationRequested) {
        complete = false;
        break collect;
      }
      if (out.length >= MAX_COLLECTED_FINDINGS) break collect;
      try {
        rule.check(ruleContext, (finding) => {
          const suppressed = !suppression.empty && suppression.isSuppressed(finding.code, finding.range.start.line);
          out.push({ finding, plan, severity: severityOf(finding.code, ctx.settings), suppressed });
          // Enough: stop the rule where it is (rules are pure, nothing is left half done).
          if (out.length >= MAX_COLLECTED_FINDINGS) throw ENOUGH;
        });
      } catch (error) {
        if (error !== ENOUGH) throw error;
      }
    }
  }
  if (complete) cache.set(ctx.file, { settings: settingsKey, ctx, findings: out });
  return out;
}

const ENOUGH = new Error('enough findings');

/** The findings to show, in document order: without rules switched off and silenced findings. */
export function computeDiagnostics(ctx: DocumentContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const collected of collectFindings(ctx)) {
    if (isActive(collected)) out.push(toDiagnostic(collected.finding, collected.severity as Exclude<RuleSeverity, 'off'>, ctx.locale, ctx.ruleDocUri));
  }
  // Document order, as a reviewer reads (rules report in their own order).
  return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
