import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { dirname, join, relative } from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { createLanguageService } from '../../server/src/service/languageService';
import { outlineJson } from '../../server/src/cli/outline';

/**
 * What Fangan says today about every seed, example and fixture, kept as files: the CLI's
 * `check --format json` in both languages, the outline, every quick fix offered for every finding
 * and the fix-all edits. A change that alters any of them fails here; when the change is meant
 * (a rule learns a new notation), regenerate with `FANGAN_UPDATE_SNAPSHOTS=1 npm test` and read
 * the diff of test/snapshot/files/ before committing it.
 */

const ROOT = join(__dirname, '..', '..');
const STORE = join(__dirname, 'files');
const UPDATE = process.env.FANGAN_UPDATE_SNAPSHOTS === '1';

function filesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : /\.(txt|md)$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

const INPUTS = [
  ...filesUnder('corpus/seeds'),
  ...filesUnder('examples'),
  ...filesUnder('test/fixtures'),
  ...filesUnder('test/vscode/workspace'),
].sort();

function cliCheck(lang: 'zh' | 'en'): Map<string, unknown> {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'fangan'), 'check', '--format', 'json', '--lang', lang, ...INPUTS], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  const json = JSON.parse(r.stdout) as { files: Array<{ file: string }> };
  return new Map(json.files.map((f) => [f.file, f]));
}

/** Edits in document order: an edit list is a set (LSP applies it at once), its order says nothing. */
function sorted(edits: readonly TextEdit[]): TextEdit[] {
  const at = (e: TextEdit) => [e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character];
  return [...edits].sort((a, b) => {
    const x = at(a);
    const y = at(b);
    for (let i = 0; i < 4; i++) if (x[i] !== y[i]) return x[i] - y[i];
    return a.newText < b.newText ? -1 : a.newText > b.newText ? 1 : 0;
  });
}

/** Quick fixes of every finding and the fix-all edits, through the service as the editor asks for them. */
function fixes(path: string, text: string) {
  const service = createLanguageService({ language: 'zh-cn' });
  const { settings } = service.resolveSettings(undefined);
  const document = TextDocument.create(`file:///snapshot/${path}`, 'fangan', 1, text);
  const diagnostics: Diagnostic[] = service.computeDiagnostics(document, settings);
  const actions = diagnostics.map((diagnostic) => ({
    at: `${diagnostic.range.start.line}:${diagnostic.range.start.character} ${String(diagnostic.code)}`,
    actions: service
      .getCodeActions(document, settings, { diagnostics: [diagnostic], only: ['quickfix'] })
      .map((a: CodeAction) => ({ title: a.title, preferred: a.isPreferred ?? false, edits: sorted(Object.values(a.edit?.changes ?? {}).flat()) })),
  }));
  return { outline: outlineJson(path, service.getModel(document)), actions, fixAll: sorted(service.getFixAll(document, settings)) };
}

/** A snapshot with every edit list in document order (older snapshots kept the order the fixes were made in). */
function normalized<T extends { actions: Array<{ actions: Array<{ edits: TextEdit[] }> }>; fixAll: TextEdit[] }>(snapshot: T): T {
  return {
    ...snapshot,
    actions: snapshot.actions.map((entry) => ({ ...entry, actions: entry.actions.map((a) => ({ ...a, edits: sorted(a.edits) })) })),
    fixAll: sorted(snapshot.fixAll),
  };
}

describe('snapshot of today\'s findings, outlines and fixes (every seed, example and fixture)', function () {
  this.timeout(120000);
  let zh: Map<string, unknown>;
  let en: Map<string, unknown>;
  before(() => {
    assert.ok(existsSync(join(ROOT, 'server', 'out', 'cli.js')), 'build first: npm run build');
    zh = cliCheck('zh');
    en = cliCheck('en');
  });

  it('covers every input', () => {
    assert.ok(INPUTS.length >= 50, `${INPUTS.length} inputs`);
    assert.deepEqual([...zh.keys()].sort(), INPUTS);
  });

  for (const input of INPUTS) {
    it(input, () => {
      const text = readFileSync(join(ROOT, input), 'utf8');
      const actual = normalized({ checkZh: zh.get(input), checkEn: en.get(input), ...fixes(input, text) });
      const file = join(STORE, `${relative('.', input).replace(/[\\/]/g, '__')}.json`);
      const serialized = `${JSON.stringify(actual, null, 1)}\n`;
      if (UPDATE || !existsSync(file)) {
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, serialized);
        if (!UPDATE) assert.fail(`no snapshot yet for ${input}: written to ${relative(ROOT, file)}; commit it`);
        return;
      }
      assert.deepEqual(JSON.parse(serialized), normalized(JSON.parse(readFileSync(file, 'utf8'))), `${input} differs from ${relative(ROOT, file)}`);
    });
  }
});
