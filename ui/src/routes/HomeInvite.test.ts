// Home's "Open invite…": the partner's invite file makes the same pair here.
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
  window.prompt = () => '7K3M-Q9XD-2WPA';
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
    if (cmd === 'plugin:dialog|open') return '/home/sam/Downloads/ana.trellis-invite';
    if (cmd === 'plugin:dialog|save') return '/home/sam/answer.trellis-answer';
    if (cmd === 'accept_invite') {
      const out = accept(inputOf(payload).path as string);
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
    const calls = backend(() => ({ pair: JOINED, inserted: 7, safetyCode: '48213 90217 33410 12345', rePaired: false }));
    const asked: string[] = [];
    window.prompt = (message?: string) => {
      asked.push(message ?? '');
      return '7k3m q9xd 2wpa';
    };
    render(Home);

    await user.click(await screen.findByRole('button', { name: 'Open invite…' }));

    await waitFor(() => expect(location.hash).toBe('#/pair/p-ana'));
    const order = calls.map((c) => c.cmd).filter((c) => c !== 'get_status');
    expect(order).toEqual(['plugin:dialog|open', 'plugin:dialog|save', 'accept_invite']);
    expect(asked[0]).toMatch(/one-time code/);
    expect(calls.find((c) => c.cmd === 'accept_invite')!.input).toEqual({
      path: '/home/sam/Downloads/ana.trellis-invite',
      code: '7k3m q9xd 2wpa',
      answerPath: '/home/sam/answer.trellis-answer',
    });
    expect(toasts.items.map((t) => t.title)).toContain('Joined the pair with Ana Souza');
    expect(toasts.items.map((t) => t.message).join(' ')).toMatch(/Safety code: 48213 90217 33410 12345/);
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
