import { sourceMatches } from '../../corpus/planAbove';
import { escapeMarkdown, levelName, sectionLabel } from '../../corpus/present';
import { planAt } from '../../model/walk';
import { adaptedUnit } from '../../rules/source/insert';
import { BUILTIN_REGISTRY } from '../../workspace/units/registry';
import { markedText, nodeUnder } from './corpus';
import type { HoverSection } from './section';

/**
 * Hover on a measure, the plan above first (上级方案): the source measures the draft measure
 * implements (corpus/align.ts), each with its marker and section, its text with what the draft
 * says of it in bold, and its lead units named as this level's units — the ones the draft should
 * name (省委宣传部 → 县委宣传部). A measure with no counterpart is said to be the plan's own.
 * The corpus peers follow (hover/corpus.ts).
 */

/** At most this many source measures (a county may merge several into one measure). */
const SOURCE_MATCHES = 3;

export function createSourceHover(): HoverSection {
  return {
    provide(ctx, position) {
      const node = nodeUnder(ctx.file, position);
      if (!node || node.kind !== 'measure') return undefined;
      const plan = planAt(ctx.file, position.line);
      const above = plan && ctx.planAbove?.of(plan);
      if (!above || above.alignments.length === 0 || ctx.token?.isCancellationRequested) return undefined;
      const zh = ctx.locale === 'zh';
      const registry = ctx.units?.registry ?? BUILTIN_REGISTRY;
      const names = above.alignments.map((a) => escapeMarkdown(a.source.plan.name)).join(zh ? '、' : ', ');
      const matches = sourceMatches(above, node).slice(0, SOURCE_MATCHES);
      if (matches.length === 0) {
        return [zh ? `**上级方案**（${names}）中没有对应的措施：这是本方案自有的措施` : `**Plan above** (${names}): no corresponding measure — this is the plan's own measure`];
      }
      const lines = [zh ? `**上级方案中的对应措施**（${names}）` : `**Corresponding measures in the plan above** (${names})`, ''];
      matches.forEach((m, i) => {
        const source = m.measure.plan;
        const alignment = above.alignments.find((a) => a.source.plan === source)!;
        const head = `${i + 1}. **${escapeMarkdown(m.measure.marker?.trim() || source.name)}** · ${escapeMarkdown(source.name)}（${levelName(source.level, ctx.locale)}）· ${escapeMarkdown(sectionLabel(m.measure))}`;
        lines.push(head, `   ${markedText(m)}`);
        if (m.measure.lead.length > 0) {
          const adapted = m.measure.lead.map((u) => adaptedUnit(u, alignment, registry));
          const original = m.measure.lead.join('、');
          const own = adapted.join('、');
          lines.push(
            `   ${escapeMarkdown(zh ? `本级牵头单位：${own}` : `Lead at this level: ${own}`)}${own !== original ? escapeMarkdown(zh ? `（上级方案：${original}）` : ` (plan above: ${original})`) : ''}`,
          );
        }
      });
      return [lines.join('\n')];
    },
  };
}
