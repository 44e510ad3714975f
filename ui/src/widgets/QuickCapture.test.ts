import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { tick } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Draft } from '../bindings/Draft';
import { CHANGED_EVENT, resetPairs } from '../lib/pairs.svelte';
import { router } from '../lib/router.svelte';
import { toasts } from '../lib/toast.svelte';
import { inputOf, summary } from '../test/fixtures';
import QuickCapture from './QuickCapture.svelte';

// Whole dialogs in jsdom are slow when the suite runs in parallel.
vi.setConfig({ testTimeout: 15_000 });

interface Call {
  cmd: string;
  input: Record<string, unknown>;
}

type Handler = (input: Record<string, unknown>) => unknown;

function backend(overrides: Record<string, Handler> = {}) {
  const calls: Call[] = [];
  const drafts = new Map<string, Draft>();
  const handlers: Record<string, Handler> = {
    get_status: () => [
      summary({ id: 'p-priya', partnerName: 'Priya Raman' }),
      summary({ id: 'p-jonas', partnerName: 'Jonas Weber' }),
    ],
    get_draft: (i) => drafts.get(String(i.pairId)) ?? null,
    save_draft: (i) => {
      if (String(i.body) === '') {
        drafts.delete(String(i.pairId));
        return null;
      }
      const d: Draft = {
        pairId: String(i.pairId),
        body: String(i.body),
        visibility: i.visibility as Draft['visibility'],
        updatedAt: '2026-03-20T10:00:00Z',
      };
      drafts.set(d.pairId, d);
      return d;
    },
    publish_draft: (i) => {
      const d = drafts.get(String(i.pairId));
      if (!d) throw { kind: 'not_found', message: 'no draft for this pair' };
      drafts.delete(d.pairId);
      return {
        id: 'n1',
        pairId: d.pairId,
        body: d.body,
        visibility: d.visibility,
        goalId: null,
        forNextMeeting: false,
        meetingId: null,
        createdAt: '2026-03-20T10:00:00Z',
        updatedAt: '2026-03-20T10:00:00Z',
      };
    },
    discard_draft: (i) => {
      drafts.delete(String(i.pairId));
      return null;
    },
    ...overrides,
  };
  mockIPC((cmd, payload) => {
    const input = inputOf(payload);
    calls.push({ cmd, input });
    const handler = handlers[cmd];
    if (!handler) throw { kind: 'not_found', message: `unknown command ${cmd}` };
    return handler(input);
  });
  return { calls, drafts, of: (cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.input) };
}

function goTo(hash: string) {
  history.replaceState(null, '', hash);
  router.sync();
}

beforeEach(() => {
  goTo('#/pair/p-jonas/notes');
});

afterEach(() => {
  clearMocks();
  resetPairs();
  toasts.clear();
  goTo('#/');
});

describe('QuickCapture', () => {
  it('opens with Ctrl+N for the pair on screen and saves the draft as you type', async () => {
    const user = userEvent.setup();
    const api = backend();
    render(QuickCapture);

    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    await user.keyboard('{Control>}n{/Control}');

    const dialog = screen.getByRole('dialog', { name: 'Quick note' });
    expect(dialog).toHaveAttribute('open');
    await waitFor(() => expect(api.of('get_draft')).toEqual([{ pairId: 'p-jonas' }]));
    // The pair is the one on screen, so there is nothing to choose.
    expect(within(dialog).queryByLabelText('Pair')).not.toBeInTheDocument();

    const note = within(dialog).getByRole('textbox', { name: 'Note' });
    await waitFor(() => expect(note).toHaveFocus());
    expect(within(dialog).getByRole('radio', { name: 'Private — never leaves this machine' })).toBeChecked();

    await user.type(note, 'Ask about tox');
    await waitFor(() =>
      expect(api.of('save_draft').at(-1)).toEqual({ pairId: 'p-jonas', body: 'Ask about tox', visibility: 'private' }),
    );
    // Saved after a pause, not once per keystroke.
    expect(api.of('save_draft').length).toBeLessThan(4);
    await waitFor(() => expect(within(dialog).getByText('Draft saved')).toBeInTheDocument());
  });

  it('publishes with Ctrl+Enter, then closes and tells the app', async () => {
    const user = userEvent.setup();
    const api = backend();
    const changed = vi.fn();
    window.addEventListener(CHANGED_EVENT, changed);
    render(QuickCapture, { open: true });

    const note = await screen.findByRole('textbox', { name: 'Note' });
    await waitFor(() => expect(api.of('get_draft')).toHaveLength(1));
    await user.type(note, 'Shared thought');
    await user.click(screen.getByRole('radio', { name: 'Shared with partner' }));
    await user.click(screen.getByRole('checkbox', { name: "Add to the next meeting's agenda" }));
    await user.click(note);
    await user.keyboard('{Control>}{Enter}{/Control}');

    await waitFor(() => expect(api.of('publish_draft')).toEqual([{ pairId: 'p-jonas', attach: { to: 'next_meeting' } }]));
    // The draft held the whole text before it was published.
    expect(api.of('save_draft').at(-1)).toEqual({ pairId: 'p-jonas', body: 'Shared thought', visibility: 'shared' });
    await waitFor(() => expect(screen.getByRole('dialog', { hidden: true })).not.toHaveAttribute('open'));
    expect(toasts.items.map((t) => t.title)).toContain('Note saved');
    expect(changed).toHaveBeenCalled();
    await waitFor(() => expect(api.of('get_status').length).toBeGreaterThan(0));
    window.removeEventListener(CHANGED_EVENT, changed);
  });

  it('brings back a draft left from before', async () => {
    const user = userEvent.setup();
    const api = backend();
    api.drafts.set('p-jonas', {
      pairId: 'p-jonas',
      body: 'Half a thought about the review',
      visibility: 'shared',
      updatedAt: '2026-03-19T18:30:00Z',
    });
    render(QuickCapture);

    await user.keyboard('{Meta>}n{/Meta}');
    const note = screen.getByRole('textbox', { name: 'Note' });
    await waitFor(() => expect(note).toHaveValue('Half a thought about the review'));
    expect(screen.getByRole('radio', { name: 'Shared with partner' })).toBeChecked();
    expect(screen.getByText(/^Draft from /)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Save note' }));
    await waitFor(() => expect(api.of('publish_draft')).toEqual([{ pairId: 'p-jonas', attach: { to: 'none' } }]));
  });

  it('keeps what was typed when closed, and saves it at once', async () => {
    const user = userEvent.setup();
    const api = backend();
    render(QuickCapture, { open: true });
    const note = await screen.findByRole('textbox', { name: 'Note' });
    await waitFor(() => expect(api.of('get_draft')).toHaveLength(1));

    await user.type(note, 'x');
    await user.keyboard('{Escape}');

    await waitFor(() => expect(api.drafts.get('p-jonas')?.body).toBe('x'));
    expect(api.of('publish_draft')).toEqual([]);
  });

  it('asks for a pair, the most urgent first, when none is on screen', async () => {
    const user = userEvent.setup();
    goTo('#/search');
    const api = backend();
    render(QuickCapture);

    await user.keyboard('{Control>}n{/Control}');
    const pairSelect = await screen.findByLabelText('Pair');
    await waitFor(() => expect(pairSelect).toHaveValue('p-priya'));
    await waitFor(() => expect(api.of('get_draft')).toEqual([{ pairId: 'p-priya' }]));

    await user.selectOptions(pairSelect, 'p-jonas');
    await waitFor(() => expect(api.of('get_draft').at(-1)).toEqual({ pairId: 'p-jonas' }));
    expect(screen.getByRole('dialog', { name: 'Quick note' })).toHaveAccessibleDescription(/For Jonas Weber/);
  });

  it('defaults, away from a pair, to the pair last viewed rather than the most urgent', async () => {
    const user = userEvent.setup();
    goTo('#/');
    const api = backend();
    render(QuickCapture);
    // Priya is the most urgent; Jonas is the pair just looked at.
    goTo('#/pair/p-jonas/overview');
    await tick();
    goTo('#/');

    await user.keyboard('{Control>}n{/Control}');
    const pairSelect = await screen.findByLabelText('Pair');
    await waitFor(() => expect(api.of('get_draft')).toEqual([{ pairId: 'p-jonas' }]));
    expect(pairSelect).toHaveValue('p-jonas');
  });

  it('discards the draft only after a confirmation', async () => {
    const user = userEvent.setup();
    const api = backend();
    api.drafts.set('p-jonas', { pairId: 'p-jonas', body: 'Never mind', visibility: 'private', updatedAt: '2026-03-19T18:30:00Z' });
    render(QuickCapture, { open: true });
    const note = await screen.findByRole('textbox', { name: 'Note' });
    await waitFor(() => expect(note).toHaveValue('Never mind'));

    await user.click(screen.getByRole('button', { name: 'Discard' }));
    expect(api.of('discard_draft')).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Keep writing' }));
    expect(note).toHaveValue('Never mind');

    await user.click(screen.getByRole('button', { name: 'Discard' }));
    await user.click(screen.getByRole('button', { name: 'Discard draft' }));
    await waitFor(() => expect(api.of('discard_draft')).toEqual([{ pairId: 'p-jonas' }]));
    expect(api.drafts.has('p-jonas')).toBe(false);
  });

  it('keeps the dialog and the draft when publishing fails, and says why', async () => {
    const user = userEvent.setup();
    const api = backend({
      publish_draft: () => {
        throw { kind: 'storage', message: 'database error (disk full)' };
      },
    });
    render(QuickCapture, { open: true });
    const note = await screen.findByRole('textbox', { name: 'Note' });
    await waitFor(() => expect(api.of('get_draft')).toHaveLength(1));
    await user.type(note, 'Important');

    await user.click(screen.getByRole('button', { name: 'Save note' }));

    const alert = await screen.findByText('Your data could not be read or saved. (Technical detail: database error (disk full))');
    expect(alert.closest('[role="alert"]')).toHaveTextContent('Your data could not be read or saved');
    expect(screen.getByRole('dialog', { name: 'Quick note' })).toHaveAttribute('open');
    expect(note).toHaveValue('Important');
    expect(api.drafts.get('p-jonas')?.body).toBe('Important');
  });

  it('says when the draft could not be saved', async () => {
    const user = userEvent.setup();
    backend({
      save_draft: () => {
        throw { kind: 'storage', message: 'database error (read-only)' };
      },
    });
    render(QuickCapture, { open: true });
    const note = await screen.findByRole('textbox', { name: 'Note' });

    await user.type(note, 'Lost?');
    expect(await screen.findByText('Your data could not be read or saved. (Technical detail: database error (read-only))')).toBeInTheDocument();
    expect(screen.getByText('Not saved')).toBeInTheDocument();
  });

  it('refuses to save an empty note', async () => {
    const user = userEvent.setup();
    const api = backend();
    render(QuickCapture, { open: true });
    await waitFor(() => expect(api.of('get_draft')).toHaveLength(1));

    await user.click(screen.getByRole('button', { name: 'Save note' }));
    expect(screen.getByRole('textbox', { name: 'Note' })).toHaveAccessibleDescription(/Write something first/);
    expect(api.of('publish_draft')).toEqual([]);
  });
});
