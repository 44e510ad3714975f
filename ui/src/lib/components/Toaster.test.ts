import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { toasts } from '../toast.svelte';
import Toaster from './Toaster.svelte';

function rect(left: number, top: number, width: number, height: number): DOMRect {
  return { left, top, width, height, right: left + width, bottom: top + height, x: left, y: top, toJSON: () => ({}) } as DOMRect;
}

afterEach(() => {
  toasts.clear();
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

/** A 1200×780 window with a field at `field` and notices 360×80 in size. */
function layout(field: DOMRect) {
  vi.spyOn(window, 'innerWidth', 'get').mockReturnValue(1200);
  vi.spyOn(window, 'innerHeight', 'get').mockReturnValue(780);
  vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (this: HTMLElement) {
    if (this.classList.contains('toaster')) return rect(0, 0, 360, 80);
    if (this.id === 'field') return field;
    return rect(0, 0, 0, 0);
  });
}

function focusField() {
  const input = document.createElement('input');
  input.id = 'field';
  input.setAttribute('aria-label', 'At a glance');
  document.body.append(input);
  input.focus();
  return input;
}

describe('Toaster', () => {
  it('moves the notices to the top while they would cover the focused control', async () => {
    layout(rect(900, 700, 200, 32));
    render(Toaster);
    focusField();
    toasts.notify({ title: 'Meeting logged' });
    const area = screen.getByRole('region', { name: 'Notifications' });
    await vi.waitFor(() => expect(area).toHaveClass('top'));
  });

  it('keeps them at the bottom right when the focused control is elsewhere', async () => {
    layout(rect(300, 200, 400, 32));
    render(Toaster);
    focusField();
    toasts.notify({ title: 'Meeting logged' });
    expect(await screen.findByText('Meeting logged')).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Notifications' })).not.toHaveClass('top');
  });

  it('goes back down when focus moves away from under them', async () => {
    layout(rect(900, 700, 200, 32));
    render(Toaster);
    const input = focusField();
    toasts.notify({ title: 'Saved' });
    const area = screen.getByRole('region', { name: 'Notifications' });
    await vi.waitFor(() => expect(area).toHaveClass('top'));
    input.blur();
    const other = document.createElement('button');
    other.textContent = 'Elsewhere';
    document.body.append(other);
    other.focus();
    await vi.waitFor(() => expect(area).not.toHaveClass('top'));
  });

  it('is an empty live region, not an empty list, while there is nothing to say', async () => {
    render(Toaster);
    const area = screen.getByRole('region', { name: 'Notifications' });
    expect(area.querySelector('[aria-live="polite"]')).toBeInTheDocument();
    expect(within(area).queryByRole('list')).not.toBeInTheDocument();
    toasts.notify({ title: 'Saved' });
    expect(await within(area).findByRole('list')).toBeInTheDocument();
  });

  it('folds several notices into the newest with a count, and unfolds them on request', async () => {
    render(Toaster);
    toasts.notify({ title: 'Goal saved' });
    toasts.notify({ title: 'Note saved' });
    toasts.notify({ title: 'Meeting logged' });
    const area = screen.getByRole('region', { name: 'Notifications' });
    expect(await within(area).findByText('Meeting logged')).toBeVisible();
    expect(within(area).getByText('Goal saved')).not.toBeVisible();
    expect(within(area).getByText('Note saved')).not.toBeVisible();
    const more = within(area).getByRole('button', { name: '2 more' });
    expect(more).toHaveAttribute('aria-expanded', 'false');

    await userEvent.click(more);
    expect(within(area).getByText('Goal saved')).toBeVisible();
    expect(within(area).getByText('Note saved')).toBeVisible();
    expect(within(area).getByRole('button', { name: 'Show only the newest' })).toHaveAttribute('aria-expanded', 'true');

    toasts.clear();
    toasts.notify({ title: 'Alone' });
    expect(await within(area).findByText('Alone')).toBeVisible();
    expect(within(area).queryByRole('button', { name: /more|newest/ })).not.toBeInTheDocument();
  });
});
