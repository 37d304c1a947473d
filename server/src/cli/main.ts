import { resolve } from 'path';
import { pathToFileURL } from 'url';
import { parseArgs, type ParseArgsConfig } from 'util';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createFsHost } from '../node/fsHost';
import { pick, type Locale, type Localized } from '../service/l10n';
import { documentSizeMessage } from '../service/limits';
import { createLanguageService, type FanganLanguageService } from '../service/languageService';
import { formatWorkspaceProblem } from '../service/workspaceData';
import { readPlanFile } from './files';
import { cliLocale, INTERNAL_ERROR, readReason, usageErrors, USAGE } from './messages';
import { outlineJson, planSummary, type PlanSummaryJson } from './outline';
import { coverageCsv, coverageJson, coverageOfDraft, coverageText, mainPlan, outlineSources, readSourceFile, sourcesFor } from './coverage';
import type { CorpusDocument } from '../service/corpus/extract';
import { toSarif } from './sarif';
import { severityName } from './severity';

/**
 * `fangan` — the same analysis as the editor, for batch checks.
 * Exit codes: 0 no error-severity findings, 1 findings of error severity (or unreadable files),
 * 2 usage errors.
 */

declare const FANGAN_VERSION: string;
const VERSION = typeof FANGAN_VERSION === 'string' ? FANGAN_VERSION : '0.0.0-dev';

/** A usage error, said in the user's language. */
class UsageError extends Error {
  constructor(readonly text: Localized) {
    super(text.en);
  }
}

interface Io {
  out(text: string): void;
  err(text: string): void;
}

// A reader that stops early (`fangan check … | head`) closes the pipe: stop quietly, as Unix tools do.
let watchingStdout = false;
function onStdoutError(error: NodeJS.ErrnoException): void {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
}

const processIo: Io = {
  out: (text) => {
    if (!watchingStdout) {
      watchingStdout = true;
      process.stdout.on('error', onStdoutError);
    }
    process.stdout.write(text);
  },
  err: (text) => process.stderr.write(text),
};

/** Runs a command; `search` reads the corpus asynchronously and answers with a promise. */
export function run(argv: readonly string[], io: Io = processIo): number | Promise<number> {
  const locale = cliLocale(argv);
  const failed = (error: unknown): number => {
    if (error instanceof UsageError) {
      io.err(`fangan: ${pick(locale, error.text)}\n\n${pick(locale, USAGE)}\n`);
      return 2;
    }
    io.err(`fangan: ${pick(locale, INTERNAL_ERROR)}: ${String((error as Error)?.stack ?? error)}\n`);
    return 2;
  };
  try {
    const result = dispatch(argv, io);
    return typeof result === 'number' ? result : result.catch(failed);
  } catch (error) {
    return failed(error);
  }
}

function dispatch(argv: readonly string[], io: Io): number | Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.out(`${pick(cliLocale(argv), USAGE)}\n`);
    return command === undefined ? 2 : 0;
  }
  if (command === '--version' || command === '-v') {
    io.out(`${VERSION}\n`);
    return 0;
  }
  if (command === 'check') return check(rest, io);
  if (command === 'outline') return outline(rest, io);
  if (command === 'search') return search(rest, io);
  if (command === 'coverage') return coverage(rest, io);
  throw new UsageError(usageErrors.unknownCommand(command));
}

function parse(args: readonly string[], options: NonNullable<ParseArgsConfig['options']>) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(usageErrors.badArguments((error as Error).message));
  }
}

function localeFrom(lang: unknown): Locale {
  if (lang === undefined) return cliLocale([]);
  if (lang !== 'zh' && lang !== 'en') throw new UsageError(usageErrors.lang(String(lang)));
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

async function check(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { format: { type: 'string', default: 'text' }, lang: { type: 'string' } });
  const format = values.format;
  if (format !== 'text' && format !== 'json' && format !== 'sarif') {
    throw new UsageError(usageErrors.format(['text', 'json', 'sarif'], String(format)));
  }
  if (positionals.length === 0) throw new UsageError(usageErrors.checkFiles);
  const locale = localeFrom(values.lang);
  // The CLI's workspace is the current directory: its .fangan/ (templates, units.json, config.json) applies.
  const service = createLanguageService({ language: locale, host: createFsHost(resolve(__dirname, '..', '..'), [process.cwd()]) });
  for (const problem of await service.reloadWorkspaceData()) {
    io.err(`fangan: ${formatWorkspaceProblem(problem, locale)}\n`);
  }
  const results: FileResult[] = positionals.map((file) => checkOne(service, file, locale, io));
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

function checkOne(service: FanganLanguageService, file: string, locale: Locale, io: Io): FileResult {
  const read = readPlanFile(file);
  if (!read.ok) {
    const message =
      locale === 'zh'
        ? `${read.code === 'file-binary' ? '不是文本文件' : '无法读取'}：${readReason(read.reason, locale)}`
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
  // No editor settings here: the built-in defaults under the office's .fangan/config.json.
  const { settings } = service.resolveSettings(undefined, document.uri);
  // Size limits as in the editor (limits.ts), said on stderr.
  const size = service.sizeOf(document);
  const note = documentSizeMessage(size, read.text.length, document.lineCount);
  if (note) io.err(`fangan: ${file}: ${pick(locale, note)}\n`);
  const plan = size === 'too-large' ? null : planSummary(service.getModel(document).plans[0]);
  return { file, plan, diagnostics: service.computeDiagnostics(document, settings) };
}

function outline(args: readonly string[], io: Io): number {
  const { values, positionals } = parse(args, { format: { type: 'string', default: 'json' }, source: { type: 'string', multiple: true } });
  if (values.format !== 'json') throw new UsageError(usageErrors.outlineFormat(String(values.format)));
  if (positionals.length !== 1) throw new UsageError(usageErrors.outlineFile);
  const file = positionals[0];
  const sourceFiles = readSources(values.source, cliLocale([]));
  const read = readPlanFile(file);
  if (!read.ok) {
    io.err(`fangan: ${file}: ${readReason(read.reason, cliLocale([]))}\n`);
    return 1;
  }
  const service = createLanguageService();
  const model = service.getModel(documentFor(file, read.text));
  let sourcesOf;
  if (sourceFiles) {
    const plan = mainPlan(model);
    const sources = plan ? sourcesFor(resolve(file), model, plan, sourceFiles, [], (p) => io.err(`fangan: ${pick(cliLocale([]), p.message)}\n`)) : [];
    sourcesOf = outlineSources(model, sources);
  }
  io.out(`${JSON.stringify(outlineJson(file, model, sourcesOf), null, 2)}\n`);
  return 0;
}

/** The --source files, read; a file that cannot serve is a usage error. Null without --source. */
function readSources(values: unknown, locale: Locale): CorpusDocument[] | null {
  const files = ([] as unknown[]).concat(values ?? []).filter((f): f is string => typeof f === 'string');
  if (files.length === 0) return null;
  return files.map((f) => {
    const read = readSourceFile(f, locale);
    if ('problem' in read) throw new UsageError(read.problem);
    return read.document;
  });
}

async function coverage(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    source: { type: 'string', multiple: true },
    format: { type: 'string', default: 'text' },
    lang: { type: 'string' },
  });
  const format = values.format;
  if (format !== 'text' && format !== 'json' && format !== 'csv') throw new UsageError(usageErrors.format(['text', 'json', 'csv'], String(format)));
  if (positionals.length === 0) throw new UsageError(usageErrors.coverageFiles);
  const locale = localeFrom(values.lang);
  const given = readSources(values.source, locale);
  const service = createLanguageService({ language: locale, host: createFsHost(resolve(__dirname, '..', '..'), [process.cwd()]) });
  // Without --source, the draft's own citations and directives are looked up in the bundled corpus.
  if (!given) await service.corpus.load([]);
  const said = new Set<string>();
  const results = positionals.map((file) => {
    const read = readPlanFile(file);
    if (!read.ok) throw new UsageError({ zh: `${file}：${readReason(read.reason, 'zh')}`, en: `${file}: ${read.reason}` });
    const model = service.getModel(documentFor(file, read.text));
    const plan = mainPlan(model);
    if (!plan) return { file, coverages: [] };
    const sources = sourcesFor(resolve(file), model, plan, given, service.corpus.store.index.documents, (problem) => {
      const text = `fangan: ${file}: ${pick(locale, problem.message)}\n`;
      if (!said.has(text)) io.err(text);
      said.add(text);
    });
    return coverageOfDraft(file, model, plan, sources);
  });
  if (format === 'json') io.out(`${JSON.stringify(coverageJson(results), null, 2)}\n`);
  else if (format === 'csv') io.out(coverageCsv(results));
  else io.out(coverageText(results, locale));
  return 0;
}

async function search(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    format: { type: 'string', default: 'text' },
    limit: { type: 'string', default: '10' },
    corpus: { type: 'string', multiple: true },
    lang: { type: 'string' },
  });
  if (values.format !== 'json' && values.format !== 'text') throw new UsageError(usageErrors.format(['text', 'json'], String(values.format)));
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new UsageError(usageErrors.limit(String(values.limit)));
  if (positionals.length !== 1 || !positionals[0].trim()) throw new UsageError(usageErrors.query);
  const locale = localeFrom(values.lang);
  // The same service as the editor, over the real file system rooted at the install (bin/.. or server/out/../..).
  const root = resolve(__dirname, '..', '..');
  const service = createLanguageService({
    language: locale,
    host: createFsHost(root, [process.cwd()]),
    onCorpusProblem: (problem) => io.err(`fangan: ${problem.message[locale]}\n`),
  });
  const folders = ([] as unknown[]).concat(values.corpus ?? []).filter((f): f is string => typeof f === 'string');
  await service.corpus.load(folders.map((folder) => resolve(folder)));
  const results = service.corpus.search(positionals[0], { limit });
  if (values.format === 'json') {
    const json = results.map((r) => ({ score: r.score, text: r.text, plan: r.plan, level: r.level, section: r.section, lead: r.lead }));
    io.out(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    for (const r of results) {
      io.out(`${r.score.toFixed(3)}  ${r.planName} · ${r.section}\n       ${r.text}\n`);
      if (r.lead.length > 0) io.out(`       ${locale === 'zh' ? '牵头单位' : 'lead'}：${r.lead.join('、')}\n`);
    }
    if (results.length === 0) io.err(locale === 'zh' ? '素材库中没有找到相近的表述\n' : 'no similar wording in the corpus\n');
  }
  return 0;
}

if (require.main === module) {
  // `node server/out/cli.js …`; bin/fangan calls run() itself
  void Promise.resolve(run(process.argv.slice(2))).then((code) => {
    process.exitCode = code;
  });
}
