import type { Localized } from '../l10n';
import { MAX_CORPUS_FILE_BYTES, MAX_DOCUMENT_LINES } from '../limits';
import { decodePlanBytes } from '../text/decode';
import type { WorkspaceHost } from '../workspace/host';
import { DocxRefused, docxText } from './docx';
import { extractDocument, type CorpusDocument } from './extract';
import { readManifestFile, type Manifest } from './manifest';

/**
 * Plan files named as the plan above (`fangan.source`, `<!-- fangan: source 上级/省方案.txt -->`)
 * that the corpus does not hold: read through the host on demand (the corpus/source.ts resolution
 * says `file-not-loaded`), read again when their size or time changes, and read as corpus files
 * are (plain text in any encoding the checker reads, a manifest beside a .txt, Word documents).
 * In an untrusted workspace a file outside the workspace folders is not read. A file that cannot
 * serve keeps its reason, in the drafter's terms, for the editor to say.
 */

/** A file a document names: where it is (absolute) and how the document wrote it. */
export interface SourceFileRequest {
  readonly path: string;
  /** The name as written in the setting or directive: the source resolution matches on it. */
  readonly name: string;
}

interface Entry {
  readonly size: number;
  readonly mtimeMs: number;
  readonly text: string | null;
  readonly manifest: Manifest | undefined;
  readonly problem: Localized | null;
  /** The document under each name it was asked for. */
  readonly documents: Map<string, CorpusDocument>;
}

/** Files kept at once (a drafter names one or two plans above; a workspace a handful). */
const MAX_SOURCE_FILES = 32;

const problems = {
  missing: (path: string): Localized => ({
    zh: `找不到上级方案文件 ${path}：请检查 fangan.source 设置或 source 指令中的路径`,
    en: `the plan-above file ${path} does not exist: check the path in fangan.source or the source directive`,
  }),
  tooLarge: (path: string): Localized => ({
    zh: `上级方案文件 ${path} 超过 ${Math.round(MAX_CORPUS_FILE_BYTES / 1024 / 1024)} MB，未读取`,
    en: `the plan-above file ${path} is larger than ${Math.round(MAX_CORPUS_FILE_BYTES / 1024 / 1024)} MB; not read`,
  }),
  tooLong: (path: string): Localized => ({
    zh: `上级方案文件 ${path} 超过 ${MAX_DOCUMENT_LINES} 行，未读取`,
    en: `the plan-above file ${path} has more than ${MAX_DOCUMENT_LINES} lines; not read`,
  }),
  notText: (path: string): Localized => ({
    zh: `上级方案文件 ${path} 不是可识别的文本，未读取`,
    en: `the plan-above file ${path} is not readable text; not read`,
  }),
  noMeasures: (path: string): Localized => ({
    zh: `上级方案文件 ${path} 中没有找到编号的措施条目，不能核对覆盖情况`,
    en: `no numbered measures found in the plan-above file ${path}; coverage cannot be checked against it`,
  }),
  outside: (path: string): Localized => ({
    zh: `工作区未受信任：上级方案文件 ${path} 在工作区之外，未读取（信任此工作区后会读取）`,
    en: `untrusted workspace: the plan-above file ${path} is outside the workspace and was not read (it is read once the workspace is trusted)`,
  }),
  unreadable: (path: string, reason: string): Localized => ({
    zh: `无法读取上级方案文件 ${path}：${reason}`,
    en: `cannot read the plan-above file ${path}: ${reason}`,
  }),
};

function extensionOf(path: string): string {
  const dot = path.lastIndexOf('.');
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return dot > slash ? path.slice(dot).toLowerCase() : '';
}

function lineCountOf(text: string): number {
  let lines = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) lines++;
  }
  return lines;
}

const inside = (path: string, root: string) => {
  let end = root.length;
  while (end > 1 && (root[end - 1] === '/' || root[end - 1] === '\\')) end--;
  const r = root.slice(0, end);
  return path === r || path.startsWith(`${r}/`) || path.startsWith(`${r}\\`);
};

export class SourceFiles {
  private readonly entries = new Map<string, Entry>();
  /** Counts what was read anew: results computed from an older count are stale. */
  version = 0;

  constructor(
    private readonly host: WorkspaceHost,
    /** False in an untrusted workspace (the corpus's last load says). */
    private readonly trusted: () => boolean,
  ) {}

  /** The documents of the files the requests name, under the names they were asked by (those read). */
  documentsFor(requests: readonly SourceFileRequest[]): CorpusDocument[] {
    const out: CorpusDocument[] = [];
    for (const request of requests) {
      const entry = this.entries.get(request.path);
      if (!entry || entry.text === null) continue;
      let doc = entry.documents.get(request.name);
      if (!doc) {
        doc = extractDocument(request.name, entry.text, entry.manifest);
        entry.documents.set(request.name, doc);
      }
      if (doc.measures.length > 0) out.push(doc);
    }
    return out;
  }

  /** Why a requested file cannot serve (not there, too large, no measures…); undefined when it can or was not tried. */
  problemOf(path: string): Localized | undefined {
    return this.entries.get(path)?.problem ?? undefined;
  }

  /** Whether the file was tried (read or found wanting). */
  tried(path: string): boolean {
    return this.entries.has(path);
  }

  /** Reads the files not read yet or changed on disk; resolves true when anything changed. Never rejects. */
  async ensure(requests: readonly SourceFileRequest[]): Promise<boolean> {
    let changed = false;
    for (const path of new Set(requests.map((r) => r.path))) {
      try {
        if (await this.refresh(path)) changed = true;
      } catch (error) {
        this.set(path, { size: -1, mtimeMs: -1, text: null, manifest: undefined, problem: problems.unreadable(path, String((error as Error)?.message ?? error)), documents: new Map() });
        changed = true;
      }
    }
    if (changed) this.version++;
    return changed;
  }

  private set(path: string, entry: Entry): void {
    this.entries.delete(path);
    this.entries.set(path, entry);
    while (this.entries.size > MAX_SOURCE_FILES) this.entries.delete(this.entries.keys().next().value!);
  }

  private async allowed(path: string): Promise<boolean> {
    if (this.trusted()) return true;
    const real = await this.host.realPath(path).catch(() => path);
    const roots = await Promise.all(this.host.workspaceFolders.map((f) => this.host.realPath(f).catch(() => f)));
    return [...roots, ...this.host.workspaceFolders].some((root) => inside(real, root));
  }

  /** Reads one file if it is new or changed; true when its entry changed. */
  private async refresh(path: string): Promise<boolean> {
    const known = this.entries.get(path);
    const failed = (problem: Localized): boolean => {
      if (known && known.text === null && known.problem?.en === problem.en) return false;
      this.set(path, { size: -1, mtimeMs: -1, text: null, manifest: undefined, problem, documents: new Map() });
      return true;
    };
    if (!(await this.allowed(path))) return failed(problems.outside(path));
    const stat = await this.host.stat(path).catch(() => undefined);
    if (!stat || stat.type !== 'file') return failed(problems.missing(path));
    if (known && known.text !== null && known.size === stat.size && known.mtimeMs === stat.mtimeMs) return false;
    if (stat.size > MAX_CORPUS_FILE_BYTES) return failed(problems.tooLarge(path));
    const bytes = await this.host.readFile(path);
    let text: string;
    if (extensionOf(path) === '.docx') {
      try {
        text = await docxText(bytes);
      } catch (error) {
        if (error instanceof DocxRefused) return failed({ zh: `上级方案文件 ${path} ${error.reason.zh}`, en: `the plan-above file ${path} ${error.reason.en}` });
        throw error;
      }
    } else {
      const decoded = decodePlanBytes(bytes);
      if (!decoded.ok) return failed(problems.notText(path));
      text = decoded.text;
    }
    if (lineCountOf(text) > MAX_DOCUMENT_LINES) return failed(problems.tooLong(path));
    const manifest = extensionOf(path) === '.txt' ? await this.readManifest(path.slice(0, -4) + '.json') : undefined;
    const probe = extractDocument(path, text, manifest);
    const problem = probe.measures.length === 0 ? problems.noMeasures(path) : null;
    this.set(path, { size: stat.size, mtimeMs: stat.mtimeMs, text: problem ? null : text, manifest, problem, documents: new Map(problem ? [] : [[path, probe]]) });
    return true;
  }

  /** The seed manifest beside a .txt, when there is a valid one (as the corpus reads it). */
  private async readManifest(path: string): Promise<Manifest | undefined> {
    const read = await readManifestFile(this.host, path);
    return read && 'manifest' in read ? read.manifest : undefined;
  }
}
