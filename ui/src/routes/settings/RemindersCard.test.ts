import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReminderSettings } from '../../bindings/ReminderSettings';
import { toasts } from '../../lib/toast.svelte';
import { refusedInput } from '../../test/errors';
import { REMINDERS } from '../../test/reminders';
import RemindersCard from './RemindersCard.svelte';

vi.setConfig({ testTimeout: 15_000 });

interface Call {
  cmd: string;
  args: Record<string, unknown>;
}

/** A shell that keeps the settings it is given, unless `refuse` says otherwise. */
function backend(opts: { load?: () => ReminderSettings; refuse?: (s: ReminderSettings) => unknown } = {}) {
  const calls: Call[] = [];
  let stored = { ...REMINDERS };
  mockIPC((cmd, payload) => {
    const args = (payload ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    if (cmd === 'reminder_settings') return opts.load ? opts.load() : stored;
    if (cmd === 'set_reminder_settings') {
      const next = args.input as ReminderSettings;
      const refusal = opts.refuse?.(next);
      if (refusal) throw refusal;
      stored = { ...next };
      return stored;
    }
    throw { kind: 'not_found', message: `unknown command ${cmd}` };
  });
  return calls;
}

function saved(calls: Call[]) {
  return calls.filter((c) => c.cmd === 'set_reminder_settings').map((c) => c.args.input);
}

afterEach(() => {
  clearMocks();
  toasts.clear();
});

describe('Settings › Reminders', () => {
  it('shows the stored settings and saves every kind, the lead, quiet hours and start at login', async () => {
    const user = userEvent.setup();
    const calls = backend();
    render(RemindersCard);

    const region = await screen.findByRole('region', { name: 'Reminders' });
    const meeting = await within(region).findByRole('checkbox', { name: 'A meeting about to start' });
    expect(meeting).toBeChecked();
    expect(within(region).getByRole('checkbox', { name: /A pair past its agreed cadence/ })).toBeChecked();
    expect(within(region).getByRole('textbox', { name: 'Minutes before a meeting' })).toHaveValue('15');
    expect(within(region).getByRole('textbox', { name: 'Quiet from' })).toHaveValue('22:00');
    expect(within(region).getByRole('textbox', { name: 'Quiet until' })).toHaveValue('08:00');
    const login = within(region).getByRole('checkbox', { name: /Start Trellis at login, minimised to the tray/ });
    expect(login).not.toBeChecked();

    await user.click(within(region).getByRole('checkbox', { name: /A pair past its agreed cadence/ }));
    const lead = within(region).getByRole('textbox', { name: 'Minutes before a meeting' });
    await user.clear(lead);
    await user.type(lead, '30');
    const from = within(region).getByRole('textbox', { name: 'Quiet from' });
    await user.clear(from);
    await user.type(from, '23:30');
    await user.click(login);
    await user.click(within(region).getByRole('button', { name: 'Save reminders' }));

    await vi.waitFor(() => expect(saved(calls)).toHaveLength(1));
    expect(saved(calls)[0]).toEqual({
      ...REMINDERS,
      drift: false,
      leadMinutes: 30,
      quietFrom: '23:30',
      startAtLogin: true,
    });
    expect(toasts.items.map((t) => t.title)).toContain('Reminders saved');
  });

  it('hides the times when quiet hours are off, and saves them off', async () => {
    const user = userEvent.setup();
    const calls = backend();
    render(RemindersCard);
    const quiet = await screen.findByRole('checkbox', { name: /Hold reminders during quiet hours/ });
    await user.click(quiet);
    expect(screen.queryByRole('textbox', { name: 'Quiet from' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save reminders' }));
    await vi.waitFor(() => expect(saved(calls)).toHaveLength(1));
    expect(saved(calls)[0]).toMatchObject({ quiet: false });
  });

  it('refuses a lead time that is not a number of minutes, by its field, without calling the shell', async () => {
    const user = userEvent.setup();
    const calls = backend();
    render(RemindersCard);
    const lead = await screen.findByRole('textbox', { name: 'Minutes before a meeting' });
    await user.clear(lead);
    await user.type(lead, 'soon');
    await user.click(screen.getByRole('button', { name: 'Save reminders' }));

    expect(await screen.findByText('Give a number of minutes from 1 to 1440.')).toBeInTheDocument();
    expect(lead).toHaveAttribute('aria-invalid', 'true');
    expect(saved(calls)).toHaveLength(0);
  });

  it('shows a refusal from the shell by the field it names', async () => {
    const user = userEvent.setup();
    backend({ refuse: () => refusedInput('quiet to', { rule: 'same_as_start' }) });
    render(RemindersCard);
    await user.click(await screen.findByRole('button', { name: 'Save reminders' }));

    expect(await screen.findByText('The end of quiet hours must differ from their start.')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Quiet until' })).toHaveAttribute('aria-invalid', 'true');
    expect(toasts.items).toHaveLength(0);
  });

  it('says when the settings cannot be read, and reads them again on retry', async () => {
    const user = userEvent.setup();
    let fail = true;
    backend({
      load: () => {
        if (fail) throw { kind: 'locked', code: 'locked', field: null, params: {}, message: 'locked' };
        return REMINDERS;
      },
    });
    render(RemindersCard);
    expect(await screen.findByText('Your reminder settings could not be read')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Save reminders' })).not.toBeInTheDocument();
    fail = false;
    await user.click(screen.getByRole('button', { name: /retry|try again/i }));
    expect(await screen.findByRole('button', { name: 'Save reminders' })).toBeInTheDocument();
  });
});
