import { closeSync, openSync, writeSync } from 'fs';
import { basename, dirname, join, resolve } from 'path';
import { pathToFileURL } from 'url';
import { parseArgs } from 'util';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService, exportBaseName, exportFileName, exportRequestProblem as requestProblem, pick, type ExportFormat, type ExportRequest, type Locale, type Localized } from '../service';
import { escapeControls } from './escape';
import { readPlanFile } from './files';
import { createFsHost } from '../node/fsHost';
import { cliLocale, readReason, usageErrors, USAGE } from './messages';

/**
 * `fangan export`: the plan as a .docx in the official layout, or its 任务分工表.
 *
 *   fangan export --format docx FILE [-o OUT]
 *   fangan export --table --format xlsx|docx|csv|json FILE [-o OUT] [--by-unit]
 *
 * OUT defaults to FILE's folder and name with the new extension (`X.docx`, `X.任务分工表.xlsx`)
 * and is never overwritten there; `-o OUT` names a file to write (replacing it), `-o -` writes to
 * standard output. Exit codes: 0 written, 1 the input cannot be read or exported or the output
 * cannot be written, 2 usage errors.
 */

export interface ExportIo {
  err(text: string): void;
  /** Writes the file's bytes to standard output (`-o -`). */
  stdout?(bytes: Uint8Array): void;
}

const say = {
  exportFile: { en: 'export needs exactly one FILE', zh: 'export 需要且只需要一个文件' } as Localized,
  exists: (out: string): Localized => ({
    en: `${out} already exists; name it with -o to replace it`,
    zh: `${out} 已存在；如需覆盖，请用 -o 指定该文件`,
  }),
  cannotWrite: (out: string, reason: string): Localized => ({ en: `cannot write ${out}: ${reason}`, zh: `无法写入 ${out}：${reason}` }),
  wrote: (out: string): Localized => ({ en: `wrote ${out}`, zh: `已写入 ${out}` }),
};

function writeStdout(bytes: Uint8Array): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
  process.stdout.write(bytes);
}

/** Writes the whole file; `exclusive` refuses a file that exists. */
function writeFile(path: string, bytes: Uint8Array, exclusive: boolean): NodeJS.ErrnoException | null {
  let fd: number | undefined;
  try {
    fd = openSync(path, exclusive ? 'wx' : 'w');
    for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
    return null;
  } catch (error) {
    return error as NodeJS.ErrnoException;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export async function exportCommand(args: readonly string[], io: ExportIo): Promise<number> {
  const locale: Locale = cliLocale(args);
  const usage = (text: Localized): number => {
    io.err(`fangan: ${pick(locale, text)}\n\n${pick(locale, USAGE)}\n`);
    return 2;
  };
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      options: {
        format: { type: 'string' },
        table: { type: 'boolean', default: false },
        'by-unit': { type: 'boolean', default: false },
        output: { type: 'string', short: 'o' },
        lang: { type: 'string' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    return usage(usageErrors.badArguments((error as Error).message));
  }
  const { values, positionals } = parsed;
  if (values.lang !== undefined && values.lang !== 'zh' && values.lang !== 'en') return usage(usageErrors.lang(String(values.lang)));
  const what = values.table ? 'table' : 'plan';
  const format = values.format ?? (what === 'table' ? 'xlsx' : 'docx');
  const problem = requestProblem({ what, format, byUnit: values['by-unit'] });
  if (problem) return usage(problem);
  if (positionals.length !== 1) return usage(say.exportFile);
  const request: ExportRequest = { what, format: format as ExportFormat, byUnit: values['by-unit'] };

  const file = positionals[0];
  const read = readPlanFile(file);
  if (!read.ok) {
    io.err(`fangan: ${escapeControls(file)}: ${readReason(read.reason, locale)}\n`);
    return 1;
  }
  const document = TextDocument.create(pathToFileURL(resolve(file)).toString(), 'fangan', 1, read.text);
  // The current directory's .fangan/ (templates, units.json, config.json) applies, as for check.
  const service = createLanguageService({ language: locale, host: createFsHost(resolve(__dirname, '..', '..'), [process.cwd()]) });
  await service.reloadWorkspaceData();
  const result = await service.exportDocument(document, service.resolveSettings(undefined, document.uri).settings, request);
  if (!result.ok) {
    io.err(`fangan: ${escapeControls(file)}: ${pick(locale, result.problem)}\n`);
    return 1;
  }

  if (values.output === '-') {
    (io.stdout ?? writeStdout)(result.bytes);
    return 0;
  }
  const named = values.output !== undefined;
  const out = named ? values.output! : join(dirname(file), exportFileName(exportBaseName(basename(file)), request));
  const error = writeFile(out, result.bytes, !named);
  if (error) {
    io.err(`fangan: ${pick(locale, error.code === 'EEXIST' ? say.exists(out) : say.cannotWrite(out, error.code ?? error.message))}\n`);
    return 1;
  }
  io.err(`fangan: ${pick(locale, say.wrote(out))}\n`);
  return 0;
}
