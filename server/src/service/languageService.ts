import type { TextDocument } from 'vscode-languageserver-textdocument';
import type {
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
import { codeActions, type CodeActionRequest } from './features/codeActions';
import { completions } from './features/completion';
import type { DocumentContext } from './features/context';
import { computeDiagnostics } from './features/diagnostics';
import { foldingRanges } from './features/folding';
import { hover } from './features/hover';
import { documentSymbols } from './features/symbols';
import { NO_FILES, type WorkspaceHost } from './host';
import { localeOf, type Locale } from './l10n';
import { parsePlanFile } from './model/parse';
import type { PlanFile } from './model/types';
import { looksLikePlan } from './sniff';
import { builtinNoteRequirement, type UnitsEnvironment } from './units/environment';
import { BUILTIN_REGISTRY, type UnitRegistry } from './units/registry';
import { readRegistryFiles, registryFromFiles, type UnitRegistryFile, type UnitRegistryProblem } from './units/workspace';

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
}

/** Documents whose model is kept, most recently used last. */
const MODEL_CACHE_SIZE = 16;

export interface FanganLanguageService {
  readonly locale: Locale;
  /** The plan model of a document (parsed once per version). */
  getModel(document: TextDocument): PlanFile;
  /** Whether a .txt/.md document looks like a plan (for activation mode `auto`). */
  looksLikePlan(document: TextDocument): boolean;
  readSettings(raw: unknown): { settings: FanganSettings; problems: SettingsProblem[] };
  computeDiagnostics(document: TextDocument, settings: FanganSettings, token?: CancellationLike): Diagnostic[];
  getDocumentSymbols(document: TextDocument, token?: CancellationLike): DocumentSymbol[];
  getFoldingRanges(document: TextDocument, token?: CancellationLike): FoldingRange[];
  getHover(document: TextDocument, settings: FanganSettings, position: Position, token?: CancellationLike): Hover | null;
  getCompletions(document: TextDocument, settings: FanganSettings, position: Position, token?: CancellationLike): CompletionList;
  getCodeActions(document: TextDocument, settings: FanganSettings, request: CodeActionRequest, token?: CancellationLike): CodeAction[];
  /**
   * (Re)reads `.fangan/units.json` of every workspace folder through the host; call it at start and
   * when such a file changes. Returns the problems found (bad entries are skipped, built-ins stay).
   */
  loadUnitRegistry(): Promise<UnitRegistryProblem[]>;
  /** Uses registry files already read (the CLI reads them itself). */
  useUnitRegistry(files: readonly UnitRegistryFile[]): UnitRegistryProblem[];
  /** Forget a closed document. */
  forget(uri: string): void;
}

export function createLanguageService(init: LanguageServiceInit = {}): FanganLanguageService {
  const locale = localeOf(init.language);
  const host = init.host ?? NO_FILES;
  const models = new Map<string, { version: number; model: PlanFile }>();
  let registry: UnitRegistry = BUILTIN_REGISTRY;
  let registryGeneration = 0;
  // The lead-unit seams: the template module and the corpus search plug in here.
  const units = (): UnitsEnvironment => ({ registry, noteRequirement: builtinNoteRequirement });
  const useUnitRegistry = (files: readonly UnitRegistryFile[]): UnitRegistryProblem[] => {
    const loaded = registryFromFiles(files);
    registry = loaded.registry;
    return loaded.problems;
  };

  const getModel = (document: TextDocument): PlanFile => {
    const cached = models.get(document.uri);
    if (cached && cached.version === document.version) {
      models.delete(document.uri);
      models.set(document.uri, cached);
      return cached.model;
    }
    const model = parsePlanFile(document.getText());
    models.delete(document.uri);
    models.set(document.uri, { version: document.version, model });
    if (models.size > MODEL_CACHE_SIZE) models.delete(models.keys().next().value!);
    return model;
  };
  const contextOf = (document: TextDocument, settings: FanganSettings): DocumentContext => ({
    uri: document.uri,
    file: getModel(document),
    settings,
    locale,
    host,
    units: units(),
  });

  return {
    locale,
    getModel,
    looksLikePlan: (document) => looksLikePlan(document.getText()),
    readSettings: normalizeSettings,
    computeDiagnostics: (document, settings, token) => computeDiagnostics(document.uri, getModel(document), settings, locale, token, units()),
    getDocumentSymbols: (document) => documentSymbols(getModel(document), locale),
    getFoldingRanges: (document) => foldingRanges(getModel(document)),
    getHover: (document, settings, position, token) => hover(contextOf(document, settings), position, token),
    getCompletions: (document, settings, position, token) => completions(contextOf(document, settings), position, token),
    getCodeActions: (document, settings, request) => codeActions(document.uri, getModel(document), settings, locale, request, units()),
    loadUnitRegistry: async () => {
      const generation = ++registryGeneration;
      const read = await readRegistryFiles(host);
      if (generation !== registryGeneration) return []; // a newer load is under way
      return [...read.problems, ...useUnitRegistry(read.files)];
    },
    useUnitRegistry,
    forget: (uri) => void models.delete(uri),
  };
}
