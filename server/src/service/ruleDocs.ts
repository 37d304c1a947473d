/**
 * Each rule code has a page, `docs/rules/<code>.md`, shipped in the extension; a diagnostic's code
 * links to it (`codeDescription.href`) as a file URI into the installed extension.
 */

export const RULE_DOCS_FOLDER = 'docs/rules';

/** `/a/b c` → `file:///a/b%20c`; `C:\x\y` → `file:///c%3A/x/y` (as VS Code writes them). */
export function pathToFileUri(path: string): string {
  let p = path.replace(/\\/g, '/');
  if (/^[A-Za-z]:/.test(p)) p = `/${p[0].toLowerCase()}${p.slice(1)}`;
  if (p.startsWith('//')) {
    // UNC: //server/share/… → file://server/share/…
    const [, host, ...rest] = p.split('/').filter((_, i) => i !== 0);
    return `file://${host}/${rest.map(encodeURIComponent).join('/')}`;
  }
  return `file://${p.split('/').map(encodeURIComponent).join('/')}`;
}

/** The page of a rule in an extension installed at `extensionRoot`; undefined without a root. */
export function ruleDocUri(extensionRoot: string, code: string): string | undefined {
  if (!extensionRoot || !/^[a-z][a-z-]*$/.test(code)) return undefined;
  return pathToFileUri(`${extensionRoot.replace(/[\\/]+$/, '')}/${RULE_DOCS_FOLDER}/${code}.md`);
}
