import { afterEach, describe, expect, it } from 'vitest';
import { renderPair, screen, setUp, tearDown, waitFor, within } from '../../test/pairScreen';

afterEach(tearDown);

describe('Overview tab', () => {
  it('draws the timeline with a table of its events, the next meeting and the counts', async () => {
    const mock = setUp();
    await renderPair(mock, 'overview');

    const figure = await screen.findByRole('figure', { name: /4 meetings, 1 goal achieved, 2 criteria met/ });
    const rows = within(figure).getAllByRole('row').slice(1);
    // Newest first.
    expect(rows.map((r) => r.textContent)).toEqual([
      'Mar 11, 2026Criterion metAttended a Nova team meeting and offered input',
      'Feb 26, 2026MeetingMeeting, 90 min (event)',
      'Feb 17, 2026Criterion metSubmitted a change to Gerrit following the Developer\'s Guide',
      'Feb 12, 2026MeetingMeeting, 60 min (video)',
      'Jan 29, 2026MeetingMeeting, 30 min (chat)',
      'Jan 29, 2026Goal achievedSet up DevStack and a Gerrit account',
      'Jan 15, 2026MeetingMeeting, 45 min (video)',
      'Jan 11, 2026MatchedMatched with Amara Okafor',
    ]);
    expect(screen.queryByRole('button', { name: 'Show earlier' })).not.toBeInTheDocument();

    const next = screen.getByRole('region', { name: 'Next meeting' });
    expect(within(next).getByText('Due Mar 12, 2026')).toBeInTheDocument();
    expect(within(next).getByRole('checkbox', { name: 'Add the unit test the reviewer asked for' })).not.toBeChecked();
    expect(within(next).getByText(/Introduce me to the Nova PTL/)).toBeInTheDocument();
    expect(within(next).getByText(/Maybe say I would like to try reviewing/)).toBeInTheDocument();
    expect(within(next).getByText('Only you')).toBeInTheDocument();
    expect(within(next).getByText('Shared')).toBeInTheDocument();

    const glance = screen.getByRole('region', { name: 'At a glance' });
    expect(within(glance).getByText('Meetings').nextElementSibling).toHaveTextContent('4 last 22 days ago');
    expect(within(glance).getByText('Criteria met').nextElementSibling).toHaveTextContent('2/5');
    expect(within(glance).getByText('Goals achieved').nextElementSibling).toHaveTextContent('1/3');
  });

  it('shows the next meeting at its scheduled time in both zones instead of the day it is due', async () => {
    const mock = setUp();
    mock.handle('schedule_meeting', {
      input: { pairId: mock.pairId, schedule: { startsAt: '2026-03-17T15:00:00.000Z', minutes: 60, recurs: false } },
    });
    await renderPair(mock, 'overview');

    const next = await screen.findByRole('region', { name: 'Next meeting' });
    expect(await within(next).findByText(/Tue 17 Mar 2026 16:00 CET/)).toBeInTheDocument();
    expect(within(next).getByText('· Amara Okafor: Tue 17 Mar 2026 10:00 CDT')).toBeInTheDocument();
    expect(within(next).queryByText(/^Due /)).not.toBeInTheDocument();
  });

  it('draws the newest months of a long history and adds earlier ones on request', async () => {
    // Four years of weekly meetings before the sample.
    const mock = setUp({ history: 240 });
    const { user } = await renderPair(mock, 'overview');

    const figure = await screen.findByRole('figure', { name: /^Since / });
    expect(mock.inputsOf('get_timeline')).toEqual([{ pairId: mock.pairId, before: null, limit: 100 }]);
    expect(mock.inputsOf('list_goals')).toEqual([]);
    const shown = within(figure).getAllByRole('row').length - 1;
    expect(shown).toBeGreaterThanOrEqual(100);
    expect(shown).toBeLessThan(110);
    // The figures beside it count the whole history, not the stretch drawn.
    const glance = screen.getByRole('region', { name: 'At a glance' });
    expect(within(glance).getByText('Meetings').nextElementSibling).toHaveTextContent(/^244 /);
    expect(within(glance).getByText('Goals achieved').nextElementSibling).toHaveTextContent('49/51');

    let before = mock.inputsOf('get_timeline').length;
    while (screen.queryByRole('button', { name: 'Show earlier' })) {
      await user.click(screen.getByRole('button', { name: 'Show earlier' }));
      await waitFor(() => expect(mock.inputsOf('get_timeline').length).toBe(before + 1));
      before += 1;
      expect(mock.inputsOf('get_timeline').at(-1)!.before).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(await screen.findByRole('figure', { name: /^From .* 244 meetings, 49 goals achieved, 2 criteria met/ })).toBeInTheDocument();
    expect(within(figure).getAllByRole('row')).toHaveLength(1 + 1 + 244 + 49 + 2);
    const rows = within(figure).getAllByRole('row').slice(1);
    expect(rows.at(-1)).toHaveTextContent('Matched with Amara Okafor');
  });

  it('shows earlier months that failed to load beside the timeline, and tries again', async () => {
    const mock = setUp({ history: 240 });
    const { user } = await renderPair(mock, 'overview');
    const rows = within(await screen.findByRole('figure')).getAllByRole('row').length;
    mock.failNext('get_timeline', { kind: 'storage', message: 'database error (disk I/O error)' });

    await user.click(screen.getByRole('button', { name: 'Show earlier' }));
    expect(await screen.findByText('Could not load the earlier months')).toBeInTheDocument();
    expect(within(screen.getByRole('figure')).getAllByRole('row')).toHaveLength(rows);

    await user.click(screen.getByRole('button', { name: 'Show earlier' }));
    await waitFor(() => expect(within(screen.getByRole('figure')).getAllByRole('row').length).toBeGreaterThan(rows));
    expect(screen.queryByText('Could not load the earlier months')).not.toBeInTheDocument();
  });

  it('keeps the months shown when something changes', async () => {
    const mock = setUp({ history: 240 });
    const { user } = await renderPair(mock, 'overview');
    await user.click(await screen.findByRole('button', { name: 'Show earlier' }));
    await waitFor(() => expect(mock.inputsOf('get_timeline')).toHaveLength(2));
    const figure = screen.getByRole('figure');
    const rows = within(figure).getAllByRole('row').length;

    await user.click(screen.getByRole('checkbox', { name: 'Add the unit test the reviewer asked for' }));
    // Reloaded from the newest back to where it was, not just the first stretch.
    await waitFor(() => expect(mock.inputsOf('get_timeline')).toHaveLength(4));
    expect(within(figure).getAllByRole('row')).toHaveLength(rows);
  });

  it('opens the event list for sighted people too', async () => {
    const mock = setUp();
    const { user } = await renderPair(mock, 'overview');
    const toggle = await screen.findByRole('button', { name: 'Show as list' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await user.click(toggle);
    expect(screen.getByRole('button', { name: 'Hide list' })).toHaveAttribute('aria-expanded', 'true');
  });

  it('ticks an action item off the next meeting’s agenda', async () => {
    const mock = setUp();
    const { user } = await renderPair(mock, 'overview');
    const box = await screen.findByRole('checkbox', { name: 'Add the unit test the reviewer asked for' });
    const id = mock.state.meetings.flatMap((m) => m.actions).find((a) => a.text.startsWith('Add the unit test'))!.id;

    await user.click(box);

    expect(mock.inputsOf('set_action_done')).toEqual([{ actionId: id, done: true }]);
    // It stays in view, ticked, so a slip can be undone; the header no longer counts it overdue.
    await waitFor(() => expect(screen.queryByText('1 action item is overdue')).not.toBeInTheDocument());
    expect(screen.getByRole('checkbox', { name: 'Add the unit test the reviewer asked for' })).toBeChecked();
  });

  it('shows a failed load with a way to try again', async () => {
    const mock = setUp();
    mock.failNext('get_timeline', { kind: 'storage', message: 'database error (disk I/O error)' });
    const { user } = await renderPair(mock, 'overview');

    expect(await screen.findByText('Your data could not be read or saved. (Technical detail: database error (disk I/O error))')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('figure')).toBeInTheDocument();
  });

  it('says what will show up when there is nothing yet', async () => {
    const mock = setUp({ empty: true });
    await renderPair(mock, 'overview');
    expect(await screen.findByText(/Meetings you log, goals you achieve and criteria you meet will appear here/)).toBeInTheDocument();
    expect(screen.getByText(/No open action items/)).toBeInTheDocument();
  });
});
