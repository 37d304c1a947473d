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
