/**
 * The service answers in the user's language: Chinese for a Chinese VS Code, English otherwise.
 * Every user-facing string is written in both, next to the code that uses it.
 */
export type Locale = 'zh' | 'en';

export interface Localized {
  readonly zh: string;
  readonly en: string;
}

/** VS Code display language (`zh-cn`, `zh-tw`, `en`, …) → the service's locale. */
export function localeOf(language: string | undefined | null): Locale {
  return language && language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export function pick(locale: Locale, text: Localized): string {
  return locale === 'zh' ? text.zh : text.en;
}
