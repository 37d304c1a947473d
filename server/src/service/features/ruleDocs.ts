/**
 * Each rule code has a page, `docs/rules/<code>.md`, shipped in the extension; a diagnostic's code
 * links to it (`codeDescription.href`) as a file URI into the installed extension.
 */

import { pathToFileUri } from '../workspace/uri';
import { joinPath } from '../workspace/paths';

export const RULE_DOCS_FOLDER = 'docs/rules';

/** The page of a rule in an extension installed at `extensionRoot`; undefined without a root. */
export function ruleDocUri(extensionRoot: string, code: string): string | undefined {
  if (!extensionRoot || !/^[a-z][a-z-]*$/.test(code)) return undefined;
  return pathToFileUri(joinPath(extensionRoot, RULE_DOCS_FOLDER, `${code}.md`));
}
