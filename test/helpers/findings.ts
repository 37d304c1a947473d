import { strict as assert } from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { createLanguageService, type FanganLanguageService } from '../../server/src/service/languageService';
import type { FanganSettings } from '../../server/src/service/config';
import { applyEdits } from '../../server/src/service/text/edits';
import type { Fixture } from './fixture';

/**
 * Shared harness for check fixtures: runs the service on a fixture (its `#%` options may give
 * `settings`, `locale` and `units`, the content of a `.fangan/units.json`), compares the findings
 * with the `#! code …` lines, and applies quick fixes to re-check the fixed text.
 *
 * `#! code` props: `msg~text` the message contains text; `text=…` the diagnostic covers exactly
 * that text; `fixes=n` it offers n quick fixes; `fix~text` the first fix's title contains text.
 */

export interface Checked {
  readonly service: FanganLanguageService;
  readonly settings: FanganSettings;
  readonly document: TextDocument;
  readonly diagnostics: Diagnostic[];
}

let version = 0;

export function runFixture(fixture: Fixture, text = fixture.text): Checked {
  const locale = typeof fixture.options.locale === 'string' ? fixture.options.locale : 'zh-cn';
  const service = createLanguageService({ language: locale });
  if (fixture.options.units !== undefined) {
    const problems = service.useUnitRegistry([{ path: '.fangan/units.json', text: JSON.stringify(fixture.options.units) }]);
    assert.deepEqual(problems, [], `${fixture.name}: the fixture's unit registry has problems`);
  }
  const { settings, problems } = service.readSettings(fixture.options.settings);
  assert.deepEqual(problems, [], `${fixture.name}: the fixture's settings have problems`);
  const document = TextDocument.create(`file:///fixtures/${encodeURIComponent(fixture.name)}`, 'fangan', ++version, text);
  return { service, settings, document, diagnostics: service.computeDiagnostics(document, settings) };
}

/** A diagnostic's message as text (LSP allows markup; Fangan sends plain strings). */
export function messageOf(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

function textAt(text: string, d: Diagnostic): string {
  const lines = text.split(/\r\n|\r|\n/);
  if (d.range.start.line !== d.range.end.line) return '';
  return (lines[d.range.start.line] ?? '').slice(d.range.start.character, d.range.end.character);
}

/** Every `#!` finding for the selected codes is reported on its line, and nothing else is. */
export function checkFindings(fixture: Fixture, checked: Checked, selected: (code: string) => boolean): void {
  const actual = checked.diagnostics.filter((d) => selected(String(d.code)));
  const unmatched = new Set(actual);
  for (const e of fixture.findings.filter((x) => selected(x.head))) {
    const at = `${fixture.name}:${e.fixtureLine}`;
    const candidates = [...unmatched].filter((d) => d.code === e.head && d.range.start.line === e.line);
    const hit = candidates.find((d) => {
      const msg = e.props['msg~'];
      const text = e.props.text;
      return (msg === undefined || messageOf(d).includes(msg)) && (text === undefined || textAt(checked.document.getText(), d) === text);
    });
    assert.ok(
      hit,
      `${at}: expected ${e.head} on line ${e.line + 1} ${JSON.stringify(e.props)}; got there: ${JSON.stringify(
        actual.filter((d) => d.range.start.line === e.line).map((d) => [d.code, d.message, textAt(checked.document.getText(), d)]),
      )}`,
    );
    unmatched.delete(hit);
    const fixes = quickFixesFor(checked, hit);
    if (e.props.fixes !== undefined) assert.equal(fixes.length, Number(e.props.fixes), `${at}: number of quick fixes (${fixes.map((f) => f.title)})`);
    if (e.props['fix~'] !== undefined) assert.ok(fixes[0]?.title.includes(e.props['fix~']), `${at}: first fix "${fixes[0]?.title}"`);
  }
  assert.deepEqual(
    [...unmatched].map((d) => `${d.range.start.line + 1}: ${d.code} ${d.message}`),
    [],
    `${fixture.name}: findings not marked with #!`,
  );
}

export function quickFixesFor(checked: Checked, diagnostic: Diagnostic): CodeAction[] {
  return checked.service.getCodeActions(checked.document, checked.settings, { diagnostics: [diagnostic], only: ['quickfix'] });
}

export function editsOf(action: CodeAction, uri: string): TextEdit[] {
  return action.edit?.changes?.[uri] ?? [];
}

/** The text with one code action applied. */
export function applyAction(checked: Checked, action: CodeAction): string {
  return applyEdits(checked.document.getText(), editsOf(action, checked.document.uri));
}
