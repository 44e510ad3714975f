import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setLocale } from '../../i18n/index.svelte';
import { parseDateTime, parseTime } from '../dateInput';
import TimeField from './TimeField.svelte';

// The field shows dates as the window's language writes them: British English here.
beforeEach(() => setLocale('en-GB'));
afterEach(() => setLocale('en'));

describe('parseTime', () => {
  it.each([
    ['14:30', '14:30'],
    ['1430', '14:30'],
    ['14.30', '14:30'],
    ['9', '09:00'],
    ['2:30 pm', '14:30'],
    ['2pm', '14:00'],
    ['12 am', '00:00'],
    ['12:15 PM', '12:15'],
    ['0:05', '00:05'],
  ])('reads %j as %s', (text, want) => {
    expect(parseTime(text)).toBe(want);
  });

  it.each(['', '24:00', '14:60', '13 pm', 'noonish', '1:2'])('refuses %j', (text) => {
    expect(parseTime(text)).toBeNull();
  });
});

describe('parseDateTime', () => {
  it.each([
    ['2026-03-19T17:00', '2026-03-19T17:00'],
    ['2026-03-19 17:00', '2026-03-19T17:00'],
    ['19 Mar 2026 17:00', '2026-03-19T17:00'],
    ['Thu 19 March 2026, 5:00 pm', '2026-03-19T17:00'],
    ['today 2pm', '2026-12-04T14:00'],
  ])('reads %j as %s', (text, want) => {
    expect(parseDateTime(text, 'en-GB', '2026-12-04')).toBe(want);
  });

  it.each(['19 Mar 2026', '17:00', '31 Feb 2026 10:00', 'soon'])('refuses %j', (text) => {
    expect(parseDateTime(text, 'en-GB', '2026-12-04')).toBeNull();
  });
});

describe('TimeField', () => {
  it('shows a day and time as the app writes them, and reads what is typed', async () => {
    const user = userEvent.setup();
    let value = '2026-03-19T17:00';
    render(TimeField, {
      label: 'Start',
      withDate: true,
      locale: 'en-GB',
      get value() {
        return value;
      },
      set value(v: string) {
        value = v;
      },
    });
    const field = screen.getByRole('textbox', { name: 'Start' });
    expect(field).toHaveValue('19 Mar 2026 17:00');
    expect(field).not.toHaveAttribute('placeholder');
    await user.clear(field);
    await user.type(field, '20 March 2026 9:30 am');
    await user.tab();
    expect(value).toBe('2026-03-20T09:30');
    expect(field).toHaveValue('20 Mar 2026 09:30');
  });

  it('refuses a time it cannot read at the field', async () => {
    const user = userEvent.setup();
    let value = '';
    render(TimeField, {
      label: 'End',
      get value() {
        return value;
      },
      set value(v: string) {
        value = v;
      },
    });
    const field = screen.getByRole('textbox', { name: 'End' });
    await user.type(field, '25:00');
    await user.tab();
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription('“25:00” is not a time. Write it like 14:30 or 2:30 pm.');
    expect(value).toBe('25:00');
    await user.clear(field);
    await user.type(field, '1:30 pm');
    await user.tab();
    expect(value).toBe('13:30');
    expect(field).toHaveValue('13:30');
    expect(field).not.toHaveAttribute('aria-invalid');
  });
});
