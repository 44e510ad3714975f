// Shared set-up for the pair screen's tests: the in-memory core behind
// mockIPC, the screen rendered on a tab, and a user to drive it.
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { expect } from 'vitest';
import { resetPairs } from '../lib/pairs.svelte';
import { toasts } from '../lib/toast.svelte';
import Pair from '../routes/Pair.svelte';
import { createPairMock, type PairMock, type PairMockOptions } from './doubles/pair';

export function setUp(options: PairMockOptions = {}): PairMock {
  const mock = createPairMock(options);
  mockIPC((cmd, payload) => mock.handle(cmd, payload));
  return mock;
}

export function tearDown(): void {
  clearMocks();
  toasts.clear();
  resetPairs();
  history.replaceState(null, '', '#/');
}

/** Render the pair screen on a tab and wait until the pair has loaded. */
export async function renderPair(mock: PairMock, tab: string | null = null) {
  const user = userEvent.setup();
  const result = render(Pair, { id: mock.pairId, tab });
  await screen.findByRole('heading', { level: 1, name: mock.state.pair.partnerName });
  return { user, ...result };
}

/** The open dialog with this name. */
export async function dialogNamed(name: string): Promise<HTMLElement> {
  return screen.findByRole('dialog', { name });
}

/** Wait until the dialog with this name has closed. */
export async function closed(name: string): Promise<void> {
  await waitFor(() => expect(screen.queryByRole('dialog', { name })).not.toBeInTheDocument());
}

export { screen, waitFor, within };
