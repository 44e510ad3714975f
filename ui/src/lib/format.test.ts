import { describe, expect, it } from 'vitest';
import { formatBothZones, formatDate, plural } from './format';

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
