import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { todayIso } from '../lib/format';
import { resetPairs } from '../lib/pairs.svelte';
import { resetSyncClock } from '../lib/syncClock.svelte';
import { CONTRAST_STORAGE_KEY, THEME_STORAGE_KEY } from '../lib/theme.svelte';
import { toasts } from '../lib/toast.svelte';
import { OPENSTACK, PACKS, inputOf, summary } from '../test/fixtures';
import { refusedInput } from '../test/errors';
import { chosenFile, pathOfToken } from '../test/files';
import Settings from './Settings.svelte';

import { REMINDERS } from '../test/reminders';

// Whole dialogs in jsdom are slow when the suite runs in parallel.
vi.setConfig({ testTimeout: 15_000 });

interface Call {
  cmd: string;
  args: Record<string, unknown>;
}

type Handler = (args: Record<string, unknown>) => unknown;

/** A backend with the usual answers; `overrides` replace or add commands. */
function backend(overrides: Record<string, Handler> = {}) {
  const calls: Call[] = [];
  const handlers: Record<string, Handler> = {
    app_info: () => ({ version: '0.3.1', dataDir: '/home/ada/.local/share/trellis' }),
    get_status: () => [
      summary({ id: 'p-sam', partnerName: 'Sam Rivera (sample)' }),
      summary({ id: 'p-lin', partnerName: 'Lin Chen' }, { cohortName: 'Deploy your first cloud' }),
    ],
    list_packs: () => PACKS,
    get_sync_clock: () => ({ aheadMs: null }),
    reminder_settings: () => REMINDERS,
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

function card(name: string) {
  return screen.getByRole('region', { name });
}

afterEach(() => {
  clearMocks();
  resetPairs();
  resetSyncClock();
  toasts.clear();
  localStorage.clear();
  delete document.documentElement.dataset.theme;
  delete document.documentElement.dataset.contrast;
});

describe('Settings', () => {
  it('shows the data folder and version from app_info', async () => {
    backend({ app_info: () => ({ version: '0.3.1', dataDir: '/home/ada/.local/share/trellis' }) });

    render(Settings);

    expect(await screen.findByText('/home/ada/.local/share/trellis')).toBeInTheDocument();
    expect(screen.getByText('0.3.1')).toBeInTheDocument();
    expect(within(card('Data')).getByRole('alert')).toBeEmptyDOMElement();
  });

  it('shows the error message when app_info fails, and retries', async () => {
    const user = userEvent.setup();
    let fail = true;
    backend({
      app_info: () => {
        if (fail) throw { kind: 'storage', message: 'The data folder is not writable.' };
        return { version: '0.3.1', dataDir: '/srv/trellis' };
      },
    });

    render(Settings);

    expect(await screen.findByText('Your data could not be read or saved. (Technical detail: The data folder is not writable.)')).toBeInTheDocument();
    expect(within(card('Data')).getByRole('alert')).toHaveTextContent('Could not read the app’s details');
    expect(screen.queryByTestId('data-dir')).not.toBeInTheDocument();

    fail = false;
    await user.click(within(card('Data')).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('/srv/trellis')).toBeInTheDocument();
  });

  it('stores the chosen theme and applies it to <html>', async () => {
    const user = userEvent.setup();
    backend();
    render(Settings);

    expect(screen.getByRole('radio', { name: 'System' })).toBeChecked();

    await user.click(screen.getByRole('radio', { name: 'Dark' }));
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBe('dark');

    await user.click(screen.getByRole('radio', { name: 'System' }));
    expect(document.documentElement.dataset.theme).toBeUndefined();
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBeNull();
  });

  it('stores "more contrast" and applies it to <html>; unticked, the system decides again', async () => {
    const user = userEvent.setup();
    backend();
    render(Settings);

    const box = screen.getByRole('checkbox', { name: 'Always use more contrast' });
    expect(box).not.toBeChecked();
    expect(document.documentElement.dataset.contrast).toBeUndefined();

    await user.click(box);
    expect(document.documentElement.dataset.contrast).toBe('more');
    expect(localStorage.getItem(CONTRAST_STORAGE_KEY)).toBe('more');

    await user.click(box);
    expect(document.documentElement.dataset.contrast).toBeUndefined();
    expect(localStorage.getItem(CONTRAST_STORAGE_KEY)).toBeNull();
  });
});

describe('Settings: portable record', () => {
  it('asks where to save, then exports the chosen pair there', async () => {
    const user = userEvent.setup();
    const calls = backend({
      choose_save_file: (args) => chosenFile(`/home/ada/Documents/${String(inputOf(args).suggestedName)}`),
      export_record: (args) => ({ path: pathOfToken(inputOf(args).file), bytes: 2048 }),
    });
    render(Settings);
    const exportCard = card('Export a portable record');
    const pairSelect = within(exportCard).getByLabelText('Pair');
    await waitFor(() => expect(pairSelect).toHaveValue('p-sam'));

    // Private notes stay out unless ticked.
    const privateNotes = within(exportCard).getByRole('checkbox', { name: 'Include private notes' });
    expect(privateNotes).not.toBeChecked();
    expect(privateNotes).toHaveAccessibleDescription(
      'Private notes never leave this machine unless you tick this.',
    );

    await user.click(within(exportCard).getByRole('button', { name: 'Export record…' }));

    await waitFor(() => expect(calls.map((c) => c.cmd)).toContain('export_record'));
    const order = calls.map((c) => c.cmd).filter((c) => c === 'choose_save_file' || c === 'export_record');
    expect(order).toEqual(['choose_save_file', 'export_record']);
    const save = calls.find((c) => c.cmd === 'choose_save_file')!;
    expect(inputOf(save.args)).toMatchObject({
      suggestedName: `trellis-sam-rivera-sample-${todayIso()}.md`,
      filter: ['Markdown', ['md']],
    });
    const path = `/home/ada/Documents/trellis-sam-rivera-sample-${todayIso()}.md`;
    expect(inputOf(calls.find((c) => c.cmd === 'export_record')!.args)).toEqual({
      pairId: 'p-sam',
      format: 'markdown',
      includePrivate: false,
      file: chosenFile(path).token,
    });
    await waitFor(() => expect(toasts.items.map((t) => t.title)).toContain('Record exported'));
    expect(toasts.items.find((t) => t.title === 'Record exported')?.message).toContain(path);
  });

  it('exports another pair as JSON with private notes when asked', async () => {
    const user = userEvent.setup();
    const calls = backend({
      choose_save_file: () => chosenFile('/tmp/lin.json'),
      export_record: (args) => ({ path: pathOfToken(inputOf(args).file), bytes: 100 }),
    });
    render(Settings);
    const exportCard = card('Export a portable record');
    await within(exportCard).findByRole('option', { name: 'Lin Chen · Deploy your first cloud' });

    await user.selectOptions(within(exportCard).getByLabelText('Pair'), 'p-lin');
    await user.click(within(exportCard).getByRole('radio', { name: 'JSON' }));
    await user.click(within(exportCard).getByRole('checkbox', { name: 'Include private notes' }));
    await user.click(within(exportCard).getByRole('button', { name: 'Export record…' }));

    await waitFor(() => expect(calls.map((c) => c.cmd)).toContain('export_record'));
    expect(inputOf(calls.find((c) => c.cmd === 'choose_save_file')!.args)).toMatchObject({
      suggestedName: `trellis-lin-chen-${todayIso()}.json`,
    });
    expect(inputOf(calls.find((c) => c.cmd === 'export_record')!.args)).toEqual({
      pairId: 'p-lin',
      format: 'json',
      includePrivate: true,
      file: chosenFile('/tmp/lin.json').token,
    });
  });

  it('does nothing when the save dialog is cancelled', async () => {
    const user = userEvent.setup();
    const calls = backend({ choose_save_file: () => null });
    render(Settings);
    const exportCard = card('Export a portable record');
    await waitFor(() => expect(within(exportCard).getByLabelText('Pair')).toHaveValue('p-sam'));

    await user.click(within(exportCard).getByRole('button', { name: 'Export record…' }));
    await waitFor(() => expect(calls.map((c) => c.cmd)).toContain('choose_save_file'));
    await waitFor(() => expect(within(exportCard).getByRole('button', { name: 'Export record…' })).not.toHaveAttribute('aria-busy'));
    expect(calls.map((c) => c.cmd)).not.toContain('export_record');
    expect(within(exportCard).getByRole('alert')).toBeEmptyDOMElement();
  });

  it('shows a failed export in the export card', async () => {
    const user = userEvent.setup();
    backend({
      choose_save_file: () => chosenFile('/readonly/record.md'),
      export_record: () => {
        throw { kind: 'io', message: 'could not write /readonly/record.md (permission denied)' };
      },
    });
    render(Settings);
    const exportCard = card('Export a portable record');
    await waitFor(() => expect(within(exportCard).getByLabelText('Pair')).toHaveValue('p-sam'));

    await user.click(within(exportCard).getByRole('button', { name: 'Export record…' }));

    const alert = within(exportCard).getByRole('alert');
    await waitFor(() => expect(alert).toHaveTextContent('could not write /readonly/record.md (permission denied)'));
    expect(alert).toHaveTextContent('The record could not be exported');
    expect(toasts.items).toEqual([]);
  });

  it('explains that a pair is needed first', async () => {
    backend({ get_status: () => [] });
    render(Settings);

    expect(await screen.findByText('Create a pair first; its record can then be exported here.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Export record…' })).not.toBeInTheDocument();
  });
});

describe('Settings: program packs', () => {
  it('lists the installed packs and imports one from a file', async () => {
    const user = userEvent.setup();
    let imported = false;
    const calls = backend({
      list_packs: () =>
        imported
          ? [...PACKS, { id: 'lfx', name: 'LFX Mentorship', version: '2026.1', builtin: false, cohorts: ['a'] }]
          : PACKS,
      choose_open_file: () => chosenFile('/home/ada/Downloads/lfx.toml'),
      import_pack: () => {
        imported = true;
        return { ...OPENSTACK, program: { id: 'lfx', name: 'LFX Mentorship', version: '2026.1', description: '' } };
      },
    });
    render(Settings);
    const packs = card('Program packs');
    expect(await within(packs).findByText('OpenStack Mentoring')).toBeInTheDocument();

    await user.click(within(packs).getByRole('button', { name: 'Import a program pack…' }));

    expect(await within(packs).findByText('LFX Mentorship')).toBeInTheDocument();
    const open = calls.find((c) => c.cmd === 'choose_open_file')!;
    expect(inputOf(open.args)).toMatchObject({ filter: ['Program pack', ['toml']] });
    expect(inputOf(calls.find((c) => c.cmd === 'import_pack')!.args)).toEqual({
      file: chosenFile('/home/ada/Downloads/lfx.toml').token,
    });
    expect(toasts.items.map((t) => t.title)).toContain('Imported LFX Mentorship');
  });

  it('shows why a pack was refused, naming the line and field', async () => {
    const user = userEvent.setup();
    backend({
      choose_open_file: () => chosenFile('/home/ada/bad.toml'),
      import_pack: () => {
        throw { kind: 'format', message: "pack: line 14, cohorts[0].id: must not be empty" };
      },
    });
    render(Settings);
    const packs = card('Program packs');

    await user.click(within(packs).getByRole('button', { name: 'Import a program pack…' }));

    const alert = within(packs).getByRole('alert');
    await waitFor(() => expect(alert).toHaveTextContent('pack: line 14, cohorts[0].id: must not be empty'));
    expect(alert).toHaveTextContent('The pack could not be imported');
  });
});

describe('Settings: backups', () => {
  const DAILY = {
    name: 'trellis-2026-03-19T08-00-00.000Z-daily.db',
    kind: 'daily',
    createdAt: '2026-03-19T08:00:00Z',
    bytes: 196_608,
  };
  const MIGRATION = {
    name: 'trellis-2026-03-01T10-00-00.000Z-pre-migration.db',
    kind: 'pre_migration',
    createdAt: '2026-03-01T10:00:00Z',
    bytes: 2_411_724,
  };
  const MANUAL = {
    name: 'trellis-2026-03-20T09-30-00.000Z-manual.db',
    kind: 'manual',
    createdAt: '2026-03-20T09:30:00Z',
    bytes: 200_000,
  };
  const healthy = () => ({ status: 'ok', reason: null, backupWarning: null, dataDir: '/srv/trellis' });

  it('lists the backups with their date, kind and size', async () => {
    backend({ list_backups: () => [DAILY, MIGRATION], get_health: healthy });
    render(Settings);
    const list = await within(card('Backups')).findByRole('list', { name: 'Backups' });

    const rows = within(list).getAllByRole('listitem');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent(/Mar.*2026/);
    expect(rows[0]).toHaveTextContent('Daily · 192.0 KB');
    expect(rows[1]).toHaveTextContent('Before an upgrade · 2.3 MB');
    expect(within(rows[0]!).getByRole('button', { name: /^Restore the backup from .*Mar.*2026/ })).toHaveTextContent(
      'Restore…',
    );
  });

  it('says what to do when there is no backup yet', async () => {
    backend({ list_backups: () => [], get_health: healthy });
    render(Settings);
    expect(await within(card('Backups')).findByText(/No backups yet/)).toBeInTheDocument();
  });

  it('shows the warning when today’s automatic backup failed', async () => {
    backend({
      list_backups: () => [DAILY],
      get_health: () => ({ ...healthy(), backupWarning: 'the daily backup was not made (the disk is full)' }),
    });
    render(Settings);
    expect(await within(card('Backups')).findByText('the daily backup was not made (the disk is full)')).toBeInTheDocument();
  });

  it('backs up now and lists the new backup', async () => {
    const user = userEvent.setup();
    let made = false;
    const calls = backend({
      list_backups: () => (made ? [MANUAL, DAILY] : [DAILY]),
      get_health: healthy,
      backup_now: () => {
        made = true;
        return MANUAL;
      },
    });
    render(Settings);
    const backups = card('Backups');
    await within(backups).findByRole('list', { name: 'Backups' });

    await user.click(within(backups).getByRole('button', { name: 'Back up now' }));

    await waitFor(() => expect(within(backups).getAllByRole('listitem')).toHaveLength(2));
    expect(within(backups).getAllByRole('listitem')[0]).toHaveTextContent('Made by you');
    expect(calls.filter((c) => c.cmd === 'backup_now')).toHaveLength(1);
    expect(toasts.items.map((t) => t.title)).toContain('Backup made');
  });

  it('shows a failed backup in the backups card', async () => {
    const user = userEvent.setup();
    backend({
      list_backups: () => [DAILY],
      get_health: healthy,
      backup_now: () => {
        throw { kind: 'io', message: 'cannot create the backups folder /srv/trellis/backups (read-only file system)' };
      },
    });
    render(Settings);
    const backups = card('Backups');
    await within(backups).findByRole('list', { name: 'Backups' });

    await user.click(within(backups).getByRole('button', { name: 'Back up now' }));

    const alert = within(backups).getByRole('alert');
    await waitFor(() => expect(alert).toHaveTextContent('read-only file system'));
    expect(alert).toHaveTextContent('The backup could not be made');
  });

  it('restores a backup only after a confirmation that says the current data is kept first', async () => {
    const user = userEvent.setup();
    const calls = backend({
      list_backups: () => [DAILY, MIGRATION],
      get_health: healthy,
      restore_backup: () => ({ restored: MIGRATION, savedCurrent: { ...MANUAL, kind: 'pre_restore' } }),
    });
    render(Settings);
    const backups = card('Backups');
    const rows = within(await within(backups).findByRole('list', { name: 'Backups' })).getAllByRole('listitem');

    // Cancel first: nothing is restored.
    await user.click(within(rows[1]!).getByRole('button', { name: /^Restore the backup from/ }));
    let dialog = await screen.findByRole('dialog', { name: 'Restore this backup?' });
    expect(dialog).toHaveTextContent('A copy of your current data is kept first');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(calls.map((c) => c.cmd)).not.toContain('restore_backup');

    await user.click(within(rows[1]!).getByRole('button', { name: /^Restore the backup from/ }));
    dialog = await screen.findByRole('dialog', { name: 'Restore this backup?' });
    await user.click(within(dialog).getByRole('button', { name: 'Restore backup' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(inputOf(calls.find((c) => c.cmd === 'restore_backup')!.args)).toEqual({ name: MIGRATION.name });
    expect(toasts.items.map((t) => t.title)).toContain('Backup restored');
  });

  it('deletes one backup, and every old one, only after saying what goes', async () => {
    const user = userEvent.setup();
    let left = [DAILY, MIGRATION];
    const calls = backend({
      list_backups: () => left,
      get_health: healthy,
      delete_backup: (args) => {
        const name = inputOf(args).name;
        const gone = left.find((b) => b.name === name)!;
        left = left.filter((b) => b !== gone);
        return gone;
      },
      prune_backups: () => [],
    });
    render(Settings);
    const backups = card('Backups');
    const rows = within(await within(backups).findByRole('list', { name: 'Backups' })).getAllByRole('listitem');

    // Every backup older than 30 days, the newest kept.
    await user.click(within(backups).getByRole('button', { name: 'Delete backups older than 30 days…' }));
    let dialog = await screen.findByRole('dialog', { name: 'Delete old backups?' });
    expect(dialog).toHaveTextContent('the newest backup always stays');
    await user.click(within(dialog).getByRole('button', { name: 'Delete old backups' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(inputOf(calls.find((c) => c.cmd === 'prune_backups')!.args)).toEqual({ olderThanDays: 30 });

    // One backup.
    await user.click(within(rows[1]!).getByRole('button', { name: /^Delete the backup from/ }));
    dialog = await screen.findByRole('dialog', { name: 'Delete this backup?' });
    expect(dialog).toHaveTextContent('is deleted from this computer. Your data now is not changed.');
    await user.click(within(dialog).getByRole('button', { name: 'Delete backup' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(inputOf(calls.find((c) => c.cmd === 'delete_backup')!.args)).toEqual({ name: MIGRATION.name });
    await waitFor(() =>
      expect(within(within(backups).getByRole('list', { name: 'Backups' })).getAllByRole('listitem')).toHaveLength(1),
    );
  });

  it('keeps the dialog open with the reason when a restore is refused', async () => {
    const user = userEvent.setup();
    backend({
      list_backups: () => [DAILY],
      get_health: healthy,
      restore_backup: () => {
        throw { kind: 'format', message: `backup ${DAILY.name}: it is damaged; nothing was changed, choose another backup` };
      },
    });
    render(Settings);
    const backups = card('Backups');
    await within(backups).findByRole('list', { name: 'Backups' });

    await user.click(within(backups).getByRole('button', { name: /^Restore the backup from/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Restore this backup?' });
    await user.click(within(dialog).getByRole('button', { name: 'Restore backup' }));

    await waitFor(() => expect(within(dialog).getByRole('alert')).toHaveTextContent('nothing was changed'));
    expect(screen.getByRole('dialog', { name: 'Restore this backup?' })).toBeInTheDocument();
    expect(toasts.items).toEqual([]);
  });
});

describe('Settings: encryption at rest', () => {
  it('turns encryption on with a passphrase typed twice, and says what a lost one means', async () => {
    const user = userEvent.setup();
    let encrypted = false;
    const calls = backend({
      list_backups: () => [],
      get_health: () => ({ status: 'ok', reason: null, backupWarning: null, dataDir: '/srv/trellis' }),
      encryption_status: () => ({ encrypted, inKeyring: encrypted }),
      turn_on_encryption: () => {
        encrypted = true;
        return { status: 'ok', reason: null, backupWarning: null, dataDir: '/srv/trellis' };
      },
    });
    render(Settings);

    const section = await screen.findByRole('region', { name: 'Encryption at rest' });
    expect(await within(section).findByText(/Off\./)).toBeInTheDocument();
    expect(within(section).getByText(/nobody can recover your data/)).toBeInTheDocument();
    await user.click(within(section).getByRole('button', { name: 'Turn on encryption…' }));

    const dialog = await screen.findByRole('dialog', { name: 'Turn on encryption' });
    expect(within(dialog).getByText(/If you forget the passphrase, your data cannot be recovered/)).toBeInTheDocument();
    await user.type(within(dialog).getByLabelText('New passphrase'), 'long enough words');
    await user.type(within(dialog).getByLabelText('New passphrase again'), 'long enough wordz');
    await user.click(within(dialog).getByRole('button', { name: 'Encrypt my data' }));
    expect(within(dialog).getByText('The two passphrases do not match.')).toBeInTheDocument();
    expect(calls.filter((c) => c.cmd === 'turn_on_encryption')).toHaveLength(0);

    await user.clear(within(dialog).getByLabelText('New passphrase again'));
    await user.type(within(dialog).getByLabelText('New passphrase again'), 'long enough words');
    await user.click(within(dialog).getByRole('button', { name: 'Encrypt my data' }));

    await waitFor(() => expect(within(section).getByText(/On\./)).toBeInTheDocument());
    expect(calls.filter((c) => c.cmd === 'turn_on_encryption').map((c) => c.args.input)).toEqual([
      { passphrase: 'long enough words', remember: true },
    ]);
    expect(within(section).getByRole('button', { name: 'Change passphrase…' })).toBeInTheDocument();
  });

  it('keeps the dialog open with the error on the field when the current passphrase is wrong', async () => {
    const user = userEvent.setup();
    backend({
      list_backups: () => [],
      get_health: () => ({ status: 'ok', reason: null, backupWarning: null, dataDir: '/srv/trellis' }),
      encryption_status: () => ({ encrypted: true, inKeyring: false }),
      turn_off_encryption: () => {
        throw refusedInput('passphrase', 'this is not the passphrase of this data; nothing was changed');
      },
    });
    render(Settings);

    const section = await screen.findByRole('region', { name: 'Encryption at rest' });
    await user.click(await within(section).findByRole('button', { name: 'Turn off encryption…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Turn off encryption' });
    await user.type(within(dialog).getByLabelText('Current passphrase'), 'not it at all');
    await user.click(within(dialog).getByRole('button', { name: 'Decrypt my data' }));
    expect(await within(dialog).findByText(/This is not the passphrase of your data/)).toBeInTheDocument();
    expect(within(section).getByText(/On\./)).toBeInTheDocument();
  });
});

describe('Settings: sync clock', () => {
  const HOUR = 3_600_000;

  it('says the clock is in step and offers no repair when nothing is wrong', async () => {
    backend();
    render(Settings);
    const row = await screen.findByTestId('sync-clock');
    await waitFor(() => expect(row).toHaveTextContent('In step with this computer’s date and time.'));
    expect(within(row).queryByRole('button')).not.toBeInTheDocument();
  });

  it('shows how far ahead the clock runs, and Repair brings it back and says so', async () => {
    const user = userEvent.setup();
    let ahead: number | null = 30 * HOUR;
    const calls = backend({
      get_sync_clock: () => ({ aheadMs: ahead }),
      repair_sync_clock: () => {
        const wasAheadMs = ahead ?? 0;
        ahead = null;
        return { wasAheadMs, restamped: 7 };
      },
    });
    render(Settings);
    const row = await screen.findByTestId('sync-clock');
    await waitFor(() => expect(row).toHaveTextContent('30 hours ahead.'));
    expect(row).toHaveTextContent('refuses this computer’s updates');

    await user.click(within(row).getByRole('button', { name: 'Repair the clock' }));
    await waitFor(() => expect(row).toHaveTextContent('In step with this computer’s date and time.'));
    expect(calls.filter((c) => c.cmd === 'repair_sync_clock')).toHaveLength(1);
    expect(within(row).queryByRole('button')).not.toBeInTheDocument();
    expect(toasts.items.map((t) => t.title)).toContain('The sync clock is repaired');
  });

  it('keeps the row and says why when the repair fails', async () => {
    const user = userEvent.setup();
    backend({
      get_sync_clock: () => ({ aheadMs: 4 * 24 * HOUR }),
      repair_sync_clock: () => {
        throw { kind: 'storage', message: 'the database is read-only' };
      },
    });
    render(Settings);
    const row = await screen.findByTestId('sync-clock');
    await user.click(await within(row).findByRole('button', { name: 'Repair the clock' }));
    await waitFor(() => expect(toasts.items.map((t) => t.title)).toContain('The clock was not repaired'));
    expect(row).toHaveTextContent('4 days ahead.');
    expect(within(row).getByRole('button', { name: 'Repair the clock' })).toBeEnabled();
  });
});
