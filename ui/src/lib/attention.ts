// Words and tones for a pair's status summary, shared by the home cards, the
// sidebar and anything else that shows what a pair needs. Pure functions.
import type { Attention } from '../bindings/Attention';
import type { AttentionKind } from '../bindings/AttentionKind';
import type { AttentionLevel } from '../bindings/AttentionLevel';
import type { CheckinDue } from '../bindings/CheckinDue';
import type { Owed } from '../bindings/Owed';
import type { PairStatus } from '../bindings/PairStatus';
import type { PairSummary } from '../bindings/PairSummary';
import type { Role } from '../bindings/Role';
import type { BadgeTone } from './components/Badge.svelte';
import { formatDate } from './format';
import { t } from '../i18n/index.svelte';

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
/**
 * What needs attention, in the window's language, from the core's kind and
 * figures (its `message` is the CLI's English).
 */
export function attentionText(a: Attention): string {
  const days = a.days ?? 0;
  switch (a.kind) {
    case 'meeting_overdue':
      return a.cadence === null
        ? t('status.attention.meetingNever', { days })
        : t('status.attention.meetingSince', { days, cadence: a.cadence });
    case 'actions_overdue':
      return t('status.attention.actionsOverdue', { count: a.count ?? 0 });
    case 'checkin_due':
      if (days < 0) return t('status.attention.checkinOverdue', { days: -days });
      return days === 0 ? t('status.attention.checkinToday') : t('status.attention.checkinIn', { days });
    case 'ready_to_graduate':
      return t(a.both ? 'status.attention.readyBoth' : 'status.attention.ready', { count: a.count ?? 0 });
  }
}

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
  if (!c) return { main: t('status.checkin.none'), sub: t('status.checkin.noneSub'), tone: null };
  const date = formatDate(c.dueOn);
  switch (c.phase) {
    case 'done':
      return { main: t('status.checkin.done'), sub: t('status.checkin.doneSub', { date }), tone: 'success' };
    case 'missed':
      return { main: t('status.checkin.missed'), sub: t('status.checkin.missedSub', { date }), tone: null };
    case 'overdue':
      return { main: t('status.checkin.overdue', { count: -c.daysUntil }), sub: date, tone: 'danger' };
    default: {
      const when =
        c.daysUntil === 0
          ? t('status.checkin.dueToday')
          : c.daysUntil === 1
            ? t('status.checkin.tomorrow')
            : t('status.checkin.inDays', { count: c.daysUntil });
      return { main: when, sub: date, tone: c.phase === 'open' ? 'info' : null };
    }
  }
}

/** `2 open · 1 overdue`, `1 open`, `none open`. */
export function owedLine(owed: Owed): string {
  if (owed.open === 0) return t('status.owed.none');
  return owed.overdue > 0
    ? t('status.owed.openOverdue', { open: owed.open, overdue: owed.overdue })
    : t('status.owed.open', { open: owed.open });
}

/** A partner's first name, for short labels: `Sam Rivera (sample)` → `Sam`. */
export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name;
}

/** A pair's status in words, in the current language. */
export function statusLabel(status: PairStatus): string {
  switch (status) {
    case 'active':
      return t('status.pairStatus.active');
    case 'paused':
      return t('status.pairStatus.paused');
    case 'graduated':
      return t('status.pairStatus.graduated');
    case 'ended':
      return t('status.pairStatus.ended');
  }
}

/** `STATUS_LABEL[status]`, read when shown (so it follows the language); prefer `statusLabel`. */
export const STATUS_LABEL: Readonly<Record<PairStatus, string>> = {
  get active() {
    return statusLabel('active');
  },
  get paused() {
    return statusLabel('paused');
  },
  get graduated() {
    return statusLabel('graduated');
  },
  get ended() {
    return statusLabel('ended');
  },
};

export const STATUS_TONE: Record<PairStatus, BadgeTone> = {
  active: 'accent',
  paused: 'neutral',
  graduated: 'success',
  ended: 'neutral',
};

/** `You’re the mentor` — my role in the pair, in words. */
export function roleLine(role: Role): string {
  return role === 'mentor' ? t('status.role.mentor') : t('status.role.mentee');
}

/** `12 days ago`, `yesterday`, `today`. */
export function daysAgo(days: number): string {
  return t('status.daysAgo', { days: Math.max(0, days) });
}

/** `every 14 days`, `every day`, `weekly`. */
export function cadenceLine(days: number): string {
  return t('status.cadence', { days });
}

/** `Last met 12 days ago` or `No meeting yet`. */
export function lastMetLine(summary: PairSummary): string {
  if (summary.lastMeetingOn === null) return t('status.lastMet.none');
  return t('status.lastMet.days', { days: Math.max(0, summary.daysSinceMeeting) });
}

/** `3 open · 1 overdue`, `No open action items`. */
export function actionsLine(summary: PairSummary): string {
  if (summary.openActions === 0) return t('status.actions.none');
  return summary.overdueActions > 0
    ? t('status.actions.openOverdue', { count: summary.openActions, overdue: summary.overdueActions })
    : t('status.actions.open', { count: summary.openActions });
}

/** `Check-in in 8 days`, `Check-in due today`, `Check-in 3 days overdue`, `Check-in missed`, or null. */
export function checkinLine(summary: PairSummary): string | null {
  const c = summary.nextCheckin;
  if (!c || c.phase === 'done') return null;
  if (c.phase === 'missed') return t('status.checkinLine.missed');
  if (c.daysUntil > 0) return t('status.checkinLine.inDays', { count: c.daysUntil });
  if (c.daysUntil === 0) return t('status.checkinLine.dueToday');
  return t('status.checkinLine.overdue', { count: -c.daysUntil });
}

/** `2 of 4 criteria met`. */
export function criteriaLine(summary: PairSummary): string {
  if (summary.criteriaTotal === 0) return t('status.criteria.none');
  return t('status.criteria.met', { met: summary.criteriaMet, total: summary.criteriaTotal });
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
