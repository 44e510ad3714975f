import { describe, expect, it } from 'vitest';
import { summary } from '../test/fixtures';
import { actionsLine, checkinLine, criteriaLine, daysAgo, initials, lastMetLine, slug, strongestTone } from './attention';

describe('attention words', () => {
  it('puts the strongest tone first: overdue actions, then a late meeting, then a check-in', () => {
    const s = summary(
      {},
      {
        attention: [
          { kind: 'checkin_due', message: '' },
          { kind: 'meeting_overdue', message: '' },
        ],
      },
    );
    expect(strongestTone(s)).toBe('warning');
    s.attention.push({ kind: 'actions_overdue', message: '' });
    expect(strongestTone(s)).toBe('danger');
    expect(strongestTone(summary())).toBeNull();
  });

  it('says how long ago, how many, and when', () => {
    expect(daysAgo(0)).toBe('today');
    expect(daysAgo(1)).toBe('yesterday');
    expect(daysAgo(12)).toBe('12 days ago');
    expect(lastMetLine(summary({}, { lastMeetingOn: null }))).toBe('No meeting yet');
    expect(lastMetLine(summary({}, { daysSinceMeeting: 12 }))).toBe('Last met 12 days ago');
    expect(actionsLine(summary({}, { openActions: 3, overdueActions: 1 }))).toBe('3 open action items · 1 overdue');
    expect(actionsLine(summary({}, { openActions: 0 }))).toBe('No open action items');
    expect(checkinLine(summary({}, { nextCheckin: { number: 1, dueOn: '2026-04-01', daysUntil: 8 } }))).toBe(
      'Check-in in 8 days',
    );
    expect(checkinLine(summary({}, { nextCheckin: { number: 1, dueOn: '2026-03-01', daysUntil: -3 } }))).toBe(
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
