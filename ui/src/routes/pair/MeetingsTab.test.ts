import { fireEvent } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { NextMeeting } from '../../bindings/NextMeeting';
import { notesAgenda } from './agenda';
import { closed, dialogNamed, renderPair, screen, setUp, tearDown, waitFor, within } from '../../test/pairScreen';

afterEach(tearDown);

describe('Meetings tab', () => {
  it('shows the next meeting’s agenda and the log, each meeting in both zones', async () => {
    const mock = setUp();
    await renderPair(mock, 'meetings');

    const next = await screen.findByRole('region', { name: 'Next meeting' });
    expect(within(next).getAllByRole('checkbox').map((c) => (c as HTMLInputElement).checked)).toEqual([false, false]);

    const meetings = screen.getAllByRole('article');
    expect(meetings).toHaveLength(4);
    // By month, the year in each header; newest first.
    const log = screen.getByRole('region', { name: 'Log' });
    expect(within(log).getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual([
      'February 2026',
      'January 2026',
    ]);
    // My time (Berlin) with my partner's (Chicago) beside it.
    const latest = meetings[0]!;
    expect(within(latest).getByRole('heading', { level: 4 })).toHaveTextContent(/^Thu, Feb 26, 4:00 PM · partner 9:00 AM/);
    expect(within(latest).getByText('1 h 30 min')).toBeInTheDocument();
    expect(within(latest).getByText('At an event')).toBeInTheDocument();
    expect(within(latest).getByText('Meet at the Berlin OpenInfra user group')).toBeInTheDocument();
    expect(within(latest).getByText(/Met in person after the talks/)).toBeInTheDocument();
    expect(within(latest).getByText('Get my first patch merged in Nova')).toBeInTheDocument();
    expect(within(latest).getByRole('checkbox', { name: 'Introduce me to the Nova PTL on IRC' })).toHaveAccessibleDescription(
      'Amara · due Mar 24, 2026',
    );
    // The oldest (64 days ago, not among the newest three) is one line until opened.
    const oldest = meetings[3]!;
    const fold = within(oldest).getByRole('button', { name: /^Thu, Jan 15/ });
    expect(fold).toHaveAttribute('aria-expanded', 'false');
    expect(within(oldest).queryByRole('checkbox')).not.toBeInTheDocument();
    expect(oldest).toHaveTextContent('2 action items');
    fold.focus();
    await userEvent.keyboard('{Enter}');
    expect(fold).toHaveAttribute('aria-expanded', 'true');
    expect(within(oldest).getByRole('checkbox', { name: 'Install DevStack on a spare VM' })).toBeChecked();
  });

  it('logs a meeting from the carried-forward agenda, with an action item', async () => {
    const mock = setUp();
    const next = mock.handle('get_next_meeting', { input: { pairId: mock.pairId } }) as NextMeeting;
    const agenda = notesAgenda(next.notes);
    expect(agenda).toMatch(/^From notes:\n- /);
    const { user } = await renderPair(mock, 'meetings');

    await user.click(await screen.findByRole('button', { name: 'Log meeting' }));
    const dialog = await dialogNamed('Log meeting');
    // Carried-forward items are a checklist, not `- [ ]` text in the agenda.
    expect(within(dialog).getByLabelText('Agenda')).toHaveValue(agenda);
    expect(within(dialog).getByLabelText('Agenda')).not.toHaveValue(expect.stringContaining('[ ]'));
    const carried = within(dialog).getByRole('group', { name: 'Carried forward' });
    expect(within(carried).getAllByRole('checkbox')).toHaveLength(next.openActions.length);
    const unitTest = within(carried).getByRole('checkbox', { name: 'Add the unit test the reviewer asked for' });
    expect(unitTest).not.toBeChecked();
    expect(unitTest).toHaveAccessibleDescription('You · due Mar 17, 2026');
    await user.click(unitTest);
    const unitTestId = next.openActions.find((a) => a.text === 'Add the unit test the reviewer asked for')!.id;

    await fireEvent.input(within(dialog).getByLabelText('Start'), { target: { value: '2026-03-19T17:00' } });
    // The partner's time, live: 17:00 in Berlin is 11:00 in Chicago that day.
    expect(within(dialog).getByLabelText('Start')).toHaveAccessibleDescription(/For Amara: Thu, Mar 19, 11:00/);
    const duration = within(dialog).getByLabelText('Duration (minutes)');
    await user.clear(duration);
    await user.type(duration, '45');
    await user.click(within(dialog).getByRole('radio', { name: 'Chat / IRC' }));
    await user.type(within(dialog).getByLabelText('Shared notes', { exact: false }), 'Went through the unit tests.');
    await user.click(within(dialog).getByRole('checkbox', { name: 'Get my first patch merged in Nova' }));
    await user.type(within(dialog).getByLabelText('Action item'), 'Rebase and push patch set 4');
    await user.selectOptions(within(dialog).getByLabelText('Owner'), 'mentor');
    await user.type(within(dialog).getByLabelText('Due'), '2026-03-26');
    await user.click(within(dialog).getByRole('button', { name: 'Save meeting' }));
    await closed('Log meeting');

    const goal = mock.state.goals.find((g) => g.title.startsWith('Get my first'))!;
    expect(mock.inputsOf('log_meeting')).toEqual([
      {
        pairId: mock.pairId,
        meeting: {
          startsAt: '2026-03-19 17:00',
          durationMin: 45,
          mode: 'chat',
          agenda,
          notes: 'Went through the unit tests.',
          goalIds: [goal.id],
          actions: [{ text: 'Rebase and push patch set 4', owner: 'mentor', dueDate: '2026-03-26' }],
          carried: next.openActions.map((a) => a.id),
          closed: [unitTestId],
        },
      },
    ]);
    // The ticked item is closed with the meeting (one call); the new one is on the next meeting's agenda.
    expect(mock.inputsOf('close_actions')).toEqual([]);
    const panel = screen.getByRole('region', { name: 'Next meeting' });
    expect(await within(panel).findByRole('checkbox', { name: 'Rebase and push patch set 4' })).not.toBeChecked();
    expect(within(panel).queryByRole('checkbox', { name: 'Add the unit test the reviewer asked for' })).not.toBeInTheDocument();
    expect(screen.getAllByRole('article')).toHaveLength(5);

    // The new meeting shows the reviewed items as linked items (live tick
    // boxes of the items themselves), the one closed there marked so.
    const logged = screen.getAllByRole('article')[0]!;
    expect(within(logged).getByRole('heading', { name: 'Carried forward' })).toBeInTheDocument();
    expect(within(logged).getByRole('checkbox', { name: 'Add the unit test the reviewer asked for' })).toBeChecked();
    expect(within(logged).getByText('Closed at this meeting')).toBeInTheDocument();
    expect(within(logged).getAllByRole('checkbox')).toHaveLength(next.openActions.length + 1);
  });

  it('opens Log meeting with its Start field focused every time, the second too', async () => {
    const mock = setUp();
    const { user } = await renderPair(mock, 'meetings');
    for (let i = 0; i < 2; i++) {
      await user.click(await screen.findByRole('button', { name: 'Log meeting' }));
      const dialog = await dialogNamed('Log meeting');
      expect(within(dialog).getByLabelText('Start')).toHaveFocus();
      await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
      await closed('Log meeting');
    }
  });

  it('adds and removes action item rows; blank rows are not sent', async () => {
    const mock = setUp();
    const { user } = await renderPair(mock, 'meetings');
    await user.click(await screen.findByRole('button', { name: 'Log meeting' }));
    const dialog = await dialogNamed('Log meeting');

    await user.click(within(dialog).getByRole('button', { name: 'Add action item' }));
    await user.click(within(dialog).getByRole('button', { name: 'Add action item' }));
    expect(within(dialog).getAllByLabelText('Action item')).toHaveLength(3);
    await user.type(within(dialog).getAllByLabelText('Action item')[1]!, 'Book the room');
    await user.click(within(dialog).getByRole('button', { name: 'Remove action item 3' }));
    expect(within(dialog).getAllByLabelText('Action item')).toHaveLength(2);

    await user.click(within(dialog).getByRole('button', { name: 'Save meeting' }));
    await closed('Log meeting');
    expect(mock.inputsOf('log_meeting')[0]!.meeting).toMatchObject({
      actions: [{ text: 'Book the room', owner: 'mentee' }],
    });
  });

  it('shows a refused start by the field and logs nothing', async () => {
    const mock = setUp();
    const { user } = await renderPair(mock, 'meetings');
    mock.failNext('log_meeting', {
      kind: 'invalid',
      message: 'start: 2026-03-29 02:30 does not exist in Europe/Berlin (the clocks skip it)',
    });

    await user.click(await screen.findByRole('button', { name: 'Log meeting' }));
    const dialog = await dialogNamed('Log meeting');
    await fireEvent.input(within(dialog).getByLabelText('Start'), { target: { value: '2026-03-29T02:30' } });
    await user.click(within(dialog).getByRole('button', { name: 'Save meeting' }));

    const start = within(dialog).getByLabelText('Start');
    await waitFor(() => expect(start).toHaveAttribute('aria-invalid', 'true'));
    expect(start).toHaveAccessibleDescription(/does not exist in Europe\/Berlin \(the clocks skip it\)/);
    // The refused field takes focus, so its message is in view even after scrolling away.
    await waitFor(() => expect(start).toHaveFocus());
    expect(screen.getByRole('dialog', { name: 'Log meeting' })).toBeInTheDocument();
    expect(mock.state.meetings).toHaveLength(4);
    expect(screen.getAllByRole('article')).toHaveLength(4);
  });

  it('checks the length before sending', async () => {
    const mock = setUp();
    const { user } = await renderPair(mock, 'meetings');
    await user.click(await screen.findByRole('button', { name: 'Log meeting' }));
    const dialog = await dialogNamed('Log meeting');
    await user.clear(within(dialog).getByLabelText('Duration (minutes)'));
    await user.type(within(dialog).getByLabelText('Duration (minutes)'), 'an hour');
    await user.click(within(dialog).getByRole('button', { name: 'Save meeting' }));

    expect(within(dialog).getByLabelText('Duration (minutes)')).toHaveAccessibleDescription(/whole minutes/);
    expect(mock.inputsOf('log_meeting')).toEqual([]);
  });

  it('ticks an action item in the log', async () => {
    const mock = setUp();
    const { user } = await renderPair(mock, 'meetings');
    const latest = (await screen.findAllByRole('article'))[0]!;
    const action = mock.state.meetings.flatMap((m) => m.actions).find((a) => a.text.startsWith('Introduce'))!;

    await user.click(within(latest).getByRole('checkbox', { name: action.text }));

    expect(mock.inputsOf('set_action_done')).toEqual([{ actionId: action.id, done: true }]);
    await waitFor(() => expect(mock.state.meetings.flatMap((m) => m.actions).find((a) => a.id === action.id)!.done).toBe(true));
    expect(within(latest).getByRole('checkbox', { name: action.text })).toBeChecked();
  });

  it('edits a meeting and deletes one after asking', async () => {
    const mock = setUp();
    const { user } = await renderPair(mock, 'meetings');
    const [latest] = await screen.findAllByRole('article');
    const when = within(latest!).getByRole('heading', { level: 4 }).textContent!.trim();
    const meeting = structuredClone([...mock.state.meetings].sort((a, b) => b.startsAt.localeCompare(a.startsAt))[0]!);

    await user.click(within(latest!).getByRole('button', { name: `Edit meeting of ${when}` }));
    const dialog = await dialogNamed('Edit meeting');
    expect(within(dialog).getByLabelText('Start')).toHaveValue('Feb 26, 2026 16:00');
    await user.type(within(dialog).getByLabelText('Shared notes', { exact: false }), ' Good talks.');
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await closed('Edit meeting');
    expect(mock.inputsOf('edit_meeting')).toEqual([
      {
        meetingId: meeting.id,
        patch: {
          mode: 'event',
          agenda: meeting.agenda,
          notes: `${meeting.notes} Good talks.`,
          goalIds: meeting.goalIds,
        },
      },
    ]);

    await user.click(within(screen.getAllByRole('article')[0]!).getByRole('button', { name: `Delete meeting of ${when}` }));
    const confirm = await dialogNamed('Delete this meeting?');
    await user.click(within(confirm).getByRole('button', { name: 'Delete meeting' }));
    await closed('Delete this meeting?');
    expect(mock.inputsOf('delete_meeting')).toEqual([{ meetingId: meeting.id }]);
    await waitFor(() => expect(screen.getAllByRole('article')).toHaveLength(3));
  });

  it('pages through a long log 20 at a time', async () => {
    const mock = setUp();
    for (let day = 1; day <= 23; day++) {
      mock.handle('log_meeting', {
        input: {
          pairId: mock.pairId,
          meeting: { startsAt: `2025-06-${String(day).padStart(2, '0')} 18:00`, durationMin: 30, agenda: '', notes: '', goalIds: [], actions: [] },
        },
      });
    }
    const { user } = await renderPair(mock, 'meetings');
    expect(await screen.findAllByRole('article')).toHaveLength(20);
    expect(mock.inputsOf('list_meetings')[0]).toEqual({ pairId: mock.pairId, offset: 0, limit: 20 });

    expect(screen.getByText('20 of 27')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Show older meetings' }));
    await waitFor(() => expect(screen.getAllByRole('article')).toHaveLength(27));
    expect(mock.inputsOf('list_meetings').at(-1)).toEqual({ pairId: mock.pairId, offset: 20, limit: 20 });
    expect(screen.queryByRole('button', { name: 'Show older meetings' })).not.toBeInTheDocument();
    expect(screen.getByText('All 27 meetings shown.')).toHaveFocus();
  });

  it('names the goals of the meetings shown and offers the goals in play, without loading every goal', async () => {
    const mock = setUp({ history: 40 });
    const { user } = await renderPair(mock, 'meetings');
    await screen.findAllByRole('article');
    const achieved = mock.state.goals.find((g) => g.title === 'Set up DevStack and a Gerrit account')!;
    const discussed = [...new Set(mock.state.meetings.slice(0, 4).flatMap((m) => m.goalIds))];

    expect(mock.inputsOf('list_goals')).toEqual([]);
    expect(mock.inputsOf('list_goal_labels')).toEqual([{ pairId: mock.pairId, include: expect.arrayContaining(discussed) as unknown }]);

    await user.click(screen.getByRole('button', { name: 'Log meeting' }));
    const dialog = await dialogNamed('Log meeting');
    const group = within(dialog).getByRole('group', { name: 'Goals discussed' });
    expect(within(group).getAllByRole('checkbox')).toHaveLength(2);
    expect(within(group).getByRole('checkbox', { name: 'Get my first patch merged in Nova' })).toBeInTheDocument();
    expect(within(group).getByRole('checkbox', { name: 'Join a Nova team meeting and offer input' })).toBeInTheDocument();
    expect(within(group).queryByRole('checkbox', { name: achieved.title })).not.toBeInTheDocument();
  });

  it('says what to do when no meeting is logged yet', async () => {
    const mock = setUp({ empty: true });
    await renderPair(mock, 'meetings');
    expect(await screen.findByRole('heading', { name: 'No meetings logged yet' })).toBeInTheDocument();
  });
});
