import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import App from './App.svelte';
import { resetPairs } from './lib/pairs.svelte';
import { resetSyncClock } from './lib/syncClock.svelte';
import { toasts } from './lib/toast.svelte';
import { summary } from './test/fixtures';

function go(hash: string) {
  location.hash = hash;
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

const PRIYA = summary(
  { id: 'p-priya', partnerName: 'Priya Raman' },
  {
    attention: [{ kind: 'meeting_overdue', level: 'soon', message: 'No meeting for 23 days (agreed: every 14 days)', days: 23, cadence: 14, count: null, both: false }],
    level: 'soon',
  },
);
const MEI = summary({ id: 'p-mei', partnerName: 'Mei Tanaka', status: 'paused' });

let pairsList = [PRIYA, MEI];
/** How far the sync clock runs ahead, as the shell reports it. */
let clockAheadMs: number | null = null;
let calls: string[] = [];
const DAY = 24 * 3_600_000;

beforeEach(() => {
  pairsList = [PRIYA, MEI];
  clockAheadMs = null;
  calls = [];
  mockIPC((cmd) => {
    calls.push(cmd);
    if (cmd === 'app_info') return { version: '0.1.0', dataDir: '/tmp/trellis' };
    if (cmd === 'get_status') return pairsList;
    if (cmd === 'get_draft') return null;
    if (cmd === 'get_sync_clock') return { aheadMs: clockAheadMs };
    if (cmd === 'repair_sync_clock') {
      const wasAheadMs = clockAheadMs ?? 0;
      clockAheadMs = null;
      return { wasAheadMs, restamped: 4 };
    }
    throw { kind: 'not_found', message: `unknown command ${cmd}` };
  });
  history.replaceState(null, '', '#/');
});

afterEach(() => {
  clearMocks();
  resetPairs();
  resetSyncClock();
  toasts.clear();
  history.replaceState(null, '', '#/');
});

describe('App shell', () => {
  it('shows the screen for the current hash and marks its nav link current', async () => {
    render(App);
    expect(screen.getByRole('heading', { level: 1, name: 'Home' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Home' })).toHaveAttribute('aria-current', 'page');

    go('#/organizer');
    expect(await screen.findByRole('heading', { level: 1, name: 'Organizer' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Organizer' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('link', { name: 'Home' })).not.toHaveAttribute('aria-current');
    expect(document.title).toBe('Organizer · Trellis');

    go('#/settings');
    expect(await screen.findByText('/tmp/trellis')).toBeInTheDocument();

    // This week sits next to Home in the sidebar.
    const nav = screen.getAllByRole('link').map((a) => a.textContent?.trim());
    expect(nav.indexOf('This week')).toBe(nav.indexOf('Home') + 1);
    go('#/week');
    expect(await screen.findByRole('heading', { level: 1, name: 'This week' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'This week' })).toHaveAttribute('aria-current', 'page');

    go('#/no/such/place');
    expect(await screen.findByRole('heading', { level: 1, name: 'This page does not exist' })).toBeInTheDocument();
  });

  it('lists the pairs in the sidebar with what needs attention, and marks the open one', async () => {
    render(App);
    const sidebar = screen.getByRole('region', { name: 'Pairs' });

    const priya = await within(sidebar).findByRole('link', { name: 'Priya Raman' });
    expect(priya).toHaveAttribute('href', '#/pair/p-priya');
    expect(priya).toHaveAccessibleDescription('Needs attention: No meeting for 23 days (agreed: every 14 days)');
    expect(within(sidebar).getByRole('link', { name: 'Mei Tanaka' })).toHaveAccessibleDescription('Paused');
    expect(priya.querySelector('.dot')).toHaveClass('warning');

    go('#/pair/p-priya/goals');
    await waitFor(() => expect(priya).toHaveAttribute('aria-current', 'page'));
  });

  it('folds the sidebar to its dots, keeps the names for screen readers, and remembers it', async () => {
    const user = userEvent.setup();
    localStorage.clear();
    const first = render(App);
    const sidebar = screen.getByRole('region', { name: 'Pairs' });
    expect(await within(sidebar).findByRole('link', { name: 'Priya Raman' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Collapse sidebar' }));
    expect(document.querySelector('aside')).toHaveClass('folded');
    expect(within(sidebar).getByRole('link', { name: 'Priya Raman' })).toBeInTheDocument();
    first.unmount();

    // Next time the window opens, it is still folded.
    render(App);
    expect(document.querySelector('aside')).toHaveClass('folded');
    await user.click(screen.getByRole('button', { name: 'Expand sidebar' }));
    expect(document.querySelector('aside')).not.toHaveClass('folded');
    expect(localStorage.getItem('trellis.sidebar')).toBeNull();
  });

  it('lists the active pairs first, then those paused or ended under their own heading', async () => {
    pairsList = [MEI, PRIYA];
    render(App);
    const sidebar = screen.getByRole('region', { name: 'Pairs' });
    await within(sidebar).findByRole('link', { name: 'Priya Raman' });
    const order = [...sidebar.querySelectorAll('h3, a')].map((el) => el.textContent?.trim());
    expect(order).toEqual(['Priya Raman', 'Paused or ended', 'Mei Tanaka Paused']);
  });

  it('filters the pairs as one types once there are more than ten', async () => {
    const user = userEvent.setup();
    render(App);
    const sidebar = screen.getByRole('region', { name: 'Pairs' });
    await within(sidebar).findByRole('link', { name: 'Priya Raman' });
    expect(within(sidebar).queryByRole('searchbox', { name: 'Filter pairs' })).not.toBeInTheDocument();

    pairsList = [PRIYA, MEI, ...Array.from({ length: 10 }, (_, i) => summary({ id: `p-${i}`, partnerName: `Alex Example ${i + 1}` }))];
    window.dispatchEvent(new Event('trellis:changed'));
    const filter = await within(sidebar).findByRole('searchbox', { name: 'Filter pairs' });
    expect(within(sidebar).getAllByRole('link')).toHaveLength(12);
    await user.type(filter, 'example 1');
    // "Example 1" and "Example 10", nobody else.
    expect(within(sidebar).getAllByRole('link').map((a) => a.textContent?.trim())).toEqual(['Alex Example 1', 'Alex Example 10']);
    await user.clear(filter);
    await user.type(filter, 'zz');
    expect(within(sidebar).queryAllByRole('link')).toHaveLength(0);
    expect(within(sidebar).getByText('No pair matches “zz”.')).toBeInTheDocument();
  });

  it('reloads the sidebar when something changed', async () => {
    render(App);
    const sidebar = screen.getByRole('region', { name: 'Pairs' });
    await within(sidebar).findByRole('link', { name: 'Priya Raman' });

    pairsList = [];
    window.dispatchEvent(new CustomEvent('trellis:changed'));
    expect(await within(sidebar).findByText('Your pairs will appear here.')).toBeInTheDocument();
  });

  it('opens quick note from the sidebar and with Ctrl+N', async () => {
    const user = userEvent.setup();
    render(App);

    await user.click(screen.getByRole('button', { name: 'Quick note' }));
    expect(screen.getByRole('dialog', { name: 'Quick note' })).toHaveAttribute('open');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();

    await user.keyboard('{Control>}n{/Control}');
    expect(screen.getByRole('dialog', { name: 'Quick note' })).toHaveAttribute('open');
  });

  it('opens the command palette with Ctrl+K: named, focus inside, keyboard only, focus given back on Esc', async () => {
    const user = userEvent.setup();
    render(App);
    await within(screen.getByRole('region', { name: 'Pairs' })).findByRole('link', { name: 'Mei Tanaka' });
    const opener = screen.getByRole('link', { name: 'Organizer' });
    opener.focus();

    await user.keyboard('{Control>}k{/Control}');
    const palette = screen.getByRole('dialog', { name: 'Command palette' });
    const field = within(palette).getByRole('combobox', { name: 'Go to a screen or pair, or run an action' });
    expect(field).toHaveFocus();
    // Screens, actions and pairs.
    const names = within(palette).getAllByRole('option').map((o) => o.textContent);
    expect(names).toEqual(expect.arrayContaining(['Home Screen', 'This week Screen', 'Settings Screen', 'Quick note Action', 'Priya Raman Pair', 'Mei Tanaka Pair']));

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Command palette' })).not.toBeInTheDocument();
    expect(opener).toHaveFocus();

    // Narrow by typing, move with the arrows, run with Enter.
    await user.keyboard('{Control>}k{/Control}');
    await user.keyboard('pair');
    const options = within(screen.getByRole('dialog', { name: 'Command palette' })).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual([
      'New pair Action',
      'Join a pair (open an invite) Action',
      'Priya Raman Pair',
      'Mei Tanaka Pair',
    ]);
    expect(options[0]).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}');
    expect(screen.getByRole('combobox')).toHaveAttribute('aria-activedescendant', options[3]!.id);
    await user.keyboard('{Enter}');
    await waitFor(() => expect(location.hash).toBe('#/pair/p-mei'));
    expect(screen.queryByRole('dialog', { name: 'Command palette' })).not.toBeInTheDocument();
  });

  it('asks which pair for an action when no pair is on screen, then goes to it', async () => {
    const user = userEvent.setup();
    history.replaceState(null, '', '#/');
    render(App);
    await within(screen.getByRole('region', { name: 'Pairs' })).findByRole('link', { name: 'Mei Tanaka' });

    await user.keyboard('{Control>}k{/Control}');
    await user.keyboard('add goal');
    const palette = screen.getByRole('dialog', { name: 'Command palette' });
    expect(within(palette).getAllByRole('option').map((o) => o.textContent)).toEqual(['Add goal… Action']);
    await user.keyboard('{Enter}');
    const ask = within(palette).getByRole('combobox', { name: 'Add goal: which pair?' });
    expect(ask).toHaveFocus();
    expect(ask).toHaveValue('');
    await user.keyboard('mei{Enter}');
    await waitFor(() => expect(location.hash).toBe('#/pair/p-mei/goals'));
    expect(screen.queryByRole('dialog', { name: 'Command palette' })).not.toBeInTheDocument();
  });

  it('goes to Search with Ctrl+F, and focuses its field when already there', async () => {
    const user = userEvent.setup();
    render(App);
    await user.keyboard('{Control>}f{/Control}');
    expect(await screen.findByRole('heading', { level: 1, name: 'Search' })).toBeInTheDocument();
    const box = screen.getByRole('searchbox', { name: 'Search' });
    await waitFor(() => expect(box).toHaveFocus());
    screen.getByRole('link', { name: 'Home' }).focus();
    await user.keyboard('{Control>}f{/Control}');
    expect(box).toHaveFocus();
  });

  it('switching tabs of a pair keeps the pair screen and does not load the pair again', async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === 'get_status') return pairsList;
      if (cmd === 'get_pair_summary') return PRIYA;
      if (cmd === 'get_draft') return null;
      // The tabs' own data is not what this test is about.
      throw { kind: 'not_found', message: `unknown command ${cmd}` };
    });
    const user = userEvent.setup();
    render(App);
    go('#/pair/p-priya');
    expect(await screen.findByRole('heading', { level: 1, name: 'Priya Raman' })).toBeInTheDocument();
    const heading = screen.getByRole('heading', { level: 1, name: 'Priya Raman' });

    await user.click(screen.getByRole('tab', { name: 'Meetings' }));
    await user.click(screen.getByRole('tab', { name: 'Notes' }));

    expect(location.hash).toBe('#/pair/p-priya/notes');
    expect(screen.getByRole('tab', { name: 'Notes' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('heading', { level: 1, name: 'Priya Raman' })).toBe(heading);
    expect(calls.filter((c) => c === 'get_pair_summary')).toHaveLength(1);
  });

  it('opening a pair from a Home card moves focus to its heading and announces it', async () => {
    mockIPC((cmd) => {
      if (cmd === 'get_status') return pairsList;
      if (cmd === 'get_pair_summary') return PRIYA;
      if (cmd === 'get_draft') return null;
      throw { kind: 'not_found', message: `unknown command ${cmd}` };
    });
    const user = userEvent.setup();
    render(App);
    const main = screen.getByRole('main');
    const card = await within(main).findByRole('link', { name: /Priya Raman/ });
    card.focus();
    await user.keyboard('{Enter}');

    const heading = await screen.findByRole('heading', { level: 1, name: 'Priya Raman' });
    await waitFor(() => expect(heading).toHaveFocus());
    expect(screen.getByRole('status')).toHaveTextContent('Priya Raman');

    // A pair's tabs keep focus where the person put it.
    await user.click(screen.getByRole('tab', { name: 'Notes' }));
    expect(screen.getByRole('tab', { name: 'Notes' })).toHaveFocus();

    // Back Home from the sidebar: the Home heading.
    await user.click(screen.getByRole('link', { name: 'Home' }));
    const home = await screen.findByRole('heading', { level: 1, name: 'Home' });
    await waitFor(() => expect(home).toHaveFocus());
  });

  it('says at start when the sync clock ran days ahead, and one button repairs it and clears the notice and Settings', async () => {
    const user = userEvent.setup();
    clockAheadMs = 3 * DAY + 5 * 3_600_000;
    render(App);
    const notice = await screen.findByRole('region', { name: 'This computer’s sync clock is 3 days ahead' });
    expect(notice).toHaveTextContent('refuse updates from this computer');
    expect(calls).not.toContain('repair_sync_clock');

    // Settings shows the same state while the notice stays.
    go('#/settings');
    const row = await screen.findByTestId('sync-clock');
    expect(row).toHaveTextContent('3 days ahead');
    expect(screen.getByRole('region', { name: /sync clock is 3 days ahead/ })).toBeInTheDocument();

    await user.click(within(notice).getByRole('button', { name: 'Repair the clock' }));
    await waitFor(() => expect(screen.queryByTestId('clock-notice')).not.toBeInTheDocument());
    expect(calls.filter((c) => c === 'repair_sync_clock')).toHaveLength(1);
    expect(row).toHaveTextContent('In step with this computer’s date and time.');
    expect(within(row).queryByRole('button')).not.toBeInTheDocument();
    expect(await screen.findByText('The sync clock is repaired')).toBeInTheDocument();
  });

  it('shows no clock notice when the sync clock is fine', async () => {
    render(App);
    await waitFor(() => expect(calls).toContain('get_sync_clock'));
    await within(screen.getByRole('region', { name: 'Pairs' })).findByRole('link', { name: 'Priya Raman' });
    expect(screen.queryByTestId('clock-notice')).not.toBeInTheDocument();
  });
});
