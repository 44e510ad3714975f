import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import TextField from './TextField.svelte';

describe('TextField', () => {
  it('is labelled and valid when there is no error', () => {
    render(TextField, { label: 'Partner’s name', hint: 'As they like to be called.' });

    const input = screen.getByLabelText('Partner’s name');
    expect(input).not.toHaveAttribute('aria-invalid');
    expect(input).toHaveAccessibleDescription('As they like to be called.');
    expect(screen.queryByText(/required/i)).not.toBeInTheDocument();
  });

  it('shows the error, marks the input invalid and describes it by the error', () => {
    render(TextField, {
      label: 'Partner’s name',
      hint: 'As they like to be called.',
      error: 'A name is required.',
      value: '',
    });

    const input = screen.getByLabelText('Partner’s name');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('A name is required.')).toBeVisible();
    expect(input).toHaveAccessibleDescription('As they like to be called. A name is required.');
  });

  it('reserves the error line even without an error, so nothing shifts', () => {
    const { container } = render(TextField, { label: 'Title' });
    const input = screen.getByLabelText('Title');
    const errorLine = container.querySelector(`#${input.id}-error`);
    expect(errorLine).toBeInTheDocument();
    expect(errorLine).toBeEmptyDOMElement();
  });
});
