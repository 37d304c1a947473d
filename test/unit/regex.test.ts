import { strict as assert } from 'assert';
import { execFileSync } from 'child_process';
import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';
import fc from 'fast-check';
import * as ts from 'typescript';
import { bookTitleContains, withoutBookTitles } from '../../server/src/service/model/detect';
import { parsePlanFile } from '../../server/src/service/model/parse';

/**
 * The regular-expression audit: no pattern in server/src can backtrack super-linearly.
 *
 * Every regex literal is read from the code (TypeScript's parser); every pattern the code builds
 * (`new RegExp(…)`) is recorded while the service serves a session (test/helpers/recordRegExps.ts),
 * and every building site must have been seen. Each pattern goes to recheck, in its pure-JavaScript
 * build (no Java, no native binary, no network): it decides from the pattern's automaton whether
 * matching can take super-linear time — the retries of an unanchored search at every start
 * position included — and, for patterns with look-arounds, searches for an attack string by
 * fuzzing, counting the steps of its own backtracking matcher. Nothing is timed.
 */

// Before recheck loads: the pure build, synchronously, in this process.
process.env.RECHECK_BACKEND = 'pure';
process.env.RECHECK_SYNC_BACKEND = 'pure';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { checkSync } = require('recheck') as typeof import('recheck');

const ROOT = join(__dirname, '..', '..');
const SOURCES = join(ROOT, 'server', 'src');

interface Pattern {
  readonly source: string;
  readonly flags: string;
  readonly site: string;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? tsFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Regex literals, and the lines that build a RegExp, of every source file. */
function readCode(): { literals: Pattern[]; buildSites: string[] } {
  const literals: Pattern[] = [];
  const buildSites: string[] = [];
  for (const file of tsFiles(SOURCES)) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    const site = (node: ts.Node) => `${relative(ROOT, file).replace(/\\/g, '/')}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText();
        const end = text.lastIndexOf('/');
        literals.push({ source: text.slice(1, end), flags: text.slice(end + 1), site: site(node) });
      } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
        buildSites.push(site(node));
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { literals, buildSites };
}

function builtPatterns(): Pattern[] {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'test', 'helpers', 'recordRegExps.ts')], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seen = new Map<string, Pattern>();
  for (const p of JSON.parse(out) as Pattern[]) seen.set(`${p.flags}/${p.source}`, p);
  return [...seen.values()];
}

/** recheck's verdict; a sticky pattern only ever matches at lastIndex, as if anchored. */
function verdict(p: Pattern): { safe: boolean; why: string } {
  const source = p.flags.includes('y') ? `^(?:${p.source})` : p.source;
  const result = checkSync(source, p.flags.replace(/[gy]/g, ''), { timeout: 20000 });
  const why = result.status === 'vulnerable' ? `${result.complexity.summary}, attack ${JSON.stringify(result.attack.pattern)}` : result.status;
  return { safe: result.status === 'safe', why };
}

describe('regular expressions (ReDoS audit)', function () {
  this.timeout(60000);
  const code = readCode();
  let built: Pattern[] = [];

  before(() => {
    built = builtPatterns();
  });

  it('finds the patterns: literals in the code, and every site that builds one was seen building it', () => {
    assert.ok(code.literals.length > 50, `only ${code.literals.length} literals found`);
    assert.ok(code.buildSites.length > 5, `only ${code.buildSites.length} RegExp constructions found`);
    const seenSites = new Set(built.map((p) => p.site));
    assert.deepEqual(
      code.buildSites.filter((site) => !seenSites.has(site)),
      [],
      'these RegExp constructions never ran in the recorded session: extend test/helpers/recordRegExps.ts',
    );
  });

  it('no pattern can backtrack super-linearly (recheck: safe)', () => {
    const unique = new Map<string, Pattern>();
    for (const p of [...code.literals, ...built]) unique.set(`${p.flags}/${p.source}`, p);
    const unsafe = [...unique.values()]
      .map((p) => ({ p, v: verdict(p) }))
      .filter(({ v }) => !v.safe)
      .map(({ p, v }) => `${p.site}  /${p.source}/${p.flags}  ${v.why}`);
    assert.deepEqual(unsafe, []);
  });

  it('the audit catches a quadratic and an exponential pattern', () => {
    // the protection itself: patterns known to be unsafe must fail the same verdict
    assert.equal(verdict({ source: '[\\\\/]+$', flags: '', site: '' }).safe, false); // quadratic retries
    assert.equal(verdict({ source: '^(a+)+$', flags: '', site: '' }).safe, false); // exponential
    assert.equal(verdict({ source: '《[^》]*法治社会[^》]*》', flags: '', site: '' }).safe, false); // what detect.ts had: cubic
    assert.equal(verdict({ source: '[ \\t]*x', flags: 'y', site: '' }).safe, true); // sticky: anchored
  });
});

describe('regular expressions: the linear rewrites mean what the patterns meant', () => {
  // Short strings over the characters that matter, compared with the replaced patterns (which are
  // fast enough on short input).
  const over = (chars: string, maxLength = 24) => fc.string({ unit: fc.constantFrom(...chars), maxLength });

  it('withoutBookTitles = replace(/《[^》]*》/g, "") and bookTitleContains = /《[^》]*T[^》]*》/', () => {
    fc.assert(
      fc.property(over('《》法治社会政府方案 '), (s) => {
        assert.equal(withoutBookTitles(s), s.replace(/《[^》]*》/g, ''));
        assert.equal(bookTitleContains(s, '法治社会'), /《[^》]*法治社会[^》]*》/.test(s));
      }),
      { numRuns: 2000 },
    );
  });

  it('directives read as /^<!--\\s*(fangan(?:-[a-z-]+)?)\\s*:?\\s*(.*?)\\s*-->\\s*$/ read them', () => {
    const OLD = /^<!--\s*(fangan(?:-[a-z-]+)?)\s*:?\s*(.*?)\s*-->\s*$/;
    const line = fc.tuple(over(' \t:\u2028', 3), fc.constantFrom('fangan', 'fangan-disable', 'fangan-enable', 'fanganx', 'fangan-'), over(' :ab-,>\u2028', 12), fc.constantFrom('-->', '->', '--> ', ' -->', ''));
    fc.assert(
      fc.property(line, ([a, name, body, end]) => {
        const text = `<!--${a}${name}${body}${end}`;
        const m = OLD.exec(text);
        const directives = parsePlanFile(text).directives;
        assert.deepEqual(
          directives.map((d) => [d.name, d.args]),
          m ? [[m[1], m[2].split(/[\s,，、]+/).filter(Boolean)]] : [],
          JSON.stringify(text),
        );
      }),
      { numRuns: 4000 },
    );
  });
});
