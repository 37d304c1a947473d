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
