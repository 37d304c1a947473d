/**
 * When the language server process dies: restart it, and tell the user once. Pure (no `vscode`),
 * so that it is tested on its own (test/unit/restart.test.ts); client/src/restart.ts wires it into
 * vscode-languageclient's error handler.
 */

/** Messages of the restart, zh and en (kept here so that the localisation work can move them). */
export const RESTART_MESSAGES = {
  restarted: {
    zh: '方案助手的检查服务意外退出，已自动重启。正在编辑的内容不受影响。',
    en: 'The Fangan checking service stopped unexpectedly and was restarted. Your text is not affected.',
  },
  gaveUp: {
    zh: '方案助手的检查服务在 3 分钟内意外退出 5 次，已停止自动重启。请重新加载窗口（命令“开发人员：重新加载窗口”）以再次启用检查。',
    en: 'The Fangan checking service stopped unexpectedly 5 times in 3 minutes and will not be restarted. Reload the window (Developer: Reload Window) to check again.',
  },
} as const;

export type RestartMessage = keyof typeof RESTART_MESSAGES;

/** Crashes within this window count towards giving up. */
export const CRASH_WINDOW_MS = 3 * 60 * 1000;
/** The crash that makes this many in the window is not restarted (a server that dies at start would loop). */
export const MAX_CRASHES_IN_WINDOW = 5;

export function restartMessage(message: RestartMessage, language: string | undefined): string {
  const text = RESTART_MESSAGES[message];
  return (language ?? '').toLowerCase().startsWith('zh') ? text.zh : text.en;
}

export interface RestartDecision {
  readonly restart: boolean;
  /** What to tell the user now, if anything: each message at most once per session. */
  readonly tell?: RestartMessage;
}

export class RestartPolicy {
  private crashes: number[] = [];
  private readonly told = new Set<RestartMessage>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The server's connection closed without the client asking for it. */
  closed(): RestartDecision {
    const now = this.now();
    this.crashes = [...this.crashes.filter((t) => now - t < CRASH_WINDOW_MS), now];
    const restart = this.crashes.length < MAX_CRASHES_IN_WINDOW;
    const message: RestartMessage = restart ? 'restarted' : 'gaveUp';
    if (this.told.has(message)) return { restart };
    this.told.add(message);
    return { restart, tell: message };
  }
}
