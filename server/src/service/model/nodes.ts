import type { Range } from 'vscode-languageserver-types';
import type { Marker, MarkerDamage, MarkerRank, NodeKind, Numeral, PlanNode, ResponsibilityNote } from './types';

/**
 * The model's markers and nodes, kept lean: they hold their places as numbers and build a Range
 * each time one is read. Three Range objects per node and one per marker (twelve objects, ~420
 * bytes) were half of a large model: 500 000 short numbered lines took ~380 MB. A Range read
 * from them is a fresh plain object (so it serialises and can be kept); nothing may rely on its
 * identity or change it to move the node.
 */

function lineRange(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

export class ModelMarker implements Marker {
  constructor(
    readonly text: string,
    readonly rank: MarkerRank,
    readonly numeral: Numeral,
    readonly open: Marker['open'],
    readonly close: Marker['close'],
    readonly number: number | null,
    readonly damage: MarkerDamage | null,
    readonly rankInferred: boolean,
    private readonly line: number,
    private readonly start: number,
  ) {}

  get range(): Range {
    return lineRange(this.line, this.start, this.start + this.text.length);
  }
}

export class ModelNode implements PlanNode {
  kind: NodeKind = 'measure';
  deadline: string | null = null;
  readonly notes: ResponsibilityNote[] = [];
  readonly children: PlanNode[] = [];
  readonly textLines: number[];
  private startLine: number;
  private startCharacter: number;
  private endLine: number;
  private endCharacter: number;

  constructor(
    readonly marker: Marker | null,
    readonly rank: MarkerRank,
    public depth: number,
    public parent: PlanNode | null,
    readonly title: string,
    /** The node's first line, where its marker (or text) and its title are. */
    private readonly line: number,
    start: number,
    private readonly titleStart: number,
    private readonly titleEnd: number,
    lineEnd: number,
  ) {
    this.textLines = [line];
    this.startLine = line;
    this.startCharacter = start;
    this.endLine = line;
    this.endCharacter = lineEnd;
  }

  get titleRange(): Range {
    return lineRange(this.line, this.titleStart, this.titleEnd);
  }

  /** The whole node: its own lines, its body paragraphs, notes and children (the parser extends it). */
  get range(): Range {
    return { start: { line: this.startLine, character: this.startCharacter }, end: { line: this.endLine, character: this.endCharacter } };
  }

  set range(range: Range) {
    this.startLine = range.start.line;
    this.startCharacter = range.start.character;
    this.endLine = range.end.line;
    this.endCharacter = range.end.character;
  }
}
