// The languages Trellis speaks, and how a system's locale maps onto them.
// English is the source: every other catalogue translates its keys.

/** The languages offered, as BCP 47 tags (the core's `Lang` uses the same). */
export const LOCALES = ['en', 'en-GB', 'zh-CN', 'id', 'ko', 'es-MX', 'de'] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * The pseudo-locale: English, accented and about 35% longer, in brackets, so
 * a screenshot shows any text that a layout cuts or that no catalogue holds.
 * For tests and the end-to-end run; never offered in Settings.
 */
export const PSEUDO = 'en-XA';
export type UiLocale = Locale | typeof PSEUDO;

/** Each language in its own words: how a reader finds theirs in a list. */
export const NATIVE_NAMES: Record<Locale, string> = {
  en: 'English',
  'en-GB': 'English (United Kingdom)',
  'zh-CN': '简体中文',
  id: 'Bahasa Indonesia',
  ko: '한국어',
  'es-MX': 'Español (México)',
  de: 'Deutsch',
};

export function isLocale(tag: unknown): tag is Locale {
  return typeof tag === 'string' && (LOCALES as readonly string[]).includes(tag);
}

/**
 * The language for a system locale (`id-ID`, `id_ID.UTF-8`, `zh-Hans-CN`,
 * `es-419`…): its own when offered, else English. The core decides the same
 * way for the desktop (`get_language`); this serves the first paint and the
 * browser preview.
 */
export function negotiate(tag: string | null | undefined): Locale {
  const clean = (tag ?? '').split('.')[0]?.replace(/_/g, '-').toLowerCase() ?? '';
  const [lang = '', ...rest] = clean.split('-');
  switch (lang) {
    case 'en':
      return rest.some((r) => ['gb', 'uk', 'ie', 'au', 'nz', 'in', 'za'].includes(r)) ? 'en-GB' : 'en';
    case 'zh':
      return 'zh-CN';
    case 'id':
    case 'in':
      return 'id';
    case 'ko':
      return 'ko';
    case 'es':
      return 'es-MX';
    case 'de':
      return 'de';
    default:
      return 'en';
  }
}

/** The locale Intl formats with: English means American conventions. */
export function intlLocale(locale: UiLocale): string {
  if (locale === 'en' || locale === PSEUDO) return 'en-US';
  return locale;
}
