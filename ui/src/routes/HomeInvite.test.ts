// Home's "Open invite…": the partner's invite file makes the same pair here.
import { chosenFile, pathOfToken } from '../test/files';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resetPairs } from '../lib/pairs.svelte';
import { toasts } from '../lib/toast.svelte';
import { inputOf, pair, summary } from '../test/fixtures';
import Home from './Home.svelte';

const JOINED = pair({ id: 'p-ana', partnerName: 'Ana Souza', myRole: 'mentor' });

beforeEach(() => {
  history.replaceState(null, '', '#/');
  delete (window as { __TRELLIS_E2E__?: unknown }).__TRELLIS_E2E__;
});

afterEach(() => {
  clearMocks();
  resetPairs();
  toasts.clear();
});

function backend(accept: (path: string) => unknown) {
  const calls: { cmd: string; input: Record<string, unknown> }[] = [];
  let joined = false;
  mockIPC((cmd, payload) => {
    calls.push({ cmd, input: inputOf(payload) });
    if (cmd === 'get_status') return joined ? [summary(JOINED)] : [];
    if (cmd === 'choose_open_file') return chosenFile('/home/sam/Downloads/ana.trellis-invite');
    if (cmd === 'accept_invite') {
      const out = accept(pathOfToken(inputOf(payload).file));
      joined = true;
      return out;
    }
    throw { kind: 'not_found', message: `unknown command ${cmd}` };
  });
  return calls;
}

describe('Home: Open invite…', () => {
  it('accepts the chosen invite file and opens the new pair', async () => {
    const user = userEvent.setup();
    const calls = backend(() => ({ pair: JOINED, inserted: 7 }));
    render(Home);

    await user.click(await screen.findByRole('button', { name: 'Open invite…' }));

    await waitFor(() => expect(location.hash).toBe('#/pair/p-ana'));
    const order = calls.map((c) => c.cmd).filter((c) => c !== 'get_status');
    expect(order).toEqual(['choose_open_file', 'accept_invite']);
    expect(calls.find((c) => c.cmd === 'accept_invite')!.input).toEqual({
      file: chosenFile('/home/sam/Downloads/ana.trellis-invite').token,
    });
    expect(toasts.items.map((t) => t.title)).toContain('Joined the pair with Ana Souza');
  });

  it('shows why a damaged invite was refused and stays home', async () => {
    const user = userEvent.setup();
    backend(() => {
      throw { kind: 'format', message: 'sync file: the invite is damaged or was altered; ask for a new one' };
    });
    render(Home);

    await user.click(await screen.findByRole('button', { name: 'Open invite…' }));

    expect(await screen.findByText('The invite was not opened')).toBeInTheDocument();
    expect(screen.getByText(/the invite is damaged or was altered/)).toBeInTheDocument();
    expect(location.hash).toBe('#/');
  });
});
