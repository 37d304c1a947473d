import type { Directive } from '../../model/types';
import { DIRECTIVE_NAMES, SUPPRESSION_DIRECTIVES } from '../../model/directives';
import type { Finding, Rule } from '../types';

/**
 * In-document directives that would silently do nothing: a `fangan-…` name that does not exist
 * (`fangan-disabel`), or a rule code in a disable/enable directive that names no rule
 * (`numbering-gpa`). Each directive is reported by the plan it stands in (outside every plan: the
 * first plan of the file), so it is reported once.
 */

export const DIRECTIVE_INVALID = 'directive-invalid';

const KNOWN_NAMES = DIRECTIVE_NAMES;

/** Edit distance, for "did you mean" (short strings only). */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

function closest(word: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = distance(word, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best !== null && bestDistance <= Math.max(2, Math.floor(word.length / 4)) ? best : null;
}

/** `numbering`, `lead-unit`: the family prefixes a directive may name instead of a code. */
function familiesOf(codes: readonly string[]): string[] {
  return [...new Set(codes.map((c) => c.slice(0, c.lastIndexOf('-'))).filter(Boolean))];
}

/** directive-invalid; `ruleCodes` names every rule (read when it runs, after the registry exists). */
export function directiveInvalid(ruleCodes: () => readonly string[]): Rule {
  return {
    meta: {
      code: DIRECTIVE_INVALID,
      defaultSeverity: 'warning',
      title: { zh: '方案助手指令写错了（指令名或规则代码不存在）', en: 'A Fangan directive names no directive or rule' },
      fixable: false,
    },
    check(ctx, report) {
      const { file, plan } = ctx;
      const mine = (d: Directive) =>
        (d.line >= plan.firstLine && d.line <= plan.lastLine) ||
        (plan === file.plans[0] && !file.plans.some((p) => d.line >= p.firstLine && d.line <= p.lastLine));
      const codes = ruleCodes();
      const names = [...codes, ...familiesOf(codes)];
      for (const d of file.directives) {
        if (!mine(d)) continue;
        if (!KNOWN_NAMES.includes(d.name)) {
          const guess = closest(d.name, KNOWN_NAMES);
          report(invalid(d, {
            zh: `没有“${d.name}”这个指令${guess ? `，是否应为“${guess}”` : ''}（可用：${KNOWN_NAMES.join('、')}），此行不起作用`,
            en: `there is no directive "${d.name}"${guess ? `; did you mean "${guess}"` : ''} (available: ${KNOWN_NAMES.join(', ')}); this line has no effect`,
          }));
          continue;
        }
        if (!SUPPRESSION_DIRECTIVES.includes(d.name)) continue;
        for (const arg of d.args) {
          if (names.includes(arg)) continue;
          const guess = closest(arg, names);
          report(invalid(d, {
            zh: `指令中的规则代码“${arg}”不存在${guess ? `，是否应为“${guess}”` : ''}，对它不起作用（规则代码见各条问题的编号链接）`,
            en: `the directive names rule "${arg}", which does not exist${guess ? `; did you mean "${guess}"` : ''}; it has no effect (each problem's code links to its rule)`,
          }));
        }
      }
    },
  };
}

function invalid(d: Directive, message: Finding['message']): Finding {
  return { code: DIRECTIVE_INVALID, range: d.range, message };
}
