import { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  CodeAction,
  CompletionList,
  Diagnostic,
  DocumentSymbol,
  FoldingRange,
  Hover,
  Position,
  TextEdit,
} from 'vscode-languageserver-types';
import type { CancellationLike } from './cancellation';
import { CorpusStore, type CorpusLoadOptions, type CorpusProblem, type CorpusProgress, type FileChange } from './corpus/store';
import { PlanAboveCache, requestsOf } from './corpus/aboveCache';
import { SourceFiles } from './corpus/sourceFiles';
import { coverageView, insertSourceMeasure, type CoverageView } from './features/coverageView';
import { sourceChoices, switchSource, type SourceChoices, type SourceSwitch } from './features/sourceSwitch';
import { codeActions, wants, type CodeActionRequest } from './features/codeActions';
import { completions } from './features/completion';
import type { DocumentContext } from './features/context';
import { CORPUS_ACTION_KIND, corpusCodeActions } from './features/corpusActions';
import { corpusSearch, type CorpusSearchResult } from './features/corpusSearch';
import { computeDiagnostics } from './features/diagnostics';
import { automaticFixEdits, fixText } from './features/fixes';
import { foldingRanges } from './features/folding';
import { hover } from './features/hover';
import { newPlan, type NewPlanRequest, type NewPlanResult } from './features/newPlan';
import { planAboveReport, type PlanAboveReport, type SourceText } from './features/planAbove';
import { ruleDocUri } from './features/ruleDocs';
import { exportPlanFile, type ExportRequest, type ExportResult } from './features/export';
import { documentStatus, type DocumentStatus } from './features/status';
import { documentSymbols } from './features/symbols';
import { switchTemplate, templatesFor, type TemplatesAnswer, type TemplateSwitch } from './features/templateSwitch';
import { checkWorkspace, type WorkspaceCheckOptions, type WorkspaceCheckSummary } from './features/workspaceCheck';
import { localeOf, pick, type Locale } from './l10n';
import { documentSizeClass, MAX_CACHED_MODEL_CHARS, MAX_CACHED_MODELS, MODEL_CHARS_PER_LINE, STRUCTURE_FAMILIES, type DocumentSizeClass } from './limits';
import { parsePlanFile } from './model/parse';
import { withLineEnding } from './text/edits';
import { looksLikePlan } from './model/sniff';
import type { PlanFile } from './model/types';
import { familyOf, RULES } from './rules';
import type { Rule, RuleEnvironment } from './rules/types';
import { reloadWorkspaceData, EMPTY_WORKSPACE_DATA, type WorkspaceData, type WorkspaceProblem } from './workspace/data';
import { NO_FILES, type WorkspaceHost } from './workspace/host';
import { configFor, layerSettings } from './workspace/config';
import { normalizeSettings, unknownRuleProblems, type FanganSettings, type SettingsProblem } from './workspace/settings';
import { registryFromFiles, type UnitRegistryFile, type UnitRegistryProblem } from './workspace/units/officeUnits';
import { uriToPath } from './workspace/uri';

/**
 * The pure language service: it takes text documents and settings and answers in LSP types.
 * It never sees a connection; the language server and the CLI are two hosts of it, and reach it
 * only through this interface (re-exported by index.ts).
 */

export interface Logger {
  log(message: string): void;
}

export interface LanguageServiceInit {
  /** VS Code display language (`zh-cn`, `en`, …); decides the language of every message. */
  readonly language?: string;
  readonly logger?: Logger;
  /** Files beyond the open documents (templates, registries, corpora). */
  readonly host?: WorkspaceHost;
  /** Corpus files that cannot be used, each reported once (default: the logger). */
  readonly onCorpusProblem?: (problem: CorpusProblem) => void;
}

/** How far the corpus is: what it holds, and how long the bundled part took to load. */
export interface CorpusStats {
  readonly clauses: number;
  readonly files: number;
  readonly bundledMs: number;
  readonly loading: boolean;
}

/** The corpus of existing plans: loaded asynchronously, in slices, and kept up to date. */
export interface CorpusService {
  /**
   * (Re)loads the bundled corpus (once) and the user's folders (`fangan.corpus.folders`); in an
   * untrusted workspace (`options.trusted === false`) only what lies inside the workspace folders.
   */
  load(folders: readonly string[], progress?: CorpusProgress, options?: CorpusLoadOptions): Promise<void>;
  /** Files changed on disk (from the editor's file watcher). */
  onFilesChanged(changes: readonly FileChange[]): Promise<void>;
  /** Clauses for a query, best first; with a document, adapted to its level and without its own text. */
  search(query: string, options?: { limit?: number; document?: TextDocument; line?: number }): CorpusSearchResult[];
  /** Resolves when every load and change started so far has been applied. */
  whenIdle(): Promise<void>;
  stats(): CorpusStats;
}

/** A request may be answered from the latest model parsed, of an older version (it is not parsed again for each keystroke). */
export interface StaleOption {
  readonly stale?: boolean;
}

export interface FanganLanguageService {
  readonly locale: Locale;
  /** The plan model of a document (parsed once per version). */
  getModel(document: TextDocument): PlanFile;
  /** How much of the service a document gets by its size (limits.ts): everything, structure only, or nothing. */
  sizeOf(document: TextDocument): DocumentSizeClass;
  /** Whether a .txt/.md document looks like a plan (for activation mode `auto`). */
  looksLikePlan(document: TextDocument): boolean;
  readSettings(raw: unknown): { settings: FanganSettings; problems: SettingsProblem[] };
  /**
   * The settings that apply to a document: built-in defaults < the office's `.fangan/config.json`
   * (of the document's workspace folder) < the `fangan.*` settings the user set (`raw`; values at
   * their default count as not set). In-document directives come last, in the rules.
   */
  resolveSettings(raw: unknown, uri?: string): { settings: FanganSettings; problems: SettingsProblem[] };
  computeDiagnostics(document: TextDocument, settings: FanganSettings, token?: CancellationLike): Diagnostic[];
  getDocumentSymbols(document: TextDocument, token?: CancellationLike): DocumentSymbol[];
  getFoldingRanges(document: TextDocument, token?: CancellationLike): FoldingRange[];
  /** `stale`: the model of the latest version parsed may answer (the user is typing; a check of the newest text is pending). */
  getHover(document: TextDocument, settings: FanganSettings, position: Position, token?: CancellationLike, options?: StaleOption): Hover | null;
  getCompletions(document: TextDocument, settings: FanganSettings, position: Position, token?: CancellationLike, options?: StaleOption): CompletionList;
  getCodeActions(document: TextDocument, settings: FanganSettings, request: CodeActionRequest, token?: CancellationLike): CodeAction[];
  /** Whether Fangan works on a document: `fangan` documents always, .txt/.md by `fangan.activation`. */
  appliesTo(document: TextDocument, settings: FanganSettings): boolean;
  /** Every fix of fix-all (`source.fixAll.fangan`, command 方案：修复全部可自动修复的问题). */
  getFixAll(document: TextDocument, settings: FanganSettings): TextEdit[];
  /** The document's text with every fix of fix-all made, pass after pass until none is left (`fangan check --fix`). */
  fixText(document: TextDocument, settings: FanganSettings): { text: string; fixes: number };
  /** The status bar's view of a document, from the diagnostics just computed for it. */
  getStatus(document: TextDocument, settings: FanganSettings, diagnostics: readonly Diagnostic[]): DocumentStatus;
  /** Templates to choose from, and the one the plan at `line` uses. */
  getTemplates(document: TextDocument | null, line: number, settings: FanganSettings): TemplatesAnswer;
  /** The edits that give the plan at `line` another template (or `auto`), via its directive line. */
  switchTemplate(document: TextDocument, line: number, template: string, settings: FanganSettings): TemplateSwitch;
  /** A new plan from a template, for a level and a place. */
  newPlan(request: NewPlanRequest): NewPlanResult;
  /**
   * The plan above (上级方案) and what the document carries over of it: `sources` are files the host
   * read (`fangan coverage --source`); without them, the plans the draft names are looked up in the corpus.
   */
  planAbove(document: TextDocument, settings: FanganSettings, options?: { sources?: readonly SourceText[] }): PlanAboveReport;
  /**
   * Reads the plan-above files the document names (`fangan.source`, `<!-- fangan: source 路径 -->`)
   * that the corpus does not hold, through the host, and again when they changed on disk; resolves
   * true when any changed. Hosts call it before checking a document. Never rejects.
   */
  prepareSources(document: TextDocument, settings: FanganSettings): Promise<boolean>;
  /**
   * What to tell the drafter about the document's plan above that was not said for it yet, each
   * once per document (until `forget`): a source named but unusable, a cited plan the corpus lacks
   * when none was found. Empty while the corpus is still loading.
   */
  takeSourceNotices(document: TextDocument, settings: FanganSettings): string[];
  /** The coverage view (方案：上级方案覆盖情况): every plan's sources, measure by measure. */
  getCoverage(document: TextDocument, settings: FanganSettings): CoverageView;
  /** The edit that inserts a missing source measure (its file and line) where it belongs, as source-uncovered's quick fix does. */
  insertSourceMeasure(document: TextDocument, settings: FanganSettings, source: { path: string; line: number }): TextEdit[] | null;
  /** Corpus plans to choose as the plan above of the plan at `line`, higher levels first. */
  getSourceChoices(document: TextDocument, line: number, settings: FanganSettings): SourceChoices;
  /** The edits that name `title` (or `auto`) as the plan's source in its `<!-- fangan: source … -->` line. */
  switchSource(document: TextDocument, line: number, title: string, settings: FanganSettings): SourceSwitch;
  /** The plan as a .docx in the official layout, or its 任务分工表 (features/export), with the office's templates and units. */
  exportDocument(document: TextDocument, settings: FanganSettings, request: ExportRequest): Promise<ExportResult>;
  /** Checks every plan file of the workspace folders through the host (features/workspaceCheck.ts). */
  checkWorkspace(options: Omit<WorkspaceCheckOptions, 'applies' | 'check'>): Promise<WorkspaceCheckSummary>;
  /** Forget a closed document. */
  forget(uri: string): void;
  /**
   * (Re)reads the workspace's `.fangan/` data (templates, the unit registry `units.json`, the settings `config.json`) through
   * the host; call it at start and when files under `.fangan/` change. Resolves with the files that could not be used (each named,
   * with its problem); they are skipped and everything else keeps working. Never rejects.
   */
  reloadWorkspaceData(): Promise<WorkspaceProblem[]>;
  /** Uses unit registry files the caller has read itself (tests); returns their problems. */
  useUnitRegistry(files: readonly UnitRegistryFile[]): UnitRegistryProblem[];
  /** The workspace data in use (empty until the first reload). */
  readonly workspaceData: WorkspaceData;
  readonly corpus: CorpusService;
}

/** What a large document is checked with (limits.ts): the structure rules. */
const STRUCTURE_RULES: readonly Rule[] = RULES.filter((rule) => STRUCTURE_FAMILIES.has(familyOf(rule.meta.code)));
const RULE_CODES = RULES.map((rule) => rule.meta.code);
const noCompletions = (): CompletionList => ({ isIncomplete: false, items: [] });

/** An action's edits with the document's own line ending (text/edits.ts). */
function inLineEnding(action: CodeAction, eol: PlanFile['eol']): CodeAction {
  if (eol === '\n' || !action.edit?.changes) return action;
  const changes = Object.fromEntries(Object.entries(action.edit.changes).map(([uri, edits]) => [uri, withLineEnding(edits, eol)]));
  return { ...action, edit: { ...action.edit, changes } };
}

export function createLanguageService(init: LanguageServiceInit = {}): FanganLanguageService {
  const locale = localeOf(init.language);
  const host = init.host ?? NO_FILES;
  const models = new Map<string, { version: number; text: string; model: PlanFile; chars: number }>();
  let cachedChars = 0;
  let workspace: WorkspaceData = EMPTY_WORKSPACE_DATA;
  let reloads = 0;
  const corpusStore = new CorpusStore(host, {
    onProblem: init.onCorpusProblem ?? ((problem) => init.logger?.log(`Fangan corpus: ${problem.message.en}`)),
  });
  const sourceFiles = new SourceFiles(host, () => corpusStore.trustedWorkspace);
  const aboveCache = new PlanAboveCache(corpusStore, sourceFiles, host);
  /** Notices about the plan above already said, per document. */
  const said = new Map<string, Set<string>>();
  // The lead units of the corpus measures most like a text, as those plans wrote them.
  const similarMeasureLeads = (text: string): string[][] =>
    corpusStore.search(text, { limit: 5 }).map((hit) => [...hit.clause.measure.lead]);
  /** What rules and features get besides the document: .fangan/ data, unit knowledge. */
  const environment = (): RuleEnvironment => ({ workspace, units: { registry: workspace.units, similarMeasureLeads } });

  const forgetModel = (uri: string): void => {
    cachedChars -= models.get(uri)?.chars ?? 0;
    models.delete(uri);
  };
  const getModel = (document: TextDocument): PlanFile => {
    const cached = models.get(document.uri);
    const text = document.getText();
    // By content too: a client may send a change (or a second didOpen) under a version it used before.
    if (cached && cached.version === document.version && cached.text === text) {
      models.delete(document.uri);
      models.set(document.uri, cached);
      return cached.model;
    }
    // The older version's model goes first: a large one need not live through the new parse.
    forgetModel(document.uri);
    const model = parsePlanFile(text);
    // weighed as text plus lines: a file of short items costs far more per character
    const weight = text.length + MODEL_CHARS_PER_LINE * model.lineCount;
    models.set(document.uri, { version: document.version, text, model, chars: weight });
    cachedChars += weight;
    // Least recently used first out, by count and by size (limits.ts); the newest always stays.
    while (models.size > 1 && (models.size > MAX_CACHED_MODELS || cachedChars > MAX_CACHED_MODEL_CHARS)) forgetModel(models.keys().next().value!);
    return model;
  };
  /** The model to answer from: the latest one parsed when a stale one may answer, else this version's. */
  const modelFor = (document: TextDocument, options?: StaleOption): PlanFile => (options?.stale && models.get(document.uri)?.model) || getModel(document);
  // Each diagnostic's code links to its rule's page in the installed extension (one URI per code).
  const docUris = new Map<string, string | undefined>();
  const docUriOf = (code: string) => {
    if (!docUris.has(code)) docUris.set(code, ruleDocUri(host.extensionRoot, code));
    return docUris.get(code);
  };
  const appliesTo = (document: TextDocument, settings: FanganSettings): boolean => {
    if (document.languageId === 'fangan') return true;
    if (document.languageId !== 'plaintext' && document.languageId !== 'markdown') return false;
    if (settings.activation === 'always') return true;
    if (settings.activation === 'fanganOnly') return false;
    return looksLikePlan(document.getText());
  };

  // Size limits (limits.ts): a large document gets the structure only, a too large one nothing.
  const sizeOf = (document: TextDocument): DocumentSizeClass => documentSizeClass(document.getText().length, document.lineCount);
  const full = (document: TextDocument) => sizeOf(document) === 'normal';
  const parsed = (document: TextDocument) => sizeOf(document) !== 'too-large';
  // A position past the end of a line or of the document (a client's mistake) means its end.
  const clamp = (document: TextDocument, position: Position): Position => document.positionAt(document.offsetAt(position));

  /** The one context every feature takes. */
  const contextOf = (document: TextDocument, settings: FanganSettings, token?: CancellationLike, file = getModel(document), typing = false): DocumentContext => ({
    uri: document.uri,
    file,
    settings,
    locale,
    rules: full(document) ? RULES : STRUCTURE_RULES,
    host,
    corpus: corpusStore,
    ruleDocUri: docUriOf,
    token,
    typing,
    ...environment(),
    // the plan above, for documents the service reads in full (limits.ts)
    planAbove: full(document) ? aboveCache.view(document.uri, file, settings) : undefined,
  });

  return {
    locale,
    getModel,
    sizeOf,
    looksLikePlan: (document) => looksLikePlan(document.getText()),
    readSettings: normalizeSettings,
    resolveSettings: (raw, uri) => {
      const { settings, problems } = normalizeSettings(raw);
      const rules = (raw as { rules?: unknown } | null | undefined)?.rules;
      if (rules && typeof rules === 'object' && !Array.isArray(rules)) problems.push(...unknownRuleProblems(rules as Record<string, unknown>, 'fangan.rules', RULE_CODES));
      const config = configFor(workspace.configs ?? [], uri ? uriToPath(uri) : undefined);
      return { settings: layerSettings(settings, config?.layer), problems };
    },
    computeDiagnostics: (document, settings, token) => (parsed(document) ? computeDiagnostics(contextOf(document, settings, token)) : []),
    getDocumentSymbols: (document) => (parsed(document) ? documentSymbols(getModel(document), locale) : []),
    getFoldingRanges: (document) => (parsed(document) ? foldingRanges(getModel(document)) : []),
    getHover: (document, settings, position, token, options) =>
      full(document) ? hover(contextOf(document, settings, token, modelFor(document, options), options?.stale === true), clamp(document, position)) : null,
    getCompletions: (document, settings, position, token, options) => {
      if (!full(document)) return noCompletions();
      const at = clamp(document, position);
      // The line typed is the document's own, whichever model answers.
      const line = document.getText({ start: { line: at.line, character: 0 }, end: at });
      return completions(contextOf(document, settings, token, modelFor(document, options)), at, line);
    },
    getCodeActions: (document, settings, asked, token) => {
      if (!parsed(document)) return [];
      const request = asked.range ? { ...asked, range: { start: clamp(document, asked.range.start), end: clamp(document, asked.range.end) } } : asked;
      const ctx = contextOf(document, settings, token);
      const actions = codeActions(ctx, request);
      if (full(document) && request.range && wants(request.only, CORPUS_ACTION_KIND)) actions.push(...corpusCodeActions(ctx, request.range));
      return actions.map((action) => inLineEnding(action, ctx.file.eol));
    },
    appliesTo,
    getFixAll: (document, settings) => {
      if (!parsed(document)) return [];
      const ctx = contextOf(document, settings);
      return withLineEnding(automaticFixEdits(ctx), ctx.file.eol);
    },
    fixText: (document, settings) => {
      if (!parsed(document)) return { text: document.getText(), fixes: 0 };
      const { text, fixes } = fixText(document.getText(), (t) => {
        const version = TextDocument.create(document.uri, document.languageId, document.version, t);
        return contextOf(version, settings, undefined, parsePlanFile(t));
      });
      return { text, fixes };
    },
    getStatus: (document, settings, diagnostics) => documentStatus(contextOf(document, settings), document.version, diagnostics),
    getTemplates: (document, line, settings) => templatesFor(document && getModel(document), line, settings, workspace.templates),
    switchTemplate: (document, line, template, settings) => {
      const result = switchTemplate(document.getText(), line, template, settings, workspace.templates);
      return 'edits' in result ? { edits: withLineEnding(result.edits, getModel(document).eol) } : result;
    },
    newPlan: (request) => newPlan(request, workspace.templates),
    prepareSources: async (document, settings) => {
      if (!full(document)) return false;
      const requests = requestsOf(document.uri, getModel(document), settings, host).filter((r) => !corpusStore.index.has(r.path));
      return requests.length > 0 ? sourceFiles.ensure(requests) : false;
    },
    takeSourceNotices: (document, settings) => {
      if (!full(document)) return [];
      const ctx = contextOf(document, settings);
      let done = said.get(document.uri);
      const out: string[] = [];
      for (const plan of ctx.file.plans) {
        for (const notice of ctx.planAbove?.notices(plan) ?? []) {
          if (done?.has(notice.key)) continue;
          if (!done) said.set(document.uri, (done = new Set()));
          done.add(notice.key);
          out.push(pick(locale, notice.message));
        }
      }
      return out;
    },
    getCoverage: (document, settings) => coverageView(contextOf(document, settings), document.version),
    insertSourceMeasure: (document, settings, source) => {
      const ctx = contextOf(document, settings);
      const edits = insertSourceMeasure(ctx, source.path, source.line);
      return edits && withLineEnding(edits, ctx.file.eol);
    },
    getSourceChoices: (document, line, settings) => sourceChoices(contextOf(document, settings), line),
    switchSource: (document, line, title, settings) => {
      const ctx = contextOf(document, settings);
      const result = switchSource(ctx, line, title);
      return 'edits' in result ? { edits: withLineEnding(result.edits, ctx.file.eol) } : result;
    },
    planAbove: (document, settings, options = {}) => planAboveReport(contextOf(document, settings), uriToPath(document.uri), options.sources ?? null),
    exportDocument: (document, settings, request) =>
      exportPlanFile(getModel(document), request, undefined, { settings, templates: workspace.templates, registry: workspace.units }),
    checkWorkspace: (options) =>
      checkWorkspace(host, {
        ...options,
        applies: appliesTo,
        // a walked file is checked once: its model is not kept
        check: (document, settings) =>
          parsed(document) ? computeDiagnostics(contextOf(document, settings, options.token, parsePlanFile(document.getText()))) : [],
      }),
    forget: (uri) => {
      forgetModel(uri);
      said.delete(uri);
    },
    get workspaceData() {
      return workspace;
    },
    useUnitRegistry: (files) => {
      const loaded = registryFromFiles(files);
      workspace = { ...workspace, units: loaded.registry };
      return loaded.problems;
    },
    reloadWorkspaceData: async () => {
      const generation = ++reloads;
      try {
        const { data, problems } = await reloadWorkspaceData(host, RULE_CODES);
        // An older reload that finishes late must not replace a newer one's data.
        if (generation === reloads) workspace = data;
        return problems;
      } catch (error) {
        init.logger?.log(`Fangan: reading .fangan/ failed: ${String((error as Error)?.stack ?? error)}`);
        return [];
      }
    },
    corpus: {
      load: (folders, progress, options) => corpusStore.load(folders, progress, options),
      onFilesChanged: (changes) => corpusStore.onFilesChanged(changes),
      search: (query, options = {}) =>
        corpusSearch(corpusStore, query, {
          limit: options.limit,
          uri: options.document?.uri,
          model: options.document && getModel(options.document),
          line: options.line,
        }),
      whenIdle: () => corpusStore.whenIdle(),
      stats: () => ({
        clauses: corpusStore.index.clauseCount,
        files: corpusStore.index.documents.length,
        bundledMs: corpusStore.bundledLoadMs,
        loading: corpusStore.loading,
      }),
    },
  };
}
