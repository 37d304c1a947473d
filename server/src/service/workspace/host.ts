/**
 * How the service reaches files outside the open documents (user templates, unit registries,
 * corpus folders, the bundled corpus). The server and the CLI give it the real file system
 * (node/fsHost.ts); tests give it an in-memory one. Paths are absolute file-system paths.
 */
export interface FileStat {
  /** `other`: a device, FIFO or socket, which is never read. */
  readonly type: 'file' | 'directory' | 'other';
  readonly size: number;
  readonly mtimeMs: number;
}

export interface WorkspaceHost {
  /** Folders open in the editor (the CLI: the current directory). */
  readonly workspaceFolders: readonly string[];
  /** Where the extension's own data lives (it holds `corpus/`). */
  readonly extensionRoot: string;
  readFile(path: string): Promise<Uint8Array>;
  /** Entries of a directory; symbolic links are reported as what they point to, loops are not followed. */
  readDirectory(path: string): Promise<Array<[name: string, type: 'file' | 'directory']>>;
  stat(path: string): Promise<FileStat | undefined>;
  /** The canonical path (symbolic links resolved): walkers use it to never visit a folder twice. */
  realPath(path: string): Promise<string>;
}

/** A host with no files: what the service sees when nothing was given. */
export const NO_FILES: WorkspaceHost = {
  workspaceFolders: [],
  extensionRoot: '',
  readFile: async (path) => {
    throw new Error(`no file system: cannot read ${path}`);
  },
  readDirectory: async () => [],
  stat: async () => undefined,
  realPath: async (path) => path,
};
