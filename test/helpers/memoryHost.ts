import type { FileStat, WorkspaceHost } from '../../server/src/service/workspace/host';

/** An in-memory WorkspaceHost: `files` maps absolute paths to contents; change it between reloads. */
export function memoryHost(workspaceFolders: string[], files: Map<string, string | Uint8Array>): WorkspaceHost {
  const bytes = (v: string | Uint8Array) => (typeof v === 'string' ? new TextEncoder().encode(v) : v);
  const isDir = (path: string) => [...files.keys()].some((f) => f.startsWith(`${path.replace(/\/$/, '')}/`));
  return {
    workspaceFolders,
    extensionRoot: '/ext',
    readFile: async (path) => {
      const v = files.get(path);
      if (v === undefined) throw new Error(`ENOENT: ${path}`);
      return bytes(v);
    },
    readDirectory: async (path) => {
      const prefix = `${path.replace(/\/$/, '')}/`;
      const out = new Map<string, 'file' | 'directory'>();
      for (const f of files.keys()) {
        if (!f.startsWith(prefix)) continue;
        const rest = f.slice(prefix.length);
        const slash = rest.indexOf('/');
        out.set(slash === -1 ? rest : rest.slice(0, slash), slash === -1 ? 'file' : 'directory');
      }
      return [...out];
    },
    stat: async (path): Promise<FileStat | undefined> => {
      const v = files.get(path);
      if (v !== undefined) return { type: 'file', size: bytes(v).length, mtimeMs: 0 };
      return isDir(path) ? { type: 'directory', size: 0, mtimeMs: 0 } : undefined;
    },
    realPath: async (path) => path,
  };
}
