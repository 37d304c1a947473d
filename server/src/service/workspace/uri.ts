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
/** `file:///a/b%20c.txt` → `/a/b c.txt` (Windows: `file:///c%3A/x` → `c:\x`); other schemes → undefined. */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file://')) return undefined;
  let path = uri.slice('file://'.length);
  const slash = path.indexOf('/');
  const authority = slash < 0 ? path : path.slice(0, slash);
  path = slash < 0 ? '/' : path.slice(slash);
  try {
    path = decodeURIComponent(path);
  } catch {
    return undefined;
  }
  if (/^\/[A-Za-z]:/.test(path)) return path.slice(1).replace(/\//g, '\\');
  return authority ? `//${authority}${path}` : path;
}
