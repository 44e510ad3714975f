// Home's "Open invite…": the partner's invite file makes the same pair here.
import { chosenFile } from '../test/files';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { render, screen, waitFor, within } from '@testing-library/svelte';
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

const PREVIEW = {
  pairId: 'p-ana',
  inviterName: 'Ana Souza',
  inviterRole: 'mentee',
  myRole: 'mentor',
  programId: 'openstack-mentoring',
  programName: 'OpenStack mentoring',
  cohortId: 'first-patch',
  cohortName: 'First patch',
  newProgram: false,
  goals: 2,
  meetings: 1,
  notes: 3,
  criteria: 4,
  rePair: false,
  safetyCode: '48213 90217 33410 12345',
};

function backend(preview: () => unknown) {
  const calls: { cmd: string; input: Record<string, unknown> }[] = [];
  let joined = false;
  mockIPC((cmd, payload) => {
    calls.push({ cmd, input: inputOf(payload) });
    if (cmd === 'get_status') return joined ? [summary(JOINED)] : [];
    if (cmd === 'choose_open_file') return chosenFile('/home/sam/Downloads/ana.trellis-invite');
    if (cmd === 'choose_save_file') return chosenFile('/home/sam/answer.trellis-answer');
    if (cmd === 'preview_invite') return preview();
    if (cmd === 'accept_invite') {
      joined = true;
      return { pair: JOINED, inserted: 7, safetyCode: '48213 90217 33410 12345', rePaired: false };
    }
    throw { kind: 'not_found', message: `unknown command ${cmd}` };
  });
  return calls;
}

describe('Home: Open invite…', () => {
  it('opens the invite with its code, shows what it holds before writing anything, then joins', async () => {
    const user = userEvent.setup();
    const calls = backend(() => PREVIEW);
    render(Home);

    await user.click(await screen.findByRole('button', { name: 'Open invite…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Join a pair' });
    await user.click(within(dialog).getByRole('button', { name: 'Open invite' }));
    expect(within(dialog).getByText('Type the code your partner told you.')).toBeInTheDocument();
    await user.type(within(dialog).getByLabelText(/One-time code/), '7k3m q9xd 2wpa');
    await user.click(within(dialog).getByRole('button', { name: 'Open invite' }));

    // The decision: who invites, program, cohort, what it adds; nothing written yet.
    expect(await within(dialog).findByText(/Nothing is written until you join/)).toBeInTheDocument();
    expect(dialog.textContent).toMatch(/Ana Souza \(mentee\) invites you as the mentor/);
    expect(dialog.textContent).toMatch(/OpenStack mentoring — First patch/);
    expect(dialog.textContent).toMatch(/2 goals, 1 meeting, 3 shared notes and\s+4 graduation criteria/);
    // The safety code that joining gives, before joining.
    expect(within(dialog).getByTestId('preview-safety-code')).toHaveTextContent('48213 90217 33410 12345');
    expect(calls.map((c) => c.cmd)).not.toContain('accept_invite');
    expect(calls.find((c) => c.cmd === 'preview_invite')!.input).toEqual({
      file: chosenFile('/home/sam/Downloads/ana.trellis-invite').token,
      code: '7k3m q9xd 2wpa',
    });

    await user.click(within(dialog).getByRole('button', { name: 'Join and save the answer…' }));
    expect(await within(dialog).findByTestId('safety-code')).toHaveTextContent('48213 90217 33410 12345');
    expect(calls.find((c) => c.cmd === 'accept_invite')!.input).toEqual({
      file: chosenFile('/home/sam/Downloads/ana.trellis-invite').token,
      code: '7k3m q9xd 2wpa',
      answerFile: chosenFile('/home/sam/answer.trellis-answer').token,
    });
    await user.click(within(dialog).getByRole('button', { name: 'Open the pair' }));
    await waitFor(() => expect(location.hash).toBe('#/pair/p-ana'));
    expect(toasts.items.map((t) => t.title)).toContain('Joined the pair with Ana Souza');
  });

  it('cancels after the preview without joining', async () => {
    const user = userEvent.setup();
    const calls = backend(() => PREVIEW);
    render(Home);

    await user.click(await screen.findByRole('button', { name: 'Open invite…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Join a pair' });
    await user.type(within(dialog).getByLabelText(/One-time code/), '7K3M-Q9XD-2WPA');
    await user.click(within(dialog).getByRole('button', { name: 'Open invite' }));
    expect(await within(dialog).findByTestId('preview-safety-code')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Join a pair' })).not.toBeInTheDocument());
    expect(calls.map((c) => c.cmd)).not.toContain('accept_invite');
    expect(calls.map((c) => c.cmd)).not.toContain('choose_save_file');
  });

  it('says why the code does not open the invite, and writes nothing', async () => {
    const user = userEvent.setup();
    const calls = backend(() => {
      throw { kind: 'format', message: 'invite file: the code does not open this invite (check the code with your partner), or the invite was altered' };
    });
    render(Home);

    await user.click(await screen.findByRole('button', { name: 'Open invite…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Join a pair' });
    await user.type(within(dialog).getByLabelText(/One-time code/), 'AAAA-BBBB-CCCC');
    await user.click(within(dialog).getByRole('button', { name: 'Open invite' }));

    expect(await within(dialog).findByText(/the code does not open this invite/)).toBeInTheDocument();
    expect(calls.map((c) => c.cmd)).not.toContain('accept_invite');
    expect(location.hash).toBe('#/');
  });
});
