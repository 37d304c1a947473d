import type { PlanTaskTable, PlanUnitTable, TaskRow } from './taskTable';
import { withoutEmphasis } from './paragraphs';

/**
 * The 任务分工表 as a sheet, whatever the file format: a caption, columns (header, share of the
 * width, alignment), and groups of rows under a group label (the section, or the unit). The .docx,
 * .xlsx and .csv writers lay out exactly this.
 */

export interface TableColumn {
  readonly header: string;
  /** Share of the table's width (the shares of a sheet add up to 100). */
  readonly share: number;
  readonly centred: boolean;
}

export interface TableGroup {
  /** `二、推动全社会增强法治观念`, or `县司法局（牵头 4 项，配合 2 项）`. */
  readonly label: string;
  /** The group's key as a CSV column holds it: the section, or the unit's name. */
  readonly key: string;
  readonly rows: ReadonlyArray<readonly string[]>;
}

export interface TableSheet {
  /** The document's title line: `清河县法治社会建设实施方案（2021—2025年）任务分工表`. */
  readonly caption: string;
  /** The worksheet's name when the file holds one plan. */
  readonly name: string;
  /** The plan's title (for the CSV's 方案 column when a file holds several plans). */
  readonly plan: string;
  /** What the group label is, as a CSV column header: 部分 or 单位. */
  readonly groupHeader: string;
  readonly columns: readonly TableColumn[];
  readonly groups: readonly TableGroup[];
}

const MEASURE_COLUMNS: readonly TableColumn[] = [
  { header: '序号', share: 8, centred: true },
  { header: '任务措施', share: 18, centred: false },
  { header: '具体内容', share: 39, centred: false },
  { header: '牵头单位', share: 13, centred: false },
  { header: '配合单位', share: 14, centred: false },
  { header: '完成时限', share: 8, centred: true },
];

const UNIT_COLUMNS: readonly TableColumn[] = [
  { header: '职责', share: 5, centred: true },
  { header: '序号', share: 7, centred: true },
  { header: '任务措施', share: 17, centred: false },
  { header: '具体内容', share: 37, centred: false },
  { header: '牵头单位', share: 13, centred: false },
  { header: '配合单位', share: 13, centred: false },
  { header: '完成时限', share: 8, centred: true },
];

const DRAFT_MARK = /[（(](征求意见稿|送审稿|讨论稿|代拟稿|审议稿|草案|草稿)[）)]$/;

/** `清河县…实施方案（2021—2025年）（征求意见稿）` → `清河县…实施方案（2021—2025年）任务分工表`. */
export function tableCaption(title: string | null, byUnit: boolean): string {
  const base = title ? withoutEmphasis(title).replace(DRAFT_MARK, '').trim() : '';
  return `${base}任务分工表${byUnit ? '（按单位）' : ''}`;
}

function cells(row: TaskRow): string[] {
  return [row.path, row.task, row.content, row.lead.join('、'), row.support.join('、'), row.deadline ?? ''];
}

export function measureSheet(table: PlanTaskTable): TableSheet {
  return {
    caption: tableCaption(table.title, false),
    name: '任务分工表',
    plan: table.title ?? '',
    groupHeader: '部分',
    columns: MEASURE_COLUMNS,
    groups: table.groups.map((g) => ({ label: g.section, key: g.section, rows: g.rows.map(cells) })),
  };
}

export function unitSheet(table: PlanUnitTable): TableSheet {
  return {
    caption: tableCaption(table.title, true),
    name: '任务分工表（按单位）',
    plan: table.title ?? '',
    groupHeader: '单位',
    columns: UNIT_COLUMNS,
    groups: table.units.map((u) => ({
      label: `${u.unit}（牵头 ${u.leads.length} 项，配合 ${u.supports.length} 项）`,
      key: u.unit,
      rows: [...u.leads.map((r) => ['牵头', ...cells(r)]), ...u.supports.map((r) => ['配合', ...cells(r)])],
    })),
  };
}
