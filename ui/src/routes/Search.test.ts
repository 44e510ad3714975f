import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { SearchHit } from '../bindings/SearchHit';
import { inputOf } from '../test/fixtures';
import { refusedInput } from '../test/errors';
import type { PairSummary } from '../bindings/PairSummary';
import { pairs } from '../lib/pairs.svelte';
import { router } from '../lib/router.svelte';
import { laidOutAt, restoreWidth } from '../test/width';
import Search, { forgetLastSearch } from './Search.svelte';

const HITS: SearchHit[] = [
  {
    kind: 'goal',
    itemId: 'g1',
    pairId: 'p1',
    partnerName: 'Priya Raman',
    snippet: [
      { text: 'Set up ', hit: false },
      { text: 'DevStack', hit: true },
      { text: ' on a spare VM', hit: false },
    ],
  },
  {
    kind: 'action',
    itemId: 'a1',
    pairId: 'p2',
    partnerName: 'Jonas Weber',
    snippet: [
      { text: 'Share the ', hit: false },
      { text: 'DevStack', hit: true },
      { text: ' local.conf', hit: false },
    ],
  },
  {
    kind: 'note',
    itemId: 'n1',
    pairId: 'p1',
    partnerName: 'Priya Raman',
    snippet: [
      { text: '<img src=x onerror=alert(1)> <b>', hit: false },
      { text: 'devstack', hit: true },
      { text: '</b> is slow', hit: false },
    ],
  },
  {
    kind: 'milestone',
    itemId: 'm1',
    pairId: 'p1',
    partnerName: 'Priya Raman',
    snippet: [{ text: 'DevStack', hit: true }],
  },
  {
    kind: 'meeting',
    itemId: 'mt1',
    pairId: 'p2',
    partnerName: 'Jonas Weber',
    snippet: [{ text: 'DevStack', hit: true }],
  },
];

/** Every search asked, with the pair it was asked within (as the core filters). */
const scopes: (string | null)[] = [];

function backend(answer: (query: string) => SearchHit[]) {
  const queries: string[] = [];
  scopes.length = 0;
  mockIPC((cmd, payload) => {
    if (cmd !== 'search') throw { kind: 'not_found', message: `unknown command ${cmd}` };
    const input = inputOf(payload);
    const query = String(input.query);
    queries.push(query);
    const pairId = (input.pairId as string | null | undefined) ?? null;
    scopes.push(pairId);
    if (query.length > 20) throw refusedInput('search', { rule: 'too_long', length: 501, max: 500 });
    return answer(query).filter((h) => pairId === null || h.pairId === pairId);
  });
  return queries;
}

afterEach(() => {
  clearMocks();
  forgetLastSearch();
});

describe('Search', () => {
  it('starts with the field focused and a hint', () => {
    backend(() => []);
    render(Search);

    expect(screen.getByRole('searchbox', { name: 'Search' })).toHaveFocus();
    expect(screen.getByRole('heading', { name: 'Search everything you have written' })).toBeInTheDocument();
  });

  it('searches after a pause in typing and marks the matching words', async () => {
    const user = userEvent.setup();
    const queries = backend(() => HITS);
    render(Search);

    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'devstack');
    const results = await screen.findByRole('list', { name: 'Results' });
    // One search for the whole word, not one per keystroke.
    expect(queries).toEqual(['devstack']);
    expect(screen.getByRole('status')).toHaveTextContent('5 results for “devstack”');

    const items = within(results).getAllByRole('listitem');
    expect(items).toHaveLength(5);
    const first = within(items[0]!).getByRole('link');
    expect(first).toHaveTextContent('Goal');
    expect(first).toHaveTextContent('Priya Raman');
    expect(first).toHaveTextContent('Set up DevStack on a spare VM');
    const marks = items[0]!.querySelectorAll('mark');
    expect(Array.from(marks).map((m) => m.textContent)).toEqual(['DevStack']);
  });

  it('searches within one pair when opened for it (Ctrl+F on a pair), and across all again on request', async () => {
    const user = userEvent.setup();
    const queries = backend(() => HITS);
    history.replaceState(null, '', '#/search?pair=p2');
    router.sync();
    pairs.items = [{ pair: { id: 'p2', partnerName: 'Jonas Weber' } } as PairSummary];
    try {
      render(Search);
      await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'devstack');
      const results = await screen.findByRole('list', { name: 'Results' });
      expect(within(results).getAllByRole('listitem').map((li) => within(li).getByRole('link').getAttribute('href'))).toEqual([
        '#/pair/p2/meetings',
        '#/pair/p2/meetings',
      ]);
      expect(screen.getByRole('status')).toHaveTextContent('2 results for “devstack”');

      // The core searched within the pair (not all pairs then filtered here).
      expect(scopes).toEqual(['p2']);
      expect(screen.getByText(/in Jonas Weber/)).toBeInTheDocument();

      await user.click(screen.getByRole('button', { name: 'Search all pairs, not only Jonas Weber' }));
      router.sync();
      await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('5 results for “devstack”'));
      expect(queries).toEqual(['devstack', 'devstack']);
      expect(scopes).toEqual(['p2', null]);
      expect(screen.queryByText(/in Jonas Weber/)).not.toBeInTheDocument();
    } finally {
      pairs.items = [];
      history.replaceState(null, '', '#/');
      router.sync();
    }
  });

  it('links each result to the tab of its pair that holds it', async () => {
    const user = userEvent.setup();
    backend(() => HITS);
    render(Search);
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'devstack');

    const links = within(await screen.findByRole('list', { name: 'Results' })).getAllByRole('link');
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      '#/pair/p1/goals',
      '#/pair/p2/meetings',
      '#/pair/p1/notes',
      '#/pair/p1/goals',
      '#/pair/p2/meetings',
    ]);
    expect(links.map((a) => a.querySelector('.kind')?.textContent)).toEqual([
      'Goal',
      'Action item',
      'Note',
      'Milestone',
      'Meeting',
    ]);
  });

  it('shows markup in a snippet as text, never as HTML', async () => {
    const user = userEvent.setup();
    backend(() => [HITS[2]!]);
    render(Search);
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'devstack{Enter}');

    const results = await screen.findByRole('list', { name: 'Results' });
    expect(results.querySelector('img')).toBeNull();
    expect(results.querySelector('b')).toBeNull();
    expect(results).toHaveTextContent('<img src=x onerror=alert(1)> <b>devstack</b> is slow');
    expect(results.querySelector('mark')?.textContent).toBe('devstack');
  });

  it('says so when nothing matches, and shows a refused search where it was typed', async () => {
    const user = userEvent.setup();
    backend(() => []);
    render(Search);
    const field = screen.getByRole('searchbox', { name: 'Search' });

    await user.type(field, 'kubernetes{Enter}');
    expect(await screen.findByRole('heading', { name: 'Nothing matches' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('No results for “kubernetes”');

    await user.type(field, ' operators on bare metal{Enter}');
    expect(await screen.findByText('This is 501 characters long; the limit is 500.')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('The search did not work');

    await user.clear(field);
    await waitFor(() => expect(screen.getByRole('alert')).toBeEmptyDOMElement());
    expect(screen.getByRole('heading', { name: 'Search everything you have written' })).toBeInTheDocument();
  });

  it('shows the last search again when coming back', async () => {
    const user = userEvent.setup();
    const queries = backend(() => HITS);
    const first = render(Search);
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'devstack{Enter}');
    await screen.findByRole('list', { name: 'Results' });
    first.unmount();

    render(Search);
    expect(screen.getByRole('searchbox', { name: 'Search' })).toHaveValue('devstack');
    expect(await screen.findByRole('list', { name: 'Results' })).toBeInTheDocument();
    expect(queries.at(-1)).toBe('devstack');
  });
});

describe('Search in a wide window', () => {
  afterEach(restoreWidth);

  it('stands the results in columns by the tab that holds them, best first in each', async () => {
    laidOutAt(1500);
    const user = userEvent.setup();
    backend(() => HITS);
    render(Search);
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'devstack');

    const goals = await screen.findByRole('region', { name: /^Goals and milestones/ });
    const meetings = screen.getByRole('region', { name: /^Meetings and action items/ });
    const notes = screen.getByRole('region', { name: /^Notes/ });
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'Goals and milestones 2',
      'Meetings and action items 2',
      'Notes 1',
    ]);
    const hrefs = (column: HTMLElement) => within(column).getAllByRole('link').map((a) => a.getAttribute('href'));
    const kinds = (column: HTMLElement) => within(column).getAllByRole('link').map((a) => a.querySelector('.kind')?.textContent);
    expect(kinds(goals)).toEqual(['Goal', 'Milestone']);
    expect(hrefs(goals)).toEqual(['#/pair/p1/goals', '#/pair/p1/goals']);
    expect(kinds(meetings)).toEqual(['Action item', 'Meeting']);
    expect(hrefs(meetings)).toEqual(['#/pair/p2/meetings', '#/pair/p2/meetings']);
    expect(kinds(notes)).toEqual(['Note']);
    // The count says all of them, and no list holds them all in one column.
    expect(screen.getByRole('status')).toHaveTextContent('5 results for “devstack”');
    expect(screen.queryByRole('list', { name: 'Results' })).not.toBeInTheDocument();
  });

  it('leaves out a column with no results', async () => {
    laidOutAt(1500);
    const user = userEvent.setup();
    backend(() => [HITS[2]!, HITS[4]!]);
    render(Search);
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'devstack{Enter}');

    await screen.findByRole('region', { name: /^Notes/ });
    expect(screen.getAllByRole('region').map((r) => r.querySelector('h2')?.firstChild?.textContent?.trim())).toEqual([
      'Meetings and action items',
      'Notes',
    ]);
  });

  it('keeps one list, best first, in a narrower window', async () => {
    laidOutAt(900);
    const user = userEvent.setup();
    backend(() => HITS);
    render(Search);
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'devstack{Enter}');

    const results = await screen.findByRole('list', { name: 'Results' });
    expect(within(results).getAllByRole('link')).toHaveLength(5);
    expect(screen.queryByRole('region')).not.toBeInTheDocument();
  });
});
