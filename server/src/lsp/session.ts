import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { pick, createLanguageService, type FanganLanguageService, type FanganSettings, type Localized } from '../service';

/**
 * What the LSP handlers share: the connection, the open documents, the language service (made at
 * initialize, when the locale is known), what the client can do, and each document's settings.
 * The handlers themselves live in the modules beside this one; none of them holds analysis logic.
 */
export class ServerSession {
  service: FanganLanguageService = createLanguageService();
  /** What the client said it supports (initialize). */
  readonly client = { configuration: false, watchers: false, relativePatterns: false, progress: false };
  /** Settings handed over at initialize / by didChangeConfiguration when the client cannot be asked. */
  initSettings: unknown;
  /**
   * VS Code's workspace trust (initializationOptions.trusted, then `fangan/workspaceTrust`): while
   * untrusted, corpus folders outside the workspace folders are not read. Absent means trusted.
   */
  workspaceTrusted = true;
  /** Files the last workspace check published findings for: they keep them when closed. */
  workspaceChecked = new Set<string>();
  /**
   * Set by the validation module: check every open document again (settings or data changed);
   * `changedOnly` (the corpus changed): publish only where the findings differ.
   */
  revalidateAll: (changedOnly?: boolean) => void = () => undefined;
  /** Set by the validation module: whether a check of the document is pending (the user is typing). */
  isTyping: (uri: string) => boolean = () => false;
  /** Set by the corpus module: reload the corpus if its folders (or the trust) changed. */
  reloadCorpus: () => void = () => undefined;

  private readonly settingsCache = new Map<string, Promise<FanganSettings>>();
  private readonly reportedSettingsProblems = new Set<string>();

  constructor(
    readonly connection: Connection,
    readonly documents: TextDocuments<TextDocument>,
  ) {}

  /** Messages shown to the user start with the extension's name in their language. */
  shownPrefix(): string {
    return this.service.locale === 'zh' ? '方案助手：' : 'Fangan: ';
  }

  say(text: Localized): string {
    return pick(this.service.locale, text);
  }

  logFailure(what: string, error: unknown): void {
    this.connection.console.error(`Fangan: ${what} failed: ${String((error as Error)?.stack ?? error)}`);
  }

  /** The raw `fangan` settings: asked of the client when it can answer, else those it handed over. */
  rawSettings(uri?: string): Promise<unknown> {
    return this.client.configuration
      ? this.connection.workspace.getConfiguration(uri ? { scopeUri: uri, section: 'fangan' } : { section: 'fangan' }).catch(() => undefined)
      : Promise.resolve(this.initSettings);
  }

  /** A document's settings (editor settings over .fangan/config.json), read once until they change. */
  settingsFor(uri: string): Promise<FanganSettings> {
    let cached = this.settingsCache.get(uri);
    if (!cached) {
      cached = this.rawSettings(uri)
        .then((value) => {
          const { settings, problems } = this.service.resolveSettings(value, uri);
          for (const problem of problems) {
            const key = `${problem.setting}:${problem.message.en}`;
            if (this.reportedSettingsProblems.has(key)) continue;
            this.reportedSettingsProblems.add(key);
            void this.connection.window.showWarningMessage(`${this.shownPrefix()}${this.say(problem.message)}`);
          }
          return settings;
        })
        .catch((error: unknown) => {
          // Settings that cannot be read leave the defaults in force; the document is still checked.
          this.logFailure('reading the settings', error);
          return this.service.readSettings(undefined).settings;
        });
      this.settingsCache.set(uri, cached);
    }
    return cached;
  }

  /** Forget settings read before (one document's, or all after a change of settings or .fangan/). */
  forgetSettings(uri?: string): void {
    if (uri) this.settingsCache.delete(uri);
    else this.settingsCache.clear();
  }

  /** The document and its settings, when Fangan works on it (activation setting, size limits). */
  async activeDocument(uri: string): Promise<{ document: TextDocument; settings: FanganSettings } | undefined> {
    const document = this.documents.get(uri);
    if (!document) return undefined;
    const settings = await this.settingsFor(uri);
    return this.service.appliesTo(document, settings) ? { document, settings } : undefined;
  }
}
