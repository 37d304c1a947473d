import { strict as assert } from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { severityName } from '../../server/src/cli/severity';
import { normalizeSettings, type FanganSettings } from '../../server/src/service/workspace/settings';
import { isIgnoreAction } from '../../server/src/service/features/codeActions';
import { computeDiagnostics } from '../../server/src/service/features/diagnostics';
import { RULES } from '../../server/src/service/rules';
import { createLanguageService, type FanganLanguageService } from '../../server/src/service/languageService';
import { parsePlanFile } from '../../server/src/service/model/parse';
import { applyEdits } from '../../server/src/service/text/edits';
import type { Expectation, Fixture } from './fixture';

/**
 * Runs the real language service over a fixture and compares its findings with the fixture's
 * `#! code …` lines. Only the codes under test are compared (`codes` are code prefixes, e.g.
 * `numbering-`), so checks added later do not break older fixtures. Expectation properties:
 *   `msg~text`   the Chinese message contains text (any `name~text` but `en~`/`fix~` does)
 *   `en~text`    the English message contains text
 *   `fix~text`   a quick fix whose title contains text is offered;  `fix1~text` the first one's does
 *   `fixes=n`    exactly n quick fixes are offered
 *   `text=…`     the diagnostic covers exactly that text
 *   `expected=…` the diagnostic's `data.expected`
 *   `col=5`      1-based start column;  `severity=error|warning|information|hint`
 * Annotations are split at spaces: write a space as `\s`.
 * Fixture options (`#% {…}`): `settings` (raw `fangan.*` settings), `language` or `locale`
 * (default zh-cn), `units` (the content of a `.fangan/units.json`).
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
export const messageOf = messageText;

export function fixtureSettings(fixture: Fixture): FanganSettings {
  return normalizeSettings(fixture.options.settings).settings;
}

/** The checks alone (no workspace data), in one language. */
export function diagnosticsOf(text: string, settings: FanganSettings, locale: 'zh' | 'en' = 'zh'): Diagnostic[] {
  return computeDiagnostics({ uri: 'file:///fixture.txt', file: parsePlanFile(text), settings, locale, rules: RULES });
}

let version = 0;

export function runText(text: string, options: Record<string, unknown> = {}, service?: FanganLanguageService, uri = 'file:///fixture.txt'): FixtureRun {
  const language = [options.language, options.locale].find((l) => typeof l === 'string') as string | undefined;
  const svc = service ?? createLanguageService({ language: language ?? 'zh-cn' });
  if (!service && options.units !== undefined) {
    const problems = svc.useUnitRegistry([{ path: '.fangan/units.json', text: JSON.stringify(options.units) }]);
    assert.deepEqual(problems, [], "the fixture's unit registry has problems");
  }
  const { settings, problems } = svc.readSettings(options.settings);
  assert.deepEqual(problems.map((p) => p.message.en), [], "the fixture's settings have problems");
  const document = TextDocument.create(uri, 'fangan', ++version, text);
  return { service: svc, document, settings, diagnostics: svc.computeDiagnostics(document, settings) };
}

/** A fixture run on its own text (or a changed one), under a URI that names it. */
export function runFixture(fixture: Fixture, text = fixture.text): FixtureRun {
  return runText(text, fixture.options, undefined, `file:///fixtures/${encodeURIComponent(fixture.name)}`);
}
export type Checked = FixtureRun;

function coveredText(document: TextDocument, d: Diagnostic): string {
  return d.range.start.line === d.range.end.line ? document.getText(d.range) : '';
}

const withSpaces = (value: string) => value.replace(/\\s/g, ' ');

/** null when the diagnostic meets the expectation; otherwise why not ('elsewhere' for another line/code). */
function mismatch(e: Expectation, d: Diagnostic, en: Diagnostic | undefined, document: TextDocument): string | null {
  if (d.code !== e.head || d.range.start.line !== e.line) return 'elsewhere';
  for (const [key, raw] of Object.entries(e.props)) {
    const value = withSpaces(raw);
    if (key === 'fix~' || key === 'fix1~' || key === 'fixes') continue;
    if (key === 'text') {
      if (coveredText(document, d) !== value) return `covers "${coveredText(document, d)}", not "${value}"`;
      continue;
    }
    if (key === 'en~') {
      if (!en || !messageText(en).includes(value)) return `English message "${en ? messageText(en) : ''}" lacks "${value}"`;
    } else if (key.endsWith('~')) {
      if (!messageText(d).includes(value)) return `message "${messageText(d)}" lacks "${value}"`;
    } else if (key === 'severity') {
      if (severityName(d.severity) !== value) return `severity is ${severityName(d.severity)}`;
    } else if (key === 'expected') {
      const data = d.data as Record<string, unknown> | undefined;
      if (data?.expected !== value) return `data.expected is ${JSON.stringify(data?.expected)}, not "${value}"`;
    } else if (key === 'col') {
      if (d.range.start.character + 1 !== Number(value)) return `column is ${d.range.start.character + 1}, not ${value}`;
    }
  }
  return null;
}

/**
 * Asserts that the fixture's findings of `codes` (prefixes) are exactly its `#!` lines; returns the run.
 * With `seriousOnly`, only error and warning findings are compared; `englishService`: the service for the
 * English run when `service` was prepared for the fixture (a corpus, the files it names).
 */
export function checkFindings(
  fixture: Fixture,
  codes: readonly string[],
  service?: FanganLanguageService,
  options: { seriousOnly?: boolean; englishService?: FanganLanguageService } = {},
): FixtureRun {
  const uri = `file:///${fixture.name}`;
  // seriousOnly: errors and warnings alone (information and hints are advice a fixture need not list)
  const serious = (d: Diagnostic) => !options.seriousOnly || d.severity === 1 || d.severity === 2;
  const relevant = (d: Diagnostic) => codes.some((c) => String(d.code).startsWith(c)) && serious(d);
  const run = runText(fixture.text, fixture.options, service, uri);
  const actual = run.diagnostics.filter(relevant);
  const english = runText(fixture.text, { ...fixture.options, language: 'en' }, options.englishService, uri).diagnostics.filter(relevant);
  assert.equal(english.length, actual.length, `${fixture.name}: the same findings in both languages`);
  const expected = fixture.findings.filter((e) => codes.some((c) => e.head.startsWith(c)));
  const unmatched = new Set(actual.map((_, i) => i));
  const describe = (d: Diagnostic) => `line ${d.range.start.line + 1}:${d.range.start.character + 1} ${String(d.code)} ${messageText(d)}`;
  const problems: string[] = [];
  for (const e of expected) {
    let why = 'no such finding on that line';
    let found = -1;
    for (const i of unmatched) {
      const reason = mismatch(e, actual[i], english[i], run.document);
      if (reason === null) {
        found = i;
        break;
      }
      if (reason !== 'elsewhere') why = reason;
    }
    if (found === -1) {
      problems.push(`${fixture.name}:${e.fixtureLine}: expected ${e.head} on line ${e.line + 1} ${JSON.stringify(e.props)}: ${why}`);
      continue;
    }
    unmatched.delete(found);
    const titles = quickFixes(run, actual[found]).map((a) => a.title);
    const at = `${fixture.name}:${e.fixtureLine}`;
    if (e.props['fix~'] && !titles.some((t) => t.includes(withSpaces(e.props['fix~'])))) {
      problems.push(`${at}: no quick fix "${e.props['fix~']}" among ${JSON.stringify(titles)}`);
    }
    if (e.props['fix1~'] && !titles[0]?.includes(withSpaces(e.props['fix1~']))) {
      problems.push(`${at}: the first quick fix is ${JSON.stringify(titles[0])}, not "${e.props['fix1~']}"`);
    }
    if (e.props.fixes !== undefined && titles.length !== Number(e.props.fixes)) {
      problems.push(`${at}: ${titles.length} quick fixes (${JSON.stringify(titles)}), not ${e.props.fixes}`);
    }
  }
  for (const i of unmatched) problems.push(`${fixture.name}: unexpected finding ${describe(actual[i])}`);
  assert.ok(problems.length === 0, `${problems.join('\n')}\n  all findings:\n  ${actual.map(describe).join('\n  ') || '(none)'}`);
  return run;
}

/** The quick fixes of a diagnostic, without "ignore this problem here" (offered with every finding; tested apart). */
export function quickFixes(run: FixtureRun, diagnostic: Diagnostic): CodeAction[] {
  return run.service.getCodeActions(run.document, run.settings, { diagnostics: [diagnostic], only: ['quickfix'] }).filter((a) => !isIgnoreAction(a));
}

export const quickFixesFor = quickFixes;

/** The edits of an action (for one document: the given uri, or its only one). */
export function editsOf(action: CodeAction, uri?: string): TextEdit[] {
  const changes = action.edit?.changes ?? {};
  return (uri ? changes[uri] : Object.values(changes)[0]) ?? [];
}

/** The run's text with one code action applied. */
export function applyAction(run: FixtureRun, action: CodeAction): string {
  return applyEdits(run.document.getText(), editsOf(action, run.document.uri));
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
  const relevant = (d: Diagnostic) => codes.some((c) => String(d.code).startsWith(c));
  const run = runText(fixture.text, fixture.options, undefined, `file:///${fixture.name}`);
  const before = run.diagnostics.filter(relevant);
  const out: Array<{ diagnostic: Diagnostic; fixed: string }> = [];
  for (const d of before) {
    for (const action of quickFixes(run, d)) {
      const fixed = applyEdits(fixture.text, editsOf(action));
      const after = runText(fixed, fixture.options, run.service, `file:///${fixture.name}.fixed`).diagnostics.filter(relevant);
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
