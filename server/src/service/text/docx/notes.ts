import type { Localized } from '../../l10n';

/** Notes kept for one document: what the reader could not render, said once each. */
export const MAX_NOTES = 20;

/** What was read differently from Word, once per kind of problem (and a bounded number in all). */
export class Notes {
  private readonly said = new Map<string, Localized>();

  add(key: string, note: () => Localized): void {
    if (this.said.has(key) || this.said.size >= MAX_NOTES) return;
    this.said.set(key, note());
  }

  list(): Localized[] {
    return [...this.said.values()];
  }
}
