// The words of the window. Every user-visible string comes from a message
// catalogue (`messages/<locale>/<area>.json`, ICU MessageFormat) through
// `t(key, params)`: keys and their parameters are typed from the English
// catalogue (`keys.ts`, generated), plurals and numbers follow the language.
// English is bundled; another language loads when chosen, and the screens
// re-render without a restart, because `t` reads the locale as state.
/* eslint-disable svelte/prefer-svelte-reactivity -- the Maps are caches of
   catalogues and formatters; what screens react to is `state.locale`. */
import { IntlMessageFormat } from 'intl-messageformat';
import type { Messages } from './keys';
import { intlLocale, PSEUDO, type Locale, type UiLocale } from './locales';
import englishFiles from './messages/en/index';
import { pseudoMessage } from './pseudo';

export type MessageKey = keyof Messages;
type Args<K extends MessageKey> = Messages[K] extends undefined ? [] : [Messages[K]];

type Catalogue = Map<string, string>;
type AreaFiles = Record<string, Record<string, string>>;

/** `./messages/en/home.json` + `{ title: … }` → `home.title`. */
function flatten(files: AreaFiles): Catalogue {
  const out: Catalogue = new Map();
  for (const [path, messages] of Object.entries(files)) {
    const area = path.slice(path.lastIndexOf('/') + 1, -'.json'.length);
    for (const [key, message] of Object.entries(messages)) out.set(`${area}.${key}`, message);
  }
  return out;
}

const english = flatten(englishFiles);
// One chunk per language, loaded when chosen.
const others = import.meta.glob<AreaFiles>(['./messages/*/index.ts', '!./messages/en/index.ts'], {
  import: 'default',
});

const catalogues = new Map<UiLocale, Catalogue>([
  ['en', english],
  [PSEUDO, english],
]);
const compiled = new Map<string, IntlMessageFormat>();

const state = $state<{ locale: UiLocale }>({ locale: 'en' });

let forced: UiLocale | null = null;

/** Pins the language for this page (`?locale=`): Settings' choice is then not applied. */
export function forceLocale(locale: UiLocale): void {
  forced = locale;
}

/** The language pinned by the page's address, if any. */
export function forcedLocale(): UiLocale | null {
  return forced;
}

/** The language the window speaks now. */
export function currentLocale(): UiLocale {
  return state.locale;
}

/** The locale Intl formats dates, numbers and lists with, now. */
export function formatLocale(): string {
  return intlLocale(state.locale);
}

/** Loads a language's catalogue (once) and switches every screen to it. */
export async function setLocale(locale: UiLocale): Promise<void> {
  if (!catalogues.has(locale)) {
    const load = others[`./messages/${locale}/index.ts`];
    if (!load) throw new Error(`no catalogue for ${locale}`);
    catalogues.set(locale, flatten(await load()));
  }
  state.locale = locale;
  if (typeof document !== 'undefined') document.documentElement.lang = locale === PSEUDO ? 'en' : locale;
}

function formatter(locale: UiLocale, key: string): IntlMessageFormat | null {
  const cacheKey = `${locale}\u0000${key}`;
  let made = compiled.get(cacheKey);
  if (!made) {
    const source = catalogues.get(locale)?.get(key) ?? english.get(key);
    if (source === undefined) return null;
    const message = locale === PSEUDO ? pseudoMessage(source) : source;
    made = new IntlMessageFormat(message, intlLocale(locale), undefined, { ignoreTag: true });
    compiled.set(cacheKey, made);
  }
  return made;
}

/**
 * A message in the current language. A key missing from a translation falls
 * back to English (the catalogue test keeps every catalogue complete).
 */
export function t<K extends MessageKey>(key: K, ...args: Args<K>): string {
  const made = formatter(state.locale, key);
  if (!made) return key;
  return String(made.format(args[0] as Record<string, string | number | Date> | undefined));
}

/** Whether a key exists: for messages chosen by a value from the core (`errors.rule.<rule>`). */
export function hasMessage(key: string): key is MessageKey {
  return english.has(key);
}

/** English keys, for tests. */
export function englishKeys(): string[] {
  return [...english.keys()];
}

const lists = new Map<string, Intl.ListFormat>();

/** `a, b and c` in the current language. */
export function formatList(items: string[], type: 'conjunction' | 'disjunction' = 'conjunction'): string {
  const locale = formatLocale();
  const key = `${locale} ${type}`;
  let list = lists.get(key);
  if (!list) {
    list = new Intl.ListFormat(locale, { style: 'long', type });
    lists.set(key, list);
  }
  return list.format(items);
}

const numbers = new Map<string, Intl.NumberFormat>();

/** A count in the current language's digits and grouping. */
export function formatNumber(n: number): string {
  const locale = formatLocale();
  let made = numbers.get(locale);
  if (!made) {
    made = new Intl.NumberFormat(locale);
    numbers.set(locale, made);
  }
  return made.format(n);
}

// Where Intl cannot tell (older engines): the first day of the week by
// language, 1 = Monday … 7 = Sunday (CLDR).
const FIRST_DAY: Record<Locale, number> = { en: 7, 'en-GB': 1, 'zh-CN': 1, id: 7, ko: 7, 'es-MX': 7, de: 1 };

/** The first day of the week in the current language, 1 = Monday … 7 = Sunday. */
export function firstDayOfWeek(): number {
  const locale = state.locale === PSEUDO ? 'en' : state.locale;
  const info = new Intl.Locale(intlLocale(locale)) as Intl.Locale & {
    getWeekInfo?: () => { firstDay: number };
    weekInfo?: { firstDay: number };
  };
  return info.getWeekInfo?.().firstDay ?? info.weekInfo?.firstDay ?? FIRST_DAY[locale];
}
