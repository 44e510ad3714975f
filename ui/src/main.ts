// Start-up on the page's performance timeline (User Timing), beside each IPC
// call (ipc.ts): the web inspector and the desktop benchmark read it.
performance.mark('trellis:script');

import { mount } from 'svelte';
import '@fontsource-variable/inter/wght.css';
import '@fontsource-variable/jetbrains-mono/wght.css';
import './app.css';
import App from './App.svelte';
import { contrast, theme } from './lib/theme.svelte';
import { forceLocale, setLocale } from './i18n/index.svelte';
import { applyLanguage } from './i18n/language.svelte';
import { isLocale, negotiate, PSEUDO } from './i18n/locales';

// Development only: `?mock` (or `?mock=empty`, `?mock=error`, `?mock=draft`, `?mock=heavy`)
// stands in for the Rust side, so the UI can be looked at in a plain browser.
// `import.meta.env.DEV` is false in `vite build`, so the mock is not bundled.
if (import.meta.env.DEV) {
  const scenario = new URLSearchParams(location.search).get('mock');
  if (scenario !== null) {
    const { installAppMock } = await import('./test/doubles/app');
    installAppMock(scenario || 'full');
  }
}

// The first screen speaks the system's language (WebKit's navigator.language
// follows LANG); App then applies the choice remembered in Settings. A
// `?locale=` in the page's address (the end-to-end run's pseudo-locale, the
// browser preview) overrides both.
const asked = new URLSearchParams(location.search).get('locale');
if (asked === PSEUDO || isLocale(asked)) forceLocale(asked);
await setLocale(asked === PSEUDO || isLocale(asked) ? asked : negotiate(navigator.language));
await applyLanguage();
theme.init();
contrast.init();

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

export default mount(App, { target });
