import type { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  TextEdit,
  CodeAction,
  CompletionList,
  Diagnostic,
  DocumentSymbol,
  FoldingRange,
  Hover,
  Position,
} from 'vscode-languageserver-types';
import type { CancellationLike } from './cancellation';
import { normalizeSettings, type FanganSettings, type SettingsProblem } from './config';
import { CORPUS_ACTION_KIND, corpusCodeActions } from './corpus/actions';
import { corpusSearch, type CorpusSearchResult } from './corpus/api';
import { CorpusStore, type CorpusLoadOptions, type CorpusProblem, type CorpusProgress, type FileChange } from './corpus/store';
import { CHECKS } from './checks';
import type { Check, CheckEnvironment } from './checks/types';
import { codeActions, fixAllEdits, wants, type CodeActionRequest } from './features/codeActions';
import { newPlan, type NewPlanRequest, type NewPlanResult } from './features/newPlan';
import { documentStatus, type DocumentStatus } from './features/status';
import { switchTemplate, templatesFor, type TemplatesAnswer, type TemplateSwitch } from './features/templateSwitch';
import { checkWorkspace, type WorkspaceCheckOptions, type WorkspaceCheckSummary } from './workspaceCheck';
import { completions } from './features/completion';
import type { DocumentContext } from './features/context';
import { computeDiagnostics } from './features/diagnostics';
import { foldingRanges } from './features/folding';
import { hover } from './features/hover';
import { documentSymbols } from './features/symbols';
import { NO_FILES, type WorkspaceHost } from './host';
import { localeOf, type Locale } from './l10n';
import { documentSizeClass, MAX_CACHED_MODEL_CHARS, MODEL_CHARS_PER_LINE, STRUCTURE_CHECKS, type DocumentSizeClass } from './limits';
import { parsePlanFile } from './model/parse';
import type { PlanFile } from './model/types';
import { loadWorkspaceTemplates } from './sections/registry';
import { looksLikePlan } from './sniff';
import type { UnitsEnvironment } from './units/environment';
import { readRegistryFiles, registryFromFiles, type UnitRegistryFile, type UnitRegistryProblem } from './units/workspace';
import { EMPTY_WORKSPACE_DATA, type WorkspaceData, type WorkspaceProblem } from './workspaceData';
import { configFor, layerSettings, readWorkspaceConfigs, unknownRuleProblems } from './workspaceConfig';
import { ruleDocUri } from './ruleDocs';
import { uriToPath } from './corpus/uri';

/**
 * The pure language service: it takes text documents and settings and answers in LSP types.
 * It never sees a connection; the language server and the CLI are two hosts of it.
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

/** The corpus of existing plans: loaded asynchronously, in slices, and kept up to date. */
export interface CorpusService {
  readonly store: CorpusStore;
  /**
   * (Re)loads the bundled corpus (once) and the user's folders (`fangan.corpus.folders`); in an
   * untrusted workspace (`options.trusted === false`) only what lies inside the workspace folders.
   */
  load(folders: readonly string[], progress?: CorpusProgress, options?: CorpusLoadOptions): Promise<void>;
  /** Files changed on disk (from the editor's file watcher). */
  onFilesChanged(changes: readonly FileChange[]): Promise<void>;
  /** Clauses for a query, best first; with a document, adapted to its level and without its own text. */
  search(query: string, options?: { limit?: number; document?: TextDocument; line?: number }): CorpusSearchResult[];
}

/** Documents whose model is kept, most recently used last. */
const MODEL_CACHE_SIZE = 16;
/** What a large document is checked with (limits.ts). */
const STRUCTURE_ONLY: readonly Check[] = CHECKS.filter((check) => STRUCTURE_CHECKS.has(check.id));
const noCompletions = (): CompletionList => ({ isIncomplete: false, items: [] });

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
   * their default count as not set). In-document directives come last, in the checks.
   */
  resolveSettings(raw: unknown, uri?: string): { settings: FanganSettings; problems: SettingsProblem[] };
  computeDiagnostics(document: TextDocument, settings: FanganSettings, token?: CancellationLike): Diagnostic[];
  getDocumentSymbols(document: TextDocument, token?: CancellationLike): DocumentSymbol[];
  getFoldingRanges(document: TextDocument, token?: CancellationLike): FoldingRange[];
  getHover(document: TextDocument, settings: FanganSettings, position: Position, token?: CancellationLike): Hover | null;
  getCompletions(document: TextDocument, settings: FanganSettings, position: Position, token?: CancellationLike): CompletionList;
  getCodeActions(document: TextDocument, settings: FanganSettings, request: CodeActionRequest, token?: CancellationLike): CodeAction[];
  /** Whether Fangan works on a document: `fangan` documents always, .txt/.md by `fangan.activation`. */
  appliesTo(document: TextDocument, settings: FanganSettings): boolean;
  /** Every fix of fix-all (`source.fixAll.fangan`, command 方案：修复全部可自动修复的问题). */
  getFixAll(document: TextDocument, settings: FanganSettings): TextEdit[];
  /** The status bar's view of a document, from the diagnostics just computed for it. */
  getStatus(document: TextDocument, settings: FanganSettings, diagnostics: readonly Diagnostic[]): DocumentStatus;
  /** Templates to choose from, and the one the plan at `line` uses. */
  getTemplates(document: TextDocument | null, line: number, settings: FanganSettings): TemplatesAnswer;
  /** The edits that give the plan at `line` another template (or `auto`), via its directive line. */
  switchTemplate(document: TextDocument, line: number, template: string, settings: FanganSettings): TemplateSwitch;
  /** A new plan from a template, for a level and a place. */
  newPlan(request: NewPlanRequest): NewPlanResult;
  /** Checks every plan file of the workspace folders through the host (see workspaceCheck.ts). */
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

export function createLanguageService(init: LanguageServiceInit = {}): FanganLanguageService {
  const locale = localeOf(init.language);
  const host = init.host ?? NO_FILES;
  const models = new Map<string, { version: number; model: PlanFile; chars: number }>();
  let cachedChars = 0;
  let workspace: WorkspaceData = EMPTY_WORKSPACE_DATA;
  let reloads = 0;
  const corpusStore = new CorpusStore(host, {
    onProblem: init.onCorpusProblem ?? ((problem) => init.logger?.log(`Fangan corpus: ${problem.message.en}`)),
  });
  // The lead units of the corpus measures most like a text, as those plans wrote them.
  const similarMeasureLeads = (text: string): string[][] =>
    corpusStore.search(text, { limit: 5 }).map((hit) => [...hit.clause.measure.lead]);
  /** What checks and features get besides the document: .fangan/ data, unit knowledge. */
  const env = (): CheckEnvironment => {
    const units: UnitsEnvironment = { registry: workspace.units, similarMeasureLeads };
    return { workspace, units };
  };

  const forgetModel = (uri: string): void => {
    cachedChars -= models.get(uri)?.chars ?? 0;
    models.delete(uri);
  };
  const getModel = (document: TextDocument): PlanFile => {
    const cached = models.get(document.uri);
    if (cached && cached.version === document.version) {
      models.delete(document.uri);
      models.set(document.uri, cached);
      return cached.model;
    }
    const text = document.getText();
    // The older version's model goes first: a large one need not live through the new parse.
    forgetModel(document.uri);
    const model = parsePlanFile(text);
    // weighed as text plus lines: a file of short items costs far more per character
    const weight = text.length + MODEL_CHARS_PER_LINE * model.lineCount;
    models.set(document.uri, { version: document.version, model, chars: weight });
    cachedChars += weight;
    // Least recently used first out, by count and by size (limits.ts); the newest always stays.
    while (models.size > 1 && (models.size > MODEL_CACHE_SIZE || cachedChars > MAX_CACHED_MODEL_CHARS)) forgetModel(models.keys().next().value!);
    return model;
  };
  // Each diagnostic's code links to its rule's page in the installed extension (one URI per code).
  const docUris = new Map<string, string | undefined>();
  const diagnosticOptions = {
    ruleDocUri: (code: string) => {
      if (!docUris.has(code)) docUris.set(code, ruleDocUri(host.extensionRoot, code));
      return docUris.get(code);
    },
  };
  const appliesTo = (document: TextDocument, settings: FanganSettings): boolean => {
    if (document.languageId === 'fangan') return true;
    if (document.languageId !== 'plaintext' && document.languageId !== 'markdown') return false;
    if (settings.activation === 'always') return true;
    if (settings.activation === 'fanganOnly') return false;
    return looksLikePlan(document.getText());
  };
  const contextOf = (document: TextDocument, settings: FanganSettings): DocumentContext => ({
    uri: document.uri,
    file: getModel(document),
    settings,
    locale,
    host,
    ...env(),
    corpus: corpusStore,
  });

  // Size limits (limits.ts): a large document gets the structure only, a too large one nothing.
  const sizeOf = (document: TextDocument): DocumentSizeClass => documentSizeClass(document.getText().length, document.lineCount);
  const full = (document: TextDocument) => sizeOf(document) === 'normal';
  // A position past the end of a line or of the document (a client's mistake) means its end.
  const clamp = (document: TextDocument, position: Position): Position => document.positionAt(document.offsetAt(position));
  const parsed = (document: TextDocument) => sizeOf(document) !== 'too-large';
  const checksFor = (document: TextDocument): readonly Check[] => (full(document) ? CHECKS : STRUCTURE_ONLY);

  return {
    locale,
    getModel,
    sizeOf,
    looksLikePlan: (document) => looksLikePlan(document.getText()),
    readSettings: normalizeSettings,
    resolveSettings: (raw, uri) => {
      const { settings, problems } = normalizeSettings(raw);
      const rules = (raw as { rules?: unknown } | null | undefined)?.rules;
      if (rules && typeof rules === 'object' && !Array.isArray(rules)) problems.push(...unknownRuleProblems(rules as Record<string, unknown>, 'fangan.rules'));
      const config = configFor(workspace.configs ?? [], uri ? uriToPath(uri) : undefined);
      return { settings: layerSettings(settings, config?.layer), problems };
    },
    // Size classes (limits.ts): a large document gets the structure checks only, a too-large one nothing.
    computeDiagnostics: (document, settings, token) =>
      parsed(document)
        ? computeDiagnostics(document.uri, getModel(document), settings, locale, token, env(), { ...diagnosticOptions, checks: checksFor(document) })
        : [],
    getDocumentSymbols: (document) => (parsed(document) ? documentSymbols(getModel(document), locale) : []),
    getFoldingRanges: (document) => (parsed(document) ? foldingRanges(getModel(document)) : []),
    getHover: (document, settings, position, token) => (full(document) ? hover(contextOf(document, settings), clamp(document, position), token) : null),
    getCompletions: (document, settings, position, token) =>
      full(document) ? completions(contextOf(document, settings), clamp(document, position), token) : noCompletions(),
    getCodeActions: (document, settings, asked) => {
      if (!parsed(document)) return [];
      const request = asked.range ? { ...asked, range: { start: clamp(document, asked.range.start), end: clamp(document, asked.range.end) } } : asked;
      const actions = codeActions(document.uri, getModel(document), settings, locale, request, env(), checksFor(document));
      if (full(document) && request.range && wants(request.only, CORPUS_ACTION_KIND)) {
        actions.push(...corpusCodeActions(contextOf(document, settings), request.range));
      }
      return actions;
    },
    appliesTo,
    getFixAll: (document, settings) => (parsed(document) ? fixAllEdits(document.uri, getModel(document), settings, locale, env(), checksFor(document)) : []),
    getStatus: (document, settings, diagnostics) =>
      documentStatus(document.uri, document.version, getModel(document), settings, diagnostics, locale, workspace.templates),
    getTemplates: (document, line, settings) => templatesFor(document && getModel(document), line, settings, workspace.templates),
    switchTemplate: (document, line, template, settings) => switchTemplate(document.getText(), line, template, settings, workspace.templates),
    newPlan: (request) => newPlan(request, workspace.templates),
    checkWorkspace: (options) =>
      checkWorkspace(host, {
        ...options,
        applies: appliesTo,
        // a walked file is checked once: its model is not kept
        check: (document, settings) =>
          parsed(document)
            ? computeDiagnostics(document.uri, parsePlanFile(document.getText()), settings, locale, options.token, env(), {
                ...diagnosticOptions,
                checks: checksFor(document),
              })
            : [],
      }),
    forget: (uri) => forgetModel(uri),
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
        const [loaded, registryFiles, config] = await Promise.all([loadWorkspaceTemplates(host), readRegistryFiles(host), readWorkspaceConfigs(host)]);
        const registry = registryFromFiles(registryFiles.files);
        // An older reload that finishes late must not replace a newer one's data.
        if (generation === reloads) workspace = { templates: loaded.templates, units: registry.registry, configs: config.configs };
        const unitProblems = [...registryFiles.problems, ...registry.problems].map(
          (p): WorkspaceProblem => ({ file: p.file, line: p.line, column: p.column, message: p.message }),
        );
        return [...loaded.problems, ...unitProblems, ...config.problems];
      } catch (error) {
        init.logger?.log(`Fangan: reading .fangan/ failed: ${String((error as Error)?.stack ?? error)}`);
        return [];
      }
    },
    corpus: {
      store: corpusStore,
      load: (folders, progress, options) => corpusStore.load(folders, progress, options),
      onFilesChanged: (changes) => corpusStore.onFilesChanged(changes),
      search: (query, options = {}) =>
        corpusSearch(corpusStore, query, {
          limit: options.limit,
          uri: options.document?.uri,
          model: options.document && getModel(options.document),
          line: options.line,
        }),
    },
  };
}
