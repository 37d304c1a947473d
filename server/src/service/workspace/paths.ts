/**
 * File-system paths as the WorkspaceHost gives them (POSIX or Windows), without Node's `path`:
 * the service runs wherever its host does.
 */

/** The path without the `/` or `\` it ends with (a loop: /[\\/]+$/ backtracks quadratically). */
export function trimTrailingSeparators(path: string): string {
  let end = path.length;
  while (end > 0 && (path[end - 1] === '/' || path[end - 1] === '\\')) end--;
  return path.slice(0, end);
}

/** `folder` + `parts` with the folder's own separator (`\` only for a Windows path without `/`). */
export function joinPath(folder: string, ...parts: string[]): string {
  const sep = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  return [trimTrailingSeparators(folder), ...parts.flatMap((p) => p.split('/'))].join(sep);
}
