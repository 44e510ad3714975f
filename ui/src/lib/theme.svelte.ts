// The colour theme: follow the OS (default) or force light or dark. The
// choice lives in localStorage and is applied as <html data-theme="…">; the
// tokens in app.css do the rest.

export type ThemePreference = 'system' | 'light' | 'dark';

export const THEME_STORAGE_KEY = 'trellis.theme';

const PREFERENCES: readonly ThemePreference[] = ['system', 'light', 'dark'];

function isPreference(value: unknown): value is ThemePreference {
  return typeof value === 'string' && (PREFERENCES as readonly string[]).includes(value);
}

function readStored(): ThemePreference {
  try {
    const value = localStorage.getItem(THEME_STORAGE_KEY);
    return isPreference(value) ? value : 'system';
  } catch {
    return 'system';
  }
}

/** Put a preference on <html>; `system` removes the override. */
export function applyTheme(preference: ThemePreference, root: HTMLElement = document.documentElement): void {
  if (preference === 'system') {
    delete root.dataset.theme;
  } else {
    root.dataset.theme = preference;
  }
}

class Theme {
  preference: ThemePreference = $state(readStored());

  /** Choose, remember and apply a preference. */
  set(preference: ThemePreference): void {
    this.preference = preference;
    try {
      if (preference === 'system') localStorage.removeItem(THEME_STORAGE_KEY);
      else localStorage.setItem(THEME_STORAGE_KEY, preference);
    } catch {
      // Storage can be unavailable; the choice still applies for this session.
    }
    applyTheme(preference);
  }

  /** Apply the stored preference; called once at startup. */
  init(): void {
    this.preference = readStored();
    applyTheme(this.preference);
  }
}

export const theme = new Theme();
