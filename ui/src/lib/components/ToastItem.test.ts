import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import ToastItem from './ToastItem.svelte';

describe('ToastItem', () => {
  it('runs its action once and goes away', async () => {
    const run = vi.fn();
    const ondismiss = vi.fn();
    render(ToastItem, {
      toast: { id: 7, tone: 'success', title: 'Note deleted', timeout: 0, action: { label: 'Undo', run } },
      ondismiss,
    });
    await userEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(run).toHaveBeenCalledTimes(1);
    expect(ondismiss).toHaveBeenCalledWith(7);
  });
});
