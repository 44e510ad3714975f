import { afterEach, describe, expect, it } from 'vitest';
import { renderPair, screen, setUp, tearDown, waitFor, within } from '../../test/pairScreen';
import { clash } from '../../test/errors';
import type { ErrorReport } from '../../bindings/ErrorReport';
import { setLocale } from '../../i18n/index.svelte';

afterEach(tearDown);

const FILE = '/home/ada/Calendars/trellis-amara-okafor-0000a1a1.ics';

describe('Calendar', () => {
  it('keeps the pair’s calendar file in a chosen folder, says when it was written, and stops', async () => {
    const mock = setUp();
    const { user } = await renderPair(mock, 'meetings');
    const panel = await screen.findByRole('region', { name: 'Calendar' });
    const file = await within(panel).findByRole('group', { name: 'Calendar file' });
    expect(within(file).getByText('Off')).toBeInTheDocument();
    expect(within(file).getByText(/in a folder your calendar watches or imports from/)).toBeInTheDocument();

    await user.click(within(file).getByRole('button', { name: 'Calendar file…' }));
    await waitFor(() => expect(within(file).getByText(FILE)).toBeInTheDocument());
    expect(mock.inputsOf('set_calendar_folder')).toEqual([{ pairId: mock.pairId, folder: 'chosen:/home/ada/Calendars' }]);
    expect(within(file).getByText('On')).toBeInTheDocument();
    expect(within(file).getByText(/^Last written /)).toBeInTheDocument();

    await user.click(within(file).getByRole('button', { name: 'Stop updating' }));
    await waitFor(() => expect(within(file).getByText('Off')).toBeInTheDocument());
    expect(mock.inputsOf('clear_calendar_folder')).toEqual([{ pairId: mock.pairId }]);
    expect(within(file).queryByText(FILE)).not.toBeInTheDocument();
  });

  it('says when the last change did not reach the file', async () => {
    const mock = setUp({ calendarFile: keptWithFailure() });
    await renderPair(mock, 'meetings');
    const panel = await screen.findByRole('region', { name: 'Calendar' });
    const status = await within(panel).findByRole('status');
    expect(status).toHaveTextContent('Not updated');
    expect(status).toHaveTextContent('saved in Trellis but not in the file');
    expect(status).toHaveTextContent('The calendar folder /media/usb is not there (a drive not connected?); choose it again.');
    expect(status).not.toHaveTextContent('core words');
    expect(within(panel).getByRole('button', { name: 'Choose another folder…' })).toBeInTheDocument();
  });

  it('words the kept failure in the window’s language, not in the words core kept', async () => {
    await setLocale('de');
    try {
      const mock = setUp({ calendarFile: keptWithFailure() });
      await renderPair(mock, 'meetings');
      const status = await screen.findByText(/Kalenderordner/);
      expect(status).toHaveTextContent('Der Kalenderordner /media/usb ist nicht da');
      expect(status).not.toHaveTextContent('core words');
    } finally {
      await setLocale('en');
    }
  });

  function keptWithFailure() {
    return {
      pairId: '01960000-0000-7000-8000-00000000a1a1',
      folder: '/media/usb',
      fileName: 'trellis-amara-okafor-0000a1a1.ics',
      path: '/media/usb/trellis-amara-okafor-0000a1a1.ics',
      writtenAt: '2026-03-18T08:00:00.000Z',
      lastError: clash({ rule: 'calendar_folder_missing', folder: '/media/usb' }, 'core words: the folder is gone') as ErrorReport,
      errorAt: '2026-03-20T08:00:00.000Z',
    };
  }

  it('adds the check-in window and an action item’s due date to a calendar', async () => {
    const mock = setUp();
    const { user } = await renderPair(mock, 'meetings');
    const panel = await screen.findByRole('region', { name: 'Calendar' });
    await user.click(within(panel).getByRole('button', { name: 'Add check-in to calendar' }));
    await waitFor(() => expect(mock.inputsOf('export_checkin_ics')).toHaveLength(1));
    expect(mock.inputsOf('export_checkin_ics')[0]).toEqual({
      pairId: mock.pairId,
      file: 'chosen:/home/ada/Documents/trellis-amara-okafor-check-in.ics',
    });

    const next = screen.getByRole('region', { name: 'Next meeting' });
    const buttons = within(next).getAllByRole('button', { name: /^Add “.+” to calendar$/ });
    const dated = mock.state.actions.filter((a) => !a.done && a.dueDate);
    expect(buttons.length).toBeGreaterThan(0);
    expect(buttons.length).toBeLessThanOrEqual(dated.length);
    const name = buttons[0]!.getAttribute('aria-label') ?? '';
    const item = dated.find((a) => name === `Add “${a.text}” to calendar`);
    expect(item).toBeDefined();
    await user.click(buttons[0]!);
    await waitFor(() => expect(mock.inputsOf('export_action_ics')).toHaveLength(1));
    expect(mock.inputsOf('export_action_ics')[0]).toEqual({
      actionId: item!.id,
      file: 'chosen:/home/ada/Documents/trellis-due.ics',
    });
  });

  it('shows a refusal in the panel when there is no check-in to add', async () => {
    const mock = setUp();
    const { user } = await renderPair(mock, 'meetings');
    const panel = await screen.findByRole('region', { name: 'Calendar' });
    mock.failNext('export_checkin_ics', clash({ rule: 'no_checkin_due' }, 'no check-in is due or coming up for this pair'));
    await user.click(within(panel).getByRole('button', { name: 'Add check-in to calendar' }));
    expect(await within(panel).findByText('No check-in is due or coming up for this pair.')).toBeInTheDocument();
  });
});
