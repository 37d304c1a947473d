/**
 * The language service's interface: everything a host (the language server in server/src/lsp,
 * the CLI in server/src/cli, the Node adapters) may use. Hosts import from here only; what is
 * not exported here is the service's own business (test/unit/architecture.test.ts holds this).
 */

export { createLanguageService } from './languageService';
export type { CorpusService, CorpusStats, FanganLanguageService, LanguageServiceInit, Logger } from './languageService';

// Plain data the hosts pass on or show.
export type { CancellationLike } from './cancellation';
export { localeOf, pick, type Locale, type Localized } from './l10n';
export {
  documentSizeMessage,
  LARGE_VALIDATION_DELAY_MS,
  MAX_CLI_FILE_BYTES,
  MAX_DOCX_FILE_BYTES,
  MAX_FILE_READ_BYTES,
  MAX_PUBLISHED_DIAGNOSTICS,
  VALIDATION_DELAY_MS,
  type DocumentSizeClass,
} from './limits';
export type { Plan, PlanFile, PlanKind, PlanLevel, PlanNode, ResponsibilityNote } from './model/types';
export type { RuleMeta } from './rules/types';
export { decodePlanBytes, type DecodeResult } from './text/decode';
export { DocxRefused, readDocx, type DocxText } from './text/docx';
export { REFUSALS as DOCX_REFUSALS } from './text/docx/refused';
export { applyEdits } from './text/edits';
export type { FileStat, WorkspaceHost } from './workspace/host';
export { formatWorkspaceProblem, type WorkspaceProblem } from './workspace/problems';
export type { FanganSettings } from './workspace/settings';
export { pathToFileUri, uriToPath } from './workspace/uri';

// What the editor protocol carries (server/src/protocol.ts).
export { FIX_ALL_KIND, type CodeActionRequest } from './features/codeActions';
export { CORPUS_ACTION_KIND } from './features/corpusActions';
export type { PlanAboveReport, SourceText } from './features/planAbove';
export { coverageSummary, type MissingMeasure, type SourceCoverage } from './corpus/coverage';
export type { UnresolvedSource } from './corpus/source';
export { exportBaseName, exportFileName, requestProblem as exportRequestProblem, type ExportFormat, type ExportRequest, type ExportResult } from './features/export';
export type { CorpusSearchResult } from './features/corpusSearch';
export { NEW_PLAN_LEVELS, type NewPlanLevel, type NewPlanRequest, type NewPlanResult } from './features/newPlan';
export type { DocumentStatus, PlanStatus, SeverityCounts } from './features/status';
export type { CoverageDraftMeasure, CoverageEntryView, CoverageSourceView, CoverageView, PlanCoverageView } from './features/coverageView';
export { AUTO_SOURCE, type SourceChoice, type SourceChoices } from './features/sourceSwitch';
export type { TemplateInfo, TemplatesAnswer } from './features/templateSwitch';
export { summaryMessage, type WorkspaceCheckSummary } from './features/workspaceCheck';
export type { CorpusProblem } from './corpus/store';

import { RULES } from './rules';
import type { RuleMeta } from './rules/types';
/** Every rule's metadata, in the documentation's order (the CLI's SARIF and the manifest tools list them). */
export const RULE_METADATA: readonly RuleMeta[] = RULES.map((rule) => rule.meta);
