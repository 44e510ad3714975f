import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { Week as WeekData } from '../bindings/Week';
import { commandError } from '../test/errors';
import Week from './Week.svelte';

// As `trellis week --json --tz Europe/Berlin` gives it, on Wednesday 2 Dec 2026.
const WEEK: WeekData = {
  myTz: 'Europe/Berlin',
  today: '2026-12-02',
  startsOn: '2026-11-30',
  endsOn: '2026-12-06',
  meetings: [
    {
      pairId: 'p-priya',
      partnerName: 'Priya Raman',
      startsAt: '2026-11-30T15:00:00Z',
      minutes: 60,
      day: '2026-11-30',
      mine: 'Mon 30 Nov 2026 16:00 CET',
      theirs: 'Mon 30 Nov 2026 20:30 IST',
      partnerTz: 'Asia/Kolkata',
      meetingId: 'm-1',
      started: true,
    },
    {
      pairId: 'p-sam',
      partnerName: 'Sam Ortiz',
      startsAt: '2026-12-03T23:00:00Z',
      minutes: 45,
      day: '2026-12-04',
      mine: 'Fri 4 Dec 2026 00:00 CET',
      theirs: 'Thu 3 Dec 2026 17:00 CST',
      partnerTz: 'America/Chicago',
      meetingId: null,
      started: false,
    },
  ],
  iOwe: [
    {
      id: 'a-1',
      pairId: 'p-sam',
      partnerName: 'Sam Ortiz',
      text: 'Review the talk outline',
      owner: 'mentor',
      dueDate: '2026-11-29',
      overdue: true,
    },
    {
      id: 'a-2',
      pairId: 'p-priya',
      partnerName: 'Priya Raman',
      text: 'Send the CFP link',
      owner: 'mentee',
      dueDate: '2026-12-02',
      overdue: false,
    },
  ],
  theyOwe: [
    {
      id: 'a-3',
      pairId: 'p-priya',
      partnerName: 'Priya Raman',
      text: 'Draft the abstract',
      owner: 'mentor',
      dueDate: '2026-12-05',
      overdue: false,
    },
  ],
  pairs: 2,
};

afterEach(() => {
  clearMocks();
});

function serve(week: WeekData | (() => never)) {
  mockIPC((cmd) => {
    if (cmd === 'get_week') return typeof week === 'function' ? week() : week;
    throw { kind: 'not_found', message: `unknown command ${cmd}` };
  });
}

describe('Week', () => {
  it('lists the week’s meetings at my time with the partner’s beside it, linked to each pair', async () => {
    serve(WEEK);
    render(Week);
    const table = await screen.findByRole('table', { name: 'Meetings this week' });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) => within(r).getAllByRole('cell').map((c) => c.textContent?.replace(/\s+/g, ' ').trim()));
    expect(rows).toEqual([
      ['Mon, Nov 30', '4:00 PM GMT+1 · 60 min', '8:30 PM GMT+5:30', 'Priya Raman Logged'],
      ['Fri, Dec 4', '12:00 AM GMT+1 · 45 min', 'Thu 5:00 PM CST', 'Sam Ortiz'],
    ]);
    expect(within(table).getByRole('link', { name: 'Sam Ortiz' })).toHaveAttribute('href', '#/pair/p-sam/meetings');
    expect(screen.getByText(/Monday to Sunday, times in your zone \(Europe\/Berlin\)/)).toBeInTheDocument();
  });

  it('marks a scheduled meeting whose time has passed as not logged yet', async () => {
    serve({ ...WEEK, meetings: [{ ...WEEK.meetings[1]!, started: true }] });
    render(Week);
    const table = await screen.findByRole('table', { name: 'Meetings this week' });
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent('Sam Ortiz Not logged yet');
  });

  it('splits the action items into what I owe and what my partners owe, overdue ones marked', async () => {
    serve(WEEK);
    render(Week);
    const mine = await screen.findByRole('region', { name: 'I owe' });
    const items = within(mine).getAllByRole('listitem');
    expect(items.map((li) => li.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'Review the talk outline for Sam Ortiz Overdue · 3 days',
      'Send the CFP link for Priya Raman Due today',
    ]);
    const theirs = screen.getByRole('region', { name: 'My partners owe' });
    expect(theirs).toHaveTextContent('Draft the abstract');
    expect(theirs).toHaveTextContent('Due Sat, Dec 5');
    expect(within(theirs).getByRole('link', { name: 'Priya Raman' })).toHaveAttribute('href', '#/pair/p-priya/meetings');
    expect(theirs).not.toHaveTextContent('Review the talk outline');
  });

  it('says what to do when the week is empty', async () => {
    serve({ ...WEEK, meetings: [], iOwe: [], theyOwe: [] });
    render(Week);
    expect(await screen.findByRole('heading', { name: 'No meetings this week' })).toBeInTheDocument();
    expect(screen.getByText(/Schedule the next meeting from a pair’s Meetings tab/)).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Nothing due this week' })).toBeInTheDocument();
  });

  it('sends a person without pairs to Home to start one', async () => {
    serve({ ...WEEK, meetings: [], iOwe: [], theyOwe: [], pairs: 0 });
    render(Week);
    expect(await screen.findByRole('heading', { name: 'No pairs yet' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Go to Home' })).toBeInTheDocument();
  });

  it('shows a failure to load, with a retry', async () => {
    serve(() => {
      throw commandError('storage', 'database is locked');
    });
    render(Week);
    expect(await screen.findByRole('button', { name: /retry|try again/i })).toBeInTheDocument();
  });
});
