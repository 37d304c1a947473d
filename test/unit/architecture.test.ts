import { strict as assert } from 'assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { dirname, join, relative } from 'path';

/**
 * The shape of the code, held by tests (CONTRIBUTING "Architecture"):
 * - no import cycles anywhere in server/ and client/, type imports included;
 * - the service is pure: nothing under server/src/service imports the LSP connection, the file
 *   system, paths, the OS or the process;
 * - inside the service, dependencies run one way, down these layers: languageService → features
 *   → rules → corpus → workspace → model → text (with limits, l10n, cancellation at the bottom);
 * - the LSP wiring, the CLI and the extension reach the service only through its interface,
 *   `service/index.ts`, and its limits (`service/limits.ts`, plain constants the extension may share
 *   without bundling the service).
 */

const ROOT = join(__dirname, '..', '..');
const SOURCES = ['server/src', 'client/src'];

function tsFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return tsFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

interface Import {
  readonly specifier: string;
  /** The repository-relative file it names, for a relative import. */
  readonly target: string | null;
}

// `import … from 'x'`, `import type … from 'x'`, `export … from 'x'`, `import 'x'`, `import('x')`, `require('x')`
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)|\brequire\(\s*['"]([^'"]+)['"]\s*\)/g;

function resolveImport(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = join(dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')]) {
    if (existsSync(join(ROOT, candidate)) && statSync(join(ROOT, candidate)).isFile()) return candidate;
  }
  return base;
}

function importsOf(file: string): Import[] {
  const text = readFileSync(join(ROOT, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const out: Import[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const specifier = m[1] ?? m[2] ?? m[3] ?? m[4];
    out.push({ specifier, target: resolveImport(file, specifier) });
  }
  return out;
}

const FILES = SOURCES.flatMap(tsFiles);
const GRAPH = new Map(FILES.map((f) => [f, importsOf(f)]));

/** Strongly connected components with more than one file (or a file importing itself). */
function cycles(): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    indices.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const { target: w } of GRAPH.get(v) ?? []) {
      if (!w || !GRAPH.has(w)) continue;
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      const selfLoop = (GRAPH.get(v) ?? []).some((i) => i.target === v);
      if (component.length > 1 || selfLoop) found.push(component.sort());
    }
  };
  for (const f of FILES) if (!indices.has(f)) visit(f);
  return found;
}

const SERVICE = 'server/src/service';
/** Layer of a service file; a file may import its own layer or lower ones. */
function layerOf(file: string): number {
  const rel = relative(SERVICE, file).split(/[\\/]/);
  const top = rel.length > 1 ? rel[0] : rel[0].replace(/\.ts$/, '');
  const layers: Record<string, number> = {
    l10n: 0,
    cancellation: 0,
    limits: 0,
    text: 0,
    model: 1,
    workspace: 2,
    corpus: 3,
    rules: 4,
    features: 5,
    languageService: 6,
    index: 7,
  };
  assert.ok(top in layers, `${file}: a file in service/ outside the known folders (${Object.keys(layers).join(', ')}); add it to a layer`);
  return layers[top];
}

describe('architecture', () => {
  it('reads every source file and its imports', () => {
    assert.ok(FILES.length > 80, `${FILES.length} files`);
    assert.ok(GRAPH.get('server/src/server.ts')!.length > 5);
  });

  it('has no import cycles, type imports included', () => {
    assert.deepEqual(cycles(), []);
  });

  it('keeps the service pure: no connection, file system, paths, OS or process', () => {
    const forbidden = /^(node:)?(fs|fs\/promises|path|os|process|child_process|net|http|https)$|^vscode$|^vscode-languageserver(\/node)?$|^vscode-languageclient/;
    const offenders: string[] = [];
    for (const [file, imports] of GRAPH) {
      if (!file.startsWith(`${SERVICE}/`)) continue;
      for (const i of imports) if (forbidden.test(i.specifier)) offenders.push(`${file} imports ${i.specifier}`);
      const text = readFileSync(join(ROOT, file), 'utf8');
      if (/\bprocess\.(env|cwd|exit|argv|stdout|stderr|on)\b/.test(text)) offenders.push(`${file} uses the process global`);
    }
    assert.deepEqual(offenders, []);
  });

  it('runs dependencies one way inside the service: features → rules → corpus → workspace → model → text', () => {
    const upward: string[] = [];
    for (const [file, imports] of GRAPH) {
      if (!file.startsWith(`${SERVICE}/`)) continue;
      for (const i of imports) {
        if (!i.target?.startsWith(`${SERVICE}/`)) continue;
        if (layerOf(i.target) > layerOf(file)) upward.push(`${file} → ${i.target}`);
      }
    }
    assert.deepEqual(upward, []);
  });

  it('has the LSP wiring, the CLI and the extension reach the service only through its interface (service/index.ts) and its limits', () => {
    const outside: string[] = [];
    for (const [file, imports] of GRAPH) {
      if (file.startsWith(`${SERVICE}/`)) continue;
      for (const i of imports) {
        if (i.target?.startsWith(`${SERVICE}/`) && i.target !== `${SERVICE}/index.ts` && i.target !== `${SERVICE}/limits.ts`) outside.push(`${file} → ${i.target}`);
      }
    }
    assert.deepEqual(outside, []);
  });

  it('would notice a cycle and an upward import (the checks themselves can fail)', () => {
    GRAPH.set('server/src/service/model/__probe.ts', [{ specifier: '../features/__probe', target: 'server/src/service/features/__probe.ts' }]);
    GRAPH.set('server/src/service/features/__probe.ts', [{ specifier: '../model/__probe', target: 'server/src/service/model/__probe.ts' }]);
    FILES.push('server/src/service/model/__probe.ts', 'server/src/service/features/__probe.ts');
    try {
      assert.ok(cycles().some((c) => c.includes('server/src/service/model/__probe.ts')));
      assert.equal(layerOf('server/src/service/model/__probe.ts') < layerOf('server/src/service/features/__probe.ts'), true);
    } finally {
      GRAPH.delete('server/src/service/model/__probe.ts');
      GRAPH.delete('server/src/service/features/__probe.ts');
      FILES.splice(FILES.length - 2, 2);
    }
  });
});
