import { isTitleLike } from './detect';

/**
 * Whether a .txt/.md file is worth analysing without any setup: it has a plan-like title
 * (方案/规划/纲要…) or a first-level heading `一、`. Reads at most the first 64 KB.
 */
export function looksLikePlan(text: string): boolean {
  const head = text.slice(0, 65536);
  if (/(^|\n)[ \t\u3000\u2002#*]*一[、.．]/.test(head)) return true;
  for (const line of head.split(/\r\n|\r|\n/, 400)) {
    if (isTitleLike(line)) return true;
  }
  return false;
}
