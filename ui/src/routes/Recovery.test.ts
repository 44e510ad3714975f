import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Backup } from '../bindings/Backup';
import type { Health } from '../bindings/Health';
import App from '../App.svelte';
import { resetPairs } from '../lib/pairs.svelte';
import { toasts } from '../lib/toast.svelte';
import { summary } from '../test/fixtures';
import Recovery from './Recovery.svelte';

vi.setConfig({ testTimeout: 15_000 });

const CORRUPT: Health = {
  status: 'corrupt',
  reason: 'database disk image is malformed',
  backupWarning: null,
  dataDir: '/home/ada/.local/share/trellis',
};

const PRE_RESTORE: Backup = {
  name: 'trellis-2026-03-20T09-14-00.000Z-pre-restore.db',
  kind: 'pre_restore',
  createdAt: '2026-03-20T09:14:00Z',
  bytes: 204_800,
};
const DAILY: Backup = {
  name: 'trellis-2026-03-19T08-00-00.000Z-daily.db',
  kind: 'daily',
  createdAt: '2026-03-19T08:00:00Z',
  bytes: 196_608,
};
const MANUAL: Backup = {
  name: 'trellis-2026-03-12T17-30-00.000Z-manual.db',
  kind: 'manual',
  createdAt: '2026-03-12T17:30:00Z',
  bytes: 180_224,
};

interface Call {
  cmd: string;
  args: Record<string, unknown>;
}
type Handler = (args: Record<string, unknown>) => unknown;

function backend(overrides: Record<string, Handler> = {}): Call[] {
  const calls: Call[] = [];
  const handlers: Record<string, Handler> = {
    list_backups: () => [PRE_RESTORE, DAILY, MANUAL],
    restore_backup: (args) => {
      const name = (args.input as { name: string }).name;
      const restored = [PRE_RESTORE, DAILY, MANUAL].find((b) => b.name === name)!;
      return { restored, savedCurrent: { ...PRE_RESTORE, name: 'trellis-2026-03-20T10-00-00.000Z-pre-restore.db' } };
    },
    ...overrides,
  };
  mockIPC((cmd, payload) => {
    const args = (payload ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    const handler = handlers[cmd];
    if (!handler) throw { kind: 'not_found', message: `unknown command ${cmd}` };
    return handler(args);
  });
  return calls;
}

const restoreCalls = (calls: Call[]) =>
  calls.filter((c) => c.cmd === 'restore_backup').map((c) => (c.args.input as { name: string }).name);

beforeEach(() => history.replaceState(null, '', '#/'));

afterEach(() => {
  clearMocks();
  resetPairs();
  toasts.clear();
  history.replaceState(null, '', '#/');
});

describe('Recovery screen', () => {
  it('says what happened, where the data is, and preselects the newest good backup', async () => {
    backend();
    render(Recovery, { health: CORRUPT, onrestored: () => {} });

    expect(
      screen.getByRole('heading', {
        level: 1,
        name: 'Trellis found a problem in its database and has not changed anything',
      }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('data-dir')).toHaveTextContent('/home/ada/.local/share/trellis');
    expect(screen.getByTestId('health-reason')).toHaveTextContent('database disk image is malformed');

    // The copy kept before an earlier restore may be of a damaged database:
    // the newest daily one is offered first.
    const daily = await screen.findByRole('radio', { name: /Mar.*2026.*Daily/ });
    expect(daily).toBeChecked();
    expect(daily.closest('label')).toHaveTextContent('Daily · 192.0 KB');
    expect(daily.closest('label')).toHaveTextContent('Newest good backup');
    expect(screen.getAllByRole('radio')).toHaveLength(3);
    expect(screen.getByRole('radio', { name: /Before a restore/ })).not.toBeChecked();
  });

  it('restores the chosen backup and hands back what was restored', async () => {
    const user = userEvent.setup();
    const calls = backend();
    const onrestored = vi.fn();
    render(Recovery, { health: CORRUPT, onrestored });
    await screen.findByRole('radio', { name: /Made by you/ });

    await user.click(screen.getByRole('button', { name: 'Restore this backup' }));
    await waitFor(() => expect(onrestored).toHaveBeenCalledTimes(1));
    expect(restoreCalls(calls)).toEqual([DAILY.name]);
    expect(onrestored.mock.calls[0]?.[0].restored.name).toBe(DAILY.name);

    await user.click(screen.getByRole('radio', { name: /Made by you/ }));
    await user.click(screen.getByRole('button', { name: 'Restore this backup' }));
    await waitFor(() => expect(onrestored).toHaveBeenCalledTimes(2));
    expect(restoreCalls(calls)).toEqual([DAILY.name, MANUAL.name]);
  });

  it('shows why a backup was refused and lets another be chosen', async () => {
    const user = userEvent.setup();
    const onrestored = vi.fn();
    const calls = backend({
      restore_backup: (args) => {
        const name = (args.input as { name: string }).name;
        if (name === DAILY.name) {
          throw { kind: 'format', message: `backup ${name}: it is damaged; nothing was changed, choose another backup` };
        }
        return { restored: MANUAL, savedCurrent: null };
      },
    });
    render(Recovery, { health: CORRUPT, onrestored });
    await screen.findByRole('radio', { name: /Daily/ });

    await user.click(screen.getByRole('button', { name: 'Restore this backup' }));

    const alert = await screen.findByText(/it is damaged; nothing was changed/);
    expect(alert.closest('[role="alert"]')).toHaveTextContent('This backup could not be restored');
    expect(onrestored).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Restore this backup' })).toBeEnabled();

    await user.click(screen.getByRole('radio', { name: /Made by you/ }));
    await user.click(screen.getByRole('button', { name: 'Restore this backup' }));
    await waitFor(() => expect(onrestored).toHaveBeenCalledTimes(1));
    expect(restoreCalls(calls)).toEqual([DAILY.name, MANUAL.name]);
  });

  it('says so when there is no backup to restore, and offers no button', async () => {
    backend({ list_backups: () => [] });
    render(Recovery, { health: CORRUPT, onrestored: () => {} });

    expect(await screen.findByText(/There are no backups in this data folder yet/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Restore this backup' })).not.toBeInTheDocument();
  });

  it('shows a failed listing with a retry', async () => {
    const user = userEvent.setup();
    let fail = true;
    backend({
      list_backups: () => {
        if (fail) throw { kind: 'io', message: 'cannot list the backups in /x/backups (permission denied)' };
        return [DAILY];
      },
    });
    render(Recovery, { health: CORRUPT, onrestored: () => {} });

    expect(await screen.findByText(/permission denied/)).toBeInTheDocument();
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('radio', { name: /Daily/ })).toBeChecked();
  });

  it('names a database that could not be opened for another reason', async () => {
    backend();
    render(Recovery, {
      health: { ...CORRUPT, status: 'unavailable', reason: 'this database was written by a newer Trellis' },
      onrestored: () => {},
    });
    expect(
      screen.getByRole('heading', { level: 1, name: /could not open its database and has not changed anything/ }),
    ).toBeInTheDocument();
  });
});

describe('App at start with a damaged database', () => {
  it('shows only the recovery screen, then the app with the restored data', async () => {
    const user = userEvent.setup();
    let healthy = false;
    backend({
      get_health: () => (healthy ? { ...CORRUPT, status: 'ok', reason: null } : CORRUPT),
      get_status: () => {
        if (!healthy) throw { kind: 'storage', message: 'the database is damaged and was not opened' };
        return [summary({ id: 'p-sam', partnerName: 'Sam Rivera' })];
      },
      get_draft: () => null,
      restore_backup: () => {
        healthy = true;
        return { restored: DAILY, savedCurrent: PRE_RESTORE };
      },
    });
    render(App);

    expect(
      await screen.findByRole('heading', { level: 1, name: /found a problem in its database/ }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Main' })).not.toBeInTheDocument();
    expect(document.title).toBe('Recovery · Trellis');

    await user.click(await screen.findByRole('button', { name: 'Restore this backup' }));

    const sidebar = await screen.findByRole('region', { name: 'Pairs' });
    expect(await within(sidebar).findByRole('link', { name: 'Sam Rivera' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: /found a problem/ })).not.toBeInTheDocument();
    expect(toasts.items.map((t) => t.title)).toContain('Backup restored');
  });

  it('shows the app as usual when the database is fine', async () => {
    backend({
      get_health: () => ({ ...CORRUPT, status: 'ok', reason: null }),
      get_status: () => [],
      get_draft: () => null,
    });
    render(App);
    expect(screen.getByRole('heading', { level: 1, name: 'Home' })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByText('Your pairs will appear here.')).toBeInTheDocument());
    expect(screen.queryByRole('heading', { name: /found a problem/ })).not.toBeInTheDocument();
  });
});
