import { strict as assert } from 'assert';
import type { Diagnostic } from 'vscode-languageserver-types';
import { normalizeSettings, type FanganSettings } from '../../server/src/service/config';
import { computeDiagnostics } from '../../server/src/service/features/diagnostics';
import { parsePlanFile } from '../../server/src/service/model/parse';
import { severityName } from '../../server/src/cli/severity';
import type { Expectation, Fixture } from './fixture';

/**
 * Runs the checks on a fixture and compares the findings with its `#! code …` lines:
 *   `#! numbering-gap msg~应为“3.”`  the Chinese message contains the text (no spaces)
 *   `en~should`                      the English message contains the text
 *   `expected=（三）`                 `data.expected` of the diagnostic
 *   `col=5`                          1-based start column; `severity=error`
 * Every finding whose code starts with one of `prefixes` must be expected, and every expectation met.
 */

export function fixtureSettings(fixture: Fixture): FanganSettings {
  return normalizeSettings(fixture.options.settings).settings;
}

export function diagnosticsOf(text: string, settings: FanganSettings, locale: 'zh' | 'en' = 'zh'): Diagnostic[] {
  return computeDiagnostics('file:///fixture.txt', parsePlanFile(text), settings, locale);
}

export function messageOf(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

function describe(d: Diagnostic): string {
  return `${d.range.start.line + 1}:${d.range.start.character + 1} ${String(d.code)} ${messageOf(d)}`;
}

function matches(e: Expectation, zh: Diagnostic, en: Diagnostic): string | null {
  if (zh.range.start.line !== e.line || zh.code !== e.head) return 'elsewhere';
  const p = e.props;
  if (p['msg~'] !== undefined && !messageOf(zh).includes(p['msg~'])) return `message "${messageOf(zh)}" lacks "${p['msg~']}"`;
  if (p['en~'] !== undefined && !messageOf(en).includes(p['en~'])) return `English message "${messageOf(en)}" lacks "${p['en~']}"`;
  const data = zh.data as Record<string, unknown> | undefined;
  if (p.expected !== undefined && data?.expected !== p.expected) return `data.expected is ${JSON.stringify(data?.expected)}, not "${p.expected}"`;
  if (p.col !== undefined && zh.range.start.character + 1 !== Number(p.col)) return `column is ${zh.range.start.character + 1}, not ${p.col}`;
  if (p.severity !== undefined && severityName(zh.severity) !== p.severity) return `severity is ${severityName(zh.severity)}`;
  return null;
}

export function checkFindings(fixture: Fixture, prefixes: readonly string[]): Diagnostic[] {
  const settings = fixtureSettings(fixture);
  const relevant = (d: Diagnostic) => prefixes.some((p) => String(d.code).startsWith(p));
  const zh = diagnosticsOf(fixture.text, settings, 'zh').filter(relevant);
  const en = diagnosticsOf(fixture.text, settings, 'en').filter(relevant);
  assert.equal(zh.length, en.length, 'the same findings in both languages');
  const unmatched = new Set(zh.map((_, i) => i));
  const problems: string[] = [];
  for (const e of fixture.findings) {
    let why = 'no finding on that line';
    let found = -1;
    for (const i of unmatched) {
      const reason = matches(e, zh[i], en[i]);
      if (reason === null) {
        found = i;
        break;
      }
      if (reason !== 'elsewhere') why = reason;
    }
    if (found === -1) problems.push(`${fixture.name}:${e.fixtureLine}: expected ${e.head} on line ${e.line + 1}: ${why}`);
    else unmatched.delete(found);
  }
  for (const i of unmatched) problems.push(`${fixture.name}: unexpected finding ${describe(zh[i])}`);
  assert.ok(problems.length === 0, problems.join('\n'));
  return zh;
}
