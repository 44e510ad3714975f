import { describe, expect, it } from 'vitest';
import type { Meeting } from '../../bindings/Meeting';
import { byMonth, opensInFull } from './months';

const meeting = (id: string, startsAt: string): Meeting => ({
  id,
  pairId: 'p',
  startsAt,
  durationMin: 60,
  mode: 'video',
  agenda: '',
  notes: '',
  goalIds: [],
  actions: [],
  carried: [],
  createdAt: startsAt,
  updatedAt: startsAt,
});

describe('the meeting log by month', () => {
  it('groups meetings by the month they started in my zone, with the year in every header', () => {
    const log = [
      meeting('a', '2026-03-02T10:00:00Z'),
      meeting('b', '2026-02-28T23:30:00Z'), // 1 March in Berlin
      meeting('c', '2026-02-10T10:00:00Z'),
      meeting('d', '2017-02-16T10:00:00Z'),
    ];
    const groups = byMonth(log, 'Europe/Berlin');
    expect(groups.map((g) => [g.label, g.meetings.map((m) => m.id)])).toEqual([
      ['March 2026', ['a', 'b']],
      ['February 2026', ['c']],
      ['February 2017', ['d']],
    ]);
    expect(byMonth(log, 'UTC').map((g) => g.label)).toEqual(['March 2026', 'February 2026', 'February 2017']);
    expect(byMonth([], 'UTC')).toEqual([]);
  });

  it('opens the newest three and the last sixty days in full, and folds the rest', () => {
    const today = '2026-03-20';
    const old = meeting('x', '2025-11-01T10:00:00Z');
    expect([0, 1, 2].map((i) => opensInFull(old, i, 'UTC', today))).toEqual([true, true, true]);
    expect(opensInFull(old, 3, 'UTC', today)).toBe(false);
    expect(opensInFull(meeting('y', '2026-01-20T10:00:00Z'), 7, 'UTC', today)).toBe(true);
    expect(opensInFull(meeting('z', '2026-01-18T10:00:00Z'), 7, 'UTC', today)).toBe(false);
  });
});
