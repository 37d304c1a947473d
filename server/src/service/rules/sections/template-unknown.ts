import { availableTemplates } from '../../workspace/templates/registry';
import type { Rule } from '../types';
import { planStartRange, sectionsOf } from './shared';

/** template-unknown: a directive or the setting names a plan template that does not exist (the kind's template is used). */
export const templateUnknown: Rule = {
  meta: {
    code: 'template-unknown',
    defaultSeverity: 'warning',
    title: { zh: '指定的方案模板不存在', en: 'the plan template named does not exist' },
    fixable: false,
  },
  check(ctx, report) {
    const { template, choice } = sectionsOf(ctx);
    if (!choice.unknown) return;
    const ids = availableTemplates(ctx.workspace?.templates).map((t) => t.id).join('、');
    const via = choice.unknown.via === 'directive' ? { zh: '文档中的模板指令', en: 'the template directive' } : { zh: '设置 fangan.template ', en: 'the fangan.template setting' };
    report({
      code: 'template-unknown',
      range: choice.unknown.range ?? planStartRange(ctx),
      message: {
        zh: `${via.zh}指定的方案模板“${choice.unknown.id}”不存在（可用：${ids}），已按方案类型使用“${template.name}”模板`,
        en: `${via.en} names plan template "${choice.unknown.id}", which does not exist (available: ${ids.replace(/、/g, ', ')}); using "${template.name}" for this kind of plan`,
      },
    });
  },
};
