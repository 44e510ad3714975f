import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Health } from '../bindings/Health';
import App from '../App.svelte';
import { resetPairs } from '../lib/pairs.svelte';
import { summary } from '../test/fixtures';

vi.setConfig({ testTimeout: 15_000 });

const LOCKED: Health = {
  status: 'locked',
  reason: 'this data is encrypted',
  backupWarning: null,
  dataDir: '/home/ada/.local/share/trellis',
};
const OK: Health = { ...LOCKED, status: 'ok', reason: null };
const PASS = 'correct horse battery staple';

interface Call {
  cmd: string;
  args: Record<string, unknown>;
}

/** A locked backend that opens with `PASS` only. */
function backend(): Call[] {
  const calls: Call[] = [];
  let open = false;
  mockIPC((cmd, payload) => {
    const args = (payload ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    switch (cmd) {
      case 'get_health':
        return open ? OK : LOCKED;
      case 'get_status':
        if (!open) throw { kind: 'locked', message: 'this data is encrypted' };
        return [summary({ id: 'p-sam', partnerName: 'Sam Rivera' })];
      case 'get_draft':
        return null;
      case 'unlock_data': {
        const input = args.input as { passphrase: string; remember: boolean };
        if (input.passphrase !== PASS) {
          throw { kind: 'invalid', message: 'passphrase: this is not the passphrase of this data; nothing was changed' };
        }
        open = true;
        return OK;
      }
      default:
        throw { kind: 'not_found', message: `unknown command ${cmd}` };
    }
  });
  return calls;
}

beforeEach(() => history.replaceState(null, '', '#/'));

afterEach(() => {
  clearMocks();
  resetPairs();
});

describe('App at start with encrypted data', () => {
  it('asks for the passphrase, says a wrong one on the field, then opens with the right one', async () => {
    const user = userEvent.setup();
    const calls = backend();
    render(App);

    expect(await screen.findByRole('heading', { level: 1, name: 'Your Trellis data is encrypted' })).toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Main' })).not.toBeInTheDocument();
    expect(document.title).toBe('Unlock · Trellis');
    expect(screen.getByText(/has no back door/)).toBeInTheDocument();

    // Empty: said on the field, nothing sent.
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    expect(screen.getByLabelText('Passphrase')).toHaveAccessibleDescription(/Type the passphrase/);
    expect(calls.filter((c) => c.cmd === 'unlock_data')).toHaveLength(0);

    await user.type(screen.getByLabelText('Passphrase'), 'wrong passphrase');
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    expect(await screen.findByText(/This is not the passphrase of your data/)).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'Your Trellis data is encrypted' })).toBeInTheDocument();

    await user.clear(screen.getByLabelText('Passphrase'));
    await user.type(screen.getByLabelText('Passphrase'), PASS);
    await user.click(screen.getByLabelText('Remember it in this computer’s keyring'));
    await user.click(screen.getByRole('button', { name: 'Unlock' }));

    const sidebar = await screen.findByRole('region', { name: 'Pairs' });
    expect(await within(sidebar).findByRole('link', { name: 'Sam Rivera' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Your Trellis data is encrypted' })).not.toBeInTheDocument();
    const unlocks = calls.filter((c) => c.cmd === 'unlock_data').map((c) => c.args.input);
    expect(unlocks).toEqual([
      { passphrase: 'wrong passphrase', remember: false },
      { passphrase: PASS, remember: true },
    ]);
  });
});
