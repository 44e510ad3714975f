// Words and tones for a pair's status summary, shared by the home cards, the
// sidebar and anything else that shows what a pair needs. Pure functions.
import type { AttentionKind } from '../bindings/AttentionKind';
import type { PairStatus } from '../bindings/PairStatus';
import type { PairSummary } from '../bindings/PairSummary';
import type { Role } from '../bindings/Role';
import type { BadgeTone } from './components/Badge.svelte';
import { plural } from './format';

/** The tone of each kind of attention item. */
export const ATTENTION_TONE: Record<AttentionKind, BadgeTone> = {
  actions_overdue: 'danger',
  meeting_overdue: 'warning',
  checkin_due: 'info',
  ready_to_graduate: 'success',
};

const TONE_RANK: BadgeTone[] = ['danger', 'warning', 'info', 'success'];

/** The strongest tone among a pair's attention items, or null when none. */
export function strongestTone(summary: PairSummary): BadgeTone | null {
  const tones = summary.attention.map((a) => ATTENTION_TONE[a.kind]);
  return TONE_RANK.find((t) => tones.includes(t)) ?? null;
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

/** `Check-in in 8 days`, `Check-in due today`, `Check-in 3 days overdue`, or null. */
export function checkinLine(summary: PairSummary): string | null {
  const c = summary.nextCheckin;
  if (!c) return null;
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
