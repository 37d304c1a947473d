import { readFileSync } from 'fs';
import { join } from 'path';
import { exportPlanFile, type ExportRequest } from '../../server/src/service/features/export';
import { parsePlanFile } from '../../server/src/service/model/parse';
import { timeAsync, type Timing } from './stats';

/**
 * Word out (issue 15): seed 002 (65 KB, 94 measures) parsed and exported, as the editor's export
 * command does after an edit: `export-docx` the plan in the official layout, `export-xlsx` its
 * 任务分工表. The first export loads the docx / exceljs libraries; the warm-up runs take that.
 */

export const FEATURE_P95_GOALS_MS: Record<string, number> = { 'export-docx': 300, 'export-xlsx': 300 };

const SEED_002 = join(__dirname, '..', '..', 'corpus', 'seeds', '002_6165ec8d7c1e9a5d.txt');

export async function benchExport(features: Record<string, Timing>): Promise<void> {
  const text = readFileSync(SEED_002, 'utf8');
  const rows: Array<[string, ExportRequest]> = [
    ['export-docx', { what: 'plan', format: 'docx' }],
    ['export-xlsx', { what: 'table', format: 'xlsx' }],
  ];
  for (const [key, request] of rows) {
    features[key] = await timeAsync(async () => {
      const result = await exportPlanFile(parsePlanFile(text), request);
      if (!result.ok || result.bytes.length < 1000) throw new Error(`${key}: no file`);
    }, 30, 3);
  }
}
