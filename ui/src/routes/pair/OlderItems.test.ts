import { afterEach, describe, expect, it } from 'vitest';
import type { ActionItem } from '../../bindings/ActionItem';
import { renderPair, screen, setUp, tearDown, waitFor, within } from '../../test/pairScreen';
import type { PairMock } from '../../test/doubles/pair';
import { addDays } from './zone';

afterEach(tearDown);

/** The two open items the core made long ago (see `older` in fixtures/pair.json). */
function olderItems(mock: PairMock): ActionItem[] {
  return mock.state.nextMeeting.olderActions;
}

async function olderToggle() {
  const next = await screen.findByRole('region', { name: 'Next meeting' });
  return { next, toggle: within(next).getByRole('button', { name: /Older items \(2\)/ }) };
}

describe('Older carried-forward items', () => {
  it('fold into one line under the present ones and open on request', async () => {
    const mock = setUp({ older: true });
    olderItems(mock);
    const { user } = await renderPair(mock, 'meetings');
    const { next, toggle } = await olderToggle();

    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(within(next).queryByRole('checkbox', { name: 'Read the 2019 release notes' })).not.toBeInTheDocument();
    // The present items stay in view.
    expect(within(next).getAllByRole('checkbox')).toHaveLength(2);

    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(within(next).getByRole('checkbox', { name: 'Read the 2019 release notes' })).toBeInTheDocument();
    expect(within(next).getByRole('group', { name: 'All older items' })).toBeInTheDocument();
  });

  it('snoozes them all for 30 days by default, and they leave the list', async () => {
    const mock = setUp({ older: true });
    const items = olderItems(mock);
    const { user } = await renderPair(mock, 'meetings');
    const { next, toggle } = await olderToggle();
    await user.click(toggle);
    await user.click(within(next).getByRole('button', { name: 'Snooze all for 30 days' }));

    await waitFor(() => expect(within(next).queryByRole('button', { name: /Older items/ })).not.toBeInTheDocument());
    expect(mock.inputsOf('snooze_actions')).toEqual([
      { pairId: mock.pairId, actionIds: items.map((a) => a.id), until: addDays(mock.today, 30) },
    ]);
    expect(within(next).getByText(/2 items snoozed/)).toBeInTheDocument();
  });

  it('ticks them all off in one go', async () => {
    const mock = setUp({ older: true });
    const items = olderItems(mock);
    const { user } = await renderPair(mock, 'meetings');
    const { next, toggle } = await olderToggle();
    await user.click(toggle);
    await user.click(within(next).getByRole('button', { name: 'Tick all off' }));
    await waitFor(() => expect(within(next).queryByRole('button', { name: /Older items/ })).not.toBeInTheDocument());
    expect(mock.inputsOf('close_actions')).toEqual([{ pairId: mock.pairId, actionIds: items.map((a) => a.id) }]);
    expect(items.every((a) => mock.state.actions.find((x) => x.id === a.id)?.done)).toBe(true);
  });

  it('moves them all to the Trash in one go', async () => {
    const mock = setUp({ older: true });
    const items = olderItems(mock);
    const { user } = await renderPair(mock, 'meetings');
    const { next, toggle } = await olderToggle();
    await user.click(toggle);
    await user.click(within(next).getByRole('button', { name: 'Move all to Trash' }));
    await waitFor(() => expect(within(next).queryByRole('button', { name: /Older items/ })).not.toBeInTheDocument());
    expect(mock.inputsOf('drop_actions')).toEqual([{ pairId: mock.pairId, actionIds: items.map((a) => a.id) }]);
    expect(mock.state.trash.map((t) => t.item.itemId).sort()).toEqual(items.map((a) => a.id).sort());
  });

  it('shows a refused snooze by its buttons and keeps the items', async () => {
    const mock = setUp({ older: true });
    olderItems(mock);
    const { user } = await renderPair(mock, 'meetings');
    const { next, toggle } = await olderToggle();
    await user.click(toggle);
    mock.failNext('snooze_actions', mock.errors.snoozeNotAfterToday);
    await user.click(within(next).getByRole('button', { name: 'Snooze all for 30 days' }));
    expect(await within(next).findByText('The older items were not changed')).toBeInTheDocument();
    expect(within(next).getByRole('checkbox', { name: 'Read the 2019 release notes' })).toBeInTheDocument();
  });
});
