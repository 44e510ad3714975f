import { describe, expect, it } from 'vitest';
import { dateTimeFormat, formatBothZones, formatDate, formatWith, plural } from './format';

describe('format', () => {
  it('shows calendar dates without shifting them by a zone', () => {
    expect(formatDate('2026-03-14')).toBe('14 Mar 2026');
    expect(formatDate(null)).toBe('—');
  });

  it('shows an instant in my zone with the partner’s time beside it', () => {
    const s = formatBothZones('2026-03-14T15:00:00.000+00:00', 'Europe/Berlin', 'America/Chicago');
    expect(s).toContain('16:00');
    expect(s).toContain('partner 10:00');
  });

  it('leaves out the partner when both share a zone', () => {
    expect(formatBothZones('2026-03-14T15:00:00Z', 'UTC', 'UTC')).not.toContain('partner');
  });

  it('counts in words', () => {
    expect(plural(1, 'day')).toBe('1 day');
    expect(plural(3, 'day')).toBe('3 days');
  });
});

describe('formatters made once', () => {
  it('gives the same formatter for the same locale and options, and the same text as toLocaleString', () => {
    const options: Intl.DateTimeFormatOptions = { weekday: 'short', hour: '2-digit', timeZone: 'Asia/Tokyo' };
    expect(dateTimeFormat('en-GB', options)).toBe(dateTimeFormat('en-GB', { ...options }));
    expect(dateTimeFormat('en-GB', options)).not.toBe(dateTimeFormat('en-US', options));

    const at = new Date('2026-03-14T16:00:00Z');
    expect(formatWith(at, 'en-GB', options)).toBe(at.toLocaleString('en-GB', options));
    expect(formatWith(new Date('not a date'), 'en-GB', options)).toBe('Invalid Date');
    expect(() => formatWith(at, 'en-GB', { timeZone: 'Mars/Olympus' })).toThrow(RangeError);
  });
});
