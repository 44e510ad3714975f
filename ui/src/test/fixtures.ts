// Builders for the domain objects the Rust side sends, for component tests.
import type { Pack } from '../bindings/Pack';
import type { PackSummary } from '../bindings/PackSummary';
import type { Pair } from '../bindings/Pair';
import type { PairSummary } from '../bindings/PairSummary';

export function pair(overrides: Partial<Pair> = {}): Pair {
  return {
    id: 'p1',
    myRole: 'mentor',
    partnerName: 'Priya Raman',
    programId: 'openstack-mentoring',
    packVersion: '2026.1',
    cohortId: 'first-patch',
    matchDate: '2026-02-01',
    myTz: 'Europe/Berlin',
    partnerTz: 'Asia/Kolkata',
    cadenceDays: 14,
    status: 'active',
    endReason: null,
    statusChangedOn: null,
    createdAt: '2026-02-01T09:00:00Z',
    updatedAt: '2026-02-01T09:00:00Z',
    ...overrides,
  };
}

export function summary(p: Partial<Pair> = {}, overrides: Partial<PairSummary> = {}): PairSummary {
  return {
    pair: pair(p),
    programName: 'OpenStack Mentoring',
    cohortName: 'Get your first patch merged',
    today: '2026-03-20',
    lastMeetingOn: '2026-03-08',
    daysSinceMeeting: 12,
    nextMeetingDueOn: '2026-03-22',
    openActions: 0,
    overdueActions: 0,
    mine: { open: 0, overdue: 0 },
    theirs: { open: 0, overdue: 0 },
    nextCheckin: { number: 1, dueOn: '2026-04-28', daysUntil: 39, phase: 'upcoming' },
    criteriaMet: 1,
    criteriaTotal: 4,
    readyToGraduate: false,
    attention: [],
    level: null,
    urgency: 0,
    ...overrides,
  };
}

export const PACKS: PackSummary[] = [
  { id: 'openstack-mentoring', name: 'OpenStack Mentoring', version: '2026.1', builtin: true, cohorts: ['first-patch', 'first-cfp'] },
  { id: 'generic', name: 'Generic mentoring program', version: '1.0', builtin: true, cohorts: ['general'] },
];

export const OPENSTACK: Pack = {
  formatVersion: '1.0',
  program: { id: 'openstack-mentoring', name: 'OpenStack Mentoring', version: '2026.1', description: '' },
  checkin: { daysAfterMatch: [90], minGroupSize: 5, timing: 'checkin-number', surveyCriteria: false, surveyCohort: false, dropOff: null, terms: [] },
  cohorts: [
    {
      id: 'first-patch',
      name: 'Get your first patch merged',
      listTag: '[first-patch]',
      description: 'Crafting a change, submitting it to Gerrit and answering reviews until it merges.',
      suggestedGoals: [],
      criteria: [
        { id: 'submitted-change', text: 'Submitted a change to Gerrit' },
        { id: 'merged-one-patch', text: 'Merged one patch' },
      ],
    },
    {
      id: 'first-cfp',
      name: 'First CFP submission / Give your first talk',
      listTag: '[first-cfp]',
      description: 'Submitting a CFP and preparing to give a talk.',
      suggestedGoals: [],
      criteria: [
        { id: 'submitted-cfp', text: 'Submitted a CFP' },
        { id: 'gave-talk', text: 'Gave a talk at an OpenStack user group' },
      ],
    },
  ],
  questions: [],
  defaultQuestions: true,
  builtin: true,
};

export const GENERIC: Pack = {
  ...OPENSTACK,
  program: { id: 'generic', name: 'Generic mentoring program', version: '1.0', description: '' },
  cohorts: [
    {
      id: 'general',
      name: 'General mentoring',
      listTag: null,
      description: 'First contributions.',
      suggestedGoals: [],
      criteria: [{ id: 'first-contribution-merged', text: 'First contribution merged' }],
    },
  ],
};

/** The `input` argument of a command call. */
export function inputOf(payload: unknown): Record<string, unknown> {
  return ((payload as { input?: Record<string, unknown> } | undefined)?.input ?? {}) as Record<string, unknown>;
}
