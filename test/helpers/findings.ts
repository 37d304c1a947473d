import { strict as assert } from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { createLanguageService, type FanganLanguageService } from '../../server/src/service/languageService';
import type { FanganSettings } from '../../server/src/service/config';
import { applyEdits } from '../../server/src/service/text/edits';
import type { Expectation, Fixture } from './fixture';

/**
 * Runs the real language service over a fixture and compares its findings with the fixture's
 * `#! code …` lines. Only the codes under test are compared, so that checks added later on other
 * branches do not break these fixtures. Expectation properties:
 *   `msg~text`   the message contains text (any `name~text` but `fix~` does: `msg~a at~b`)
 *                Annotations are split at spaces: write a space as `\s` (`at~expected\sbefore`).
 *   `fix~text`   a quick fix whose title contains text is offered
 *   `severity=error|warning|information|hint`
 * Fixture options (`#% {…}`): `settings` (raw `fangan.*` settings), `language` (default zh-cn).
 */

export interface FixtureRun {
  readonly service: FanganLanguageService;
  readonly document: TextDocument;
  readonly settings: FanganSettings;
  readonly diagnostics: Diagnostic[];
}

/** A diagnostic's message as text (LSP 3.18 allows Markdown content). */
export function messageText(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

const SEVERITY_NAMES = ['', 'error', 'warning', 'information', 'hint'];

export function runText(text: string, options: Record<string, unknown> = {}, service?: FanganLanguageService, uri = 'file:///fixture.txt'): FixtureRun {
  const svc = service ?? createLanguageService({ language: typeof options.language === 'string' ? options.language : 'zh-cn' });
  const { settings } = svc.readSettings(options.settings);
  const document = TextDocument.create(uri, 'fangan', 1, text);
  return { service: svc, document, settings, diagnostics: svc.computeDiagnostics(document, settings) };
}

const withSpaces = (value: string) => value.replace(/\\s/g, ' ');

function matches(e: Expectation, d: Diagnostic): boolean {
  if (d.code !== e.head || d.range.start.line !== e.line) return false;
  for (const [key, value] of Object.entries(e.props)) {
    if (key.endsWith('~') && key !== 'fix~' && !messageText(d).includes(withSpaces(value))) return false;
    if (key === 'severity' && SEVERITY_NAMES[d.severity ?? 0] !== value) return false;
  }
  return true;
}

/** Asserts that the fixture's findings of `codes` are exactly its `#!` lines; returns the run. */
export function checkFindings(fixture: Fixture, codes: readonly string[], service?: FanganLanguageService): FixtureRun {
  const run = runText(fixture.text, fixture.options, service, `file:///${fixture.name}`);
  const actual = run.diagnostics.filter((d) => codes.includes(String(d.code)));
  const expected = fixture.findings.filter((e) => codes.includes(e.head));
  const unmatched = [...actual];
  const describe = (d: Diagnostic) => `line ${d.range.start.line + 1} ${String(d.code)} ${messageText(d)}`;
  for (const e of expected) {
    const i = unmatched.findIndex((d) => matches(e, d));
    assert.ok(
      i !== -1,
      `${fixture.name}:${e.fixtureLine}: expected ${e.head} on line ${e.line + 1} ${JSON.stringify(e.props)}; got:\n  ${actual.map(describe).join('\n  ') || '(nothing)'}`,
    );
    const d = unmatched.splice(i, 1)[0];
    if (e.props['fix~']) {
      const titles = quickFixes(run, d).map((a) => a.title);
      assert.ok(titles.some((t) => t.includes(withSpaces(e.props['fix~']))), `${fixture.name}:${e.fixtureLine}: no quick fix "${e.props['fix~']}" among ${JSON.stringify(titles)}`);
    }
  }
  assert.deepEqual(unmatched.map(describe), [], `${fixture.name}: unexpected findings`);
  return run;
}

export function quickFixes(run: FixtureRun, diagnostic: Diagnostic): CodeAction[] {
  return run.service.getCodeActions(run.document, run.settings, { diagnostics: [diagnostic], only: ['quickfix'] });
}

export function editsOf(action: CodeAction): TextEdit[] {
  return Object.values(action.edit?.changes ?? {})[0] ?? [];
}

/** Identity of a finding across edits (lines shift): its code and data. */
function identity(d: Diagnostic): string {
  return `${String(d.code)} ${JSON.stringify(d.data ?? null)}`;
}

/**
 * Applies each quick fix offered for the fixture's findings (one at a time, on the original text)
 * and re-checks: the fixed finding is gone and no finding of `codes` appears that was not there.
 * Returns the fixed texts, for further assertions.
 */
export function recheckAfterFixes(fixture: Fixture, codes: readonly string[]): Array<{ diagnostic: Diagnostic; fixed: string }> {
  const run = runText(fixture.text, fixture.options, undefined, `file:///${fixture.name}`);
  const before = run.diagnostics.filter((d) => codes.includes(String(d.code)));
  const out: Array<{ diagnostic: Diagnostic; fixed: string }> = [];
  for (const d of before) {
    for (const action of quickFixes(run, d)) {
      const fixed = applyEdits(fixture.text, editsOf(action));
      const after = runText(fixed, fixture.options, run.service, `file:///${fixture.name}.fixed`).diagnostics.filter((x) => codes.includes(String(x.code)));
      const remaining = before.map(identity);
      remaining.splice(remaining.indexOf(identity(d)), 1);
      for (const x of after) {
        const i = remaining.indexOf(identity(x));
        assert.ok(i !== -1, `${fixture.name}: after "${action.title}", new finding line ${x.range.start.line + 1} ${String(x.code)} ${messageText(x)}\n--- fixed text ---\n${fixed}`);
        remaining.splice(i, 1);
      }
      assert.ok(!after.some((x) => identity(x) === identity(d)), `${fixture.name}: "${action.title}" did not remove ${identity(d)}`);
      out.push({ diagnostic: d, fixed });
    }
  }
  return out;
}
