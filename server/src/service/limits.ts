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
 * Nor above this many lines: a model costs ~430–760 bytes per numbered line however short it is,
 * and parsing and checking it as much again, so lines, not characters, decide the memory of a file
 * of short items (500 000 lines of `1.措施。`, 6.4 MB, took ~820 MB in the CLI; 10 MB of `1.` lines
 * 3.3 GB). At 120 000 lines (above every pathological input of the bench) the CLI peaks at ~240 MB.
 */
export const MAX_DOCUMENT_LINES = 120_000;

/**
 * `normal`: every check and feature. `large`: structure only — the outline, folding and the
 * numbering check with its fixes; the section and lead-unit checks, hover, completion and the
 * corpus are off for the file. `too-large`: Fangan leaves the file alone.
 */
export type DocumentSizeClass = 'normal' | 'large' | 'too-large';

export function documentSizeClass(chars: number, lines: number): DocumentSizeClass {
  if (chars > MAX_DOCUMENT_CHARS || lines > MAX_DOCUMENT_LINES) return 'too-large';
  if (chars > LARGE_DOCUMENT_CHARS || lines > LARGE_DOCUMENT_LINES) return 'large';
  return 'normal';
}

/** Rule families that still run on a large document: cheap, and what keeps a file in order. */
export const STRUCTURE_FAMILIES: ReadonlySet<string> = new Set(['numbering']);

/** What the editor is told once per document that is not `normal`. */
export function documentSizeMessage(size: DocumentSizeClass, chars: number, lines: number): Localized | null {
  const mb = (chars / 1024 / 1024).toFixed(1);
  if (size === 'large') {
    return {
      zh: `此文件较大（${mb} MB，${lines} 行），为保持编辑流畅，方案助手只检查编号并提供大纲；章节、牵头单位检查和悬停、补全、素材库提示已对此文件关闭。`,
      en: `This file is large (${mb} MB, ${lines} lines). To keep editing smooth Fangan checks numbering only and keeps the outline; the section and lead-unit checks, hover, completion and corpus suggestions are off for this file.`,
    };
  }
  if (size === 'too-large' && lines > MAX_DOCUMENT_LINES && chars <= MAX_DOCUMENT_CHARS) {
    return {
      zh: `此文件行数过多（${lines} 行，超过 ${MAX_DOCUMENT_LINES} 行），方案助手不检查此文件。`,
      en: `This file has too many lines (${lines} lines, over ${MAX_DOCUMENT_LINES}); Fangan does not check it.`,
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
 * model takes ~15 bytes per character of plan text (5 MB plan: ~76 MB), so the cache stays under
 * ~0.5 GB. Each line counts as MODEL_CHARS_PER_LINE characters more.
 */
export const MAX_CACHED_MODEL_CHARS = 24 * 1024 * 1024;
/** Documents whose models are kept (most recently used); a document past them is parsed again when asked about. */
export const MAX_CACHED_MODELS = 16;
/**
 * Characters each cache of unit names keeps (written forms, comparison forms, identities, closest
 * known names): ~20 000 names. Bounded by characters, and keyed by copies (text/textCache.ts), so
 * that names cut from closed documents keep nothing of them alive.
 */
export const MAX_NAME_CACHE_CHARS = 512 * 1024;
/**
 * Distinct unknown unit names of a plan that get a "did you mean" (closest known name); past them,
 * a name is reported without one. Real plans have at most a few dozen unknown names; a suggestion
 * costs ~0.05–0.2 ms against the registry the first time (100 000 made-up names took ~5 s a check
 * when each mention was worked out anew; 1000 suggestions still cost ~0.2 s of a cold check).
 */
export const MAX_UNIT_SUGGESTIONS = 200;
/** Characters each cache of measure and heading texts keeps (bigrams, comparison forms): a few plans. */
export const MAX_TEXT_CACHE_CHARS = 2 * 1024 * 1024;

/**
 * Passes of fix-all over a text (`fangan check --fix`): a pass makes every automatic fix that does
 * not overlap another, the next one what became possible; real plans settle in one or two.
 */
export const MAX_FIX_PASSES = 10;
/**
 * What a line adds to a model, in characters of text: a numbered line costs ~430–760 bytes of
 * model however short it is (100 000 lines of `1.`: 41 MB for 300 000 characters), ~40 characters'
 * worth. Without it sixteen such files would pass for 5 M characters and hold ~650 MB.
 */
export const MODEL_CHARS_PER_LINE = 40;

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

/** Bytes of `.fangan/units.json` (an office's registry is a few KB). */
export const MAX_UNITS_FILE_BYTES = 1024 * 1024;
/** Bytes of one `.fangan/templates/*.json` (a template is a few KB of headings and standard wording). */
export const MAX_TEMPLATE_FILE_BYTES = 1024 * 1024;
/** Bytes of `.fangan/config.json` (an office's settings are a few hundred bytes). */
export const MAX_CONFIG_FILE_BYTES = 256 * 1024;

// ---- The workspace check and the command line ------------------------------------------------------

/** Candidate files (.txt, .md, *.fangan*) the workspace check reads (a folder of a whole drive must end). */
export const MAX_WORKSPACE_CHECK_FILES = 2000;
/** Bytes of a file the workspace check reads; larger ones are left out (and counted in its summary). */
export const MAX_WORKSPACE_CHECK_FILE_BYTES = 2 * 1024 * 1024;
/** Bytes of a file the command line reads (its own limit: a batch check may be given large files on purpose). */
export const MAX_CLI_FILE_BYTES = 64 * 1024 * 1024;
/**
 * Bytes the file host reads of any file, whatever its size on disk says (a device or a growing
 * file has none): no caller reads more (the largest is a corpus .docx); their own limits are
 * checked against the size on disk, this one against the bytes actually read.
 */
export const MAX_FILE_READ_BYTES = 64 * 1024 * 1024;

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

// ---- Word documents (.docx: the CLI, the import command, the corpus) -----------------------------

/** Bytes of a .docx file read at all (a plan with pictures is a few MB; the corpus's own cap is lower). */
export const MAX_DOCX_FILE_BYTES = 32 * 1024 * 1024;
/**
 * Bytes one XML part of a .docx (word/document.xml) may inflate to. xmldom holds it as a DOM of
 * ~20 bytes per byte (27 MB of plan XML: 563 MB, 3.6 s to parse), so 8 MB stays near ~170 MB; a
 * 7.7 MB document.xml (14 000 paragraphs with Word's run formatting) reads in 1–1.5 s (`npm run bench`).
 */
export const MAX_DOCX_XML_BYTES = 8 * 1024 * 1024;
/** Paragraphs (with table cells') read from a .docx; a long plan has 1 000–3 000. */
export const MAX_DOCX_PARAGRAPHS = 200_000;
/**
 * Word out (features/export): a document larger than this is not exported. Writing a .docx costs
 * ~4 ms per KB of plan text (seed 002, 65 KB: ~40 ms; a 1 MB synthetic plan: ~4 s, all of it on the
 * server's thread); real plans are 30–150 KB, so 512 K characters (~2 s) leaves room for any plan.
 */
export const MAX_EXPORT_CHARS = 512 * 1024;
/**
 * Measures aligned per side (the plan above, corpus/align.ts): the cost grows with draft × source
 * measures; real plans hold 30–300. Beyond it only the first ones are aligned, and the alignment says so.
 */
export const MAX_ALIGNED_MEASURES = 1000;
