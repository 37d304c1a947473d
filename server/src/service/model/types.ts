import type { Range } from 'vscode-languageserver-types';

/**
 * The plan model: what a plan file says, parsed once per version of the text.
 * Every check and feature reads this model; none of them re-parses the text.
 */

/** Nesting rank of a marker family (GB/T 9704: 一、 → （一） → 1. → （1） → ①). */
export type MarkerRank = 1 | 2 | 3 | 4 | 5;

export type Numeral = 'cn' | 'ar' | 'circled' | 'none';

/** How a marker was damaged by copy/paste (seed 001 lost most of its `（一` openings). */
export type MarkerDamage =
  | 'missing-open' // `三)强化督查考评`
  | 'missing-open-numeral' // `)维护宪法法律权威`
  | 'missing-numeral' // `()健全公众参与`
  | 'missing-close' // `（五加强矛盾化解`, `（五 加强…`, `（五、加强…`
  | 'malformed'; // `（（五）`, `（伍）`, `〔五〕`, `【五】`: the number is there, the form is not a plan's

export interface Marker {
  /** The marker exactly as written, without the spaces after it: `（一）`, `)`, `4.`, `1`. */
  readonly text: string;
  readonly rank: MarkerRank;
  readonly numeral: Numeral;
  /** Opening bracket as written (`（`, `(`), or '' when there is none. */
  readonly open: '' | '(' | '（';
  /** What closes the marker: a bracket, `、`, `.`, `．`, or ' ' for `1 标题`. */
  readonly close: '' | ')' | '）' | '、' | '.' | '．' | ' ';
  /** The number the marker carries; null when the numeral was lost. */
  readonly number: number | null;
  readonly damage: MarkerDamage | null;
  /** The rank of a damaged marker is inferred from the rest of the plan. */
  readonly rankInferred: boolean;
  readonly range: Range;
}

export type NoteRole = 'lead' | 'support' | 'responsible';
export type NoteNotation = 'line' | 'inline';
/** A note names its role with a label (`牵头单位：A`) or with a verb after the units (`A牵头`, `B配合`). */
export type NoteForm = 'label' | 'phrase';
export type NoteProblem = 'missing-colon' | 'unclosed';

export interface UnitRef {
  /** The unit name as written (trailing phrases such as 按职责分工负责 removed). */
  readonly name: string;
  readonly range: Range;
}

export interface ResponsibilityNote {
  /**
   * What the units do for the measure. Where a measure's notes name a lead (牵头单位, `X牵头`),
   * its 责任单位 / `Y负责` units carry the task out alongside it: their role is 'support'.
   */
  readonly role: NoteRole;
  /** The label as written: 牵头单位, 责任单位, 参加单位, 配合单位, …; for a phrase, its verb (牵头, 配合, 按职责分工负责). */
  readonly label: string;
  readonly form: NoteForm;
  readonly notation: NoteNotation;
  readonly units: readonly UnitRef[];
  /** The whole note, label to last unit (phrase: first unit to verb; inline: including the brackets). */
  readonly range: Range;
  readonly labelRange: Range;
  /** Where the units start (after the colon); an empty note has an empty range here. */
  readonly valueRange: Range;
  readonly problem: NoteProblem | null;
}

export type NodeKind = 'heading' | 'measure';

export interface PlanNode {
  kind: NodeKind;
  /** Null for an unnumbered measure (a paragraph closed by a responsibility note). */
  readonly marker: Marker | null;
  /** Depth in the tree, 1 for the outermost headings. */
  depth: number;
  /** Rank of the marker family, or the rank the node stands at when unnumbered. */
  readonly rank: MarkerRank;
  /** Heading title, or the lead phrase of a measure. */
  readonly title: string;
  readonly titleRange: Range;
  /** The whole node: its own lines, its body paragraphs, notes and children. */
  range: Range;
  /** Lines (0-based, inclusive) of the node's own text: its first line and body paragraphs. */
  readonly textLines: number[];
  readonly notes: ResponsibilityNote[];
  /**
   * When the measure is due, as the draft writes it without its label (`2025年底前`, `9月底完成`,
   * `长期坚持`): from its notes (`；完成时限：…`, `，6月底完成`) or a `完成时限：`/`时间节点：` line;
   * null when it says nothing there (a date inside the measure's own sentences is not read).
   */
  deadline: string | null;
  readonly children: PlanNode[];
  parent: PlanNode | null;
}

/**
 * What the plan is, from its title: the rule-of-law kinds that have an outline (法治社会, 法治政府),
 * a 法治…规划, the other kinds real plans come in (营商环境/放管服, 乡村振兴, 安全生产, annual
 * 工作要点/工作安排, 任务分解/责任分工), or `other`. A contract of the CLI JSON (README).
 */
export type PlanKind =
  | 'fazhi-shehui'
  | 'fazhi-zhengfu'
  | 'fazhi-guihua'
  | 'yingshang-huanjing'
  | 'xiangcun-zhenxing'
  | 'anquan-shengchan'
  | 'gongzuo-yaodian'
  | 'renwu-fenjie'
  | 'other';

export const PLAN_KINDS: readonly PlanKind[] = [
  'fazhi-shehui',
  'fazhi-zhengfu',
  'fazhi-guihua',
  'yingshang-huanjing',
  'xiangcun-zhenxing',
  'anquan-shengchan',
  'gongzuo-yaodian',
  'renwu-fenjie',
  'other',
];
export type PlanLevel = 'province' | 'city' | 'county';

export interface PlanTitle {
  readonly text: string;
  readonly range: Range;
}

export interface Plan {
  readonly title: PlanTitle | null;
  readonly kind: PlanKind;
  readonly level: PlanLevel | null;
  /** The place the plan is written for, when the title or preamble names it: 西吉县, 大足区. */
  readonly region: string | null;
  /** The character units of this level start with: 省 / 市 / 州 / 县 / 区 / 旗. */
  readonly levelPrefix: string | null;
  readonly preamble: { readonly text: string; readonly range: Range } | null;
  /** Lines (0-based, inclusive) from the title (or preamble) to the last line of the plan. */
  readonly firstLine: number;
  readonly lastLine: number;
  readonly nodes: PlanNode[];
  /** Notes that follow no measure (e.g. right after the title). */
  readonly strandedNotes: ResponsibilityNote[];
}

/**
 * An instruction to Fangan written in the document, in HTML-comment form so that it is invisible in
 * Markdown and plain in .txt: `<!-- fangan: template fazhi-shehui -->`,
 * `<!-- fangan-disable numbering-gap -->`, `<!-- fangan-enable -->`, `<!-- fangan-disable-next-line -->`.
 * Directive lines are blank lines to the plan structure.
 */
export interface Directive {
  readonly line: number;
  /** `fangan`, `fangan-disable`, `fangan-enable`, `fangan-disable-next-line`, … */
  readonly name: string;
  /** The words after the name (`template`, `fazhi-shehui`; rule codes). */
  readonly args: readonly string[];
  readonly range: Range;
}

export interface PlanFile {
  readonly lineCount: number;
  /** The text's own line ending (its first one; `\n` for a text of one line): what an edit that adds a line writes. */
  readonly eol: '\n' | '\r\n' | '\r';
  /** The text split into lines (CRLF, CR and LF all end a line, as in LSP). */
  readonly lines: readonly string[];
  readonly plans: Plan[];
  /** Line ranges (0-based, inclusive) outside any plan: portal menus, cover letters, footers. */
  readonly wrapper: ReadonlyArray<{ readonly firstLine: number; readonly lastLine: number }>;
  readonly directives: readonly Directive[];
}
