import type { CancellationLike } from '../cancellation';
import type { WorkspaceHost } from '../workspace/host';
import type { Localized } from '../l10n';
import { decodePlanBytes } from '../text/decode';
import { correspondingMeasures, type MeasureMatch } from './correspond';
import { MAX_CORPUS_FILE_BYTES, MAX_CORPUS_FILES, MAX_CORPUS_TOTAL_CHARS, MAX_DOCUMENT_LINES } from '../limits';
import { DocxRefused, docxText } from './docx';
import { extractDocument, type CorpusDocument } from './extract';
import { readManifestFile, type Manifest } from './manifest';
import { CorpusIndex, SEGMENT_CLAUSES, type SearchHit, type SearchOptions } from './search';
import { joinPath } from '../workspace/paths';
import { walkFiles } from '../workspace/walk';

/**
 * The corpus the service searches: the bundled seeds (`<extensionRoot>/corpus/seeds`, with their
 * manifests) and the folders of the user's own plans (`fangan.corpus.folders`). Loading reads one
 * file per slice and yields to the event loop between slices, so typing is never blocked; a file
 * that cannot be read or parsed is reported once and skipped; the index follows file changes.
 */

/** Files of a user's corpus: plain text, Markdown, Word. */
export const CORPUS_EXTENSIONS = ['.txt', '.md', '.docx'];
/** Caps on a user's folders (limits.ts): a folder of a whole drive must not eat the editor's memory. */
export { MAX_CORPUS_FILES, MAX_CORPUS_FILE_BYTES, MAX_CORPUS_TOTAL_CHARS };

export interface CorpusProblem {
  /** The file or folder concerned, or '' for the corpus as a whole. */
  readonly path: string;
  readonly message: Localized;
}

/** How loading reports progress (the server turns it into LSP work-done progress). */
export interface CorpusProgress {
  report(message: Localized, percentage: number): void;
}

/** How a load may reach files. */
export interface CorpusLoadOptions {
  /**
   * False in an untrusted workspace: folders (and files reached through links) outside the
   * workspace folders are not read; each one left out is said once. Default true.
   */
  readonly trusted?: boolean;
}

export interface FileChange {
  readonly path: string;
  readonly type: 'created' | 'changed' | 'deleted';
}

export interface CorpusStoreOptions {
  readonly maxFiles?: number;
  readonly maxFileBytes?: number;
  /** Characters of text read from the user's folders in all. */
  readonly maxTotalChars?: number;
  /** Every problem, once per path and message (the server shows or logs it). */
  readonly onProblem?: (problem: CorpusProblem) => void;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function extensionOf(path: string): string {
  const dot = path.lastIndexOf('.');
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return dot > slash ? path.slice(dot).toLowerCase() : '';
}

function isAbsolute(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\');
}

export class CorpusStore {
  readonly index = new CorpusIndex();
  private readonly reported = new Set<string>();
  /** The user folders as last loaded (absolute), and the files found in them. */
  private folders: string[] = [];
  private readonly userFiles = new Set<string>();
  /** Characters of text of each user file in the index (for the total cap). */
  private readonly userChars = new Map<string, number>();
  private userCharsTotal = 0;
  private generation = 0;
  /** Whether the workspace is trusted (see CorpusLoadOptions); file changes follow the last load's. */
  private trusted = true;
  /** Real paths of the workspace folders, for the untrusted check. */
  private workspaceRoots: string[] | undefined;
  private bundledLoaded: Promise<void> | undefined;
  private current: Promise<void> = Promise.resolve();
  private loadingCount = 0;
  private loadsFinished = 0;
  /** Milliseconds the bundled corpus took to read, parse and index (reported by the bench). */
  bundledLoadMs = 0;

  constructor(
    private readonly host: WorkspaceHost,
    private readonly options: CorpusStoreOptions = {},
  ) {}

  get loading(): boolean {
    return this.loadingCount > 0;
  }

  /** A load has finished and none is running: what the corpus lacks, it lacks (not "not read yet"). */
  get settled(): boolean {
    return this.loadsFinished > 0 && this.loadingCount === 0;
  }

  /** Whether the last load was in a trusted workspace (see CorpusLoadOptions). */
  get trustedWorkspace(): boolean {
    return this.trusted;
  }

  /** Resolves when every load and change started so far has been applied. */
  whenIdle(): Promise<void> {
    return this.current;
  }

  search(query: string, options?: SearchOptions): SearchHit[] {
    return this.index.search(query, options);
  }

  correspondingMeasures(text: string, options?: { limit?: number; excludePath?: string; token?: CancellationLike }): MeasureMatch[] {
    return correspondingMeasures(this.index, text, options);
  }

  private problem(path: string, message: Localized): void {
    const key = `${path}\u0000${message.en}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.options.onProblem?.({ path, message });
  }

  /** The bundled seeds, once per store. */
  loadBundled(): Promise<void> {
    this.bundledLoaded ??= this.readBundled();
    return this.bundledLoaded;
  }

  private async readBundled(): Promise<void> {
    if (!this.host.extensionRoot) return;
    const started = Date.now();
    const folder = joinPath(joinPath(this.host.extensionRoot, 'corpus'), 'seeds');
    let entries: Array<[string, 'file' | 'directory']>;
    try {
      entries = await this.host.readDirectory(folder);
    } catch {
      this.problem(folder, { zh: `找不到内置素材库：${folder}`, en: `the bundled corpus is missing: ${folder}` });
      return;
    }
    const docs: CorpusDocument[] = [];
    for (const [name, type] of entries.sort(([a], [b]) => a.localeCompare(b))) {
      if (type !== 'file' || !name.endsWith('.txt')) continue;
      const doc = await this.readFile(joinPath(folder, name));
      if (doc) docs.push(doc);
    }
    this.index.put(docs);
    this.bundledLoadMs = Date.now() - started;
  }

  /**
   * (Re)loads the user's folders: files no longer under them leave the index, the others are
   * read again. A newer load supersedes one still running.
   */
  load(folders: readonly string[], progress?: CorpusProgress, options: CorpusLoadOptions = {}): Promise<void> {
    const generation = ++this.generation;
    this.trusted = options.trusted ?? true;
    const run = this.current.then(() => this.runLoad(generation, folders, progress));
    this.current = run.catch(() => undefined);
    return this.current;
  }

  private async runLoad(generation: number, folders: readonly string[], progress?: CorpusProgress): Promise<void> {
    this.loadingCount++;
    try {
      await this.loadBundled();
      if (generation !== this.generation) return;
      const base = this.host.workspaceFolders[0];
      this.folders = folders
        .map((f) => f.trim())
        .filter((f) => f.length > 0)
        .map((f) => (isAbsolute(f) || !base ? f : joinPath(base, f)));
      if (!this.trusted) this.folders = await this.insideWorkspace(this.folders);
      const files = await this.listFiles(this.folders, generation);
      if (generation !== this.generation) return;
      const listed = new Set(files);
      const gone = [...this.userFiles].filter((p) => !listed.has(p));
      if (gone.length > 0) this.index.delete(gone);
      for (const p of gone) this.forgetUserFile(p);
      let pending: CorpusDocument[] = [];
      let pendingClauses = 0;
      for (const [i, path] of files.entries()) {
        if (generation !== this.generation) return;
        progress?.report(
          { zh: `正在索引素材库：${i + 1}/${files.length}`, en: `Indexing the corpus: ${i + 1}/${files.length}` },
          Math.round((100 * i) / Math.max(1, files.length)),
        );
        const doc = await this.readFile(path, true);
        if (doc) {
          pending.push(doc);
          pendingClauses += doc.clauses.length;
          this.userFiles.add(path);
        } else {
          if (this.index.has(path)) this.index.delete([path]);
          this.forgetUserFile(path);
        }
        // One segment per batch: built in one slice, then the event loop gets its turn.
        if (pendingClauses >= SEGMENT_CLAUSES) {
          this.index.put(pending);
          pending = [];
          pendingClauses = 0;
        }
        await yieldToEventLoop();
      }
      if (pending.length > 0) this.index.put(pending);
    } finally {
      this.loadingCount--;
      this.loadsFinished++;
    }
  }

  /** Applies changes reported by the editor's file watcher; files outside the folders are ignored. */
  onFilesChanged(changes: readonly FileChange[]): Promise<void> {
    const run = this.current.then(() => this.applyChanges(changes));
    this.current = run.catch(() => undefined);
    return this.current;
  }

  private inFolders(path: string): boolean {
    return this.folders.some((f) => path === f || path.startsWith(f.endsWith('/') ? f : `${f}/`) || path.startsWith(`${f}\\`));
  }

  private async applyChanges(changes: readonly FileChange[]): Promise<void> {
    for (const change of changes) {
      let path = change.path;
      // A manifest stands for the text file beside it.
      if (path.toLowerCase().endsWith('.json')) path = path.slice(0, -5) + '.txt';
      if (!this.inFolders(path)) continue;
      if (change.type === 'deleted' && !CORPUS_EXTENSIONS.includes(extensionOf(path))) {
        // A deleted folder: everything under it goes.
        const under = [...this.userFiles].filter((p) => p.startsWith(`${path}/`) || p.startsWith(`${path}\\`));
        this.index.delete(under);
        for (const p of under) this.forgetUserFile(p);
        continue;
      }
      if (!CORPUS_EXTENSIONS.includes(extensionOf(path))) continue;
      const stat = change.type === 'deleted' && !change.path.endsWith('.json') ? undefined : await this.host.stat(path).catch(() => undefined);
      if (!stat || stat.type !== 'file') {
        this.index.delete([path]);
        this.forgetUserFile(path);
        continue;
      }
      if (!this.userFiles.has(path) && this.userFiles.size >= (this.options.maxFiles ?? MAX_CORPUS_FILES)) continue;
      if (!this.trusted && !(await this.inWorkspace(await this.realPathOf(path)))) {
        this.outsideWorkspace(path);
        continue;
      }
      const doc = await this.readFile(path, true);
      if (doc) {
        this.index.put([doc]);
        this.userFiles.add(path);
      } else {
        this.index.delete([path]);
        this.forgetUserFile(path);
      }
      await yieldToEventLoop();
    }
  }

  private async realPathOf(path: string): Promise<string> {
    try {
      return await this.host.realPath(path);
    } catch {
      return path;
    }
  }

  /** Whether a real path lies in one of the workspace folders (also by their real paths). */
  private async inWorkspace(real: string): Promise<boolean> {
    this.workspaceRoots ??= await Promise.all(this.host.workspaceFolders.map((f) => this.realPathOf(f)));
    const roots = [...this.workspaceRoots, ...this.host.workspaceFolders];
    return roots.some((root) => real === root || real.startsWith(root.endsWith('/') || root.endsWith('\\') ? root : `${root}/`) || real.startsWith(`${root}\\`));
  }

  private outsideWorkspace(path: string): void {
    this.problem(path, {
      zh: `工作区未受信任：素材库位置 ${path} 在工作区之外，已忽略（信任此工作区后会读取）`,
      en: `untrusted workspace: the corpus location ${path} is outside the workspace and was ignored (it is read once the workspace is trusted)`,
    });
  }

  /** The folders that lie in the workspace; the others are said once and left out. */
  private async insideWorkspace(folders: readonly string[]): Promise<string[]> {
    const kept: string[] = [];
    for (const folder of folders) {
      if (await this.inWorkspace(await this.realPathOf(folder))) kept.push(folder);
      else this.outsideWorkspace(folder);
    }
    return kept;
  }

  /** Corpus files under the folders (workspace/walk.ts), at most `maxFiles`; in an untrusted workspace only those inside it. */
  private async listFiles(folders: readonly string[], generation: number): Promise<string[]> {
    const maxFiles = this.options.maxFiles ?? MAX_CORPUS_FILES;
    const { files, truncated } = await walkFiles(this.host, folders, {
      accept: (name) => CORPUS_EXTENSIONS.includes(extensionOf(name)) && !name.startsWith('~$'),
      maxFiles,
      // A link inside the workspace must not lead an untrusted workspace's corpus out of it.
      allowed: async (real, path) => {
        if (this.trusted || (await this.inWorkspace(real))) return true;
        this.outsideWorkspace(path);
        return false;
      },
      onFolderError: (folder, error) =>
        this.problem(folder, {
          zh: `无法读取素材库文件夹 ${folder}：${String((error as Error)?.message ?? error)}`,
          en: `cannot read the corpus folder ${folder}: ${String((error as Error)?.message ?? error)}`,
        }),
      stop: () => generation !== this.generation,
    });
    if (truncated) {
      this.problem('', {
        zh: `素材库文件夹中的文件超过 ${maxFiles} 个，只索引前 ${maxFiles} 个`,
        en: `the corpus folders hold more than ${maxFiles} files; only the first ${maxFiles} are indexed`,
      });
    }
    return files;
  }

  /** Counts a user file's text against the total cap; false (said once) when it does not fit. */
  private admit(path: string, chars: number): boolean {
    const max = this.options.maxTotalChars ?? MAX_CORPUS_TOTAL_CHARS;
    const total = this.userCharsTotal - (this.userChars.get(path) ?? 0) + chars;
    if (total > max) {
      this.problem('', {
        zh: `素材库文件夹中的文本超过 ${Math.round(max / 1024 / 1024)} M 字符，其余文件未索引`,
        en: `the corpus folders hold more than ${Math.round(max / 1024 / 1024)} M characters of text; the other files are not indexed`,
      });
      return false;
    }
    this.userChars.set(path, chars);
    this.userCharsTotal = total;
    return true;
  }

  private forgetUserFile(path: string): void {
    this.userFiles.delete(path);
    this.userCharsTotal -= this.userChars.get(path) ?? 0;
    this.userChars.delete(path);
  }

  /** Reads and indexes one file; null (and a problem reported once) when it cannot be used. */
  private async readFile(path: string, user = false): Promise<CorpusDocument | null> {
    const maxBytes = this.options.maxFileBytes ?? MAX_CORPUS_FILE_BYTES;
    try {
      const stat = await this.host.stat(path);
      if (!stat || stat.type !== 'file') return null;
      if (stat.size > maxBytes) {
        this.problem(path, {
          zh: `素材库文件 ${path} 超过 ${Math.round(maxBytes / 1024 / 1024)} MB，已跳过`,
          en: `corpus file ${path} is larger than ${Math.round(maxBytes / 1024 / 1024)} MB; skipped`,
        });
        return null;
      }
      const bytes = await this.host.readFile(path);
      let text: string;
      if (extensionOf(path) === '.docx') {
        text = await docxText(bytes);
      } else {
        const decoded = decodePlanBytes(bytes);
        if (!decoded.ok) {
          this.problem(path, {
            zh: `素材库文件 ${path} 不是可识别的文本（${decoded.reason === 'binary' ? '二进制文件' : '编码无法识别'}），已跳过`,
            en: `corpus file ${path} is not readable text (${decoded.reason === 'binary' ? 'binary' : 'unknown encoding'}); skipped`,
          });
          return null;
        }
        text = decoded.text;
      }
      // as for an open document (limits.ts): lines, not bytes, decide what a model costs
      if (lineCountOf(text) > MAX_DOCUMENT_LINES) {
        this.problem(path, {
          zh: `素材库文件 ${path} 超过 ${MAX_DOCUMENT_LINES} 行，已跳过`,
          en: `corpus file ${path} has more than ${MAX_DOCUMENT_LINES} lines; skipped`,
        });
        return null;
      }
      if (user && !this.admit(path, text.length)) return null;
      const manifest = extensionOf(path) === '.txt' ? await this.readManifest(path.slice(0, -4) + '.json') : undefined;
      const doc = extractDocument(path, text, manifest);
      if (doc.clauses.length === 0) {
        this.problem(path, {
          zh: `素材库文件 ${path} 中没有找到编号的措施条目，未收录`,
          en: `no numbered measures found in corpus file ${path}; not indexed`,
        });
      }
      return doc;
    } catch (error) {
      if (error instanceof DocxRefused) {
        this.problem(path, { zh: `素材库文件 ${path} ${error.reason.zh}，已跳过`, en: `corpus file ${path} ${error.reason.en}; skipped` });
        return null;
      }
      this.problem(path, {
        zh: `无法读取素材库文件 ${path}：${String((error as Error)?.message ?? error)}`,
        en: `cannot read corpus file ${path}: ${String((error as Error)?.message ?? error)}`,
      });
      return null;
    }
  }

  private async readManifest(path: string): Promise<Manifest | undefined> {
    const read = await readManifestFile(this.host, path);
    if (read && 'problem' in read) this.problem(path, read.problem);
    return read && 'manifest' in read ? read.manifest : undefined;
  }
}

/** Lines as LSP counts them (CRLF, CR and LF end a line), without splitting the text. */
function lineCountOf(text: string): number {
  let lines = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) lines++;
  }
  return lines;
}
