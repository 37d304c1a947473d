/**
 * The directives a document can give Fangan, as HTML-comment lines (invisible in Markdown, plain in
 * .txt); the parser collects them into `PlanFile.directives` and treats their lines as blank:
 *   `<!-- fangan: template ID -->`                 the plan's template
 *   `<!-- fangan: source 标题或路径 -->`            the plan above (corpus/source.ts reads it)
 *   `<!-- fangan-disable [CODE…] -->`              silences codes (all without any) from here on
 *   `<!-- fangan-enable [CODE…] -->`               turns them on again
 *   `<!-- fangan-disable-next-line [CODE…] -->`    silences them on the next line with text
 * A CODE is a rule code (`numbering-gap`) or a family prefix (`numbering`, `lead-unit`).
 */

export const SETTINGS_DIRECTIVE = 'fangan';
export const DISABLE = 'fangan-disable';
export const ENABLE = 'fangan-enable';
export const DISABLE_NEXT_LINE = 'fangan-disable-next-line';
export const SUPPRESSION_DIRECTIVES: readonly string[] = [DISABLE, ENABLE, DISABLE_NEXT_LINE];
/** Every directive name there is. */
export const DIRECTIVE_NAMES: readonly string[] = [SETTINGS_DIRECTIVE, ...SUPPRESSION_DIRECTIVES];

/** An argument names a code when it is the code or a family prefix of it (`numbering` → `numbering-gap`). */
export function argumentCovers(arg: string, code: string): boolean {
  return arg === code || code.startsWith(`${arg}-`);
}
