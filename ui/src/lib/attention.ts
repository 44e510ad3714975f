// Words and tones for a pair's status summary, shared by the home cards, the
// sidebar and anything else that shows what a pair needs. Pure functions.
import type { AttentionKind } from '../bindings/AttentionKind';
import type { AttentionLevel } from '../bindings/AttentionLevel';
import type { CheckinDue } from '../bindings/CheckinDue';
import type { Owed } from '../bindings/Owed';
import type { PairStatus } from '../bindings/PairStatus';
import type { PairSummary } from '../bindings/PairSummary';
import type { Role } from '../bindings/Role';
import type { BadgeTone } from './components/Badge.svelte';
import { formatDate, plural } from './format';

/**
 * The tone of each level of attention (core decides the level): red only for
 * what needs me now — a check-in past its day, a long drift between meetings.
 */
export const LEVEL_TONE: Record<AttentionLevel, BadgeTone> = {
  urgent: 'danger',
  soon: 'warning',
  note: 'info',
  good: 'success',
};

/** The kinds of attention, for lists that name them. */
export const ATTENTION_KINDS: AttentionKind[] = ['checkin_due', 'meeting_overdue', 'actions_overdue', 'ready_to_graduate'];

/** The tone of a pair's strongest attention item, or null when none. */
export function strongestTone(summary: PairSummary): BadgeTone | null {
  return summary.level === null ? null : LEVEL_TONE[summary.level];
}

/** Words for where a check-in stands, the same on Home, the Overview and the Check-in tab. */
export interface CheckinWords {
  /** `In 8 days`, `Due today`, `3 days overdue`, `Missed`, `Done`. */
  main: string;
  /** The due date, or what the phase means. */
  sub: string;
  tone: BadgeTone | null;
}

/** Where a check-in stands, in words (core's `CheckinPhase` decides; this only words it). */
export function checkinWords(c: CheckinDue | null): CheckinWords {
  if (!c) return { main: 'None', sub: 'No check-in in this program', tone: null };
  const date = formatDate(c.dueOn);
  switch (c.phase) {
    case 'done':
      return { main: 'Done', sub: `Survey file saved · was due ${date}`, tone: 'success' };
    case 'missed':
      return { main: 'Missed', sub: `Was due ${date}; it can still be answered`, tone: null };
    case 'overdue':
      return { main: `${plural(-c.daysUntil, 'day')} overdue`, sub: date, tone: 'danger' };
    default: {
      const when =
        c.daysUntil === 0 ? 'Due today' : c.daysUntil === 1 ? 'Tomorrow' : `In ${plural(c.daysUntil, 'day')}`;
      return { main: when, sub: date, tone: c.phase === 'open' ? 'info' : null };
    }
  }
}

/** `2 open · 1 overdue`, `1 open`, `none open`. */
export function owedLine(owed: Owed): string {
  if (owed.open === 0) return 'none open';
  return owed.overdue > 0 ? `${owed.open} open · ${owed.overdue} overdue` : `${owed.open} open`;
}

/** A partner's first name, for short labels: `Sam Rivera (sample)` → `Sam`. */
export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name;
}

export const STATUS_LABEL: Record<PairStatus, string> = {
  active: 'Active',
  paused: 'Paused',
  graduated: 'Graduated',
  ended: 'Ended early',
};

export const STATUS_TONE: Record<PairStatus, BadgeTone> = {
  active: 'accent',
  paused: 'neutral',
  graduated: 'success',
  ended: 'neutral',
};

/** `You’re the mentor` — my role in the pair, in words. */
export function roleLine(role: Role): string {
  return role === 'mentor' ? 'You’re the mentor' : 'You’re the mentee';
}

/** `12 days ago`, `yesterday`, `today`. */
export function daysAgo(days: number): string {
  if (days <= 0) return 'today';
  if (days === 1) return 'yesterday';
  return `${plural(days, 'day')} ago`;
}

/** `every 14 days`, `every day`, `weekly`. */
export function cadenceLine(days: number): string {
  if (days === 7) return 'weekly';
  if (days === 1) return 'every day';
  return `every ${plural(days, 'day')}`;
}

/** `Last met 12 days ago` or `No meeting yet`. */
export function lastMetLine(summary: PairSummary): string {
  if (summary.lastMeetingOn === null) return 'No meeting yet';
  return `Last met ${daysAgo(summary.daysSinceMeeting)}`;
}

/** `3 open · 1 overdue`, `No open action items`. */
export function actionsLine(summary: PairSummary): string {
  if (summary.openActions === 0) return 'No open action items';
  const open = `${plural(summary.openActions, 'open action item')}`;
  return summary.overdueActions > 0 ? `${open} · ${summary.overdueActions} overdue` : open;
}

/** `Check-in in 8 days`, `Check-in due today`, `Check-in 3 days overdue`, `Check-in missed`, or null. */
export function checkinLine(summary: PairSummary): string | null {
  const c = summary.nextCheckin;
  if (!c || c.phase === 'done') return null;
  if (c.phase === 'missed') return 'Check-in missed';
  if (c.daysUntil > 0) return `Check-in in ${plural(c.daysUntil, 'day')}`;
  if (c.daysUntil === 0) return 'Check-in due today';
  return `Check-in ${plural(-c.daysUntil, 'day')} overdue`;
}

/** `2 of 4 criteria met`. */
export function criteriaLine(summary: PairSummary): string {
  if (summary.criteriaTotal === 0) return 'No graduation criteria';
  return `${summary.criteriaMet} of ${summary.criteriaTotal} criteria met`;
}

/** Up to two initials of a display name, for an avatar. */
export function initials(name: string): string {
  const words = name
    .replace(/\(.*?\)/g, ' ')
    .split(/\s+/)
    .filter((w) => /\p{L}/u.test(w));
  const first = words[0]?.[0] ?? name.trim()[0] ?? '?';
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}

/** A file-name-safe slug: `Sam Rivera (sample)` → `sam-rivera-sample`. */
export function slug(text: string): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s || 'pair';
}
