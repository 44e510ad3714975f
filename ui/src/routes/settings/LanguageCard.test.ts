import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Lang } from '../../bindings/Lang';
import type { Language } from '../../bindings/Language';
import { currentLocale, setLocale } from '../../i18n/index.svelte';
import { LOCALES } from '../../i18n/locales';
import LanguageCard from './LanguageCard.svelte';

/** A shell whose system speaks Indonesian and that remembers the choice. */
function backend(refuse = false) {
  const asked: (Lang | null)[] = [];
  let chosen: Lang | null = null;
  const language = (): Language => ({ chosen, system: 'id', effective: chosen ?? 'id', available: [...LOCALES] });
  mockIPC((cmd, payload) => {
    if (cmd === 'get_language') return language();
    if (cmd === 'set_language') {
      const next = ((payload ?? {}) as { input: { language: Lang | null } }).input.language;
      asked.push(next);
      if (refuse) throw { kind: 'storage', code: 'storage', message: 'disk full', field: null, params: {} };
      chosen = next;
      return language();
    }
    throw { kind: 'not_found', message: `unknown command ${cmd}` };
  });
  return asked;
}

describe('Settings › Language', () => {
  afterEach(async () => {
    clearMocks();
    await setLocale('en');
  });

  it('follows the system’s language, then switches every word at once to the one chosen, and back', async () => {
    const user = userEvent.setup();
    const asked = backend();
    render(LanguageCard);
    // The system speaks Indonesian: the window does too, and says so.
    const select = await screen.findByRole('combobox', { name: 'Bahasa' }, { timeout: 10_000 });
    expect(currentLocale()).toBe('id');
    expect(select).toHaveValue('system');
    expect(screen.getByRole('option', { name: 'Sama dengan sistem (Bahasa Indonesia)' })).toBeInTheDocument();

    await user.selectOptions(select, 'Deutsch');
    expect(asked).toEqual(['de']);
    expect(await screen.findByRole('heading', { name: 'Sprache' })).toBeInTheDocument();
    expect(currentLocale()).toBe('de');
    expect(screen.getByRole('combobox', { name: 'Sprache' })).toHaveValue('de');

    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Sprache' })).toBeEnabled());
    await user.selectOptions(screen.getByRole('combobox', { name: 'Sprache' }), 'system');
    expect(asked).toEqual(['de', null]);
    expect(await screen.findByRole('heading', { name: 'Bahasa' })).toBeInTheDocument();
  });

  it('keeps the language when it cannot be remembered, and says so by the field', async () => {
    const user = userEvent.setup();
    backend(true);
    render(LanguageCard);
    const select = await screen.findByRole('combobox', { name: 'Bahasa' }, { timeout: 10_000 });
    await user.selectOptions(select, '한국어');
    expect(await screen.findByText('Bahasa tidak diubah')).toBeInTheDocument();
    expect(currentLocale()).toBe('id');
  });
});
