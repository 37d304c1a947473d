import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { CancellationLike } from '../cancellation';
import type { FanganSettings } from '../workspace/settings';
import type { WorkspaceHost } from '../workspace/host';
import type { Localized } from '../l10n';
import { pathToFileUri } from '../workspace/uri';
import { decodePlanBytes } from '../text/decode';
import { MAX_WORKSPACE_CHECK_FILE_BYTES, MAX_WORKSPACE_CHECK_FILES } from '../limits';
import { walkFiles } from '../workspace/walk';

/**
 * Checks every plan file of the workspace folders (command 方案：检查工作区中的全部方案): `.txt`
 * and `.md` files that Fangan works on under `fangan.activation`, and `*.fangan.*` files. The
 * folders are walked as every folder is (workspace/walk.ts); at most `maxFiles` candidate files are
 * read and files above `maxBytes` are left out (limits.ts); the summary says what was left out.
 * Yields to the event loop after every file, so the editor stays responsive.
 */

export interface WorkspaceCheckOptions {
  readonly maxFiles?: number;
  readonly maxBytes?: number;
  /** Open documents are checked as they are typed; the walk leaves them to the editor (by path). */
  isOpen(path: string): boolean;
  settingsFor(uri: string): Promise<FanganSettings>;
  /** Whether Fangan works on the document under these settings (activation). */
  applies(document: TextDocument, settings: FanganSettings): boolean;
  check(document: TextDocument, settings: FanganSettings): Diagnostic[];
  /** Each checked plan file with its findings (also when there are none: stale ones must go). */
  onFile(uri: string, diagnostics: Diagnostic[]): void;
  progress?(done: number, total: number, path: string): void;
  token?: CancellationLike;
}

export interface WorkspaceCheckSummary {
  /** Candidate files found (.txt/.md/*.fangan.*), up to the cap. */
  readonly files: number;
  /** Of them, plan files checked. */
  readonly plans: number;
  readonly withFindings: number;
  readonly findings: number;
  readonly skippedOpen: number;
  readonly skippedLarge: number;
  readonly skippedUnreadable: number;
  /** More candidate files existed than the cap. */
  readonly truncated: boolean;
  readonly cancelled: boolean;
  readonly maxFiles: number;
  readonly maxBytes: number;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** `.txt`/`.md` (any case) and Fangan's own `*.fangan.txt`, `*.fangan.md`, `*.fangan`. */
export function isCandidate(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.endsWith('.txt') || lower.endsWith('.md') || lower.endsWith('.fangan');
}

export function languageIdOf(name: string): 'fangan' | 'markdown' | 'plaintext' {
  const lower = name.toLowerCase();
  if (/\.fangan(\.(txt|md))?$/.test(lower)) return 'fangan';
  return lower.endsWith('.md') ? 'markdown' : 'plaintext';
}

export async function checkWorkspace(host: WorkspaceHost, options: WorkspaceCheckOptions): Promise<WorkspaceCheckSummary> {
  const maxFiles = options.maxFiles ?? MAX_WORKSPACE_CHECK_FILES;
  const maxBytes = options.maxBytes ?? MAX_WORKSPACE_CHECK_FILE_BYTES;
  const walked = await walkFiles(host, host.workspaceFolders, { accept: isCandidate, maxFiles, stop: () => options.token?.isCancellationRequested === true });
  const paths = walked.files;
  const truncated = walked.truncated;
  let plans = 0;
  let withFindings = 0;
  let findings = 0;
  let skippedOpen = 0;
  let skippedLarge = 0;
  let skippedUnreadable = 0;
  let cancelled = false;
  for (let i = 0; i < paths.length; i++) {
    if (options.token?.isCancellationRequested) {
      cancelled = true;
      break;
    }
    const path = paths[i];
    options.progress?.(i, paths.length, path);
    const uri = pathToFileUri(path);
    try {
      if (options.isOpen(path)) {
        skippedOpen++;
        continue;
      }
      const stat = await host.stat(path);
      if (!stat || stat.type !== 'file') continue;
      if (stat.size > maxBytes) {
        skippedLarge++;
        continue;
      }
      const decoded = decodePlanBytes(await host.readFile(path));
      if (!decoded.ok) {
        skippedUnreadable++;
        continue;
      }
      const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
      const document = TextDocument.create(uri, languageIdOf(name), 0, decoded.text);
      const settings = await options.settingsFor(uri);
      if (!options.applies(document, settings)) continue;
      const diagnostics = options.check(document, settings);
      plans++;
      findings += diagnostics.length;
      if (diagnostics.length > 0) withFindings++;
      options.onFile(uri, diagnostics);
    } catch {
      skippedUnreadable++;
    } finally {
      await yieldToEventLoop();
    }
  }
  if (options.token?.isCancellationRequested) cancelled = true;
  return { files: paths.length, plans, withFindings, findings, skippedOpen, skippedLarge, skippedUnreadable, truncated, cancelled, maxFiles, maxBytes };
}

/** One line for the user: what was checked, found and left out. */
export function summaryMessage(s: WorkspaceCheckSummary): Localized {
  const mb = Math.round(s.maxBytes / 1024 / 1024);
  const zhParts = [`检查了 ${s.plans} 个方案文件，其中 ${s.withFindings} 个有问题，共 ${s.findings} 处（见“问题”面板）`];
  const enParts = [`checked ${s.plans} plan file(s); ${s.withFindings} with problems, ${s.findings} in all (see the Problems panel)`];
  if (s.skippedOpen > 0) {
    zhParts.push(`${s.skippedOpen} 个已打开的文件照常随编辑检查`);
    enParts.push(`${s.skippedOpen} open file(s) are checked as you edit them`);
  }
  if (s.skippedLarge > 0) {
    zhParts.push(`${s.skippedLarge} 个超过 ${mb} MB 的文件未检查`);
    enParts.push(`${s.skippedLarge} file(s) over ${mb} MB were left out`);
  }
  if (s.skippedUnreadable > 0) {
    zhParts.push(`${s.skippedUnreadable} 个文件无法读取（不是文本）`);
    enParts.push(`${s.skippedUnreadable} file(s) could not be read (not text)`);
  }
  if (s.truncated) {
    zhParts.push(`文件过多，只检查了前 ${s.maxFiles} 个 .txt/.md 文件`);
    enParts.push(`too many files: only the first ${s.maxFiles} .txt/.md files were looked at`);
  }
  if (s.cancelled) {
    zhParts.push('检查已取消');
    enParts.push('the check was cancelled');
  }
  return { zh: `方案助手：${zhParts.join('；')}。`, en: `Fangan: ${enParts.join('; ')}.` };
}
