// The person's language, as the desktop remembers it: applied at start (and
// after unlocking, when the database could not be read before) unless the
// page's address pins one (`?locale=`).
import type { Language } from '../bindings/Language';
import { getLanguage, setLanguage } from '../lib/ipc';
import { forcedLocale, setLocale } from './index.svelte';
import type { Locale } from './locales';

const state = $state<{ language: Language | null }>({ language: null });

/** The setting as last read or changed (null until read). */
export function language(): Language | null {
  return state.language;
}

async function use(language: Language): Promise<Language> {
  state.language = language;
  if (!forcedLocale()) await setLocale(language.effective);
  return language;
}

/**
 * Reads the remembered language and speaks it. Quietly keeps the system's
 * language when the setting cannot be read (a locked database, the browser
 * preview without a desktop).
 */
export async function applyLanguage(): Promise<void> {
  try {
    await use(await getLanguage());
  } catch {
    // The first screen keeps the system's language.
  }
}

/** Remembers `locale` (null: follow the system) and switches every screen to it. */
export async function chooseLanguage(locale: Locale | null): Promise<Language> {
  return use(await setLanguage(locale));
}
