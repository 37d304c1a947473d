import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser/lib/esm/main.js';
import type { Localized } from '../l10n';
import { decodePlanBytes } from '../text/decode';
import type { WorkspaceProblem } from './problems';
import type { WorkspaceHost } from './host';

/**
 * The one reader of an office's `.fangan/` files (config.json, units.json, templates/*.json):
 * size cap → decode (UTF-8, UTF-16 or GB18030) → JSON with comments and trailing commas
 * (jsonc-parser) → problems located by line and column. Nothing in them is executed. A missing
 * file is no problem; every other failure is one problem naming the file, and the caller goes on
 * without it.
 */

/** A parsed file: its syntax tree, and how to place a problem at an offset of it. */
export interface OfficeJson {
  readonly path: string;
  readonly text: string;
  readonly root: Node;
  /** A problem at an offset of the file, with its 1-based line and column. */
  problem(offset: number, message: Localized): WorkspaceProblem;
}

export interface OfficeFile {
  readonly path: string;
  /** Null when the file cannot be used (its problem says why). */
  readonly json: OfficeJson | null;
  readonly problems: WorkspaceProblem[];
}

const SYNTAX: Record<string, string> = {
  InvalidSymbol: '无效的字符',
  InvalidNumberFormat: '数字格式无效',
  PropertyNameExpected: '缺少字段名',
  ValueExpected: '缺少值',
  ColonExpected: '缺少冒号',
  CommaExpected: '缺少逗号',
  CloseBraceExpected: '缺少右花括号“}”',
  CloseBracketExpected: '缺少右方括号“]”',
  EndOfFileExpected: '文件末尾有多余内容',
  InvalidCommentToken: '注释写法无效',
  UnexpectedEndOfComment: '注释没有结束',
  UnexpectedEndOfString: '字符串没有结束（缺少引号）',
  UnexpectedEndOfNumber: '数字没有结束',
  InvalidUnicode: 'Unicode 转义无效',
  InvalidEscapeCharacter: '转义字符无效',
  InvalidCharacter: '无效的字符',
};

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** Parses the text of an office file; a syntax error is one problem at its line and column. */
export function parseOfficeJson(path: string, rawText: string): OfficeFile {
  const text = rawText.replace(/^\ufeff/, '');
  const starts = lineStarts(text);
  const problem = (offset: number, message: Localized): WorkspaceProblem => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { file: path, line: lo + 1, column: offset - starts[lo] + 1, message };
  };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0 || !root) {
    const e = errors[0];
    const code = e ? printParseErrorCode(e.error) : 'ValueExpected';
    return {
      path,
      json: null,
      problems: [problem(e?.offset ?? 0, { zh: `不是有效的 JSON：${SYNTAX[code] ?? code}，整个文件未载入`, en: `not valid JSON: ${code}; the file was not loaded` })],
    };
  }
  return { path, json: { path, text, root, problem }, problems: [] };
}

/** Reads and parses one office file through the host; null when it does not exist. */
export async function loadOfficeFile(host: WorkspaceHost, path: string, maxBytes: number): Promise<OfficeFile | null> {
  const failed = (message: Localized): OfficeFile => ({ path, json: null, problems: [{ file: path, line: 1, column: 1, message }] });
  try {
    const stat = await host.stat(path);
    if (!stat || stat.type !== 'file') return null;
    if (stat.size > maxBytes) {
      return failed({ zh: `文件过大（${stat.size} 字节，上限 ${maxBytes} 字节），未读取`, en: `file too large (${stat.size} bytes, the limit is ${maxBytes}); not read` });
    }
    const decoded = decodePlanBytes(await host.readFile(path));
    if (!decoded.ok) return failed({ zh: '无法读取：不是文本文件', en: 'cannot read: not a text file' });
    return parseOfficeJson(path, decoded.text);
  } catch (error) {
    const reason = String((error as Error)?.message ?? error);
    return failed({ zh: `无法读取：${reason}`, en: `cannot read: ${reason}` });
  }
}
