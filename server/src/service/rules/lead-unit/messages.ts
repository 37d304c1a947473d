import type { Localized } from '../../l10n';
import type { NoteRole, PlanLevel } from '../../model/types';
import { LEVEL_NAME } from '../../workspace/units/names';

/** Messages of the lead-unit check, in the draft's own terms (Chinese first). */

const ROLE_ZH: Record<NoteRole, string> = { lead: '牵头单位', responsible: '责任单位', support: '配合单位' };
const ROLE_EN: Record<NoteRole, string> = { lead: 'lead unit', responsible: 'responsible unit', support: 'supporting unit' };

export function short(text: string, max = 18): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

export const messages = {
  missing(measure: string, example: string, inline: boolean): Localized {
    return {
      zh: `措施“${short(measure)}”未写明牵头单位，应在${inline ? '段末' : '措施之后'}写明“${example}”`,
      en: `measure "${short(measure)}" names no lead unit; write "${example}" ${inline ? 'at the end of its paragraph' : 'after it'}`,
    };
  },
  supportOnly(measure: string, supportLabel: string, example: string): Localized {
    return {
      zh: `措施“${short(measure)}”只写了${supportLabel}，未写明牵头单位，应补写“${example}”`,
      en: `measure "${short(measure)}" names only ${supportLabel} (supporting units) and no lead unit; add "${example}"`,
    };
  },
  empty(label: string, role: NoteRole): Localized {
    return {
      zh: `“${label}”后没有写单位名称，应写明具体的${ROLE_ZH[role] === '配合单位' ? label : ROLE_ZH[role]}`,
      en: `"${label}" names no unit; write the ${ROLE_EN[role]}(s) after it`,
    };
  },
  missingColon(label: string, units: string, colon: string): Localized {
    return {
      zh: `“${label}${short(units, 12)}”缺少冒号，应写作“${label}${colon}${short(units, 12)}”`,
      en: `"${label}${short(units, 12)}" lacks its colon; write "${label}${colon}${short(units, 12)}"`,
    };
  },
  unclosed(open: string, label: string, close: string): Localized {
    return {
      zh: `括注“${open}${label}……”没有右括号，应以“${close}”结束`,
      en: `the note "${open}${label}…" is never closed; end it with "${close}"`,
    };
  },
  stranded(label: string): Localized {
    return {
      zh: `这条“${label}”不在任何措施之后，看不出是哪项措施的${label}，应移到对应措施之后`,
      en: `this "${label}" note follows no measure, so it is not clear which measure it belongs to; move it after its measure`,
    };
  },
  onHeading(label: string, heading: string, measures: number): Localized {
    return {
      zh: `“${label}”写在标题“${short(heading)}”下，而不在具体措施之后；该标题下有 ${measures} 项措施，应分别写明各项措施的${label}`,
      en: `"${label}" stands under the heading "${short(heading)}", not after a measure; the heading holds ${measures} measure(s), each of which should name its own`,
    };
  },
  unknown(name: string, level: PlanLevel | null, closest: string | null): Localized {
    const lv = level ? LEVEL_NAME[level] : { zh: '本级', en: 'this level' };
    return {
      zh:
        `单位名称“${name}”不在单位名录中，也不像${lv.zh}单位的名称` +
        (closest ? `，是否应为“${closest}”？` : '；如名称无误，可将其加入 .fangan/units.json'),
      en:
        `"${name}" is not in the unit registry and does not look like a ${lv.en} unit` +
        (closest ? `; did you mean "${closest}"?` : '; if it is right, add it to .fangan/units.json'),
    };
  },
  collective(name: string, label: string): Localized {
    return {
      zh: `“${name}”泛指多个单位，不能作为${label}；应写明一个具体的牵头单位，“${name}”可列为配合单位`,
      en: `"${name}" is a group of units and cannot be named as ${label}; name one specific lead unit and list "${name}" among the supporting units`,
    };
  },
  otherLevel(name: string, unitLevel: PlanLevel | null, planLevel: PlanLevel, adapted: string | null): Localized {
    const u = unitLevel ? LEVEL_NAME[unitLevel] : { zh: '其他层级', en: 'another level' };
    const p = LEVEL_NAME[planLevel];
    return {
      zh: `“${name}”是${u.zh}单位，本方案是${p.zh}方案，应写本级单位${adapted ? `“${adapted}”` : ''}`,
      en: `"${name}" is a ${u.en} unit but this is a ${p.en} plan; name the unit of this level${adapted ? ` ("${adapted}")` : ''}`,
    };
  },
  otherPrefix(name: string, region: string, adapted: string | null): Localized {
    return {
      zh: `“${name}”不是${region}的单位名称${adapted ? `，应为“${adapted}”` : ''}`,
      en: `"${name}" is not a unit of ${region}${adapted ? `; write "${adapted}"` : ''}`,
    };
  },
  inconsistent(written: string, canonical: string, canonicalWritten: boolean): Localized {
    return canonicalWritten
      ? {
          zh: `“${written}”与本方案其他处的“${canonical}”是同一单位，写法不一致，宜统一写作“${canonical}”`,
          en: `"${written}" is the unit the plan elsewhere writes "${canonical}"; write it one way, "${canonical}"`,
        }
      : {
          zh: `“${written}”在本方案其他处的列表中随前一单位的前缀读作“${canonical}”，写法不一致，宜统一写作“${canonical}”`,
          en: `elsewhere the plan's lists make "${written}" read "${canonical}" (prefix carried from the unit before it); write it one way, "${canonical}"`,
        };
  },
  fixInsertLead(name: string, label: string): Localized {
    return { zh: `补写${label}“${name}”`, en: `Add ${label} "${name}"` };
  },
  fixColon(colon: string): Localized {
    return { zh: `补上冒号“${colon}”`, en: `Add the colon "${colon}"` };
  },
  fixClose(close: string): Localized {
    return { zh: `补上右括号“${close}”`, en: `Close the note with "${close}"` };
  },
  fixReplace(name: string): Localized {
    return { zh: `改为“${name}”`, en: `Change to "${name}"` };
  },
  fixUnify(name: string, count: number): Localized {
    return { zh: `全文统一写作“${name}”（${count} 处）`, en: `Write "${name}" throughout the plan (${count} place(s))` };
  },
};
