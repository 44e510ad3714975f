import { render } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import Pair from './Pair.svelte';
import { MOCK_PAIR_ID } from '../test/doubles/pair';
import { closed, dialogNamed, renderPair, screen, setUp, tearDown, waitFor, within } from '../test/pairScreen';

afterEach(tearDown);

describe('Pair screen', () => {
  it('shows who, where and how the pair stands, with what needs attention', async () => {
    const mock = setUp();
    await renderPair(mock);

    expect(screen.getByText('OpenStack Mentoring · Get your first patch merged')).toBeInTheDocument();
    expect(screen.getByText('Active')).toBeInTheDocument();
    expect(screen.getByText(/You’re the mentee · Amara is your mentor/)).toBeInTheDocument();
    expect(screen.getByText(/Matched Jan 11, 2026/)).toBeInTheDocument();
    expect(screen.getByText(/Meeting every 14 days/)).toBeInTheDocument();
    expect(screen.getByText(/Berlin \(you\) · Chicago \(Amara\)/)).toBeInTheDocument();

    const attention = screen.getByRole('list', { name: 'Needs attention' });
    expect(within(attention).getByText('No meeting for 22 days (agreed every 14)')).toBeInTheDocument();
    expect(within(attention).getByText('1 action item is overdue')).toBeInTheDocument();

    const tabs = screen.getAllByRole('tab').map((t) => t.textContent?.trim());
    expect(tabs).toEqual(['Overview', 'Goals', 'Meetings', 'Notes', 'Graduation', 'Check-in', 'Trash']);
    expect(screen.getByRole('tab', { name: 'Overview' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('button', { name: 'Graduate' })).toBeDisabled();
  });

  it('opens the tab the route names and puts a chosen tab in the route', async () => {
    const mock = setUp();
    const { user } = await renderPair(mock, 'notes');
    expect(screen.getByRole('tab', { name: 'Notes' })).toHaveAttribute('aria-selected', 'true');

    await user.click(screen.getByRole('tab', { name: 'Graduation' }));
    expect(location.hash).toBe(`#/pair/${MOCK_PAIR_ID}/graduation`);
  });

  it('pauses and resumes the pair from the menu', async () => {
    const mock = setUp();
    const { user } = await renderPair(mock);

    await user.click(screen.getByRole('button', { name: 'More pair actions' }));
    await user.click(screen.getByRole('button', { name: 'Pause pair' }));
    expect(mock.inputsOf('change_pair_status')).toEqual([{ pairId: MOCK_PAIR_ID, change: { to: 'pause' } }]);
    expect(await screen.findByText('Paused')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'More pair actions' }));
    await user.click(screen.getByRole('button', { name: 'Resume pair' }));
    expect(mock.inputsOf('change_pair_status')[1]).toEqual({ pairId: MOCK_PAIR_ID, change: { to: 'resume' } });
    expect(await screen.findByText('Active')).toBeInTheDocument();
  });

  it('ends the pair early only with a reason', async () => {
    const mock = setUp();
    const { user } = await renderPair(mock);

    await user.click(screen.getByRole('button', { name: 'More pair actions' }));
    await user.click(screen.getByRole('button', { name: 'End early…' }));
    const dialog = await dialogNamed('End the pair early');
    await user.click(within(dialog).getByRole('button', { name: 'End pair' }));
    expect(within(dialog).getByLabelText('Reason')).toHaveAccessibleDescription(/Say in a few words why/);
    expect(mock.inputsOf('change_pair_status')).toEqual([]);

    await user.type(within(dialog).getByLabelText('Reason'), 'Changed jobs');
    await user.click(within(dialog).getByRole('button', { name: 'End pair' }));
    await closed('End the pair early');
    expect(mock.inputsOf('change_pair_status')).toEqual([
      { pairId: MOCK_PAIR_ID, change: { to: 'end', reason: 'Changed jobs' } },
    ]);
    expect(await screen.findByText('Ended early')).toBeInTheDocument();
    expect(screen.getByText(/: Changed jobs/)).toBeInTheDocument();
  });

  it('graduates a ready pair after asking', async () => {
    const mock = setUp({ allMet: true });
    const { user } = await renderPair(mock);

    await user.click(screen.getByRole('button', { name: 'Graduate' }));
    const dialog = await dialogNamed('Graduate this pair?');
    await user.click(within(dialog).getByRole('button', { name: 'Graduate pair' }));
    await closed('Graduate this pair?');

    expect(mock.inputsOf('change_pair_status')).toEqual([{ pairId: MOCK_PAIR_ID, change: { to: 'graduate' } }]);
    expect(await screen.findByText('Graduated')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Graduate' })).not.toBeInTheDocument();
  });

  it('deletes the pair after asking, then goes home', async () => {
    const mock = setUp();
    const { user } = await renderPair(mock);

    await user.click(screen.getByRole('button', { name: 'More pair actions' }));
    await user.click(screen.getByRole('button', { name: 'Delete pair…' }));
    const dialog = await dialogNamed('Delete this pair?');
    await user.click(within(dialog).getByRole('button', { name: 'Delete pair' }));

    await waitFor(() => expect(location.hash).toBe('#/'));
    expect(mock.inputsOf('delete_pair')).toEqual([{ pairId: MOCK_PAIR_ID }]);
  });

  it('edits the pair, sending only what changed', async () => {
    const mock = setUp();
    const { user } = await renderPair(mock);

    await user.click(screen.getByRole('button', { name: 'Edit pair' }));
    const dialog = await dialogNamed('Edit pair');
    const cadence = within(dialog).getByLabelText('Meet every (days)');
    await user.clear(cadence);
    await user.type(cadence, '7');
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await closed('Edit pair');

    expect(mock.inputsOf('edit_pair')).toEqual([{ pairId: MOCK_PAIR_ID, patch: { cadenceDays: 7 } }]);
    expect(await screen.findByText(/Meeting weekly/)).toBeInTheDocument();
  });

  it('shows a refused edit by its field and keeps the dialog open', async () => {
    const mock = setUp();
    const { user } = await renderPair(mock);
    mock.failNext('edit_pair', { kind: 'invalid', message: 'partner name: is longer than 200 characters' });

    await user.click(screen.getByRole('button', { name: 'Edit pair' }));
    const dialog = await dialogNamed('Edit pair');
    await user.type(within(dialog).getByLabelText('Partner’s name'), ' Jr.');
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));

    expect(await within(dialog).findByText('Is longer than 200 characters')).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Partner’s name')).toHaveAttribute('aria-invalid', 'true');
    expect(mock.state.pair.partnerName).toBe('Amara Okafor');
  });

  it('says so when the pair does not exist', async () => {
    const mock = setUp();
    mock.state.deleted = true;
    render(Pair, { id: mock.pairId, tab: null });
    expect(await screen.findByRole('heading', { name: 'This pair is not here' })).toBeInTheDocument();
  });

  it('reloads when another part of the app says data changed', async () => {
    const mock = setUp();
    await renderPair(mock);
    const before = mock.inputsOf('get_pair_summary').length;

    mock.state.pair.partnerName = 'Amara O.';
    window.dispatchEvent(new CustomEvent('trellis:changed'));

    expect(await screen.findByRole('heading', { level: 1, name: 'Amara O.' })).toBeInTheDocument();
    expect(mock.inputsOf('get_pair_summary').length).toBeGreaterThan(before);
  });
});
