import type { Position } from 'vscode-languageserver-types';
import type { HoverSection } from '../features/hover';
import type { DocumentContext } from '../features/context';
import { planAt } from '../model/walk';
import { outlineReference } from './check';
import { planSections } from './resolve';
import type { NotesRequirement } from './template';

/** What a section's notes requirement means for the drafter. */
const NOTES: Record<NotesRequirement, string> = {
  never: '本部分不列责任单位。',
  optional: '本部分的措施可列责任单位，也可不列。',
  required: '本部分每项措施应明确牵头单位（或责任单位）。',
};

/** Hover on a heading matched to a template section: `对应《纲要》第四部分：加强权利保护`. */
export const sectionHover: HoverSection = {
  provide(ctx: DocumentContext, position: Position): string[] | undefined {
    const plan = planAt(ctx.file, position.line);
    if (!plan) return undefined;
    const sections = planSections({ file: ctx.file, plan, settings: ctx.settings, workspace: ctx.workspace });
    for (const m of sections.matches) {
      const ref = outlineReference(sections.template, m.section);
      if (m.node.range.start.line === position.line) {
        const lines = [`**对应${ref.zh}：${m.section.title}**`];
        const others = m.section.names.filter((n) => n !== m.section.title);
        if (others.length > 0) lines.push(`也作：${others.join('、')}`);
        if (m.section.subsections.length > 0) {
          lines.push(`应含：${m.section.subsections.map((s) => s.title + (s.required ? '' : '（可选）')).join('、')}`);
        }
        lines.push(NOTES[m.section.notes]);
        return [lines.join('\n\n')];
      }
      const sub = m.subsections.find((s) => s.node.range.start.line === position.line);
      if (sub) return [`**对应${ref.zh}“${m.section.title}”中的“${sub.subsection.title}”**`];
    }
    return undefined;
  },
};
