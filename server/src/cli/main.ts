import { resolve } from 'path';
import { pathToFileURL } from 'url';
import { parseArgs, type ParseArgsConfig } from 'util';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { localeOf, type Locale } from '../service/l10n';
import { createLanguageService, type FanganLanguageService } from '../service/languageService';
import { readPlanFile } from './files';
import { outlineJson, planSummary, type PlanSummaryJson } from './outline';
import { toSarif } from './sarif';
import { severityName } from './severity';
import { useCliUnitRegistry } from './units';

/**
 * `fangan` — the same analysis as the editor, for batch checks.
 * Exit codes: 0 no error-severity findings, 1 findings of error severity (or unreadable files),
 * 2 usage errors.
 */

declare const FANGAN_VERSION: string;
const VERSION = typeof FANGAN_VERSION === 'string' ? FANGAN_VERSION : '0.0.0-dev';

const USAGE = `Usage:
  fangan check [--format text|json|sarif] [--lang zh|en] FILE...
  fangan outline --format json FILE
  fangan --version | --help

check    checks plan files (.txt/.md); exit 0 when no error-severity findings, 1 when there are, 2 on usage errors
outline  prints the plan model (title, kind, level, headings, measures, responsibility notes) as JSON`;

class UsageError extends Error {}

interface Io {
  out(text: string): void;
  err(text: string): void;
}

const processIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

export function run(argv: readonly string[], io: Io = processIo): number {
  try {
    return dispatch(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`fangan: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    io.err(`fangan: internal error: ${String((error as Error)?.stack ?? error)}\n`);
    return 2;
  }
}

function dispatch(argv: readonly string[], io: Io): number {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.out(`${USAGE}\n`);
    return command === undefined ? 2 : 0;
  }
  if (command === '--version' || command === '-v') {
    io.out(`${VERSION}\n`);
    return 0;
  }
  if (command === 'check') return check(rest, io);
  if (command === 'outline') return outline(rest, io);
  throw new UsageError(`unknown command "${command}"`);
}

function parse(args: readonly string[], options: NonNullable<ParseArgsConfig['options']>) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function localeFrom(lang: unknown): Locale {
  if (lang === undefined) return localeOf(process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG);
  if (lang !== 'zh' && lang !== 'en') throw new UsageError(`--lang must be zh or en, not "${String(lang)}"`);
  return lang;
}

function documentFor(file: string, text: string): TextDocument {
  return TextDocument.create(pathToFileURL(resolve(file)).toString(), 'fangan', 1, text);
}

interface FileResult {
  file: string;
  plan: PlanSummaryJson | null;
  diagnostics: Diagnostic[];
}

function check(args: readonly string[], io: Io): number {
  const { values, positionals } = parse(args, { format: { type: 'string', default: 'text' }, lang: { type: 'string' } });
  const format = values.format;
  if (format !== 'text' && format !== 'json' && format !== 'sarif') {
    throw new UsageError(`--format must be text, json or sarif, not "${String(format)}"`);
  }
  if (positionals.length === 0) throw new UsageError('check needs at least one FILE');
  const locale = localeFrom(values.lang);
  const service = createLanguageService({ language: locale });
  useCliUnitRegistry(service, locale, io.err);
  const { settings } = service.readSettings(undefined);

  const results: FileResult[] = positionals.map((file) => checkOne(service, file, settings, locale, io));
  const hasErrors = results.some((r) => r.diagnostics.some((d) => severityName(d.severity) === 'error'));

  if (format === 'json') {
    const json = {
      files: results.map((r) => ({
        file: r.file,
        plan: r.plan,
        diagnostics: r.diagnostics.map((d) => ({
          code: String(d.code),
          severity: severityName(d.severity),
          message: d.message,
          range: d.range,
        })),
      })),
    };
    io.out(`${JSON.stringify(json, null, 2)}\n`);
  } else if (format === 'sarif') {
    io.out(`${JSON.stringify(toSarif(results, VERSION, locale), null, 2)}\n`);
  } else {
    for (const r of results) {
      for (const d of r.diagnostics) {
        io.out(`${r.file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${severityName(d.severity)} ${String(d.code)} ${d.message}\n`);
      }
    }
    const count = results.reduce((n, r) => n + r.diagnostics.length, 0);
    io.err(locale === 'zh' ? `检查了 ${results.length} 个文件，发现 ${count} 处问题\n` : `checked ${results.length} file(s), ${count} finding(s)\n`);
  }
  return hasErrors ? 1 : 0;
}

function checkOne(
  service: FanganLanguageService,
  file: string,
  settings: ReturnType<FanganLanguageService['readSettings']>['settings'],
  locale: Locale,
  io: Io,
): FileResult {
  const read = readPlanFile(file);
  if (!read.ok) {
    const message =
      locale === 'zh'
        ? `${read.code === 'file-binary' ? '不是文本文件' : '无法读取'}：${read.reason}`
        : `${read.code === 'file-binary' ? 'not a text file' : 'cannot read'}: ${read.reason}`;
    io.err(`fangan: ${file}: ${message}\n`);
    const at = { line: 0, character: 0 };
    return {
      file,
      plan: null,
      diagnostics: [{ range: { start: at, end: at }, severity: 1, code: read.code, source: 'fangan', message }],
    };
  }
  const document = documentFor(file, read.text);
  const model = service.getModel(document);
  return { file, plan: planSummary(model.plans[0]), diagnostics: service.computeDiagnostics(document, settings) };
}

function outline(args: readonly string[], io: Io): number {
  const { values, positionals } = parse(args, { format: { type: 'string', default: 'json' } });
  if (values.format !== 'json') throw new UsageError(`outline supports --format json only, not "${String(values.format)}"`);
  if (positionals.length !== 1) throw new UsageError('outline needs exactly one FILE');
  const file = positionals[0];
  const read = readPlanFile(file);
  if (!read.ok) {
    io.err(`fangan: ${file}: ${read.reason}\n`);
    return 1;
  }
  const service = createLanguageService();
  io.out(`${JSON.stringify(outlineJson(file, service.getModel(documentFor(file, read.text))), null, 2)}\n`);
  return 0;
}

if (require.main === module) {
  // `node server/out/cli.js …`; bin/fangan calls run() itself
  process.exitCode = run(process.argv.slice(2));
}
