import type { NoteRole } from './types';

/**
 * Responsibility written as a phrase instead of a label (test/realworld/FORMS.md):
 * `（县交通运输局牵头，县财政局、县自然资源局配合）`, `（市生态环境局牵头负责）`,
 * `（由县司法局牵头，各乡镇参与）`, `（县司法局负责）`, `（各有关部门按职责分工负责）`.
 * The verb at the end of each item gives the role; the names before it are the units.
 * Everything here reads folded (Simplified) text.
 */

/** Verbs that close a phrase item, longest first, with the role they give its units. */
export const PHRASE_VERBS: ReadonlyArray<readonly [string, NoteRole]> = [
  ['按照职责分工负责', 'responsible'],
  ['按职责分工分别负责', 'responsible'],
  ['按职责分工抓好落实', 'responsible'],
  ['按职责分工负责', 'responsible'],
  ['按职责分工落实', 'responsible'],
  ['按职责负责', 'responsible'],
  ['牵头负责', 'lead'],
  ['牵头督导', 'lead'],
  ['牵头落实', 'lead'],
  ['牵头推进', 'lead'],
  ['牵头', 'lead'],
  ['分别负责', 'responsible'],
  ['负责落实', 'responsible'],
  ['具体负责', 'responsible'],
  ['共同负责', 'responsible'],
  ['负责', 'responsible'],
  ['配合', 'support'],
  ['参与', 'support'],
  ['参加', 'support'],
  ['协办', 'support'],
  ['协助', 'support'],
];

/** Last characters of the verbs: an item that ends otherwise is no phrase. */
const VERB_END = new Set(PHRASE_VERBS.map(([v]) => v.charCodeAt(v.length - 1)));

// The words every phrase verb starts with (or is).
const PHRASE_WORD = /牵头|负责|配合|参与|参加|协办|协助/g;

const ANY_PHRASE_WORD = /牵头|负责|配合|参与|参加|协办|协助/;

/** Whether the line has a phrase verb at all (one pass, nothing allocated). */
export function hasPhraseWord(folded: string): boolean {
  return ANY_PHRASE_WORD.test(folded);
}

/** Where the line has a phrase verb (ascending): no phrase note can stand anywhere else. One pass. */
export function phraseWordPositions(folded: string): number[] {
  const out: number[] = [];
  PHRASE_WORD.lastIndex = 0;
  for (let m = PHRASE_WORD.exec(folded); m; m = PHRASE_WORD.exec(folded)) out.push(m.index);
  return out;
}

/** The verb an item ends with (from `from` to `end`), if any. */
export function phraseVerbAt(folded: string, from: number, end: number): { verb: string; role: NoteRole; start: number } | null {
  if (!VERB_END.has(folded.charCodeAt(end - 1))) return null;
  for (const [verb, role] of PHRASE_VERBS) {
    const start = end - verb.length;
    if (start > from && folded.startsWith(verb, start)) return { verb, role, start };
  }
  return null;
}

/**
 * Words unit names end with: a name that ends otherwise is probably not a unit. Shared with the
 * registry (workspace/units/names.ts), which judges names the same way.
 */
export const UNIT_ENDING =
  /(局|厅|委|办|部|院|会|处|室|所|站|中心|行|关|队|校|社|台|馆|团|联|署|庭|科|组|府|机关|公司|集团|协会|学会|企业|法院|分局|支行|银行|监狱|大队|支队|总队|街道|乡|镇|机构|单位|部门|政府|街办|园区|开发区|新区|高新区|功能区|示范区|集聚区|苏木|社区|嘎查村)$/;

/** A name as phrases write units: short, no sentence inside, a unit's ending or a group's start (各…). */
export function looksLikeUnit(name: string): boolean {
  if (name.length < 2 || name.length > 40) return false;
  if (/[。；;！？!?：:“”"]/.test(name)) return false;
  const bare = name.replace(/[（(][^（()）]*[)）]$/, '');
  return UNIT_ENDING.test(bare) || /^各/.test(bare);
}
