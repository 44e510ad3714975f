// The meeting log by month: headers that say the year, so ten years do not
// blur, and which meetings open in full (the present) or as one line.
import type { Meeting } from '../../bindings/Meeting';
import { formatLocale } from '../../i18n/index.svelte';
import { dateTimeFormat } from '../../lib/format';
import { daysBetween, wallClock } from './zone';

export interface MonthGroup {
  /** `2026-02`. */
  key: string;
  /** `February 2026`. */
  label: string;
  meetings: Meeting[];
}

/** How many of the newest meetings always open in full. */
export const OPEN_NEWEST = 3;
/** Meetings older than this many days (beyond the newest few) show as one line. */
export const OPEN_WITHIN_DAYS = 60;

/** Meetings (newest first) grouped by the month they started in, in my zone; order kept. */
export function byMonth(meetings: readonly Meeting[], timeZone: string): MonthGroup[] {
  const groups: MonthGroup[] = [];
  for (const m of meetings) {
    const key = wallClock(m.startsAt, timeZone).slice(0, 7);
    let group = groups.at(-1);
    if (group?.key !== key) {
      const month = dateTimeFormat(formatLocale(), { month: 'long', year: 'numeric', timeZone: 'UTC' });
      group = { key, label: month.format(new Date(`${key}-01T00:00:00Z`)), meetings: [] };
      groups.push(group);
    }
    group.meetings.push(m);
  }
  return groups;
}

/** Whether the meeting at `index` of the log (newest first) opens in full. */
export function opensInFull(meeting: Meeting, index: number, timeZone: string, today: string): boolean {
  if (index < OPEN_NEWEST) return true;
  return daysBetween(wallClock(meeting.startsAt, timeZone).slice(0, 10), today) <= OPEN_WITHIN_DAYS;
}
