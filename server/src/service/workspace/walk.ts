import type { WorkspaceHost } from './host';
import { joinPath } from './paths';

/**
 * The one folder walker (the workspace check and the corpus folders): depth first, a folder's
 * files before its subfolders, names in code-point order; each real folder visited once (a
 * symbolic link back up the tree, or a folder listed twice); never into `node_modules` or a folder
 * whose name starts with `.` (.git, .svn, .vscode, .fangan); at most `maxFiles` files.
 */

export interface WalkOptions {
  /** The files wanted, by name. */
  accept(name: string): boolean;
  readonly maxFiles: number;
  /** Whether a folder may be entered or a file listed, by its real path (an untrusted workspace keeps to itself). */
  allowed?(realPath: string, path: string, kind: 'folder' | 'file'): Promise<boolean>;
  /** A folder that cannot be listed (it is skipped). */
  onFolderError?(folder: string, error: unknown): void;
  /** Asked between folders: stop the walk (cancelled, or a newer walk started). */
  stop?(): boolean;
}

export interface WalkResult {
  readonly files: string[];
  /** More files were wanted than `maxFiles`. */
  readonly truncated: boolean;
}

export const skipsFolder = (name: string): boolean => name === 'node_modules' || name.startsWith('.');

const byName = (a: [string, unknown], b: [string, unknown]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

async function realPathOf(host: WorkspaceHost, path: string): Promise<string> {
  try {
    return await host.realPath(path);
  } catch {
    return path;
  }
}

export async function walkFiles(host: WorkspaceHost, roots: readonly string[], options: WalkOptions): Promise<WalkResult> {
  const files: string[] = [];
  const visited = new Set<string>();
  let truncated = false;
  const walk = async (folder: string): Promise<void> => {
    if (truncated || options.stop?.()) return;
    const real = await realPathOf(host, folder);
    if (visited.has(real)) return;
    visited.add(real);
    if (options.allowed && !(await options.allowed(real, folder, 'folder'))) return;
    let entries: Array<[string, 'file' | 'directory']>;
    try {
      entries = [...(await host.readDirectory(folder))].sort(byName);
    } catch (error) {
      options.onFolderError?.(folder, error);
      return;
    }
    for (const [name, type] of entries) {
      if (type !== 'file' || !options.accept(name)) continue;
      if (files.length >= options.maxFiles) {
        truncated = true;
        return;
      }
      const path = joinPath(folder, name);
      if (options.allowed && !(await options.allowed(await realPathOf(host, path), path, 'file'))) continue;
      files.push(path);
    }
    for (const [name, type] of entries) if (type === 'directory' && !skipsFolder(name)) await walk(joinPath(folder, name));
  };
  for (const root of roots) await walk(root);
  return { files, truncated };
}
