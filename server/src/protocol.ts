/**
 * Fangan's own LSP messages (besides the standard ones): their method names and the shapes of
 * their parameters and answers. Imported by the server, the extension and the tests, so a
 * message is spelled out once. Types only, and string constants: nothing here runs.
 *
 * README "Editor protocol" documents each message; `test/protocol/planActions.test.ts` tests them.
 */
import type { TextEdit } from 'vscode-languageserver-types';
import type { CorpusSearchResult, CoverageView, SourceChoices, TemplatesAnswer, WorkspaceCheckSummary } from './service';

// The answer types the hosts read, from the service that makes them.
export type {
  CorpusSearchResult,
  CoverageEntryView,
  CoverageSourceView,
  CoverageView,
  DocumentStatus,
  PlanCoverageView,
  PlanStatus,
  SeverityCounts,
  SourceChoice,
  SourceChoices,
  TemplateInfo,
  TemplatesAnswer,
  WorkspaceCheckSummary,
} from './service';

/** A versioned edit of one document, as `WorkspaceEdit.documentChanges` carries it. */
export interface DocumentEditAnswer {
  readonly documentChanges: ReadonlyArray<{ readonly textDocument: { readonly uri: string; readonly version: number }; readonly edits: readonly TextEdit[] }>;
}

// ---- Requests (client → server) ------------------------------------------------------------------

/** `fangan/fixAll`: every fix of fix-all for a document version (the same edits as `source.fixAll.fangan`). */
export const FIX_ALL_REQUEST = 'fangan/fixAll';
export interface FixAllParams {
  readonly uri: string;
  readonly version?: number;
}
export interface FixAllAnswer {
  readonly edit: DocumentEditAnswer | null;
  readonly fixes: number;
}

/** `fangan/templates`: the templates to choose from, the levels of a new plan, and the plan's current template. */
export const TEMPLATES_REQUEST = 'fangan/templates';
export interface TemplatesParams {
  readonly uri?: string;
  readonly line?: number;
}
/** The service's answer and the levels a new plan can be written for, labelled in the user's language. */
export type TemplatesRequestAnswer = TemplatesAnswer & {
  readonly levels: ReadonlyArray<{ readonly level: NewPlanParams['level']; readonly label: string }>;
};

/** `fangan/setTemplate`: writes (or removes, for `auto`) the plan's own template directive. */
export const SET_TEMPLATE_REQUEST = 'fangan/setTemplate';
export interface SetTemplateParams {
  readonly uri: string;
  readonly line: number;
  /** A template id, or `auto`. */
  readonly template: string;
}
export interface SetTemplateAnswer {
  readonly edit: DocumentEditAnswer | null;
  readonly problem: string | null;
}

/** `fangan/newPlan`: the skeleton of a new plan. */
export const NEW_PLAN_REQUEST = 'fangan/newPlan';
export interface NewPlanParams {
  readonly template: string;
  readonly level: 'province' | 'city' | 'county' | 'district';
  readonly region?: string;
  readonly name?: string;
}
export interface NewPlanAnswer {
  readonly text: string | null;
  readonly title: string | null;
  readonly problem: string | null;
}

/** `fangan/checkWorkspace`: checks every plan file of the workspace (progress, diagnostics per file). */
export const CHECK_WORKSPACE_REQUEST = 'fangan/checkWorkspace';
export interface CheckWorkspaceAnswer {
  readonly summary: WorkspaceCheckSummary | null;
  readonly message: string;
}

/** `fangan/searchCorpus`: the quick pick of 方案：搜索素材库. */
export const SEARCH_CORPUS_REQUEST = 'fangan/searchCorpus';
export interface SearchCorpusParams {
  readonly query: string;
  readonly limit?: number;
  /** The draft the result is inserted into: its own text is left out, the wording adapted to its level. */
  readonly uri?: string;
  readonly line?: number;
}
export interface SearchCorpusAnswer {
  readonly items: readonly CorpusSearchResult[];
}

/** `fangan/importDocx`: a Word document's text as Word shows it (automatic numbers included), for 方案：从 Word 文档导入. */
export const IMPORT_DOCX_REQUEST = 'fangan/importDocx';
export interface ImportDocxParams {
  /** The .docx file's bytes, base64-encoded. */
  readonly bytes: string;
  /** The file's name (its extension tells a WPS file from a Word 97 one); used in messages. */
  readonly name: string;
}
/** The plan text, with what could not be read as Word shows it; or why the file cannot be imported. */
/** The largest Word document the server imports (the client refuses a larger one before sending it). */
export { MAX_DOCX_FILE_BYTES as IMPORT_DOCX_MAX_BYTES } from './service/limits';
export type ImportDocxAnswer = { readonly text: string; readonly notes: readonly string[] } | { readonly problem: string };
/** `fangan/export`: the plan as a .docx in the official layout, or its 任务分工表, for the client to save. */
export const EXPORT_REQUEST = 'fangan/export';
export interface ExportParams {
  readonly uri: string;
  /** `plan`: the plan as a .docx (GB/T 9704); `table`: its 任务分工表. */
  readonly what: 'plan' | 'table';
  /** `docx` for the plan; `xlsx`, `docx`, `csv` or `json` for the table. */
  readonly format: 'docx' | 'xlsx' | 'csv' | 'json';
  /** The table per unit: each unit, the measures it leads and those it supports. */
  readonly byUnit?: boolean;
}
/** The file as base64 and a name for the save dialog (`X.docx`, `X.任务分工表.xlsx`), or why there is none. */
export type ExportAnswer =
  | { readonly bytes: string; readonly suggestedName: string; readonly problem?: undefined }
  | { readonly problem: string; readonly bytes?: undefined; readonly suggestedName?: undefined };

/** `fangan/coverage`: the coverage view (方案：上级方案覆盖情况) of a document: every plan's sources, measure by measure. */
export const COVERAGE_REQUEST = 'fangan/coverage';
export interface CoverageParams {
  readonly uri: string;
}
/** `plans` is empty for a document Fangan does not check. */
export type CoverageAnswer = CoverageView;

/** `fangan/insertSourceMeasure`: inserts a missing measure of the plan above where it belongs (the quick fix of source-uncovered). */
export const INSERT_SOURCE_MEASURE_REQUEST = 'fangan/insertSourceMeasure';
export interface InsertSourceMeasureParams {
  readonly uri: string;
  /** The document version the view showed; an edit is only made for it. */
  readonly version?: number;
  /** The source plan's file (`CoverageSourceView.path`) and the measure's line in it (`CoverageEntryView.line`). */
  readonly plan: string;
  readonly line: number;
}
export interface InsertSourceMeasureAnswer {
  readonly edit: DocumentEditAnswer | null;
  /** Why there is no edit (the measure is no longer missing, the document changed…). */
  readonly problem: string | null;
}

/** `fangan/sources`: corpus plans to choose as the plan above (方案：选择上级方案), higher levels first. */
export const SOURCES_REQUEST = 'fangan/sources';
export interface SourcesParams {
  readonly uri: string;
  readonly line?: number;
}
export type SourcesAnswer = SourceChoices;

/** `fangan/setSource`: names the plan above in the plan's own `<!-- fangan: source 标题 -->` line (`auto` removes it). */
export const SET_SOURCE_REQUEST = 'fangan/setSource';
export interface SetSourceParams {
  readonly uri: string;
  readonly line: number;
  /** A corpus plan's title, or `auto`. */
  readonly title: string;
}
export type SetSourceAnswer = SetTemplateAnswer;

// ---- Notifications --------------------------------------------------------------------------------

/** `fangan/workspaceTrust` (client → server): the workspace became trusted. */
export const WORKSPACE_TRUST_NOTIFICATION = 'fangan/workspaceTrust';
export interface WorkspaceTrustParams {
  readonly trusted: boolean;
}

/** `fangan/corpusLoaded` (server → client): the corpus is indexed. */
export const CORPUS_LOADED_NOTIFICATION = 'fangan/corpusLoaded';
export interface CorpusLoadedParams {
  readonly clauses: number;
  readonly files: number;
  readonly ms: number;
  readonly bundledMs: number;
}

/** `fangan/status` (server → client): after each check, what the status bar shows for each plan. */
export const STATUS_NOTIFICATION = 'fangan/status';

/** Every custom method, for tests that walk them all. */
export const CUSTOM_REQUESTS = [
  FIX_ALL_REQUEST,
  TEMPLATES_REQUEST,
  SET_TEMPLATE_REQUEST,
  NEW_PLAN_REQUEST,
  CHECK_WORKSPACE_REQUEST,
  SEARCH_CORPUS_REQUEST,
  IMPORT_DOCX_REQUEST,
  EXPORT_REQUEST,
  COVERAGE_REQUEST,
  INSERT_SOURCE_MEASURE_REQUEST,
  SOURCES_REQUEST,
  SET_SOURCE_REQUEST,
] as const;
export const CUSTOM_NOTIFICATIONS = [WORKSPACE_TRUST_NOTIFICATION, CORPUS_LOADED_NOTIFICATION, STATUS_NOTIFICATION] as const;

/** Each request's parameters and answer, by method: `ask(client, FIX_ALL_REQUEST, …)` is typed by it. */
export interface RequestTypes {
  [FIX_ALL_REQUEST]: { params: FixAllParams; answer: FixAllAnswer };
  [TEMPLATES_REQUEST]: { params: TemplatesParams; answer: TemplatesRequestAnswer };
  [SET_TEMPLATE_REQUEST]: { params: SetTemplateParams; answer: SetTemplateAnswer };
  [NEW_PLAN_REQUEST]: { params: NewPlanParams; answer: NewPlanAnswer };
  [CHECK_WORKSPACE_REQUEST]: { params: Record<string, never>; answer: CheckWorkspaceAnswer };
  [SEARCH_CORPUS_REQUEST]: { params: SearchCorpusParams; answer: SearchCorpusAnswer };
  [IMPORT_DOCX_REQUEST]: { params: ImportDocxParams; answer: ImportDocxAnswer };
  [EXPORT_REQUEST]: { params: ExportParams; answer: ExportAnswer };
  [COVERAGE_REQUEST]: { params: CoverageParams; answer: CoverageAnswer };
  [INSERT_SOURCE_MEASURE_REQUEST]: { params: InsertSourceMeasureParams; answer: InsertSourceMeasureAnswer };
  [SOURCES_REQUEST]: { params: SourcesParams; answer: SourcesAnswer };
  [SET_SOURCE_REQUEST]: { params: SetSourceParams; answer: SetSourceAnswer };
}
