import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import DialogHarness from './test/DialogHarness.svelte';

describe('Dialog', () => {
  it('opens with focus inside, closes on Esc and returns focus to the opener', async () => {
    const user = userEvent.setup();
    const onclose = vi.fn();
    render(DialogHarness, { onclose });

    const opener = screen.getByRole('button', { name: 'Rename goal' });
    await user.click(opener);

    const dialog = screen.getByRole('dialog', { name: 'Rename goal' });
    expect(dialog).toHaveAttribute('open');
    expect(dialog).toHaveAccessibleDescription('Give the goal a clearer name.');
    expect(screen.getByLabelText('Goal title')).toHaveFocus();

    await user.keyboard('{Escape}');

    expect(dialog).not.toHaveAttribute('open');
    expect(screen.getByTestId('state')).toHaveTextContent('closed');
    expect(screen.queryByLabelText('Goal title')).not.toBeInTheDocument();
    expect(opener).toHaveFocus();
    expect(onclose).toHaveBeenCalledTimes(1);
  });

  it('keeps Tab and Shift+Tab inside the dialog', async () => {
    const user = userEvent.setup();
    render(DialogHarness);
    await user.click(screen.getByRole('button', { name: 'Rename goal' }));

    const field = screen.getByLabelText('Goal title');
    const save = screen.getByRole('button', { name: 'Save' });
    const close = screen.getByRole('button', { name: 'Close' });
    expect(field).toHaveFocus();

    save.focus();
    await user.tab();
    expect(close).toHaveFocus();

    await user.tab({ shift: true });
    expect(save).toHaveFocus();
  });

  it('closes with the close button', async () => {
    const user = userEvent.setup();
    render(DialogHarness);
    await user.click(screen.getByRole('button', { name: 'Rename goal' }));
    await user.click(screen.getByRole('button', { name: 'Close' }));

    expect(screen.getByTestId('state')).toHaveTextContent('closed');
  });

  it('brings a field that gets focus wholly into view, not just the part above the footer', async () => {
    const user = userEvent.setup();
    const scrolled: { el: Element; options: unknown }[] = [];
    const original = Element.prototype.scrollIntoView;
    Element.prototype.scrollIntoView = function (this: Element, options?: boolean | ScrollIntoViewOptions) {
      scrolled.push({ el: this, options });
    };
    try {
      render(DialogHarness);
      await user.click(screen.getByRole('button', { name: 'Rename goal' }));
      const field = screen.getByLabelText('Goal title');
      expect(field).toHaveFocus();
      expect(scrolled).toContainEqual({ el: field, options: { block: 'nearest', inline: 'nearest' } });

      // The footer's buttons are always in view: nothing to scroll.
      scrolled.length = 0;
      screen.getByRole('button', { name: 'Save' }).focus();
      expect(scrolled).toEqual([]);
    } finally {
      Element.prototype.scrollIntoView = original;
    }
  });

  it('opens at its top with the first field focused every time, not where the last opening was scrolled to', async () => {
    const user = userEvent.setup();
    render(DialogHarness);
    const opener = screen.getByRole('button', { name: 'Rename goal' });
    await user.click(opener);
    const dialog = screen.getByRole('dialog', { name: 'Rename goal' });
    // jsdom does not scroll: give the dialog a scroll position that sticks, as a browser's does.
    let top = 0;
    Object.defineProperty(dialog, 'scrollTop', { get: () => top, set: (v: number) => (top = v), configurable: true });
    top = 420;
    await user.keyboard('{Escape}');

    await user.click(opener);
    expect(top).toBe(0);
    expect(screen.getByLabelText('Goal title')).toHaveFocus();
  });
});
