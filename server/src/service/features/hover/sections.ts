import type { Position } from 'vscode-languageserver-types';
import type { HoverSection } from './section';
import type { DocumentContext } from '../context';
import { pick, type Localized } from '../../l10n';
import { planAt } from '../../model/walk';
import { outlineReference } from '../../workspace/templates/template';
import { planSections } from '../../workspace/templates/resolve';
import type { NotesRequirement } from '../../workspace/templates/template';

/** What a section's notes requirement means for the drafter. */
const NOTES: Record<NotesRequirement, Localized> = {
  never: { zh: '本部分不列责任单位。', en: 'Measures here carry no responsible units.' },
  optional: { zh: '本部分的措施可列责任单位，也可不列。', en: 'Measures here may name responsible units, or not.' },
  required: { zh: '本部分每项措施应明确牵头单位（或责任单位）。', en: 'Every measure here must name a lead unit (牵头单位) or responsible units (责任单位).' },
};

/** Hover on a heading matched to a template section: `对应《纲要》第四部分：加强权利保护`. */
export const sectionHover: HoverSection = {
  provide(ctx: DocumentContext, position: Position): string[] | undefined {
    const plan = planAt(ctx.file, position.line);
    if (!plan) return undefined;
    const sections = planSections({ file: ctx.file, plan, settings: ctx.settings, workspace: ctx.workspace });
    for (const m of sections.matches) {
      const ref = outlineReference(sections.template, m.section);
      const zh = ctx.locale === 'zh';
      if (m.node.range.start.line === position.line) {
        const lines = [zh ? `**对应${ref.zh}：${m.section.title}**` : `**Corresponds to ${ref.en}: ${m.section.title}**`];
        const others = m.section.names.filter((n) => n !== m.section.title);
        if (others.length > 0) lines.push(zh ? `也作：${others.join('、')}` : `Also written: ${others.join(', ')}`);
        if (m.section.subsections.length > 0) {
          const parts = m.section.subsections.map((s) => s.title + (s.required ? '' : zh ? '（可选）' : ' (optional)'));
          lines.push(zh ? `应含：${parts.join('、')}` : `Should contain: ${parts.join(', ')}`);
        }
        lines.push(pick(ctx.locale, NOTES[m.section.notes]));
        return [lines.join('\n\n')];
      }
      const sub = m.subsections.find((s) => s.node.range.start.line === position.line);
      if (sub) {
        return [zh ? `**对应${ref.zh}“${m.section.title}”中的“${sub.subsection.title}”**` : `**Corresponds to "${sub.subsection.title}" of "${m.section.title}" (${ref.en})**`];
      }
    }
    return undefined;
  },
};
