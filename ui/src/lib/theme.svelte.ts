// The colour theme: follow the OS (default) or force light or dark; and the
// contrast: follow the OS (GTK's HighContrast theme reaches the page as
// prefers-contrast: more) or always more. Each choice lives in localStorage
// and is applied as <html data-theme="…"> / <html data-contrast="more">; the
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

/** Whether "more contrast" is forced on; off means the system decides. */
export const CONTRAST_STORAGE_KEY = 'trellis.contrast';

function readStoredContrast(): boolean {
  try {
    return localStorage.getItem(CONTRAST_STORAGE_KEY) === 'more';
  } catch {
    return false;
  }
}

/** Put the contrast choice on <html>; off removes the override. */
export function applyContrast(more: boolean, root: HTMLElement = document.documentElement): void {
  if (more) root.dataset.contrast = 'more';
  else delete root.dataset.contrast;
}

class Contrast {
  /** True when the person asked for more contrast whatever the system says. */
  more: boolean = $state(readStoredContrast());

  set(more: boolean): void {
    this.more = more;
    try {
      if (more) localStorage.setItem(CONTRAST_STORAGE_KEY, 'more');
      else localStorage.removeItem(CONTRAST_STORAGE_KEY);
    } catch {
      // Storage can be unavailable; the choice still applies for this session.
    }
    applyContrast(more);
  }

  init(): void {
    this.more = readStoredContrast();
    applyContrast(this.more);
  }
}

export const contrast = new Contrast();
