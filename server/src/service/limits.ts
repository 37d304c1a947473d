import type { Localized } from './l10n';

/**
 * Every size limit of Fangan, in one place, with the measurement that chose it (`npm run bench`,
 * 2 cores). README "Limits and safety (限制与安全)" states them for users; change both together.
 */

// ---- Documents ---------------------------------------------------------------------------------

/**
 * Up to here a document gets everything. Parse + all checks cost ~60–100 ms per MB of plan-like
 * text (1 MB synthetic plan: p50 ≈ 50 ms), but a file of tiny items costs more: 50 000 measures in
 * 1.7 MB took ~800 ms with every check. Real plans are 30–150 KB and under 1 000 lines.
 */
export const LARGE_DOCUMENT_CHARS = 2 * 1024 * 1024;
export const LARGE_DOCUMENT_LINES = 40_000;
/**
 * Above this nothing is parsed: the parse alone is ~50 ms per MB (5 MB: ~250 ms), so 10 MB keeps
 * the structure-only check of a large document under ~600 ms.
 */
export const MAX_DOCUMENT_CHARS = 10 * 1024 * 1024;

/**
 * `normal`: every check and feature. `large`: structure only — the outline, folding and the
 * numbering check with its fixes; the section and lead-unit checks, hover, completion and the
 * corpus are off for the file. `too-large`: Fangan leaves the file alone.
 */
export type DocumentSizeClass = 'normal' | 'large' | 'too-large';

export function documentSizeClass(chars: number, lines: number): DocumentSizeClass {
  if (chars > MAX_DOCUMENT_CHARS) return 'too-large';
  if (chars > LARGE_DOCUMENT_CHARS || lines > LARGE_DOCUMENT_LINES) return 'large';
  return 'normal';
}

/** Checks that still run on a large document (by `Check.id`): cheap, and what keeps a file in order. */
export const STRUCTURE_CHECKS: ReadonlySet<string> = new Set(['numbering']);

/** What the editor is told once per document that is not `normal`. */
export function documentSizeMessage(size: DocumentSizeClass, chars: number, lines: number): Localized | null {
  const mb = (chars / 1024 / 1024).toFixed(1);
  if (size === 'large') {
    return {
      zh: `此文件较大（${mb} MB，${lines} 行），为保持编辑流畅，方案助手只检查编号并提供大纲；章节、牵头单位检查和悬停、补全、素材库提示已对此文件关闭。`,
      en: `This file is large (${mb} MB, ${lines} lines). To keep editing smooth Fangan checks numbering only and keeps the outline; the section and lead-unit checks, hover, completion and corpus suggestions are off for this file.`,
    };
  }
  if (size === 'too-large') {
    return {
      zh: `此文件过大（${mb} MB，超过 ${MAX_DOCUMENT_CHARS / 1024 / 1024} MB），方案助手不检查此文件。`,
      en: `This file is too large (${mb} MB, over ${MAX_DOCUMENT_CHARS / 1024 / 1024} MB); Fangan does not check it.`,
    };
  }
  return null;
}

/**
 * Characters of a corpus query that are searched (the start of it): fuse.js's cost grows with the
 * pattern's length, and a measure pasted as one 1 MB line made completion and the lead-unit fixes
 * (which search the corpus with the measure's text) take 20–30 s. A clause is under 200 characters.
 */
export const MAX_QUERY_CHARS = 256;

/**
 * Text of the documents whose models are kept between requests (besides at most 16 documents): a
 * model takes ~18 bytes per character of text (5 MB plan: ~90 MB), so the cache stays under ~0.5 GB.
 */
export const MAX_CACHED_MODEL_CHARS = 24 * 1024 * 1024;

/** Lines longer than this are parsed only for their first part (a pasted blob is not a plan line). */
export const MAX_LINE_SCAN = 20_000;

// ---- The language server -------------------------------------------------------------------------

/** Pause after the last change before checking; longer for large documents (one check takes longer). */
export const VALIDATION_DELAY_MS = 150;
export const LARGE_VALIDATION_DELAY_MS = 600;
/** Diagnostics published per document; VS Code's Problems view is no use past a few thousand. */
export const MAX_PUBLISHED_DIAGNOSTICS = 2000;
/**
 * Findings collected per document: a check stops reporting past this (50 000 items all numbered
 * `1.` would otherwise build 50 000 messages nobody reads). Above the published cap, so the count
 * in the status bar still tells "thousands".
 */
export const MAX_COLLECTED_FINDINGS = 5000;

// ---- Workspace data (.fangan/) -----------------------------------------------------------------

/** Bytes of `.fangan/units.json` (an office's registry is a few KB); templates have their own (MAX_TEMPLATE_BYTES, 1 MB, sections/registry.ts). */
export const MAX_UNITS_FILE_BYTES = 1024 * 1024;

// ---- The corpus (素材库) -------------------------------------------------------------------------

/** Files indexed from the user's folders (a folder of a whole drive must not eat the editor's memory). */
export const MAX_CORPUS_FILES = 5000;
/** Bytes of one corpus file (a plan is 30–150 KB; a .docx with pictures a few MB). */
export const MAX_CORPUS_FILE_BYTES = 8 * 1024 * 1024;
/** Text read from the user's folders in all (~120 MB of strings; the 100k-clause corpus is ~25 MB). */
export const MAX_CORPUS_TOTAL_CHARS = 64 * 1024 * 1024;
/** Uncompressed size of a .docx (all its parts), read from the zip's central directory before inflating. */
export const MAX_DOCX_UNCOMPRESSED_BYTES = 64 * 1024 * 1024;
/** Entries in a .docx zip (a real one has 10–40). */
export const MAX_DOCX_ENTRIES = 2000;
/**
 * Measures aligned per side (the plan above, corpus/align.ts): the cost grows with draft × source
 * measures; real plans hold 30–300. Beyond it only the first ones are aligned, and the alignment says so.
 */
export const MAX_ALIGNED_MEASURES = 1000;
