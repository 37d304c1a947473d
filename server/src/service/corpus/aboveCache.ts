import type { Localized } from '../l10n';
import type { Plan, PlanFile } from '../model/types';
import type { WorkspaceHost } from '../workspace/host';
import { isSourcePath, type FanganSettings } from '../workspace/settings';
import { uriToPath } from '../workspace/uri';
import { planAbove, type PlanAbove } from './planAbove';
import { draftCopies, type UnresolvedSource } from './source';
import type { SourceFileRequest, SourceFiles } from './sourceFiles';
import type { CorpusStore } from './store';

/**
 * The plan above (上级方案) of a document as the editor uses it: one result per document version
 * (per parsed model), computed on first use — by a rule, the hover, the status bar or the coverage
 * view — from the corpus documents of the store and the source files the document names, and
 * computed again when the corpus or those files change (`key`).
 *
 * Sources come from the draft (corpus/source.ts): its citations, its `<!-- fangan: source … -->`
 * lines and `fangan.source`. A path in the setting that is relative is relative to the first
 * workspace folder (the office's `.fangan/config.json` makes its own absolute); a path in a
 * directive is relative to the document's folder. Paths the corpus does not hold are read by the
 * host (`SourceFiles`) before the document is checked (`requestsOf` → `SourceFiles.ensure`).
 */

export interface PlanAboveView {
  /** Changes with the corpus and the source files read: results computed under another key are stale. */
  readonly key: string;
  /** The plan's sources, its alignment to each and what it carries over (computed once per version). */
  of(plan: Plan): PlanAbove;
  /** Corpus paths holding the draft itself (or a copy): never its source, never its peer. */
  copies(plan: Plan): ReadonlySet<string>;
  /**
   * What the drafter should be told about the plan's sources, each in the drafter's terms: a source
   * named (directive, setting) that cannot be used — not in the corpus, the draft itself, a file
   * that cannot be read —, and, when no source was found at all, the cited plans the corpus lacks.
   */
  notices(plan: Plan): readonly AboveNotice[];
}

export interface AboveNotice {
  /** Identifies the notice within its document (said once). */
  readonly key: string;
  readonly message: Localized;
}

interface Entry {
  readonly key: string;
  readonly settings: string;
  readonly above: Map<Plan, PlanAbove>;
  readonly copies: Map<Plan, ReadonlySet<string>>;
}

/** `/a/b` + `../c/d.txt` → `/a/c/d.txt` (POSIX or Windows separators; no Node `path` in the service). */
export function resolvePath(base: string, relative: string): string {
  const sep = base.includes('\\') && !base.includes('/') ? '\\' : '/';
  const absolute = relative.startsWith('/') || /^[A-Za-z]:[\\/]/.test(relative) || relative.startsWith('\\\\');
  const parts = (absolute ? relative : `${base}${sep}${relative}`).split(/[\\/]/);
  const out: string[] = [];
  for (const [i, part] of parts.entries()) {
    if (part === '.' || (part === '' && i > 0 && i < parts.length - 1)) continue;
    if (part === '..' && out.length > 1) out.pop();
    else if (part !== '..') out.push(part);
  }
  return out.join(sep);
}

function folderOf(path: string): string {
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return slash > 0 ? path.slice(0, slash) : path;
}

/** The `fangan.source` values as findSources takes them: relative paths made absolute. */
export function settingSources(settings: FanganSettings, host: WorkspaceHost): string[] {
  const base = host.workspaceFolders[0];
  return (settings.source ?? []).map((value) => (isSourcePath(value) && base ? resolvePath(base, value) : value));
}

/** The files a document names as its plan above (setting and directives), as the host must read them. */
export function requestsOf(uri: string, file: PlanFile, settings: FanganSettings, host: WorkspaceHost): SourceFileRequest[] {
  const out: SourceFileRequest[] = [];
  for (const value of settingSources(settings, host)) if (isSourcePath(value)) out.push({ path: value, name: value });
  const own = uriToPath(uri);
  const base = own ? folderOf(own) : host.workspaceFolders[0];
  for (const d of file.directives) {
    if (d.name !== 'fangan' || d.args[0] !== 'source') continue;
    const names = d.args.slice(1);
    // A path with spaces was split into words: the whole first, as findSources tries it.
    const candidates = names.length > 1 ? [names.join(' '), ...names] : names;
    for (const name of candidates) {
      if (isSourcePath(name) && base) out.push({ path: resolvePath(base, name), name });
    }
  }
  return out;
}

const quoted = (titles: readonly string[]) => titles.map((t) => `《${t}》`).join('');

const notInCorpus = (titles: readonly string[]): Localized => ({
  zh: `未找到上级方案：引用的${quoted(titles)}不在素材库中。把上级方案的 .txt、.md 或 .docx 文件放进素材库文件夹（设置 fangan.corpus.folders），或用命令“方案：选择上级方案”、设置 fangan.source 指定它，即可核对本方案落实了哪些措施`,
  en: `no plan above found: ${quoted(titles)} cited by this plan ${titles.length === 1 ? 'is' : 'are'} not in the corpus. Put the plan above as a .txt, .md or .docx file in a corpus folder (setting fangan.corpus.folders), or name it with the command "Choose the plan above" or the setting fangan.source, to check which of its measures this plan carries over`,
});

export class PlanAboveCache {
  private readonly entries = new WeakMap<PlanFile, Entry>();

  constructor(
    private readonly store: CorpusStore,
    private readonly files: SourceFiles,
    private readonly host: WorkspaceHost,
  ) {}

  /** The view of one document version under its settings. */
  view(uri: string, file: PlanFile, settings: FanganSettings): PlanAboveView {
    const key = `${this.store.index.revision}:${this.files.version}`;
    const settingsKey = JSON.stringify(settings.source ?? []);
    let entry = this.entries.get(file);
    if (!entry || entry.key !== key || entry.settings !== settingsKey) {
      entry = { key, settings: settingsKey, above: new Map(), copies: new Map() };
      this.entries.set(file, entry);
    }
    const current = entry;
    const draftPath = uriToPath(uri);
    const requests = requestsOf(uri, file, settings, this.host);
    const of = (plan: Plan): PlanAbove => {
      let above = current.above.get(plan);
      if (!above) {
        above = planAbove({
          file,
          plan,
          draftPath,
          setting: settingSources(settings, this.host),
          documents: this.store.index.documents,
          extraDocuments: this.files.documentsFor(requests),
        });
        current.above.set(plan, above);
      }
      return above;
    };
    return {
      key,
      of,
      copies: (plan) => {
        let copies = current.copies.get(plan);
        if (!copies) {
          copies = new Set(draftCopies({ file, plan }, this.store.index.documents, draftPath));
          current.copies.set(plan, copies);
        }
        return copies;
      },
      notices: (plan) => this.noticesOf(of(plan), requests),
    };
  }

  private noticesOf(above: PlanAbove, requests: readonly SourceFileRequest[]): AboveNotice[] {
    const out: AboveNotice[] = [];
    const cited: string[] = [];
    for (const u of above.resolution.unresolved) {
      if (u.via === 'citation') {
        // A plan quoting its own title is not naming a source; other citations matter only when no source was found.
        if (u.reason === 'not-in-corpus' && above.alignments.length === 0) cited.push(u.cited);
        continue;
      }
      const message = this.messageOf(u, requests);
      if (message) out.push({ key: `${u.via}\u0000${u.reason}\u0000${u.cited}\u0000${message.en}`, message });
    }
    // Until the corpus has loaded, what it lacks is not known yet.
    if (cited.length > 0 && this.store.settled) out.push({ key: `citation\u0000${cited.join('\u0000')}`, message: notInCorpus(cited) });
    return out;
  }

  /** A named source that cannot be used, in the drafter's terms (the reader's reason for a file). */
  private messageOf(u: UnresolvedSource, requests: readonly SourceFileRequest[]): Localized | null {
    if (u.reason === 'file-not-loaded') {
      // Said once the host has tried to read it: then with its reason (not there, no measures, …).
      const request = requests.find((r) => r.name === (u.path ?? u.cited));
      return request ? (this.files.problemOf(request.path) ?? null) : null;
    }
    if (u.reason === 'not-in-corpus' && !this.store.settled) return null;
    return u.message;
  }
}
