import { MAX_NAME_CACHE_CHARS } from '../limits';
import { toHalfWidth, toSimplified } from '../text/chinese';
import { TextCache } from '../text/textCache';

/**
 * A title as it is compared: Simplified, half width, without year ranges, brackets, 《》, spaces
 * and punctuation. `贵州省法治社会建设实施方案（2021—2025年）` and `貴州省法治社會建設實施方案(2021-2025年)`
 * fold to the same string.
 */
export function foldTitle(title: string): string {
  // (every check folds the titles its preamble cites: the same few, version after version)
  return folded.get(title) ?? folded.set(title, foldTitleUncached(title));
}

const folded = new TextCache<string>(MAX_NAME_CACHE_CHARS);

function foldTitleUncached(title: string): string {
  const text = toHalfWidth(toSimplified(title));
  let out = '';
  let i = 0;
  while (i < text.length) {
    const range = yearRangeAt(text, i);
    if (range > i) {
      i = range;
      continue;
    }
    const c = text[i];
    if (/[\p{Script=Han}A-Za-z0-9]/u.test(c)) out += c.toLowerCase();
    i++;
  }
  return out;
}

const DASHES = '-—–－~～至到';

/** The end of a year range starting at `i` (`2021-2025年`, `2021—2025`), or `i` when there is none. */
function yearRangeAt(text: string, i: number): number {
  const digits = (from: number) => {
    let j = from;
    while (j < text.length && j - from < 4 && text[j] >= '0' && text[j] <= '9') j++;
    return j - from === 4 ? j : -1;
  };
  const first = digits(i);
  if (first < 0) return i;
  let j = first;
  if (text[j] === '年') j++;
  let dashes = 0;
  while (j < text.length && (DASHES.includes(text[j]) || text[j] === ' ') && dashes < 4) {
    j++;
    dashes++;
  }
  if (dashes === 0) return i;
  const second = digits(j);
  if (second < 0) return i;
  return text[second] === '年' ? second + 1 : second;
}

