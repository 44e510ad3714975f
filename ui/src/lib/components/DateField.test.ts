import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { createRawSnippet } from 'svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setLocale } from '../../i18n/index.svelte';
import { dayFirst, parseDate } from '../dateInput';
import DateField from './DateField.svelte';

// The field shows dates as the window's language writes them: British English here.
beforeEach(() => setLocale('en-GB'));
afterEach(() => setLocale('en'));

const TODAY = '2026-12-04';

describe('parseDate', () => {
  it.each([
    ['3 Dec 2026', '2026-12-03'],
    ['3 December 2026', '2026-12-03'],
    ['Thu 3 Dec 2026', '2026-12-03'],
    ['Dec 3, 2026', '2026-12-03'],
    ['December 3rd 2026', '2026-12-03'],
    ['3-Dec-26', '2026-12-03'],
    ['  2026-12-03 ', '2026-12-03'],
    ['2026/12/3', '2026-12-03'],
    ['29 Feb 2028', '2028-02-29'],
    ['today', TODAY],
    ['Tomorrow', '2026-12-05'],
    ['yesterday', '2026-12-03'],
  ])('reads %j as %s', (text, want) => {
    expect(parseDate(text, 'en-GB', TODAY)).toBe(want);
  });

  it('reads numbers in the order the locale writes them', () => {
    expect(dayFirst('en-GB')).toBe(true);
    expect(dayFirst('en-US')).toBe(false);
    expect(parseDate('3/12/2026', 'en-GB', TODAY)).toBe('2026-12-03');
    expect(parseDate('12/3/2026', 'en-US', TODAY)).toBe('2026-12-03');
    expect(parseDate('3.12.2026', 'de-DE', TODAY)).toBe('2026-12-03');
  });

  it('reads month names in the person’s language as well as English', () => {
    expect(parseDate('3. Dezember 2026', 'de-DE', TODAY)).toBe('2026-12-03');
    expect(parseDate('3 déc. 2026', 'fr-FR', TODAY)).toBe('2026-12-03');
    expect(parseDate('3 Dec 2026', 'fr-FR', TODAY)).toBe('2026-12-03');
  });

  it.each(['', 'soon', '31 Feb 2026', '2026-13-01', '3 Dec', 'Dec 2026', '3 Dec 2026 2027', '3 Foo 2026', '13/13/2026', 'mm/dd/yyyy'])(
    'refuses %j',
    (text) => {
      expect(parseDate(text, 'en-GB', TODAY)).toBeNull();
    },
  );
});

describe('DateField', () => {
  it('shows the date as the app writes it, with no greyed example in the box', () => {
    render(DateField, { label: 'Match date', value: '2026-12-03' });
    const field = screen.getByRole('textbox', { name: 'Match date' });
    expect(field).toHaveValue('3 Dec 2026');
    expect(field).not.toHaveAttribute('placeholder');
    expect(field).toHaveAttribute('type', 'text');
  });

  it('reads what is typed as an ISO value and shows it back as the app writes dates', async () => {
    const user = userEvent.setup();
    let value = '';
    render(DateField, {
      label: 'Due',
      locale: 'en-GB',
      get value() {
        return value;
      },
      set value(v: string) {
        value = v;
      },
    });
    const field = screen.getByRole('textbox', { name: 'Due' });
    await user.type(field, '2026-12-03');
    expect(value).toBe('2026-12-03');
    await user.tab();
    expect(field).toHaveValue('3 Dec 2026');
    expect(field).not.toHaveAttribute('aria-invalid');

    await user.clear(field);
    await user.type(field, 'march 14 2027');
    await user.tab();
    expect(value).toBe('2027-03-14');
    expect(field).toHaveValue('14 Mar 2027');

    await user.clear(field);
    expect(value).toBe('');
  });

  it('refuses text that is not a date at the field, and never keeps the older date', async () => {
    const user = userEvent.setup();
    let value = '2026-12-03';
    render(DateField, {
      label: 'Target date',
      get value() {
        return value;
      },
      set value(v: string) {
        value = v;
      },
    });
    const field = screen.getByRole('textbox', { name: 'Target date' });
    await user.clear(field);
    await user.type(field, '31 Feb 2026');
    await user.tab();
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription(/“31 Feb 2026” is not a date\. Write it like .* or \d{4}-\d{2}-\d{2}\./);
    expect(value).toBe('31 Feb 2026');

    await user.clear(field);
    await user.type(field, '1 Mar 2026');
    await user.tab();
    expect(field).not.toHaveAttribute('aria-invalid');
    expect(value).toBe('2026-03-01');
  });

  it('says when a date is outside the allowed range', async () => {
    const user = userEvent.setup();
    render(DateField, { label: 'Met on', max: '2026-12-04' });
    const field = screen.getByRole('textbox', { name: 'Met on' });
    await user.type(field, '5 Dec 2026');
    await user.tab();
    expect(field).toHaveAccessibleDescription(/Pick 4 Dec 2026 or earlier\./);
  });

  it('moves a day with the arrow keys', async () => {
    const user = userEvent.setup();
    let value = '2026-12-31';
    render(DateField, {
      label: 'Snooze until',
      get value() {
        return value;
      },
      set value(v: string) {
        value = v;
      },
    });
    const field = screen.getByRole('textbox', { name: 'Snooze until' });
    field.focus();
    await user.keyboard('{ArrowUp}');
    expect(value).toBe('2027-01-01');
    expect(field).toHaveValue('1 Jan 2027');
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(value).toBe('2026-12-30');
  });

  it('shows the form’s own error in the same place', () => {
    render(DateField, {
      label: 'Match date',
      value: '2026-12-03',
      error: createRawSnippet(() => ({ render: () => '<span>is more than a year ahead</span>' })),
    });
    expect(screen.getByRole('textbox', { name: 'Match date' })).toHaveAccessibleDescription(/is more than a year ahead/);
  });
});
