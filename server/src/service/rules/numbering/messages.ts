import type { Localized } from '../../l10n';
import type { MarkerRank, PlanNode } from '../../model/types';
import type { NumberingAnalysis, NumberingIssue } from './analysis';
import { defaultForm, formSample, renderMarker } from '../../model/numbering/forms';
import type { LevelScheme, Slot } from '../../model/numbering/scheme';

/**
 * What each finding says, in the draft's own markers: the marker written, the one expected, its
 * neighbours, and — where it decides the number — how the level counts in this plan.
 */

const q = (s: string) => `“${s}”`;
const qe = (s: string) => `"${s}"`;

function written(slot: Slot): string {
  return slot.marker?.text ?? '';
}

function shortLabel(node: PlanNode): string {
  const title = node.title.length > 12 ? `${node.title.slice(0, 12)}…` : node.title;
  return `${node.marker?.text ?? ''}${title}`;
}

/** How the level counts, said the way a drafter would. */
function schemeNote(analysis: NumberingAnalysis, level: LevelScheme): Localized {
  const first = renderMarker(level.form, 1) ?? formSample(level.form);
  if (level.resetRank === level.rank - 1) {
    return {
      zh: `本方案该级编号在每个上级标题下从${q(first)}起重新编号`,
      en: `this plan restarts this level at ${qe(first)} under each heading above it`,
    };
  }
  if (level.resetRank === 0) {
    return { zh: '本方案该级编号在全文连续编排', en: 'this plan numbers this level continuously through the whole plan' };
  }
  const above = analysis.scheme.levels.get(level.resetRank as MarkerRank)?.form ?? defaultForm(level.resetRank as MarkerRank);
  const sample = formSample(above);
  return {
    zh: `本方案该级编号在每个${q(sample)}级标题下连续编排`,
    en: `this plan numbers this level continuously within each ${qe(sample)} heading`,
  };
}

function at(slot: Slot): { zh: string; en: string } {
  return { zh: `第${slot.line + 1}行的${q(written(slot))}`, en: `${qe(written(slot))} on line ${slot.line + 1}` };
}

/** Where a marker is missing: between its written neighbours. */
function between(issue: NumberingIssue): Localized {
  const { prev, next } = issue;
  if (prev && next) {
    return {
      zh: `，位于${at(prev).zh}与${at(next).zh}之间`,
      en: `, between ${at(prev).en} and ${at(next).en}`,
    };
  }
  if (prev) return { zh: `，前一项是${at(prev).zh}`, en: `; the item before is ${at(prev).en}` };
  if (next) return { zh: `，后一项是${at(next).zh}`, en: `; the item after is ${at(next).en}` };
  return { zh: '', en: '' };
}

/** For a number fixed by position: whose item it is, or how the level counts. */
function position(analysis: NumberingAnalysis, issue: NumberingIssue): Localized {
  const { slot, level } = issue;
  const parent = slot.kind === 'lost-first' ? slot.node : slot.node.parent;
  if (level.resetRank === level.rank - 1 && parent && slot.foreign === null) {
    return {
      zh: `（${q(shortLabel(parent))}下的第${issue.number}项）`,
      en: ` (item ${issue.number} under ${qe(shortLabel(parent))})`,
    };
  }
  const note = schemeNote(analysis, level);
  if (issue.prev) return { zh: `（${note.zh}，上一项是${at(issue.prev).zh}）`, en: ` (${note.en}; the item before is ${at(issue.prev).en})` };
  return { zh: `（${note.zh}）`, en: ` (${note.en})` };
}

function expectedText(issue: NumberingIssue): { zh: string; en: string } {
  return issue.expected === null
    ? { zh: `第${issue.number}项`, en: `item ${issue.number}` }
    : { zh: q(issue.expected), en: qe(issue.expected) };
}

export function issueMessage(analysis: NumberingAnalysis, issue: NumberingIssue): Localized {
  const { slot, level, prev } = issue;
  const w = written(slot);
  const e = expectedText(issue);
  if ((issue.reason === 'skip' || issue.reason === 'backwards' || issue.reason === 'repeat') && !prev) {
    // only unnumbered items before it in this count
    return { zh: `编号应为${e.zh}，写成了${q(w)}`, en: `this should be ${e.en}, not ${qe(w)}` };
  }
  switch (issue.reason) {
    case 'skip':
      return {
        zh: `编号跳号：前一项是${q(written(prev!))}，此处应为${e.zh}，写成了${q(w)}`,
        en: `numbering skips: the item before is ${qe(written(prev!))}, so this should be ${e.en}, not ${qe(w)}`,
      };
    case 'repeat':
      return {
        zh: `编号重复：${q(w)}与前一项相同，此处应为${e.zh}`,
        en: `duplicate number: ${qe(w)} repeats the item before; this should be ${e.en}`,
      };
    case 'backwards':
      return {
        zh: `编号倒退：前一项是${q(written(prev!))}，此处应为${e.zh}，写成了${q(w)}`,
        en: `numbering goes backwards: the item before is ${qe(written(prev!))}, so this should be ${e.en}, not ${qe(w)}`,
      };
    case 'start': {
      const note = schemeNote(analysis, level);
      const before = prev ? { zh: `，上一项是${at(prev).zh}`, en: `; the item before is ${at(prev).en}` } : { zh: '', en: '' };
      return {
        zh: `编号应为${e.zh}，写成了${q(w)}：${note.zh}${before.zh}`,
        en: `this should be ${e.en}, not ${qe(w)}: ${note.en}${before.en}`,
      };
    }
    case 'lost': {
      const place = between(issue);
      const shift = issue.next && issue.next.written !== null && issue.next.written <= issue.number;
      return {
        zh: `此段措施缺少编号，应为${e.zh}${place.zh}${shift ? '；其后编号需依次顺延' : ''}`,
        en: `this measure has lost its number; it should be ${e.en}${place.en}${shift ? '; the numbers after it move up by one' : ''}`,
      };
    }
    case 'damaged': {
      const where = position(analysis, issue);
      const damage = slot.marker?.damage;
      if (damage === 'missing-open') {
        return {
          zh: `编号${q(w)}缺少左括号，应为${e.zh}${where.zh}`,
          en: `marker ${qe(w)} has lost its opening bracket; it should be ${e.en}${where.en}`,
        };
      }
      if (damage === 'missing-close') {
        return {
          zh: `编号${q(w)}缺少右括号，应为${e.zh}${where.zh}`,
          en: `marker ${qe(w)} has lost its closing bracket; it should be ${e.en}${where.en}`,
        };
      }
      if (damage === 'malformed') {
        return {
          zh: `编号${q(w)}写法有误，应为${e.zh}${where.zh}`,
          en: `marker ${qe(w)} is not written as this plan's markers are; it should be ${e.en}${where.en}`,
        };
      }
      if (damage === 'missing-numeral') {
        return {
          zh: `编号${q(w)}缺少序号，应为${e.zh}${where.zh}`,
          en: `marker ${qe(w)} has lost its numeral; it should be ${e.en}${where.en}`,
        };
      }
      return {
        zh: `编号残缺，只剩${q(w)}，应为${e.zh}${where.zh}`,
        en: `damaged marker: only ${qe(w)} is left; it should be ${e.en}${where.en}`,
      };
    }
    case 'width': {
      const half = level.form.open === '(';
      return {
        zh: `括号全角半角不统一：本方案此级编号用${half ? '半角' : '全角'}括号${q(formSample(level.form))}，此处${q(w)}应为${e.zh}`,
        en: `bracket width differs: this level uses ${half ? 'half-width' : 'full-width'} brackets ${qe(formSample(level.form))} in this plan; ${qe(w)} should be ${e.en}`,
      };
    }
    case 'form':
      return {
        zh: `编号格式不统一：本方案此级编号用${q(formSample(level.form).trim())}的格式（${level.formCount}处），此处${q(w)}应为${e.zh}`,
        en: `numbering style differs: this level is written ${qe(formSample(level.form).trim())} in this plan (${level.formCount} times); ${qe(w)} should be ${e.en}`,
      };
    case 'deeper':
    case 'shallower': {
      const which = issue.reason === 'deeper' ? { zh: '下一级', en: 'the level below' } : { zh: '上一级', en: 'the level above' };
      const peers =
        prev && issue.next
          ? { zh: `与前后的${q(written(prev))}${q(written(issue.next))}同属一级`, en: `belongs with ${qe(written(prev))} and ${qe(written(issue.next))}` }
          : prev
            ? { zh: `接续前一项${q(written(prev))}`, en: `continues ${qe(written(prev))}` }
            : { zh: '与前后各项同属一级', en: 'belongs with the items around it' };
      return {
        zh: `${q(w)}是${which.zh}编号的格式，此处${peers.zh}，应为${e.zh}`,
        en: `${qe(w)} is the marker form of ${which.en}; this item ${peers.en} and should be ${e.en}`,
      };
    }
  }
}

export function fixTitle(issue: NumberingIssue, renumbersOthers: boolean): Localized {
  const e = issue.expected ?? '';
  const w = written(issue.slot);
  const more = renumbersOthers ? { zh: '，并顺延其后编号', en: ' and renumber the items after it' } : { zh: '', en: '' };
  switch (issue.code) {
    case 'numbering-missing':
      return { zh: `补上编号${q(e)}${more.zh}`, en: `Add the number ${qe(e)}${more.en}` };
    case 'numbering-damaged':
      return { zh: `将残缺的编号${q(w)}恢复为${q(e)}${more.zh}`, en: `Restore ${qe(w)} as ${qe(e)}${more.en}` };
    case 'numbering-style':
      return { zh: `将${q(w)}改为${q(e)}`, en: `Change ${qe(w)} to ${qe(e)}` };
    default:
      return { zh: `将${q(w)}改为${q(e)}${more.zh}`, en: `Change ${qe(w)} to ${qe(e)}${more.en}` };
  }
}

