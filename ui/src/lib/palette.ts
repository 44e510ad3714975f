// What the command palette (Ctrl+K) offers: every screen, the tabs of the
// pair on screen, every pair, and every action. An action on a pair acts on
// the pair on screen, or asks which pair first. Actions reach the controls a
// person would use (the Log meeting button of the Meetings tab, …), so the
// palette is a shortcut to them, never a second way with other rules.

import type { PairSummary } from '../bindings/PairSummary';
import type { Command } from './components/CommandPalette.svelte';
import { href, type Route } from './router.svelte';
import { t } from '../i18n/index.svelte';

/** A step after reaching the screen: press the first control found by one of
 * these names, or put focus on it (a field by its label, a button, a heading). */
export type Step = { press: readonly string[] } | { focus: readonly string[] };

export interface PairAction {
  id: string;
  label: string;
  /** The pair's tab that holds the control. */
  tab: string;
  steps: readonly Step[];
}

/**
 * The actions on one pair, each with the tab and control it goes through, in
 * the current language: a control is found by the name the screen gives it,
 * so a step's name is the same message as that control's.
 */
export function pairActions(): readonly PairAction[] {
  return [
    {
      id: 'log-meeting',
      label: t('palette.action.logMeeting'),
      tab: 'meetings',
      steps: [{ press: [t('palette.control.logMeeting')] }],
    },
    {
      id: 'add-action',
      label: t('palette.action.addActionItem'),
      tab: 'meetings',
      steps: [{ press: [t('palette.control.logMeeting')] }, { focus: [t('palette.control.actionItem')] }],
    },
    {
      id: 'schedule-meeting',
      label: t('palette.action.scheduleMeeting'),
      tab: 'meetings',
      steps: [{ focus: [t('palette.control.findTimes'), t('palette.control.logAsHeld'), t('palette.control.whenYouMeet')] }],
    },
    { id: 'add-goal', label: t('palette.action.addGoal'), tab: 'goals', steps: [{ press: [t('palette.control.addGoal')] }] },
    { id: 'add-note', label: t('palette.action.addNote'), tab: 'notes', steps: [{ press: [t('palette.control.addNote')] }] },
    {
      id: 'mark-criterion',
      label: t('palette.action.markCriterion'),
      tab: 'graduation',
      steps: [{ focus: [t('palette.control.markMet'), t('palette.control.confirm'), t('palette.control.addCriterion')] }],
    },
    { id: 'export-checkin', label: t('palette.action.exportCheckin'), tab: 'checkin', steps: [] },
  ];
}

/** What running a command may do; the app shell passes the real ones. */
export interface Effects {
  navigate: (to: string) => void;
  /** Carry out `steps` on the screen once it shows their controls. */
  act: (steps: readonly Step[]) => void;
  quickNote: () => void;
  search: (pairId: string | null) => void;
  toggleSidebar: () => void;
}

export interface PaletteContext {
  route: Route;
  pairs: readonly PairSummary[];
  /** Screens of the main navigation, Settings last. */
  screens: readonly { route: string; label: string; href: string }[];
  pairTabs: readonly { id: string; label: string }[];
  sidebarFolded: boolean;
}

/** Every command of the palette, in the order shown. */
export function paletteCommands(ctx: PaletteContext, fx: Effects): Command[] {
  const list: Command[] = [];
  const here = ctx.route.name === 'pair' ? ctx.pairs.find((s) => s.pair.id === (ctx.route as { id: string }).id)?.pair : undefined;
  const onPair = (pairId: string, a: PairAction) => () => {
    fx.navigate(href.pair(pairId, a.tab));
    fx.act(a.steps);
  };

  if (here) {
    for (const tab of ctx.pairTabs) {
      list.push({ id: `tab-${tab.id}`, label: tab.label, group: here.partnerName, run: () => fx.navigate(href.pair(here.id, tab.id)) });
    }
  }
  // Actions on a pair: on the pair on screen, else ask which (active pairs first).
  const choices = [...ctx.pairs].sort((a, b) => Number(b.pair.status === 'active') - Number(a.pair.status === 'active'));
  for (const a of pairActions()) {
    if (here) {
      list.push({ id: `action-${a.id}`, label: a.label, group: t('palette.group.actionOn', { partner: here.partnerName }), run: onPair(here.id, a) });
    } else if (choices.length) {
      list.push({
        id: `action-${a.id}`,
        label: t('palette.choose', { action: a.label }),
        group: t('palette.group.action'),
        choose: () =>
          choices.map((s) => ({ id: `action-${a.id}-${s.pair.id}`, label: s.pair.partnerName, group: a.label, run: onPair(s.pair.id, a) })),
      });
    }
  }
  list.push({ id: 'quick-note', label: t('app.quickNote'), group: t('palette.group.action'), run: fx.quickNote });
  if (here) {
    list.push({ id: 'search-pair', label: t('palette.searchIn', { partner: here.partnerName }), group: t('palette.group.action'), run: () => fx.search(here.id) });
  }
  list.push({ id: 'search', label: t('palette.searchAll'), group: t('palette.group.action'), run: () => fx.search(null) });
  list.push({
    id: 'new-pair',
    label: t('home.newPair'),
    group: t('palette.group.action'),
    run: () => {
      fx.navigate(href.home());
      fx.act([{ press: [t('home.newPair'), t('home.empty.create')] }]);
    },
  });
  list.push({
    id: 'join-pair',
    label: t('palette.joinPair'),
    group: t('palette.group.action'),
    run: () => {
      fx.navigate(href.home());
      fx.act([{ press: [t('home.openInvite')] }]);
    },
  });
  list.push({ id: 'sidebar', label: ctx.sidebarFolded ? t('app.sidebar.expand') : t('app.sidebar.collapse'),
    group: t('palette.group.action'),
    run: fx.toggleSidebar });
  for (const item of ctx.screens) {
    list.push({ id: `screen-${item.route}`, label: item.label, group: t('palette.group.screen'), run: () => fx.navigate(item.href) });
  }
  for (const s of ctx.pairs) {
    list.push({ id: `pair-${s.pair.id}`, label: s.pair.partnerName, group: t('palette.group.pair'), run: () => fx.navigate(href.pair(s.pair.id)) });
  }
  return list;
}

// ------------------------------------------------------- carrying out steps

/** How long a step waits for its control (the screen may still be loading). */
export const STEP_WAIT_MS = 3000;

function nameOf(el: Element): string {
  return (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The control named `name` inside `root`: a button or heading by its name, a field by its label. */
export function findNamed(root: ParentNode, name: string): HTMLElement | null {
  for (const el of root.querySelectorAll<HTMLElement>('button, a[href], h2, h3')) {
    if (nameOf(el) === name && !(el as HTMLButtonElement).disabled) return el;
  }
  for (const label of root.querySelectorAll<HTMLLabelElement>('label')) {
    if (nameOf(label).startsWith(name) && label.htmlFor) {
      const field = document.getElementById(label.htmlFor);
      if (field) return field;
    }
  }
  return null;
}

function scope(): ParentNode {
  return document.querySelector('dialog[open]') ?? document.querySelector('main') ?? document;
}

function find(names: readonly string[]): HTMLElement | null {
  const root = scope();
  for (const n of names) {
    const el = findNamed(root, n);
    if (el) return el;
  }
  return null;
}

/** Wait (as the DOM changes, up to `STEP_WAIT_MS`) for one of `names`. */
function whenShown(names: readonly string[]): Promise<HTMLElement | null> {
  const now = find(names);
  if (now) return Promise.resolve(now);
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      const el = find(names);
      if (el) done(el);
    });
    const timer = setTimeout(() => done(null), STEP_WAIT_MS);
    function done(el: HTMLElement | null) {
      observer.disconnect();
      clearTimeout(timer);
      resolve(el);
    }
    observer.observe(document.body, { childList: true, subtree: true, attributes: true });
  });
}

/** Carry out `steps` one after the other; stops at a control that does not show. */
export async function runSteps(steps: readonly Step[]): Promise<boolean> {
  for (const step of steps) {
    const names = 'press' in step ? step.press : step.focus;
    const el = await whenShown(names);
    if (!el) return false;
    if ('press' in step) {
      el.click();
    } else {
      if (!el.matches('button, a[href], input, select, textarea, [tabindex]')) el.setAttribute('tabindex', '-1');
      el.focus();
      el.scrollIntoView?.({ block: 'nearest' });
    }
  }
  return true;
}
