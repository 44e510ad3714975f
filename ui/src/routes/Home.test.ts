import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as FormatModule from '../lib/format';
import { CHANGED_EVENT, resetPairs } from '../lib/pairs.svelte';
import { toasts } from '../lib/toast.svelte';
import { OPENSTACK, PACKS, inputOf, summary } from '../test/fixtures';
import Home from './Home.svelte';

// A short list of zones keeps the new-pair dialog's selects small.
vi.mock('../lib/format', async (importOriginal) => {
  const actual = await importOriginal<typeof FormatModule>();
  return { ...actual, allTimeZones: () => ['UTC', 'Europe/Berlin'] };
});

// Whole dialogs in jsdom are slow when the suite runs in parallel.
vi.setConfig({ testTimeout: 15_000 });

const URGENT = summary(
  { id: 'p-priya', partnerName: 'Priya Raman', cohortId: 'first-cfp' },
  {
    cohortName: 'First CFP submission / Give your first talk',
    daysSinceMeeting: 23,
    lastMeetingOn: '2026-02-25',
    openActions: 3,
    overdueActions: 1,
    mine: { open: 1, overdue: 0 },
    theirs: { open: 2, overdue: 1 },
    nextCheckin: { number: 1, dueOn: '2026-03-28', daysUntil: 8, phase: 'open' },
    attention: [
      { kind: 'meeting_overdue', level: 'soon', message: 'No meeting for 23 days (agreed: every 14 days)', days: 23, cadence: 14, count: null, both: false },
      { kind: 'actions_overdue', level: 'soon', message: '1 action item overdue', days: null, cadence: null, count: 1, both: false },
      { kind: 'checkin_due', level: 'note', message: 'Check-in due in 8 days', days: 8, cadence: null, count: null, both: false },
    ],
    level: 'soon',
    urgency: 120,
  },
);
const READY = summary(
  { id: 'p-lin', partnerName: 'Lin Chen', myRole: 'mentee' },
  {
    criteriaMet: 4,
    criteriaTotal: 4,
    readyToGraduate: true,
    attention: [{ kind: 'ready_to_graduate', level: 'good', message: 'Ready to graduate: all 4 criteria met', days: null, cadence: null, count: 4, both: false }],
    level: 'good',
    urgency: 10,
  },
);
const CALM = summary({ id: 'p-jonas', partnerName: 'Jonas Weber' }, { daysSinceMeeting: 4, lastMeetingOn: '2026-03-16' });
const PAUSED = summary(
  { id: 'p-mei', partnerName: 'Mei Tanaka', status: 'paused', statusChangedOn: '2026-03-11' },
  { urgency: -1_000_000 },
);

beforeEach(() => {
  history.replaceState(null, '', '#/');
});

afterEach(() => {
  clearMocks();
  resetPairs();
  toasts.clear();
});

describe('Home', () => {
  it('shows every pair as a card, most urgent first, with its attention badges', async () => {
    mockIPC((cmd) => {
      if (cmd === 'get_status') return [URGENT, READY, CALM, PAUSED];
      throw { kind: 'not_found', message: `unknown command ${cmd}` };
    });
    render(Home);

    const active = await screen.findByRole('region', { name: 'Active pairs' });
    const names = within(active)
      .getAllByRole('heading', { level: 3 })
      .map((h) => h.textContent?.trim());
    expect(names).toEqual(['Priya Raman', 'Lin Chen', 'Jonas Weber']);

    const priya = within(active).getByRole('article', { name: 'Priya Raman' });
    const badges = within(priya).getByRole('list', { name: 'Needs attention' });
    expect(within(badges).getAllByRole('listitem').map((li) => li.textContent?.trim())).toEqual([
      'No meeting for 23 days (agreed: every 14 days)',
      '1 action item overdue',
      'Check-in due in 8 days',
    ]);
    expect(priya).toHaveTextContent('You’re the mentor');
    expect(priya).toHaveTextContent('First CFP submission / Give your first talk');
    expect(priya).toHaveTextContent('OpenStack Mentoring');
    expect(priya).toHaveTextContent('Last met 23 days ago · every 14 days');
    expect(priya).toHaveTextContent('I owe: 1 open');
    expect(priya).toHaveTextContent('Priya owes: 2 open · 1 overdue');
    expect(priya).toHaveTextContent('In 8 days');
    expect(priya).toHaveTextContent('1 of 4 criteria met');
    expect(within(priya).getByRole('link', { name: 'Priya Raman' })).toHaveAttribute('href', '#/pair/p-priya');

    const lin = within(active).getByRole('article', { name: 'Lin Chen' });
    expect(lin).toHaveTextContent('Ready to graduate: all 4 criteria met');
    expect(lin).toHaveTextContent('You’re the mentee');

    const jonas = within(active).getByRole('article', { name: 'Jonas Weber' });
    expect(jonas).toHaveTextContent('On track');
    expect(within(jonas).queryByRole('list', { name: 'Needs attention' })).not.toBeInTheDocument();

    const other = screen.getByRole('region', { name: 'Other pairs' });
    expect(within(other).getByRole('article', { name: 'Mei Tanaka' })).toHaveTextContent('Paused');
    expect(within(active).queryByText('Mei Tanaka')).not.toBeInTheDocument();

    expect(screen.getByText('3 active pairs · 1 needs attention')).toBeInTheDocument();
  });

  it('marks only the urgent pairs red, and Home and the Check-in tab agree on a missed check-in', async () => {
    const OVERDUE = summary(
      { id: 'p-ada', partnerName: 'Ada Obi' },
      {
        nextCheckin: { number: 1, dueOn: '2026-03-15', daysUntil: -5, phase: 'overdue' },
        attention: [{ kind: 'checkin_due', level: 'urgent', message: 'Check-in overdue by 5 days', days: -5, cadence: null, count: null, both: false }],
        level: 'urgent',
        urgency: 3049,
      },
    );
    const MISSED = summary(
      { id: 'p-old', partnerName: 'Old Timer' },
      { nextCheckin: { number: 3, dueOn: '2024-06-26', daysUntil: -632, phase: 'missed' } },
    );
    mockIPC((cmd) => {
      if (cmd === 'get_status') return [OVERDUE, URGENT, MISSED];
      throw { kind: 'not_found', message: `unknown command ${cmd}` };
    });
    render(Home);

    const active = await screen.findByRole('region', { name: 'Active pairs' });
    const ada = within(active).getByRole('article', { name: 'Ada Obi' });
    expect(within(ada).getByText('Urgent')).toBeInTheDocument();
    expect(ada).toHaveTextContent('5 days overdue');
    const priya = within(active).getByRole('article', { name: 'Priya Raman' });
    expect(within(priya).queryByText('Urgent')).not.toBeInTheDocument();
    const old = within(active).getByRole('article', { name: 'Old Timer' });
    expect(old).toHaveTextContent('Missed');
    expect(old).not.toHaveTextContent('No check-in scheduled');
    expect(within(old).queryByText('Urgent')).not.toBeInTheDocument();
  });

  it('offers a first pair and a sample pair when there are none', async () => {
    const user = userEvent.setup();
    const calls: string[] = [];
    let created = false;
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === 'get_status') return created ? [READY] : [];
      if (cmd === 'list_packs') return PACKS;
      if (cmd === 'get_pack') return OPENSTACK;
      if (cmd === 'create_sample_pair') {
        created = true;
        return READY.pair;
      }
      throw { kind: 'not_found', message: `unknown command ${cmd}` };
    });
    render(Home);

    expect(await screen.findByRole('heading', { name: 'No pairs yet' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Create your first pair' }));
    const dialog = screen.getByRole('dialog', { name: 'New pair' });
    expect(dialog).toHaveAttribute('open');
    await waitFor(() => expect(calls).toContain('get_pack'));
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(dialog).not.toHaveAttribute('open');

    await user.click(screen.getByRole('button', { name: 'Try with sample data' }));
    await waitFor(() => expect(location.hash).toBe('#/pair/p-lin'));
    expect(calls.filter((c) => c === 'create_sample_pair')).toHaveLength(1);
    expect(calls.filter((c) => c === 'get_status').length).toBeGreaterThanOrEqual(2);
    expect(toasts.items.map((t) => t.title)).toContain('Sample pair added');
    expect(await screen.findByRole('article', { name: 'Lin Chen' })).toBeInTheDocument();
  });

  it('opens the new-pair dialog from the header button', async () => {
    const user = userEvent.setup();
    mockIPC((cmd) => {
      if (cmd === 'get_status') return [CALM];
      if (cmd === 'list_packs') return PACKS;
      if (cmd === 'get_pack') return OPENSTACK;
      throw { kind: 'not_found', message: `unknown command ${cmd}` };
    });
    render(Home);
    await screen.findByRole('article', { name: 'Jonas Weber' });

    await user.click(screen.getByRole('button', { name: 'New pair' }));
    expect(screen.getByRole('dialog', { name: 'New pair' })).toHaveAttribute('open');
    expect(await screen.findByRole('option', { name: 'Get your first patch merged' })).toBeInTheDocument();
  });

  it('shows why the sample pair could not be created, where it was asked for', async () => {
    const user = userEvent.setup();
    mockIPC((cmd) => {
      if (cmd === 'get_status') return [];
      if (cmd === 'create_sample_pair') throw { kind: 'storage', message: 'database error (disk full)' };
      throw { kind: 'not_found', message: `unknown command ${cmd}` };
    });
    render(Home);

    await user.click(await screen.findByRole('button', { name: 'Try with sample data' }));
    const alert = await screen.findByText('Your data could not be read or saved. (Technical detail: database error (disk full))');
    expect(alert.closest('[role="alert"]')).toHaveTextContent('The sample pair could not be created');
    expect(location.hash).toBe('#/');
  });

  it('shows a load failure with a retry, then the pairs', async () => {
    const user = userEvent.setup();
    let fail = true;
    mockIPC((cmd) => {
      if (cmd !== 'get_status') throw { kind: 'not_found', message: `unknown command ${cmd}` };
      if (fail) throw { kind: 'storage', message: 'database error (locked)' };
      return [CALM];
    });
    render(Home);

    expect(await screen.findByText('Your data could not be read or saved. (Technical detail: database error (locked))')).toBeInTheDocument();
    expect(screen.getByText('Your pairs could not be loaded')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'No pairs yet' })).not.toBeInTheDocument();

    fail = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('article', { name: 'Jonas Weber' })).toBeInTheDocument();
    expect(screen.queryByText('Your data could not be read or saved. (Technical detail: database error (locked))')).not.toBeInTheDocument();
  });

  it('reloads when something changed elsewhere', async () => {
    let list = [CALM];
    mockIPC((cmd, payload) => {
      if (cmd === 'get_status') return list;
      throw { kind: 'not_found', message: `unknown command ${cmd} ${JSON.stringify(inputOf(payload))}` };
    });
    render(Home);
    await screen.findByRole('article', { name: 'Jonas Weber' });

    list = [URGENT, CALM];
    window.dispatchEvent(new CustomEvent(CHANGED_EVENT));
    expect(await screen.findByRole('article', { name: 'Priya Raman' })).toBeInTheDocument();
  });
});
