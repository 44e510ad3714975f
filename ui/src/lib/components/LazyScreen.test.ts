import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import LazyScreen, { type ScreenModule } from './LazyScreen.svelte';
import ScreenHarness from './test/ScreenHarness.svelte';

describe('LazyScreen', () => {
  it('marks the area busy while the screen loads, then shows it', async () => {
    let resolve: (m: ScreenModule) => void = () => {};
    const from = () => new Promise<ScreenModule>((r) => (resolve = r));
    const { container } = render(LazyScreen, { from });
    expect(container.querySelector('[aria-busy="true"]')).toBeInTheDocument();
    resolve({ default: ScreenHarness as unknown as ScreenModule['default'] });
    expect(await screen.findByRole('heading', { name: 'Loaded screen' })).toBeInTheDocument();
    expect(container.querySelector('[aria-busy="true"]')).not.toBeInTheDocument();
  });

  it('says when a screen could not be loaded, and loads it again on Try again', async () => {
    let calls = 0;
    const from = () => {
      calls++;
      return calls === 1 ? Promise.reject(new Error('chunk missing')) : new Promise<ScreenModule>(() => {});
    };
    const user = userEvent.setup();
    render(LazyScreen, { from });
    expect(await screen.findByText('This screen could not be opened.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(calls).toBe(2);
  });
});
