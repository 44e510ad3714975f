import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as FormatModule from '../../lib/format';
import { localTimeZone, todayIso } from '../../lib/format';
import { resetPairs } from '../../lib/pairs.svelte';
import type { Reason } from '../../bindings/Reason';
import { resetZones } from '../../lib/zones';
import { toasts } from '../../lib/toast.svelte';
import { GENERIC, OPENSTACK, PACKS, inputOf, pair, summary } from '../../test/fixtures';
import NewPairDialog, { fieldError, partnerClock } from './NewPairDialog.svelte';
import { AppError } from '../../lib/ipc';
import { commandError, refusedInput } from '../../test/errors';
import type { CommandError } from '../../bindings/CommandError';

// Whole dialogs in jsdom are slow when the suite runs in parallel.
vi.setConfig({ testTimeout: 15_000 });

// A short list of zones keeps the selects small (jsdom is slow with ~400 options).
vi.mock('../../lib/format', async (importOriginal) => {
  const actual = await importOriginal<typeof FormatModule>();
  return {
    ...actual,
    allTimeZones: () => [...new Set(['UTC', 'America/Chicago', 'Asia/Kolkata', 'Europe/Berlin', actual.localTimeZone()])],
  };
});

interface Call {
  cmd: string;
  input: Record<string, unknown>;
}

function backend(addPair: (input: Record<string, unknown>) => unknown) {
  const calls: Call[] = [];
  mockIPC((cmd, payload) => {
    const input = inputOf(payload);
    calls.push({ cmd, input });
    switch (cmd) {
      case 'list_zones':
        return {
          names: [...new Set(['America/Chicago', 'Asia/Kolkata', 'Europe/Berlin', 'UTC', localTimeZone()])],
          aliases: [{ alias: 'Asia/Calcutta', zone: 'Asia/Kolkata' }],
          system: localTimeZone(),
        };
      case 'list_packs':
        return PACKS;
      case 'get_pack':
        return input.programId === 'generic' ? GENERIC : OPENSTACK;
      case 'add_pair':
        return addPair(input);
      case 'get_status':
        return [summary({ id: 'p-new', partnerName: 'Sam Rivera' })];
      default:
        throw { kind: 'not_found', message: `unknown command ${cmd}` };
    }
  });
  return calls;
}

beforeEach(() => {
  history.replaceState(null, '', '#/');
});

afterEach(() => {
  clearMocks();
  resetZones();
  resetPairs();
  toasts.clear();
});

describe('NewPairDialog', () => {
  it('sends what was filled in to add_pair and opens the new pair', async () => {
    const user = userEvent.setup();
    const calls = backend(() => pair({ id: 'p-new', partnerName: 'Sam Rivera' }));
    render(NewPairDialog, { open: true });

    const dialog = screen.getByRole('dialog', { name: 'New pair' });
    // The cohort's criteria that will be copied are shown.
    expect(await within(dialog).findByText('Merged one patch')).toBeInTheDocument();

    await user.click(within(dialog).getByRole('radio', { name: 'Mentee' }));
    await user.type(within(dialog).getByLabelText('Partner name'), 'Sam Rivera');
    await user.selectOptions(within(dialog).getByLabelText('Cohort'), 'First CFP submission / Give your first talk');
    expect(await within(dialog).findByText('Gave a talk at an OpenStack user group')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('radio', { name: 'Weekly' }));
    expect(within(dialog).getByLabelText('Meet every (days)')).toHaveValue('7');
    const partnerZone = within(dialog).getByRole('combobox', { name: 'Partner time zone' });
    await user.clear(partnerZone);
    await user.type(partnerZone, 'chicago{Enter}');

    await user.click(screen.getByRole('button', { name: 'Create pair' }));

    await waitFor(() => expect(location.hash).toBe('#/pair/p-new'));
    const add = calls.find((c) => c.cmd === 'add_pair');
    expect(add?.input).toEqual({
      myRole: 'mentee',
      partnerName: 'Sam Rivera',
      programId: 'openstack-mentoring',
      cohortId: 'first-cfp',
      matchDate: todayIso(),
      myTz: localTimeZone(),
      partnerTz: 'America/Chicago',
      cadenceDays: 7,
      ownCriteria: [],
    });
    expect(calls.some((c) => c.cmd === 'get_status')).toBe(true);
    expect(dialog).not.toHaveAttribute('open');
    expect(toasts.items.map((t) => t.title)).toContain('Pair with Sam Rivera created');
  });

  it('shows the cohorts of another program when it is chosen', async () => {
    const user = userEvent.setup();
    backend(() => pair());
    render(NewPairDialog, { open: true });

    await screen.findByText('Merged one patch');
    await user.selectOptions(screen.getByLabelText('Program'), 'Generic mentoring program');
    expect(await screen.findByText('First contribution merged')).toBeInTheDocument();
    expect(screen.getByLabelText('Cohort')).toHaveValue('general');
  });

  it('shows a refusal from the Rust side under the field it names', async () => {
    const user = userEvent.setup();
    const calls = backend(() => {
      throw refusedInput('partner name', { rule: 'required' });
    });
    render(NewPairDialog, { open: true });
    await screen.findByText('Merged one patch');

    await user.click(screen.getByRole('radio', { name: 'Mentor' }));
    await user.click(screen.getByRole('button', { name: 'Create pair' }));

    const name = screen.getByLabelText('Partner name');
    await waitFor(() => expect(name).toHaveAttribute('aria-invalid', 'true'));
    expect(name).toHaveAccessibleDescription(expect.stringContaining('This cannot be empty.'));
    expect(name).toHaveFocus();
    expect(screen.getByRole('dialog', { name: 'New pair' })).toHaveAttribute('open');
    expect(location.hash).toBe('#/');
    expect(calls.filter((c) => c.cmd === 'add_pair')).toHaveLength(1);

    // Typing clears the message.
    await user.type(name, 'S');
    expect(name).not.toHaveAttribute('aria-invalid');
  });

  it('shows the role refusal beside the role choice, and other errors at the top', async () => {
    const user = userEvent.setup();
    let error: CommandError = refusedInput('role', { rule: 'required' });
    backend(() => {
      throw error;
    });
    render(NewPairDialog, { open: true });
    await screen.findByText('Merged one patch');

    await user.click(screen.getByRole('button', { name: 'Create pair' }));
    expect(await screen.findByText('This cannot be empty.')).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Mentor' })).toHaveFocus();

    error = commandError('storage', 'database error (disk full)');
    await user.click(screen.getByRole('radio', { name: 'Mentor' }));
    await user.click(screen.getByRole('button', { name: 'Create pair' }));
    const alert = (await screen.findByText('Your data could not be read or saved. (Technical detail: database error (disk full))')).closest('[role="alert"]');
    expect(alert).toHaveTextContent('Your data could not be read or saved');
    expect(screen.queryByText('This cannot be empty.')).not.toBeInTheDocument();
  });

  it('refuses a cadence that is not a number of days without calling the Rust side', async () => {
    const user = userEvent.setup();
    const calls = backend(() => pair());
    render(NewPairDialog, { open: true });
    await screen.findByText('Merged one patch');

    const cadence = screen.getByLabelText('Meet every (days)');
    await user.clear(cadence);
    await user.type(cadence, 'often');
    await user.click(screen.getByRole('button', { name: 'Create pair' }));

    expect(cadence).toHaveAccessibleDescription(expect.stringContaining('whole number of days'));
    expect(calls.some((c) => c.cmd === 'add_pair')).toBe(false);
  });

  it('says when the programs cannot be listed, and retries', async () => {
    const user = userEvent.setup();
    let fail = true;
    mockIPC((cmd) => {
      if (cmd === 'list_packs') {
        if (fail) throw { kind: 'storage', message: 'database error (locked)' };
        return PACKS;
      }
      if (cmd === 'get_pack') return OPENSTACK;
      throw { kind: 'not_found', message: `unknown command ${cmd}` };
    });
    render(NewPairDialog, { open: true });

    expect(await screen.findByText('Your data could not be read or saved. (Technical detail: database error (locked))')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Create pair' })).toBeDisabled();

    fail = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Merged one patch')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Create pair' })).toBeEnabled();
  });
});

describe('fieldError', () => {
  it('maps the field the error names and makes a sentence of its reason', () => {
    const refused = (field: string, reason: Reason) => AppError.from(refusedInput(field, reason));
    expect(fieldError(refused('partner name', { rule: 'required' }))).toEqual({ field: 'partnerName', text: 'This cannot be empty.' });
    expect(fieldError(refused("partner's time zone", { rule: 'not_a_zone', value: 'Mars/Base' }))).toEqual({
      field: 'partnerTz',
      text: '“Mars/Base” is not a known time zone.',
    });
    expect(fieldError(refused('cadence', { rule: 'out_of_range', min: 1, max: 365, unit: 'days' }))?.field).toBe('cadence');
    expect(fieldError(refused('criterion', { rule: 'required' }))).toBeNull();
    // The message's words are never read: without a field there is no place.
    expect(fieldError(new AppError('invalid', 'partner name: must not be empty'))).toBeNull();
  });
});

describe('partnerClock', () => {
  it('tells the time in the partner’s zone and how far it is from mine', () => {
    const at = new Date('2026-03-20T15:05:00Z');
    expect(partnerClock('Europe/Berlin', 'America/Chicago', at)).toBe('10:05 there now · 6 hours behind you');
    expect(partnerClock('Europe/Berlin', 'Asia/Kolkata', at)).toBe('20:35 there now · 4.5 hours ahead of you');
    expect(partnerClock('UTC', 'UTC', at)).toBe('15:05 there now · same time as you');
  });
});
