import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../i18n/index.svelte';
import type { CheckinPhase } from '../bindings/CheckinPhase';
import { summary } from '../test/fixtures';
import {
  actionsLine,
  attentionText,
  checkinLine,
  checkinWords,
  criteriaLine,
  daysAgo,
  firstName,
  initials,
  lastMetLine,
  owedLine,
  slug,
  strongestTone,
} from './attention';

describe('attention words', () => {
  it('keeps red for the urgent level alone: late action items are amber however many', () => {
    const late = summary(
      {},
      {
        attention: [
          { kind: 'actions_overdue', level: 'soon', message: '9 action items overdue', days: null, cadence: null, count: 9, both: false },
          { kind: 'checkin_due', level: 'note', message: '', days: 8, cadence: null, count: null, both: false },
        ],
        level: 'soon',
      },
    );
    expect(strongestTone(late)).toBe('warning');
    const drifted = summary({}, { attention: [{ kind: 'meeting_overdue', level: 'urgent', message: '', days: null, cadence: 14, count: null, both: false }], level: 'urgent' });
    expect(strongestTone(drifted)).toBe('danger');
    expect(strongestTone(summary({}, { level: 'note' }))).toBe('info');
    expect(strongestTone(summary({}, { level: 'good' }))).toBe('success');
    expect(strongestTone(summary())).toBeNull();
  });

  it('words every phase of a check-in the same way wherever it shows', () => {
    const c = (daysUntil: number, phase: CheckinPhase) => ({ number: 3, dueOn: '2024-08-27', daysUntil, phase });
    expect(checkinWords(c(39, 'upcoming'))).toMatchObject({ main: 'In 39 days', tone: null });
    expect(checkinWords(c(1, 'open'))).toMatchObject({ main: 'Tomorrow', tone: 'info' });
    expect(checkinWords(c(0, 'open'))).toMatchObject({ main: 'Due today', tone: 'info' });
    expect(checkinWords(c(-3, 'overdue'))).toMatchObject({ main: '3 days overdue', tone: 'danger' });
    const missed = checkinWords(c(-632, 'missed'));
    expect(missed.main).toBe('Missed');
    expect(missed.sub).toMatch(/^Was due .*2024/);
    expect(checkinWords(c(-632, 'done')).main).toBe('Done');
    expect(checkinWords(null).sub).toBe('No check-in in this program');
    expect(checkinLine(summary({}, { nextCheckin: c(-632, 'missed') }))).toBe('Check-in missed');
    expect(checkinLine(summary({}, { nextCheckin: c(-632, 'done') }))).toBeNull();
  });

  it('says what each side owes', () => {
    expect(owedLine({ open: 0, overdue: 0 })).toBe('none open');
    expect(owedLine({ open: 2, overdue: 0 })).toBe('2 open');
    expect(owedLine({ open: 3, overdue: 1 })).toBe('3 open · 1 overdue');
    expect(firstName('Sam Rivera (sample)')).toBe('Sam');
  });

  it('says how long ago, how many, and when', () => {
    expect(daysAgo(0)).toBe('today');
    expect(daysAgo(1)).toBe('yesterday');
    expect(daysAgo(12)).toBe('12 days ago');
    expect(lastMetLine(summary({}, { lastMeetingOn: null }))).toBe('No meeting yet');
    expect(lastMetLine(summary({}, { daysSinceMeeting: 12 }))).toBe('Last met 12 days ago');
    expect(actionsLine(summary({}, { openActions: 3, overdueActions: 1 }))).toBe('3 open action items · 1 overdue');
    expect(actionsLine(summary({}, { openActions: 0 }))).toBe('No open action items');
    expect(checkinLine(summary({}, { nextCheckin: { number: 1, dueOn: '2026-04-01', daysUntil: 8, phase: 'open' } }))).toBe(
      'Check-in in 8 days',
    );
    expect(checkinLine(summary({}, { nextCheckin: { number: 1, dueOn: '2026-03-01', daysUntil: -3, phase: 'overdue' } }))).toBe(
      'Check-in 3 days overdue',
    );
    expect(checkinLine(summary({}, { nextCheckin: null }))).toBeNull();
    expect(criteriaLine(summary({}, { criteriaMet: 2, criteriaTotal: 4 }))).toBe('2 of 4 criteria met');
  });

  it('makes initials and file names from display names', () => {
    expect(initials('Sam Rivera (sample)')).toBe('SR');
    expect(initials('amara')).toBe('A');
    expect(initials('Zoë de la Cruz')).toBe('ZC');
    expect(slug('Sam Rivera (sample)')).toBe('sam-rivera-sample');
    expect(slug('Tomás Silva')).toBe('tomas-silva');
    expect(slug('李雷')).toBe('pair');
  });
});

describe('attention in the window’s language', () => {
  afterEach(() => setLocale('en'));

  it('words what the core found from its kind and figures, not from its English message', async () => {
    const drift = { kind: 'meeting_overdue', level: 'urgent', message: 'ignored', days: 23, cadence: 14, count: null, both: false } as const;
    const late = { kind: 'actions_overdue', level: 'soon', message: 'ignored', days: null, cadence: null, count: 1, both: false } as const;
    const due = { kind: 'checkin_due', level: 'urgent', message: 'ignored', days: -5, cadence: null, count: null, both: false } as const;
    expect([drift, late, due].map(attentionText)).toEqual([
      'No meeting for 23 days (agreed: every 14 days)',
      '1 action item overdue',
      'Check-in overdue by 5 days',
    ]);
    await setLocale('de');
    expect([drift, late, due].map(attentionText)).toEqual([
      'Seit 23 Tagen kein Treffen (vereinbart: alle 14 Tage)',
      '1 Aufgabe überfällig',
      'Check-in seit 5 Tagen überfällig',
    ]);
  });
});
