import { readFileSync } from 'fs';
import { join } from 'path';

/**
 * Fixture files are plans with their expectations written inline (after markdownlint's test files):
 *   `#% {json}`        options for the whole fixture (settings, locale)
 *   `#> key=value …`   what the model must say about the line above
 *   `#! code …`        a finding expected on the line above (`#! numbering-gap msg~应为“3.”`)
 * Annotation lines are removed before parsing; line numbers refer to the text without them.
 */

export interface Expectation {
  /** 0-based line in the stripped text. */
  readonly line: number;
  /** First word (`heading`, `measure`, a rule code, …). */
  readonly head: string;
  readonly props: Readonly<Record<string, string>>;
  /** 1-based line in the fixture file, for messages. */
  readonly fixtureLine: number;
}

export interface Fixture {
  readonly name: string;
  readonly text: string;
  readonly options: Record<string, unknown>;
  readonly model: Expectation[];
  readonly findings: Expectation[];
}

export const FIXTURES = join(__dirname, '..', 'fixtures');

function parseAnnotation(body: string, line: number, fixtureLine: number): Expectation {
  const tokens = body.trim().split(/\s+/).filter(Boolean);
  const props: Record<string, string> = {};
  let head = '';
  for (const token of tokens) {
    const eq = token.indexOf('=');
    const tilde = token.indexOf('~');
    if (tilde > 0 && (eq === -1 || tilde < eq)) props[`${token.slice(0, tilde)}~`] = token.slice(tilde + 1);
    else if (eq > 0) props[token.slice(0, eq)] = token.slice(eq + 1);
    else if (!head) head = token;
    else props[token] = 'true';
  }
  return { line, head, props, fixtureLine };
}

export function parseFixture(name: string, raw: string): Fixture {
  const out: string[] = [];
  const model: Expectation[] = [];
  const findings: Expectation[] = [];
  let options: Record<string, unknown> = {};
  const rawLines = raw.split('\n');
  rawLines.forEach((line, i) => {
    if (line.startsWith('#%')) {
      options = { ...options, ...(JSON.parse(line.slice(2)) as Record<string, unknown>) };
    } else if (line.startsWith('#>')) {
      model.push(parseAnnotation(line.slice(2), out.length - 1, i + 1));
    } else if (line.startsWith('#!')) {
      findings.push(parseAnnotation(line.slice(2), out.length - 1, i + 1));
    } else {
      out.push(line);
    }
  });
  return { name, text: out.join('\n'), options, model, findings };
}

export function loadFixture(relativePath: string): Fixture {
  return parseFixture(relativePath, readFileSync(join(FIXTURES, relativePath), 'utf8'));
}

export function seedText(name: string): string {
  return readFileSync(join(__dirname, '..', '..', 'corpus', 'seeds', name), 'utf8');
}

export const SEEDS = {
  chengdu: '000_fe965b1f8b911ae8.txt',
  xiji: '001_7a3985546b992323.txt',
  guizhou: '002_6165ec8d7c1e9a5d.txt',
  dazu: '003_eeaf1b93697e59c4.txt',
  suizhou: '004_a38a9a48ed10b89a.txt',
} as const;
