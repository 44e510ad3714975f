import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PairSummary } from '../bindings/PairSummary';
import type { Command } from './components/CommandPalette.svelte';
import { pairActions, paletteCommands, runSteps, type Effects, type PaletteContext } from './palette';
import type { Route } from './router.svelte';

const summary = (id: string, partnerName: string, status = 'active'): PairSummary =>
  ({ pair: { id, partnerName, status } }) as PairSummary;
const PAIRS = [summary('p-ended', 'Old Friend', 'ended'), summary('p-mei', 'Mei Tanaka')];
const SCREENS = [
  { route: 'home', label: 'Home', href: '#/' },
  { route: 'search', label: 'Search', href: '#/search' },
  { route: 'settings', label: 'Settings', href: '#/settings' },
];
const TABS = [
  { id: 'overview', label: 'Overview' },
  { id: 'meetings', label: 'Meetings' },
];

function context(route: Route, pairs: PairSummary[] = PAIRS): PaletteContext {
  return { route, pairs, screens: SCREENS, pairTabs: TABS, sidebarFolded: false };
}

function effects() {
  const fx = { navigate: vi.fn(), act: vi.fn(), quickNote: vi.fn(), search: vi.fn(), toggleSidebar: vi.fn() };
  const calls = () => Object.values(fx).reduce((n, f) => n + f.mock.calls.length, 0);
  return { fx: fx as Effects & typeof fx, calls };
}

/** Run `c` (or, for one that asks, each of its choices) and count what it did. */
function assertRunsSomething(c: Command, fx: ReturnType<typeof effects>) {
  if (c.choose) {
    const choices = c.choose();
    expect(choices.length, `${c.label} offers something to choose`).toBeGreaterThan(0);
    for (const sub of choices) assertRunsSomething(sub, fx);
    return;
  }
  expect(c.run, `${c.label} has something to run`).toBeTypeOf('function');
  const before = fx.calls();
  c.run!();
  expect(fx.calls(), `${c.label} (${c.group}) did nothing`).toBeGreaterThan(before);
}

describe('the palette’s commands', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  for (const [where, route, pairs] of [
    ['on a pair', { name: 'pair', id: 'p-mei', tab: null }, PAIRS],
    ['on Home, with pairs', { name: 'home' }, PAIRS],
    ['on Home, with no pair yet', { name: 'home' }, []],
    ['on Search', { name: 'search' }, PAIRS],
  ] as const) {
    it(`each runs something, none is a dead entry (${where})`, () => {
      const fx = effects();
      const list = paletteCommands(context(route as Route, [...pairs]), fx.fx);
      expect(new Set(list.map((c) => c.id)).size, 'ids are unique').toBe(list.length);
      for (const c of list) assertRunsSomething(c, fx);
    });
  }

  it('reaches every screen, pair and action', () => {
    const { fx } = effects();
    const onPair = paletteCommands(context({ name: 'pair', id: 'p-mei', tab: null }), fx).map((c) => c.label);
    for (const label of [
      'Log meeting',
      'Add goal',
      'Add note',
      'Add action item',
      'Schedule meeting',
      'Mark criterion met',
      'Export check-in',
      'Quick note',
      'New pair',
      'Join a pair (open an invite)',
      'Settings',
      'Search everything',
      'Search in Mei Tanaka',
      'Home',
      'Old Friend',
      'Meetings',
    ]) {
      expect(onPair).toContain(label);
    }
  });

  it('acts on the pair on screen, and asks which pair elsewhere (active ones first)', () => {
    const { fx } = effects();
    const here = paletteCommands(context({ name: 'pair', id: 'p-mei', tab: 'goals' }), fx).find((c) => c.id === 'action-log-meeting')!;
    expect(here.group).toBe('Action · Mei Tanaka');
    here.run!();
    expect(fx.navigate).toHaveBeenLastCalledWith('#/pair/p-mei/meetings');
    expect(fx.act).toHaveBeenLastCalledWith([{ press: ['Log meeting'] }]);

    const home = paletteCommands(context({ name: 'home' }), fx).find((c) => c.id === 'action-add-goal')!;
    expect(home.run).toBeUndefined();
    const choices = home.choose!();
    expect(choices.map((c) => c.label)).toEqual(['Mei Tanaka', 'Old Friend']);
    choices[1]!.run!();
    expect(fx.navigate).toHaveBeenLastCalledWith('#/pair/p-ended/goals');
  });

  it('names controls that the screens have (a renamed button fails here, not silently in the palette)', () => {
    // A screen's words are in its source, or (once moved) in the English catalogue of its area.
    const catalogues = import.meta.glob(['../i18n/messages/en/*.json', '!../i18n/messages/en/palette.json'], {
      import: 'default',
      eager: true,
    }) as Record<string, Record<string, string>>;
    const words = Object.values(catalogues).flatMap((area) => Object.values(area));
    const sources = [
      ...Object.values(
        import.meta.glob('../routes/**/*.svelte', { query: '?raw', import: 'default', eager: true }) as Record<string, string>,
      ),
      ...words,
    ].join('\n');
    for (const a of pairActions()) {
      for (const step of a.steps) {
        const names = 'press' in step ? step.press : step.focus;
        expect(names.some((n) => sources.includes(n)), `${a.label}: one of ${names.join(', ')} is on a screen`).toBe(true);
      }
    }
    const home = catalogues['../i18n/messages/en/home.json'] ?? {};
    for (const n of ['New pair', 'Create your first pair', 'Open invite…']) expect(Object.values(home)).toContain(n);
  });
});

describe('carrying out an action’s steps', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('presses a control once it shows and enabled, then focuses a field of the dialog it opened', async () => {
    document.body.innerHTML = '<main><button disabled>Log meeting</button></main>';
    const button = document.querySelector('button')!;
    const pressed = vi.fn(() => {
      document.body.insertAdjacentHTML('beforeend', '<dialog open><label for="f">Action item</label><input id="f"></dialog>');
    });
    button.addEventListener('click', pressed);
    const done = runSteps([{ press: ['Log meeting'] }, { focus: ['Action item'] }]);
    setTimeout(() => button.removeAttribute('disabled'), 10);
    expect(await done).toBe(true);
    expect(pressed).toHaveBeenCalledOnce();
    expect(document.activeElement).toBe(document.getElementById('f'));
  });

  it('gives up on a control that never shows', async () => {
    vi.useFakeTimers();
    try {
      document.body.innerHTML = '<main><h2>Nothing here</h2></main>';
      const done = runSteps([{ press: ['Log meeting'] }]);
      await vi.advanceTimersByTimeAsync(5000);
      expect(await done).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });
});
