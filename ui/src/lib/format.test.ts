import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../i18n/index.svelte';
import { LOCALES } from '../i18n/locales';
import { parseDate } from './dateInput';
import { dateTimeFormat, formatBothZones, formatDate, formatWith, plural } from './format';

describe('format', () => {
  afterEach(() => setLocale('en'));

  it('shows calendar dates without shifting them by a zone', () => {
    expect(formatDate('2026-03-14')).toBe('Mar 14, 2026');
    expect(formatDate(null)).toBe('—');
  });

  it('writes dates and times as the window’s language does', async () => {
    const when = '2026-03-14T15:00:00.000+00:00';
    const shown: Record<string, [string, string]> = {};
    for (const locale of LOCALES) {
      await setLocale(locale);
      shown[locale] = [formatDate('2026-03-14'), formatBothZones(when, 'Europe/Berlin', 'Europe/Berlin')];
    }
    expect(shown['en']).toEqual(['Mar 14, 2026', 'Sat, Mar 14, 4:00 PM']);
    expect(shown['en-GB']).toEqual(['14 Mar 2026', 'Sat 14 Mar, 16:00']);
    expect(shown['de']?.[0]).toBe('14. März 2026');
    expect(shown['zh-CN']?.[0]).toBe('2026年3月14日');
    expect(shown['ko']?.[0]).toBe('2026년 3월 14일');
    expect(shown['de']?.[1]).toContain('16:00');
  });

  it('reads back every date it shows, in every language', async () => {
    for (const locale of LOCALES) {
      await setLocale(locale);
      for (const day of ['2026-03-14', '2026-12-03', '2027-01-31']) {
        expect(parseDate(formatDate(day), locale), `${locale}: ${formatDate(day)}`).toBe(day);
      }
    }
  });

  it('shows an instant in my zone with the partner’s time beside it', () => {
    const s = formatBothZones('2026-03-14T15:00:00.000+00:00', 'Europe/Berlin', 'America/Chicago');
    expect(s).toContain('4:00 PM');
    expect(s).toContain('partner 10:00 AM');
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
    expect(formatWith(new Date('not a date'), 'en-GB', options)).toBe('—');
    expect(() => formatWith(at, 'en-GB', { timeZone: 'Mars/Olympus' })).toThrow(RangeError);
  });
});
