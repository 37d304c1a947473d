import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { FanganSettings, RuleSeverity } from '../workspace/settings';
import { CHECKS, RULES } from '../rules';
import type { Check, CheckContext, CheckEnvironment, Finding } from '../rules/types';
import { pick, type Locale } from '../l10n';
import type { Plan, PlanFile } from '../model/types';
import type { CancellationLike } from '../cancellation';
import { MAX_COLLECTED_FINDINGS } from '../limits';
import { suppressionOf } from './suppression';

export const DIAGNOSTIC_SOURCE = 'fangan';

const SEVERITY: Record<Exclude<RuleSeverity, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function severityOf(code: string, settings: FanganSettings): RuleSeverity {
  return settings.rules[code] ?? RULES.get(code)?.defaultSeverity ?? 'warning';
}

/** How diagnostics link to their rule's page (`codeDescription.href`); absent: no link. */
export interface DiagnosticOptions {
  readonly ruleDocUri?: (code: string) => string | undefined;
  /** The checks to run (a large document gets the structure checks only); default: all. */
  readonly checks?: readonly Check[];
}

export function toDiagnostic(finding: Finding, severity: Exclude<RuleSeverity, 'off'>, locale: Locale, options: DiagnosticOptions = {}): Diagnostic {
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: SEVERITY[severity],
    code: finding.code,
    source: DIAGNOSTIC_SOURCE,
    message: pick(locale, finding.message),
  };
  const href = options.ruleDocUri?.(finding.code);
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

/** Every finding of every check over every plan, shown or not (fix-all needs the silenced ones too). */
export function collectFindings(
  uri: string,
  file: PlanFile,
  settings: FanganSettings,
  locale: Locale,
  token?: CancellationLike,
  env: CheckEnvironment = {},
  checks: readonly Check[] = CHECKS,
): CollectedFinding[] {
  const out: CollectedFinding[] = [];
  const suppression = suppressionOf(file);
  for (const plan of file.plans) {
    const ctx: CheckContext = { uri, file, plan, settings, locale, ...env };
    for (const check of checks) {
      if (token?.isCancellationRequested || out.length >= MAX_COLLECTED_FINDINGS) return out;
      try {
        check.run(ctx, (finding) => {
          const suppressed = !suppression.empty && suppression.isSuppressed(finding.code, finding.range.start.line);
          out.push({ finding, plan, severity: severityOf(finding.code, settings), suppressed });
          // Enough: stop the check where it is (checks are pure, nothing is left half done).
          if (out.length >= MAX_COLLECTED_FINDINGS) throw ENOUGH;
        });
      } catch (error) {
        if (error !== ENOUGH) throw error;
      }
    }
  }
  return out;
}

const ENOUGH = new Error('enough findings');

/** The findings to show: every check over every plan, without rules switched off and silenced findings. */
export function computeDiagnostics(
  uri: string,
  file: PlanFile,
  settings: FanganSettings,
  locale: Locale,
  token?: CancellationLike,
  env: CheckEnvironment = {},
  options: DiagnosticOptions = {},
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { finding, severity, suppressed } of collectFindings(uri, file, settings, locale, token, env, options.checks)) {
    if (severity !== 'off' && !suppressed) out.push(toDiagnostic(finding, severity, locale, options));
  }
  // Document order, as a reviewer reads (checks report in their own order).
  return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
