import { statSync } from 'fs';
import { resolve } from 'path';
import { pathToFileURL } from 'url';
import { parseArgs, type ParseArgsConfig } from 'util';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createFsHost } from '../node/fsHost';
import { createLanguageService, documentSizeMessage, formatWorkspaceProblem, pick, type FanganLanguageService, type Locale, type Localized, type SourceText } from '../service';
import { escapeControls } from './escape';
import { unifiedDiff, writePlanFile } from './fix';
import { cliLocale, INTERNAL_ERROR, usageErrors, USAGE } from './messages';
import { exportCommand } from './export';
import { outlineJson, planSummary, type PlanSummaryJson } from './outline';
import { coverageCsv, coverageJson, coverageText, readSourceFile } from './coverage';
import { toSarif } from './sarif';
import { severityName } from './severity';
import { readPlanText } from './wordFiles';

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
  if (command === 'export') return exportCommand(rest, io);
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
  /** Fixes made (or, in a dry run, that would be made). */
  fixes: number;
  /** The file could not be written back. */
  failed?: boolean;
}

/** `--fix` writes the fixed text back; `--fix-dry-run` prints it as a diff. */
type FixMode = 'write' | 'dry-run' | null;

async function check(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    format: { type: 'string', default: 'text' },
    lang: { type: 'string' },
    fix: { type: 'boolean', default: false },
    'fix-dry-run': { type: 'boolean', default: false },
  });
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
  const fixing: FixMode = values['fix-dry-run'] ? 'dry-run' : values.fix ? 'write' : null;
  const results: FileResult[] = [];
  // The plan above is looked up in the corpus (bundled, and the office's folders): read once, when a plan needs it.
  let corpus: Promise<void> | undefined;
  const loadCorpus = () => (corpus ??= service.corpus.load(service.resolveSettings(undefined).settings.corpus.folders));
  for (const file of positionals) results.push(await checkOne(service, file, locale, io, fixing, loadCorpus));
  const hasErrors = results.some((r) => r.failed || r.diagnostics.some((d) => severityName(d.severity) === 'error'));
  if (fixing) {
    const fixes = results.reduce((n, r) => n + r.fixes, 0);
    const files = results.filter((r) => r.fixes > 0).length;
    const left = results.reduce((n, r) => n + r.diagnostics.length, 0);
    const verb = fixing === 'dry-run' ? { zh: '可修复', en: 'would fix' } : { zh: '修复了', en: 'fixed' };
    io.err(
      locale === 'zh'
        ? `${verb.zh} ${fixes} 处问题（${files} 个文件），还有 ${left} 处问题需要起草人判断\n`
        : `${verb.en} ${fixes} problem(s) in ${files} file(s); ${left} finding(s) left for the drafter\n`,
    );
    // The dry run's output is the diff alone.
    if (fixing === 'dry-run') return hasErrors ? 1 : 0;
  }

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
        io.out(`${escapeControls(r.file)}:${d.range.start.line + 1}:${d.range.start.character + 1} ${severityName(d.severity)} ${String(d.code)} ${escapeControls(String(d.message))}\n`);
      }
    }
    const count = results.reduce((n, r) => n + r.diagnostics.length, 0);
    io.err(locale === 'zh' ? `检查了 ${results.length} 个文件，发现 ${count} 处问题\n` : `checked ${results.length} file(s), ${count} finding(s)\n`);
  }
  return hasErrors ? 1 : 0;
}

async function checkOne(service: FanganLanguageService, file: string, locale: Locale, io: Io, fixing: FixMode, loadCorpus: () => Promise<void>): Promise<FileResult> {
  const read = await readPlanText(file);
  if (!read.ok) {
    const message =
      locale === 'zh'
        ? `${read.code === 'file-binary' ? '不是文本文件' : '无法读取'}：${read.reason.zh}`
        : `${read.code === 'file-binary' ? 'not a text file' : 'cannot read'}: ${read.reason.en}`;
    io.err(`fangan: ${escapeControls(file)}: ${message}\n`);
    const at = { line: 0, character: 0 };
    return {
      file,
      plan: null,
      diagnostics: [{ range: { start: at, end: at }, severity: 1, code: read.code, source: 'fangan', message }],
      fixes: 0,
    };
  }
  // What a Word file held that could not be read as Word shows it (a numbering definition that is missing, …)
  for (const note of read.notes) io.err(`fangan: ${escapeControls(file)}: ${pick(locale, note)}\n`);
  let document = documentFor(file, read.text);
  // No editor settings here: the built-in defaults under the office's .fangan/config.json.
  const { settings } = service.resolveSettings(undefined, document.uri);
  // Size limits as in the editor (limits.ts), said on stderr.
  const size = service.sizeOf(document);
  const note = documentSizeMessage(size, read.text.length, document.lineCount);
  if (note) io.err(`fangan: ${escapeControls(file)}: ${pick(locale, note)}\n`);
  if (size === 'normal') {
    await loadCorpus();
    // Plan-above files the draft names (fangan.source in .fangan/config.json, a source directive).
    await service.prepareSources(document, settings);
  }
  let fixes = 0;
  let failed = false;
  if (fixing && read.encoding === null) {
    // A Word file is read, never written: its fixes are made in Word or in the imported text.
    io.err(`fangan: ${escapeControls(file)}: ${locale === 'zh' ? 'Word 文档不就地修复（请在 Word 中修改，或先用“从 Word 文档导入”转为文本）' : 'a Word document is not fixed in place (fix it in Word, or import it as text first)'}\n`);
  } else if (fixing) {
    const fixed = service.fixText(document, settings);
    if (fixed.text !== read.text) {
      fixes = fixed.fixes;
      if (fixing === 'dry-run') io.out(unifiedDiff(file, read.text, fixed.text));
      else {
        try {
          writePlanFile(file, fixed.text, read.encoding!);
        } catch (error) {
          failed = true;
          fixes = 0;
          io.err(`fangan: ${escapeControls(file)}: ${locale === 'zh' ? '无法写回修复后的文件' : 'cannot write the fixed file back'}: ${String((error as Error)?.message ?? error)}\n`);
        }
      }
      if (!failed) document = TextDocument.create(document.uri, document.languageId, document.version + 1, fixed.text);
    }
  }
  const plan = size === 'too-large' ? null : planSummary(service.getModel(document).plans[0]);
  return { file, plan, diagnostics: service.computeDiagnostics(document, settings), fixes, failed };
}

async function outline(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { format: { type: 'string', default: 'json' }, source: { type: 'string', multiple: true } });
  if (values.format !== 'json') throw new UsageError(usageErrors.outlineFormat(String(values.format)));
  if (positionals.length !== 1) throw new UsageError(usageErrors.outlineFile);
  const file = positionals[0];
  const sourceFiles = await readSources(values.source, cliLocale([]));
  const read = await readPlanText(file);
  if (!read.ok) {
    io.err(`fangan: ${escapeControls(file)}: ${pick(cliLocale([]), read.reason)}\n`);
    return 1;
  }
  for (const note of read.notes) io.err(`fangan: ${escapeControls(file)}: ${pick(cliLocale([]), note)}\n`);
  const service = createLanguageService();
  const document = documentFor(file, read.text);
  const model = service.getModel(document);
  let sourcesOf;
  if (sourceFiles) {
    const report = service.planAbove(document, service.readSettings(undefined).settings, { sources: sourceFiles });
    for (const p of [...report.unusable, ...report.unresolved]) io.err(`fangan: ${pick(cliLocale([]), p.message)}\n`);
    sourcesOf = report.sourcesOf;
  }
  io.out(`${JSON.stringify(outlineJson(file, model, sourcesOf), null, 2)}\n`);
  return 0;
}

/** The --source files, read; a file that cannot serve is a usage error. Null without --source. */
async function readSources(values: unknown, locale: Locale): Promise<SourceText[] | null> {
  const files = ([] as unknown[]).concat(values ?? []).filter((f): f is string => typeof f === 'string');
  if (files.length === 0) return null;
  const sources: SourceText[] = [];
  for (const f of files) {
    const read = await readSourceFile(f, locale);
    if ('problem' in read) throw new UsageError(read.problem);
    sources.push(read.source);
  }
  return sources;
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
  const given = await readSources(values.source, locale);
  const service = createLanguageService({ language: locale, host: createFsHost(resolve(__dirname, '..', '..'), [process.cwd()]) });
  // Without --source, the draft's own citations and directives are looked up in the bundled corpus.
  if (!given) await service.corpus.load([]);
  const { settings } = service.readSettings(undefined);
  const said = new Set<string>();
  const results = [];
  for (const file of positionals) {
    const read = await readPlanText(file);
    if (!read.ok) throw new UsageError({ zh: `${file}：${read.reason.zh}`, en: `${file}: ${read.reason.en}` });
    const report = service.planAbove(documentFor(file, read.text), settings, { sources: given ?? undefined });
    for (const problem of [...report.unusable, ...report.unresolved]) {
      const text = `fangan: ${escapeControls(file)}: ${pick(locale, problem.message)}\n`;
      if (!said.has(text)) io.err(text);
      said.add(text);
    }
    results.push({ file, coverages: report.coverages });
  }
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
  for (const folder of folders) {
    // a folder that is not there is a mistake in the command, not an empty corpus
    const stat = statSync(folder, { throwIfNoEntry: false });
    if (!stat) throw new UsageError(usageErrors.corpusMissing(escapeControls(folder)));
    if (!stat.isDirectory()) throw new UsageError(usageErrors.corpusNotFolder(escapeControls(folder)));
  }
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
