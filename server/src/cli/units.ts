import { existsSync } from 'fs';
import type { Locale } from '../service/l10n';
import type { FanganLanguageService } from '../service/languageService';
import { formatRegistryProblem, UNITS_FILE } from '../service/units/workspace';
import { readPlanFile } from './files';

/**
 * The CLI's workspace is the current directory: its `.fangan/units.json`, if any, joins the
 * built-in unit registry. Problems go to stderr and never change the exit code.
 */
export function useCliUnitRegistry(service: FanganLanguageService, locale: Locale, err: (text: string) => void): void {
  if (!existsSync(UNITS_FILE)) return;
  const read = readPlanFile(UNITS_FILE);
  if (!read.ok) {
    err(`fangan: ${UNITS_FILE}: ${read.reason}\n`);
    return;
  }
  for (const problem of service.useUnitRegistry([{ path: UNITS_FILE, text: read.text }])) {
    err(`fangan: ${formatRegistryProblem(problem, locale)}\n`);
  }
}
