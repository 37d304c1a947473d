import { pick, type Locale, type Localized } from '../l10n';

/** A workspace file that could not be used, named, with what is wrong with it. */
export interface WorkspaceProblem {
  /** Absolute path of the file. */
  readonly file: string;
  /** 1-based position of the problem in the file, when known. */
  readonly line?: number;
  readonly column?: number;
  readonly message: Localized;
}

/** `/ws/.fangan/units.json:5:3：…` in the user's language, for notifications, logs and the CLI. */
export function formatWorkspaceProblem(problem: WorkspaceProblem, locale: Locale): string {
  const where = problem.line !== undefined ? `${problem.file}:${problem.line}:${problem.column ?? 1}` : '';
  if (!where) return pick(locale, problem.message);
  return locale === 'zh' ? `${where}：${problem.message.zh}` : `${where}: ${problem.message.en}`;
}
