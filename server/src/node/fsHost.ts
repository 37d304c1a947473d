import { promises as fs } from 'fs';
import { MAX_FILE_READ_BYTES, type FileStat, type WorkspaceHost } from '../service';
import { readRegularFileAsync } from './regularFile';

/** The real file system, for the server and the CLI. */
export function createFsHost(extensionRoot: string, workspaceFolders: readonly string[]): WorkspaceHost {
  return {
    workspaceFolders,
    extensionRoot,
    // Regular files only: a `.fangan/config.json` linked to /dev/zero or made a FIFO must not hang the reader.
    readFile: async (path) => readRegularFileAsync(path, MAX_FILE_READ_BYTES),
    readDirectory: async (path) => {
      const entries = await fs.readdir(path, { withFileTypes: true });
      const out: Array<[string, 'file' | 'directory']> = [];
      for (const e of entries) {
        if (e.isFile()) out.push([e.name, 'file']);
        else if (e.isDirectory()) out.push([e.name, 'directory']);
        else if (e.isSymbolicLink()) {
          const target = await fs.stat(`${path}/${e.name}`).catch(() => undefined);
          if (target?.isFile()) out.push([e.name, 'file']);
          else if (target?.isDirectory()) out.push([e.name, 'directory']);
        }
      }
      return out;
    },
    realPath: async (path) => fs.realpath(path),
    stat: async (path): Promise<FileStat | undefined> => {
      const s = await fs.stat(path).catch(() => undefined);
      if (!s) return undefined;
      return { type: s.isDirectory() ? 'directory' : s.isFile() ? 'file' : 'other', size: s.size, mtimeMs: s.mtimeMs };
    },
  };
}
