import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { FanganSettings, RuleSeverity } from '../config';
import { CHECKS, RULES } from '../checks';
import type { Check, CheckContext, CheckEnvironment, Finding } from '../checks/types';
import { pick, type Locale } from '../l10n';
import type { PlanFile } from '../model/types';
import type { CancellationLike } from '../cancellation';

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

export function toDiagnostic(finding: Finding, severity: Exclude<RuleSeverity, 'off'>, locale: Locale): Diagnostic {
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: SEVERITY[severity],
    code: finding.code,
    source: DIAGNOSTIC_SOURCE,
    message: pick(locale, finding.message),
  };
  if (finding.data !== undefined) diagnostic.data = finding.data;
  return diagnostic;
}

/** Runs every check (or the given ones: a large document gets the structure checks only) over every plan in the file. */
export function computeDiagnostics(
  uri: string,
  file: PlanFile,
  settings: FanganSettings,
  locale: Locale,
  token?: CancellationLike,
  env: CheckEnvironment = {},
  checks: readonly Check[] = CHECKS,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const plan of file.plans) {
    const ctx: CheckContext = { uri, file, plan, settings, locale, ...env };
    for (const check of checks) {
      if (token?.isCancellationRequested) return out;
      check.run(ctx, (finding) => {
        const severity = severityOf(finding.code, settings);
        if (severity !== 'off') out.push(toDiagnostic(finding, severity, locale));
      });
    }
  }
  // Document order, as a reviewer reads (checks report in their own order).
  return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
