/**
 * When the language server process dies: restart it, and tell the user once. Pure (no `vscode`),
 * so that it is tested on its own (test/unit/restart.test.ts); client/src/restart.ts wires it into
 * vscode-languageclient's error handler.
 */

/** What the user is told (the text is the client's, in its l10n bundle). */
export type RestartMessage = 'restarted' | 'gaveUp';

/** Crashes within this window count towards giving up. */
export const CRASH_WINDOW_MS = 3 * 60 * 1000;
/** The crash that makes this many in the window is not restarted (a server that dies at start would loop). */
export const MAX_CRASHES_IN_WINDOW = 5;

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
