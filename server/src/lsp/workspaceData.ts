import { DidChangeWatchedFilesNotification, type FileEvent } from 'vscode-languageserver/node';
import type { ServerSession } from './session';
import { formatWorkspaceProblem } from '../service';

/**
 * The workspace's `.fangan/` data (config.json, templates, units.json): read at start and again
 * whenever a file there changes; a broken file is named once, the built-ins keep working.
 */
export function registerWorkspaceData(session: ServerSession): { reload(): Promise<void>; onFilesChanged(changes: readonly FileEvent[]): void } {
  const { connection } = session;
  /** Problems already shown, so that a broken file is reported once, not on every reload. */
  let shown = new Set<string>();

  const reload = async (): Promise<void> => {
    const { service } = session;
    try {
      const problems = await service.reloadWorkspaceData();
      const current = new Set<string>();
      const perFile = new Map<string, string[]>();
      for (const problem of problems) {
        const text = formatWorkspaceProblem(problem, service.locale);
        connection.console.warn(`Fangan: ${text}`);
        const key = `${problem.file}\n${text}`;
        current.add(key);
        if (!shown.has(key)) perFile.set(problem.file, [...(perFile.get(problem.file) ?? []), text]);
      }
      // One notification per file with new problems; the rest are in the log.
      for (const [file, texts] of perFile) {
        const more =
          texts.length > 1
            ? session.say({ zh: `（另有 ${texts.length - 1} 处问题，见输出面板）`, en: ` (and ${texts.length - 1} more in the output panel)` })
            : '';
        const kept = file.endsWith('config.json')
          ? session.say({ zh: '。有误的设置项已忽略，其余设置照常使用。', en: '. The wrong entries were ignored; the other settings apply.' })
          : session.say({ zh: '。该文件已跳过，内置的模板和单位名录照常使用。', en: '. The file was skipped; the built-in templates and unit registry still apply.' });
        void connection.window.showWarningMessage(`${session.shownPrefix()}${texts[0]}${more}${kept}`);
      }
      shown = current;
      // .fangan/config.json may have changed the settings (and the corpus folders).
      session.forgetSettings();
      session.reloadCorpus();
      session.revalidateAll();
    } catch (error) {
      session.logFailure('reading .fangan/', error);
    }
  };

  return {
    reload,
    onFilesChanged: (changes) => {
      if (changes.some((change) => /\/\.fangan\//.test(change.uri))) void reload();
    },
  };
}

/** Asks the client to report changes under any `.fangan/` folder. */
export function watchWorkspaceData(session: ServerSession): void {
  if (!session.client.watchers) return;
  void session.connection.client
    .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/.fangan/**' }] })
    .catch(() => undefined);
}
