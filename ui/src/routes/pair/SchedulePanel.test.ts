import { afterEach, describe, expect, it } from 'vitest';
import { describe as describeHours, warningText } from './SchedulePanel.svelte';
import { dialogNamed, closed, renderPair, screen, setUp, tearDown, waitFor, within } from '../../test/pairScreen';
import { refusedInput } from '../../test/errors';

afterEach(tearDown);

describe('When you meet', () => {
  it('offers times that suit both, in both zones, and schedules one', async () => {
    const mock = setUp();
    const { user } = await renderPair(mock, 'meetings');

    const panel = await screen.findByRole('region', { name: 'When you meet' });
    expect(await within(panel).findByText('No time set yet. Find a time inside both your hours, or type one.')).toBeInTheDocument();
    await user.click(within(panel).getByRole('button', { name: 'Find times that suit both' }));
    const list = await within(panel).findByRole('list', { name: 'Times that suit both' });
    const first = within(list).getAllByRole('listitem')[0]!;
    expect(first).toHaveTextContent('Tue 17 Mar 2026 16:00 CET');
    expect(first).toHaveTextContent('Amara Okafor: Tue 17 Mar 2026 10:00 CDT');
    await user.click(within(first).getByRole('button', { name: 'Schedule' }));

    await waitFor(() => expect(within(panel).getByText('Tue 17 Mar 2026 16:00 CET')).toBeInTheDocument());
    expect(within(panel).getByText(/repeats every 14 days at the same time in Europe\/Berlin/)).toBeInTheDocument();
    // The Next meeting panel above says the same time, not the day it was due.
    const next = screen.getByRole('region', { name: 'Next meeting' });
    await waitFor(() => expect(within(next).getByText(/Tue 17 Mar 2026 16:00 CET/)).toBeInTheDocument());
    expect(within(next).queryByText(/^Due /)).not.toBeInTheDocument();
    const sent = mock.calls.filter((c) => c.cmd === 'schedule_meeting').map((c) => c.input);
    expect(sent).toEqual([
      { pairId: mock.pairId, schedule: { startsAt: '2026-03-17T15:00:00.000Z', minutes: 60, recurs: true } },
    ]);

    await user.click(within(panel).getByRole('button', { name: 'Add to calendar' }));
    await waitFor(() => expect(mock.inputsOf('export_meeting_ics')).toHaveLength(1));
    expect(mock.inputsOf('choose_save_file')[0]).toMatchObject({ suggestedName: 'trellis-amara-okafor.ics' });
    expect(mock.inputsOf('export_meeting_ics')).toEqual([
      { pairId: mock.pairId, file: 'chosen:/home/ada/Documents/trellis-amara-okafor.ics' },
    ]);

    await user.click(within(panel).getByRole('button', { name: 'Log as held' }));
    await waitFor(() => expect(mock.calls.some((c) => c.cmd === 'log_scheduled_meeting')).toBe(true));
    expect(await screen.findByText(/No time set yet/)).toBeInTheDocument();
  });

  it('shows a refusal where the person acted and keeps the panel', async () => {
    const mock = setUp();
    const { user } = await renderPair(mock, 'meetings');
    const panel = await screen.findByRole('region', { name: 'When you meet' });
    await within(panel).findByText(/No time set yet/);
    mock.failNext('propose_meetings', refusedInput('duration', { rule: 'duration_out_of_range' }));
    await user.click(within(panel).getByRole('button', { name: 'Find times that suit both' }));
    expect(await within(panel).findByText(/The length must be between 1 minute and 24 hours/)).toBeInTheDocument();
  });

  it('edits my hours, a span per weekday', async () => {
    const mock = setUp();
    const { user } = await renderPair(mock, 'meetings');
    const panel = await screen.findByRole('region', { name: 'When you meet' });
    expect(await within(panel).findByText(/Mon–Fri 09:00–18:00 \(Europe\/Berlin\)/)).toBeInTheDocument();
    await user.click(within(panel).getByRole('button', { name: 'Edit your hours' }));
    const dialog = await dialogNamed('Your hours');
    await user.click(within(dialog).getByRole('checkbox', { name: 'Friday' }));
    const until = within(dialog).getByLabelText('Monday until');
    await user.clear(until);
    await user.type(until, '08:00');
    await user.click(within(dialog).getByRole('button', { name: 'Save hours' }));
    expect(await within(dialog).findByText('The end must be after the start, on the same day.')).toBeInTheDocument();
    expect(mock.calls.some((c) => c.cmd === 'set_my_hours')).toBe(false);
    await user.clear(until);
    await user.type(until, '12:00');
    await user.click(within(dialog).getByRole('button', { name: 'Save hours' }));
    await closed('Your hours');
    expect(within(panel).getByText(/Mon 09:00–12:00, Tue–Thu 09:00–18:00 \(Europe\/Berlin\)/)).toBeInTheDocument();
  });

  it('words each warning, naming the partner', () => {
    expect(warningText('night_for_partner', 'Amara')).toBe('at night for Amara');
    expect(warningText('outside_my_hours', 'Amara')).toBe('outside your hours');
    const nine = { from: '09:00', to: '17:00' };
    expect(describeHours({ days: [nine, nine, null, null, null, null, { from: '10:00', to: '11:00' }] })).toBe(
      'Mon–Tue 09:00–17:00, Sun 10:00–11:00',
    );
  });
});
