import { toChineseNumeral } from '../../server/src/service/text/chinese';

/**
 * Synthetic plans for the benchmark and the size tests: a county plan of the seeds' shape
 * (一、 → （一） → 1. with line notes), grown to the requested size.
 */
// About as long as a measure paragraph of seed 002 (65 KB for 94 measures with their notes).
const MEASURE =
  '深入开展宪法学习宣传教育，把宪法纳入理论学习中心组学习内容，推动宪法进机关、进乡村、进社区、进学校、进企业，增强全社会宪法意识。' +
  '落实国家工作人员宪法宣誓制度，在“12·4”国家宪法日前后组织集中宣传，广泛开展以案释法，引导群众尊法学法守法用法。' +
  '到2025年，基本形成覆盖城乡、便捷高效、均等普惠的普法工作格局。';

export function syntheticPlan(targetChars: number): string {
  const lines = ['某某县法治社会建设实施方案（2021—2025年）', '', '为加快推进法治社会建设，结合我县实际，制定本实施方案。', ''];
  let size = lines.join('\n').length;
  let part = 0;
  while (size < targetChars) {
    part++;
    const block: string[] = [`${toChineseNumeral(part)}、第${part}部分任务`];
    for (let topic = 1; topic <= 5; topic++) {
      block.push(`（${toChineseNumeral(topic)}）第${topic}项重点工作`);
      for (let m = 1; m <= 6; m++) {
        block.push(`${m}.${MEASURE}`, '牵头单位：县司法局、县委宣传部', '配合单位：各乡镇、各部门（单位）');
      }
    }
    const text = block.join('\n');
    lines.push(text);
    size += text.length + 1;
  }
  return lines.join('\n');
}
