import type { Range } from 'vscode-languageserver-types';
import type { Localized } from '../l10n';
import type { Plan, PlanFile } from '../model/types';
import { isCopyOfDraft } from './align';
import type { CorpusDocument, SourceDocument, SourcePlan } from './extract';
import { foldTitle } from './title';
import { isSourcePath } from '../workspace/settings';

export { foldTitle };

/**
 * The plan above (上级方案): which corpus plans a draft implements.
 *
 * A draft names its sources in three ways, all honoured, several sources allowed:
 *   - citations in the preamble, `根据《…省法治社会建设实施方案（2021—2025年）》` (titles are
 *     compared folded: Traditional → Simplified, full → half width, year ranges and punctuation
 *     dropped, so `(2021-2025年)`, `（2021—2025年）` and no range at all are the same title);
 *   - a directive line `<!-- fangan: source 贵州省法治社会建设实施方案 -->` (inside the plan, or
 *     before every plan; several titles may follow `source`, separated by spaces or 、);
 *   - a setting value (`fangan.source`, declared by the editor side; passed in here): a corpus
 *     plan's title or a file path.
 * The draft's own document is never its source: a corpus document at the draft's path, or one
 * whose measures are essentially the draft's (a copy of a corpus plan opened as a draft), is
 * left out and said so.
 *
 * API for the editor (the other hosts call the same):
 *   `sourceDocuments(store.index.documents)` — every corpus plan as a `SourceDocument` (stable
 *       objects per corpus document, so alignments cached on them survive keystrokes);
 *   `findSources({file, plan, draftPath, setting, documents, extraDocuments})` → `{sources,
 *       unresolved}`; each unresolved entry carries a `{zh, en}` message saying how to add the
 *       plan (show it once per title), and `reason: 'file-not-loaded'` with a `path` asks the
 *       host to read that file (`extractDocument`) and call again with it in `extraDocuments`;
 *   `draftCopies(draft, documents)` — paths of corpus documents that are copies of the draft,
 *       to leave out of hover/completion peers as well.
 */

export type { SourceDocument } from './extract';

export type SourceVia = 'directive' | 'setting' | 'citation';

export interface FoundSource {
  readonly source: SourceDocument;
  readonly via: SourceVia;
  /** The title or path as the draft, directive or setting wrote it. */
  readonly cited: string;
  /** Where the citation or directive stands in the draft (null for a setting). */
  readonly range: Range | null;
}

export type UnresolvedReason = 'not-in-corpus' | 'is-draft' | 'file-not-loaded';

export interface UnresolvedSource {
  readonly cited: string;
  readonly via: SourceVia;
  readonly range: Range | null;
  readonly reason: UnresolvedReason;
  /** For `file-not-loaded`: the file the host should read and pass back in `extraDocuments`. */
  readonly path?: string;
  readonly message: Localized;
}

export interface SourceResolution {
  readonly sources: readonly FoundSource[];
  readonly unresolved: readonly UnresolvedSource[];
}

export interface FindSourcesInput {
  readonly file: PlanFile;
  readonly plan: Plan;
  /** The draft's file path (absolute), when it has one: a corpus document there is the draft itself. */
  readonly draftPath?: string;
  /** The setting's value(s): corpus plan titles or file paths (absolute; the host resolves relative ones). */
  readonly setting?: string | readonly string[];
  /** The corpus (`store.index.documents`). */
  readonly documents: readonly CorpusDocument[];
  /** Files named by the setting or a directive that are not in the corpus, read by the host. */
  readonly extraDocuments?: readonly CorpusDocument[];
}

const byDocument = new WeakMap<CorpusDocument, SourceDocument[]>();

/** The plans of corpus documents as sources (seed 004 is three), the same objects on every call. */
export function sourceDocuments(documents: readonly CorpusDocument[]): SourceDocument[] {
  const out: SourceDocument[] = [];
  for (const doc of documents) {
    let plans = byDocument.get(doc);
    if (!plans) {
      plans = doc.plans.map((plan) => ({ plan, measures: doc.measures.filter((m) => m.plan === plan) }));
      byDocument.set(doc, plans);
    }
    out.push(...plans);
  }
  return out;
}

/** Titles a preamble cites that are plans or outlines (not laws): what may be a plan above. */
const PLAN_WORDS = ['方案', '纲要', '规划', '计划', '意见'];

interface Citation {
  readonly text: string;
  readonly range: Range;
}

/** 《…》 titles from the plan's title line to its first heading (the preamble), with their ranges. */
export function preambleCitations(file: PlanFile, plan: Plan): Citation[] {
  const firstNode = plan.nodes[0]?.range.start.line ?? plan.lastLine + 1;
  const last = Math.min(firstNode - 1, plan.lastLine, file.lines.length - 1);
  const out: Citation[] = [];
  for (let line = plan.firstLine; line <= last; line++) {
    const text = file.lines[line] ?? '';
    let from = 0;
    for (;;) {
      const open = text.indexOf('《', from);
      if (open < 0) break;
      const close = text.indexOf('》', open + 1);
      const nested = text.indexOf('《', open + 1);
      if (close < 0) break;
      if (nested >= 0 && nested < close) {
        from = nested;
        continue;
      }
      const title = text.slice(open + 1, close).trim();
      const folded = foldTitle(title);
      if (title.length > 0 && title.length <= 120 && PLAN_WORDS.some((w) => folded.includes(w))) {
        out.push({ text: title, range: { start: { line, character: open }, end: { line, character: close + 1 } } });
      }
      from = close + 1;
    }
  }
  return out;
}

/** `<!-- fangan: source … -->` lines that govern the plan (inside it, or before every plan). */
export function sourceDirectives(file: PlanFile, plan: Plan): Array<{ names: string[]; range: Range }> {
  const out: Array<{ names: string[]; range: Range }> = [];
  for (const d of file.directives) {
    if (d.name !== 'fangan' || d.args[0] !== 'source' || d.args.length < 2) continue;
    const inside = d.line >= plan.firstLine && d.line <= plan.lastLine;
    const beforeAll = !file.plans.some((p) => d.line >= p.firstLine && d.line <= p.lastLine) && d.line < plan.firstLine;
    if (inside || beforeAll) out.push({ names: d.args.slice(1), range: d.range });
  }
  return out;
}

const looksLikePath = isSourcePath;

const samePath = (a: string, b: string) => a.replace(/\\/g, '/') === b.replace(/\\/g, '/');

/** Level words that open a title without its place name: 《省法治社会建设实施方案》. */
const LEVEL_OPENERS = ['自治区', '省', '市', '州', '县', '区'];

/** Corpus plans for a title: folded equality; else, for a title without a place, the one plan it ends. */
function plansTitled(title: string, sources: readonly SourceDocument[]): SourceDocument[] {
  const folded = foldTitle(title);
  if (folded.length < 4) return [];
  const exact = sources.filter((s) => foldTitle(s.plan.title) === folded);
  if (exact.length > 0) return exact;
  const opener = LEVEL_OPENERS.find((w) => folded.startsWith(w));
  if (!opener) return [];
  const tail = sources.filter((s) => foldTitle(s.plan.title).endsWith(folded) && (s.plan.region ?? '').endsWith(opener));
  return tail.length === 1 ? tail : [];
}

const messages = {
  notInCorpus: (title: string): Localized => ({
    zh: `上级方案《${title}》不在素材库中：把它的 .txt、.md 或 .docx 文件放进素材库文件夹（fangan.corpus.folders），或在设置 fangan.source 中填写该文件的路径，即可核对措施覆盖情况`,
    en: `the plan above, 《${title}》, is not in the corpus: put its .txt, .md or .docx file in a corpus folder (fangan.corpus.folders), or set fangan.source to the file's path, to check which of its measures the draft carries over`,
  }),
  isDraft: (title: string): Localized => ({
    zh: `“${title}”就是本文档（或其副本），不能作为本文档的上级方案`,
    en: `"${title}" is this document itself (or a copy of it), so it cannot be its plan above`,
  }),
  notLoaded: (path: string): Localized => ({
    zh: `上级方案文件 ${path} 尚未读取`,
    en: `the plan-above file ${path} has not been read yet`,
  }),
};

/** The sources of a draft plan, in the order directives, setting, citations; each corpus plan once. */
export function findSources(input: FindSourcesInput): SourceResolution {
  const { file, plan } = input;
  const corpus = sourceDocuments(input.documents);
  const extra = sourceDocuments(input.extraDocuments ?? []);
  const all = [...corpus, ...extra];
  const sources: FoundSource[] = [];
  const unresolved: UnresolvedSource[] = [];
  const seen = new Set<SourcePlan>();
  const selfCache = new Map<SourceDocument, boolean>();
  const isSelf = (s: SourceDocument): boolean => {
    let self = selfCache.get(s);
    if (self === undefined) {
      self = (input.draftPath !== undefined && samePath(s.plan.path, input.draftPath)) || isCopyOfDraft({ file, plan }, s);
      selfCache.set(s, self);
    }
    return self;
  };
  const unresolvedOnce = (entry: UnresolvedSource) => {
    if (!unresolved.some((u) => u.cited === entry.cited && u.reason === entry.reason)) unresolved.push(entry);
  };
  const accept = (matches: SourceDocument[], via: SourceVia, cited: string, range: Range | null): boolean => {
    if (matches.length === 0) return false;
    for (const source of matches) {
      if (isSelf(source)) {
        unresolvedOnce({ cited, via, range, reason: 'is-draft', message: messages.isDraft(cited) });
        continue;
      }
      if (seen.has(source.plan)) continue;
      seen.add(source.plan);
      sources.push({ source, via, cited, range });
    }
    return true;
  };
  /** A title or a path, from a directive or the setting. */
  const named = (value: string, via: SourceVia, range: Range | null) => {
    const name = value.trim();
    if (!name) return;
    if (looksLikePath(name)) {
      const inFile = all.filter((s) => samePath(s.plan.path, name));
      if (inFile.length > 0) {
        accept(preferKind(inFile, plan), via, name, range);
      } else {
        unresolvedOnce({ cited: name, via, range, reason: 'file-not-loaded', path: name, message: messages.notLoaded(name) });
      }
      return;
    }
    if (!accept(plansTitled(name, all), via, name, range)) {
      unresolvedOnce({ cited: name, via, range, reason: 'not-in-corpus', message: messages.notInCorpus(name) });
    }
  };

  for (const directive of sourceDirectives(file, plan)) {
    // A title with spaces in it was split into several words: try it whole first.
    const whole = directive.names.join(' ');
    if (directive.names.length > 1 && (plansTitled(whole, all).length > 0 || all.some((s) => samePath(s.plan.path, whole)))) {
      named(whole, 'directive', directive.range);
    } else {
      for (const name of directive.names) named(name, 'directive', directive.range);
    }
  }
  const setting = input.setting === undefined ? [] : typeof input.setting === 'string' ? [input.setting] : input.setting;
  for (const value of setting) if (typeof value === 'string') named(value, 'setting', null);
  for (const citation of preambleCitations(file, plan)) {
    if (!accept(plansTitled(citation.text, all), 'citation', citation.text, citation.range)) {
      unresolvedOnce({ cited: citation.text, via: 'citation', range: citation.range, reason: 'not-in-corpus', message: messages.notInCorpus(citation.text) });
    }
  }
  return { sources, unresolved };
}

/** A file of several plans (seed 004): those of the draft's kind when there are any. */
function preferKind(sources: SourceDocument[], plan: Plan): SourceDocument[] {
  const same = sources.filter((s) => s.plan.kind === plan.kind);
  return same.length > 0 ? same : sources;
}

/** Paths of corpus documents that hold a copy of the draft (to leave out of peers too). */
export function draftCopies(draft: { file: PlanFile; plan: Plan }, documents: readonly CorpusDocument[], draftPath?: string): string[] {
  const out = new Set<string>();
  for (const s of sourceDocuments(documents)) {
    if ((draftPath !== undefined && samePath(s.plan.path, draftPath)) || isCopyOfDraft(draft, s)) out.add(s.plan.path);
  }
  return [...out];
}
