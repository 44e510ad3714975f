// An in-memory stand-in for the pair commands of the Rust core, with a
// realistic OpenStack first-patch pair. Used by the pair screen's tests (with
// `mockIPC`) and by the screenshot script, which bundles it on its own.
// Nothing in the app imports this file, so it never reaches the production
// bundle.
import { mockIPC } from '@tauri-apps/api/mocks';
import type { ActionItem } from '../../bindings/ActionItem';
import type { Attachment } from '../../bindings/Attachment';
import type { Attention } from '../../bindings/Attention';
import type { CalendarFile } from '../../bindings/CalendarFile';
import type { Criterion } from '../../bindings/Criterion';
import type { Goal } from '../../bindings/Goal';
import type { GoalCounts } from '../../bindings/GoalCounts';
import type { GoalLabel } from '../../bindings/GoalLabel';
import type { GoalPage } from '../../bindings/GoalPage';
import type { GoalPatch } from '../../bindings/GoalPatch';
import type { GoalStatus } from '../../bindings/GoalStatus';
import type { Hours } from '../../bindings/Hours';
import type { MarkMet } from '../../bindings/MarkMet';
import type { Meeting } from '../../bindings/Meeting';
import type { MeetingPatch } from '../../bindings/MeetingPatch';
import type { NewAction } from '../../bindings/NewAction';
import type { NewGoal } from '../../bindings/NewGoal';
import type { NewMeeting } from '../../bindings/NewMeeting';
import type { NewNote } from '../../bindings/NewNote';
import type { NewSchedule } from '../../bindings/NewSchedule';
import type { NextMeeting } from '../../bindings/NextMeeting';
import type { Note } from '../../bindings/Note';
import type { NotePage } from '../../bindings/NotePage';
import type { NotePatch } from '../../bindings/NotePatch';
import type { Pack } from '../../bindings/Pack';
import type { Pair } from '../../bindings/Pair';
import type { PairPatch } from '../../bindings/PairPatch';
import type { PairSchedule } from '../../bindings/PairSchedule';
import type { PairStatus } from '../../bindings/PairStatus';
import type { PairSummary } from '../../bindings/PairSummary';
import type { Slot } from '../../bindings/Slot';
import type { StatusChange } from '../../bindings/StatusChange';
import type { TimeWarning } from '../../bindings/TimeWarning';
import type { TimelineEvent } from '../../bindings/TimelineEvent';
import type { TimelinePage } from '../../bindings/TimelinePage';
import { checkinLevel, owedBy, phaseOf, topLevel } from './attention';
import type { TrashItem } from '../../bindings/TrashItem';
import type { TrashKind } from '../../bindings/TrashKind';
import type { Visibility } from '../../bindings/Visibility';
import { chosenFile, pathOfToken } from '../files';
import { addDays, daysBetween, instantOf, wallClock } from '../../routes/pair/zone';
import type { CommandErrorKind } from '../../bindings/CommandErrorKind';
import { asCommandError, commandError, type Failure } from '../errors';
import { handlerOf, inputOf, type Handlers } from './contract';

export interface MockCall {
  cmd: string;
  input: Record<string, unknown>;
}

/** What `failNext` makes a command throw (see `test/errors.ts`). */
export type CommandFailure = Failure;

export interface PairMockOptions {
  /** The core's "today" (in my zone). */
  today?: string;
  /** Start with nothing but the pair and the pack's criteria. */
  empty?: boolean;
  /** Every criterion met (the pair is ready to graduate). */
  allMet?: boolean;
  /** Start in this status (ended pairs get a reason). */
  status?: PairStatus;
  /** Weeks of older history before the sample (see "a long history"). */
  history?: number;
  /** The pair's kept calendar file (none: not kept). */
  calendarFile?: CalendarFile | null;
}

export interface PairMockState {
  pair: Pair;
  goals: Goal[];
  meetings: Meeting[];
  /** Action items not logged with a meeting (and those of deleted meetings). */
  looseActions: ActionItem[];
  notes: Note[];
  criteria: Criterion[];
  deleted: boolean;
  /** Deleted items, newest first, with how to put each back. */
  trash: { item: TrashItem; back: () => void }[];
}

export interface PairMock {
  pairId: string;
  today: string;
  state: PairMockState;
  /** Every command received, in order. */
  calls: MockCall[];
  /** The inputs of every call of one command. */
  inputsOf: (cmd: string) => Record<string, unknown>[];
  /** Make the next call of `cmd` fail with this error, changing nothing. */
  failNext: (cmd: string, error: CommandFailure) => void;
  /** Answer a command (throws `{ kind, message }` like the real shell). */
  handle: (cmd: string, payload?: unknown) => unknown;
}

export const MOCK_PAIR_ID = '01960000-0000-7000-8000-00000000a1a1';

const PACK: Pack = {
  formatVersion: '1.0',
  program: {
    id: 'openstack-mentoring',
    name: 'OpenStack Mentoring',
    version: '2026.1',
    description: 'Long-term, lightweight cohort mentoring for the OpenStack community.',
  },
  checkin: { daysAfterMatch: [90], minGroupSize: 5, timing: 'checkin-number', surveyCriteria: false, surveyCohort: false, dropOff: null, terms: [] },
  cohorts: [
    {
      id: 'first-patch',
      name: 'Get your first patch merged',
      listTag: '[first-patch]',
      description: 'Crafting a change, submitting it to Gerrit and answering reviews until it merges.',
      suggestedGoals: [
        "Set up a development environment and a Gerrit account, following the Developer's Guide",
        'Pick a first bug or small change in an OpenStack project',
        'Submit a first change to Gerrit for review',
        'Respond to review comments with a revised patch set',
        'Get the change merged',
      ],
      criteria: [
        { id: 'submitted-change', text: "Submitted a change to Gerrit following the Developer's Guide" },
        { id: 'responded-to-reviews', text: 'Responded to review comments with a revised patch set' },
        { id: 'merged-one-patch', text: 'Merged one patch' },
      ],
    },
  ],
  questions: [],
  defaultQuestions: true,
  builtin: true,
};

function fail(kind: CommandErrorKind, message: string): never {
  throw commandError(kind, message);
}

function required(field: string, text: string | undefined): string {
  const t = (text ?? '').trim();
  if (!t) fail('invalid', `${field}: must not be empty`);
  return t;
}

function checkUrl(field: string, text: string): string {
  const t = text.trim();
  const lower = t.toLowerCase();
  if (!(lower.startsWith('https://') || lower.startsWith('http://')) || /\s/.test(t)) {
    fail('invalid', `${field}: '${t}' is not a web link; it must start with https:// or http://`);
  }
  return t;
}

function checkDate(field: string, text: string | null | undefined): string | null {
  const t = (text ?? '').trim();
  if (!t) return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(t) || Number.isNaN(Date.parse(t))) {
    fail('invalid', `${field}: '${t}' is not a date; write YYYY-MM-DD`);
  }
  return t;
}

export function createPairMock(options: PairMockOptions = {}): PairMock {
  const today = options.today ?? '2026-03-20';
  const ago = (days: number) => addDays(today, -days);
  const stamp = (date: string) => `${date}T09:00:00Z`;
  let seq = 0;
  const nextId = (prefix: string) => `${prefix}-${String(++seq).padStart(4, '0')}`;

  const pair: Pair = {
    id: MOCK_PAIR_ID,
    myRole: 'mentee',
    partnerName: 'Amara Okafor',
    programId: 'openstack-mentoring',
    packVersion: '2026.1',
    cohortId: 'first-patch',
    matchDate: ago(68),
    myTz: 'Europe/Berlin',
    partnerTz: 'America/Chicago',
    cadenceDays: 14,
    status: options.status ?? 'active',
    endReason: options.status === 'ended' ? 'Amara changed jobs and no longer has the time.' : null,
    statusChangedOn: options.status && options.status !== 'active' ? ago(3) : null,
    createdAt: stamp(ago(68)),
    updatedAt: stamp(ago(68)),
  };

  const workdays = { from: '09:00', to: '18:00' };
  const weekdays: Hours = { days: [workdays, workdays, workdays, workdays, workdays, null, null] };
  let calendarFile: CalendarFile | null = options.calendarFile ?? null;
  let schedule: PairSchedule = {
    pairId: pair.id,
    myTz: pair.myTz,
    partnerTz: pair.partnerTz,
    myHours: weekdays,
    partnerHours: weekdays,
    next: null,
    recurs: false,
    recurZone: null,
  };
  const slotAt = (startsAt: string, minutes: number, warnings: TimeWarning[]): Slot => ({
    startsAt,
    minutes,
    mine: `${wallClock(startsAt, pair.myTz).replace('T', ' ')} (${pair.myTz})`,
    theirs: `${wallClock(startsAt, pair.partnerTz).replace('T', ' ')} (${pair.partnerTz})`,
    warnings,
  });
  const PROPOSALS: Slot[] = [
    { startsAt: '2026-03-17T15:00:00.000Z', minutes: 60, mine: 'Tue 17 Mar 2026 16:00 CET', theirs: 'Tue 17 Mar 2026 10:00 CDT', warnings: [] },
    { startsAt: '2026-03-18T15:00:00.000Z', minutes: 60, mine: 'Wed 18 Mar 2026 16:00 CET', theirs: 'Wed 18 Mar 2026 10:00 CDT', warnings: [] },
  ];

  const state: PairMockState = {
    pair,
    goals: [],
    meetings: [],
    looseActions: [],
    notes: [],
    criteria: [],
    deleted: false,
    trash: [],
  };

  /** Deleting: the item goes to the Trash (30 days), newest first. */
  function toTrash(kind: TrashKind, itemId: string, label: string, back: () => void): TrashItem {
    const deletedAt = stamp(today);
    const item: TrashItem = {
      id: nextId('trash'),
      pairId: pair.id,
      kind,
      itemId,
      label,
      deletedAt,
      purgeAfter: stamp(addDays(today, 30)),
    };
    state.trash.unshift({ item, back });
    return item;
  }

  function takeFromTrash(id: string) {
    const t = state.trash.find((x) => x.item.id === id) ?? fail('not_found', `no item in the Trash matches '${id}'`);
    state.trash = state.trash.filter((x) => x !== t);
    return t;
  }

  function criterion(packId: string | null, text: string, metOn: string | null = null, evidence: string | null = null): Criterion {
    const c: Criterion = {
      id: nextId('crit'),
      pairId: pair.id,
      packCriterionId: packId,
      position: state.criteria.length,
      text,
      met: metOn !== null,
      metOn,
      evidence,
      confirmedBy: metOn ? 'mentor' : null,
    };
    state.criteria.push(c);
    return c;
  }

  function goal(input: NewGoal, achievedOn: string | null = null, doneCount = 0): Goal {
    const id = nextId('goal');
    const status = input.status ?? 'active';
    const g: Goal = {
      id,
      pairId: pair.id,
      title: required('title', input.title),
      why: input.why.trim(),
      status,
      targetDate: checkDate('target date', input.targetDate),
      achievedOn: status === 'achieved' ? (achievedOn ?? today) : null,
      milestones: input.milestones
        .map((t) => t.trim())
        .filter(Boolean)
        .map((text, position) => ({
          id: nextId('ms'),
          goalId: id,
          position,
          text,
          done: position < doneCount,
          doneOn: position < doneCount ? (achievedOn ?? ago(20)) : null,
        })),
      criterionIds: [...input.criterionIds],
      createdAt: stamp(today),
      updatedAt: stamp(today),
    };
    state.goals.push(g);
    return g;
  }

  function action(input: NewAction, meetingId: string | null, createdOn: string, doneOn: string | null = null): ActionItem {
    return {
      id: nextId('act'),
      pairId: pair.id,
      meetingId,
      text: required('action item', input.text),
      owner: input.owner,
      dueDate: checkDate('due date', input.dueDate),
      done: doneOn !== null,
      doneOn,
      createdAt: stamp(createdOn),
    };
  }

  function startOf(text: string, field = 'start'): string {
    const at = instantOf(text, pair.myTz);
    if (at) return at.toISOString().replace('.000Z', 'Z');
    if (!Number.isNaN(Date.parse(text))) return new Date(text).toISOString().replace('.000Z', 'Z');
    fail('invalid', `${field}: '${text}' is not a time; write YYYY-MM-DD HH:MM (in your zone) or RFC 3339`);
  }

  function minutesOf(start: string, durationMin: number | undefined, endsAt: string | undefined): number {
    const end = endsAt?.trim();
    if (durationMin !== undefined && end) fail('invalid', 'duration: give a duration or an end time, not both');
    let m = durationMin ?? 60;
    if (end) {
      const e = Date.parse(startOf(end, 'end'));
      if (e <= Date.parse(start)) fail('invalid', 'end: is before the start; a meeting must end after it starts');
      m = Math.round((e - Date.parse(start)) / 60_000);
    }
    if (!(m >= 1 && m <= 1440)) fail('invalid', 'duration: must be between 1 minute and 24 hours');
    return m;
  }

  function meeting(input: Omit<NewMeeting, 'carried' | 'closed'>, doneActions: number[] = []): Meeting {
    const id = nextId('meet');
    const startsAt = startOf(input.startsAt);
    const day = wallClock(startsAt, pair.myTz).slice(0, 10);
    const m: Meeting = {
      id,
      pairId: pair.id,
      startsAt,
      durationMin: minutesOf(startsAt, input.durationMin, input.endsAt),
      mode: input.mode ?? 'video',
      agenda: input.agenda.trim(),
      notes: input.notes.trim(),
      goalIds: [...input.goalIds],
      actions: input.actions.map((a, i) => action(a, id, day, doneActions.includes(i) ? addDays(day, 5) : null)),
      carried: [],
      createdAt: stamp(day),
      updatedAt: stamp(day),
    };
    state.meetings.push(m);
    for (const n of state.notes) {
      if (n.forNextMeeting && n.meetingId === null) n.meetingId = id;
    }
    return m;
  }

  function note(input: NewNote, on: string = today): Note {
    const n: Note = {
      id: nextId('note'),
      pairId: pair.id,
      body: required('note', input.body),
      visibility: input.visibility,
      goalId: input.attach.to === 'goal' ? input.attach.goalId : null,
      forNextMeeting: input.attach.to === 'next_meeting',
      meetingId: null,
      createdAt: stamp(on),
      updatedAt: stamp(on),
    };
    state.notes.push(n);
    return n;
  }

  // ------------------------------------------------------------ sample data
  const cohort = PACK.cohorts[0]!;
  const [submitted, responded, merged] = cohort.criteria.map((c, i) =>
    criterion(
      c.id,
      c.text,
      options.empty ? null : [ago(31), null, null][i],
      options.empty ? null : ['https://review.opendev.org/c/openstack/nova/+/912345', null, null][i],
    ),
  );
  if (!options.empty) {
    const own = criterion(null, 'Attended a Nova team meeting and offered input', ago(9));
    own.confirmedBy = 'mentee';

    const env = goal(
      {
        title: 'Set up DevStack and a Gerrit account',
        why: 'Everything else depends on a working environment and being able to push for review.',
        status: 'achieved',
        targetDate: ago(45),
        milestones: ['Sign the contributor agreement', 'Configure git-review', 'Run DevStack on a spare VM'],
        criterionIds: [],
      },
      ago(50),
      3,
    );
    const patch = goal(
      {
        title: 'Get my first patch merged in Nova',
        why: 'Learn the Gerrit workflow end to end and earn my first merged change.',
        status: 'active',
        targetDate: addDays(today, 24),
        milestones: [
          'Pick a low-hanging-fruit bug',
          'Push a first draft to Gerrit',
          'Answer every review comment with a new patch set',
          'Get two +2 votes and a merge',
        ],
        criterionIds: [submitted!.id, responded!.id, merged!.id],
      },
      null,
      2,
    );
    const meetingGoal = goal({
      title: 'Join a Nova team meeting and offer input',
      why: 'Get to know the people who review my changes, and how decisions are made.',
      status: 'proposed',
      milestones: ['Find the meeting time on eavesdrop', 'Read the last two meeting logs'],
      criterionIds: [own.id],
    });
    void meetingGoal;

    const at = (days: number, time: string) => `${ago(days)} ${time}`;
    meeting(
      {
        startsAt: at(64, '17:00'),
        durationMin: 45,
        mode: 'video',
        agenda: 'Introductions\nWhat I want from the next three months',
        notes: 'Agreed to meet every two weeks on Thursdays. Amara suggested starting with DevStack on a VM rather than my laptop.',
        goalIds: [env.id],
        actions: [
          { text: 'Install DevStack on a spare VM', owner: 'mentee', dueDate: ago(57) },
          { text: 'Share the list of low-hanging-fruit bugs', owner: 'mentor', dueDate: ago(58) },
        ],
      },
      [0, 1],
    );
    meeting(
      {
        startsAt: at(50, '17:00'),
        durationMin: 30,
        mode: 'chat',
        agenda: 'DevStack status\nChoosing a first bug',
        notes: 'DevStack works. Picked a small bug in the API reference docs (#2045117) to start with.',
        goalIds: [env.id, patch.id],
        actions: [{ text: 'Push a first draft of the fix to Gerrit', owner: 'mentee', dueDate: ago(40) }],
      },
      [0],
    );
    meeting(
      {
        startsAt: at(36, '17:30'),
        durationMin: 60,
        mode: 'video',
        agenda: 'Walk through the first review together',
        notes: 'Went through the reviewer comments line by line. Zuul failed on an unrelated job — recheck is fine.',
        goalIds: [patch.id],
        actions: [
          { text: 'Address the two comments on patch set 2', owner: 'mentee', dueDate: ago(30) },
          { text: 'Ask a core reviewer to take a look', owner: 'mentor', dueDate: ago(28) },
        ],
      },
      [0, 1],
    );
    meeting(
      {
        startsAt: at(22, '16:00'),
        durationMin: 90,
        mode: 'event',
        agenda: 'Meet at the Berlin OpenInfra user group',
        notes: 'Met in person after the talks. Talked about the Nova team meeting and how to offer input there.',
        goalIds: [patch.id],
        actions: [
          { text: 'Add the unit test the reviewer asked for', owner: 'mentee', dueDate: ago(3) },
          { text: 'Introduce me to the Nova PTL on IRC', owner: 'mentor', dueDate: addDays(today, 4) },
        ],
      },
      [],
    );
    note({ body: 'Ask Amara how to run only the unit tests my change touches — tox -e py3 takes forever.', visibility: 'shared', attach: { to: 'next_meeting' } }, ago(4));
    note({ body: 'Feeling nervous about the first -1. Remember: reviews are about the code, not about me.', visibility: 'private', attach: { to: 'none' } }, ago(33));
    note({ body: 'Reviewer prefers small patch sets.\nSplit the refactor from the fix next time.', visibility: 'shared', attach: { to: 'goal', goalId: patch.id } }, ago(20));
    note({ body: 'Maybe say I would like to try reviewing others’ changes too?', visibility: 'private', attach: { to: 'next_meeting' } }, ago(2));
  }

  // ---------------------------------------------------------- a long history
  // `history` weeks before the sample, each with a meeting and two notes, and
  // every fourth a goal achieved (or dropped): a pair of many years, for the
  // lists that come a page at a time.
  const weeks = options.empty ? 0 : (options.history ?? 0);
  if (weeks > 0) {
    pair.matchDate = ago(68 + 7 * weeks);
    pair.createdAt = stamp(pair.matchDate);
    for (let w = 0; w < weeks; w++) {
      const day = addDays(pair.matchDate, 7 * w + 3);
      state.meetings.push({
        id: nextId('meet'),
        pairId: pair.id,
        startsAt: `${day}T15:00:00Z`,
        durationMin: 30,
        mode: 'video',
        agenda: '',
        notes: `Week ${w + 1}: went through the open reviews.`,
        goalIds: [],
        actions: [],
        carried: [],
        createdAt: stamp(day),
        updatedAt: stamp(day),
      });
      for (const visibility of ['shared', 'private'] as const) {
        state.notes.push({
          id: nextId('note'),
          pairId: pair.id,
          body: visibility === 'shared' ? `Week ${w + 1}: a question for the next call.` : `Week ${w + 1}: a thought to keep to myself.`,
          visibility,
          goalId: null,
          forNextMeeting: false,
          meetingId: null,
          createdAt: `${day}T${visibility === 'shared' ? '18' : '20'}:00:00Z`,
          updatedAt: `${day}T${visibility === 'shared' ? '18' : '20'}:00:00Z`,
        });
      }
      if (w % 4 === 3) {
        const dropped = w % 20 === 19;
        state.goals.push({
          id: nextId('goal'),
          pairId: pair.id,
          title: `Older goal of week ${w + 1}`,
          why: '',
          status: dropped ? 'dropped' : 'achieved',
          targetDate: null,
          achievedOn: dropped ? null : day,
          milestones: [],
          criterionIds: [],
          createdAt: stamp(addDays(day, -21)),
          updatedAt: stamp(day),
        });
      }
    }
  }

  if (options.allMet) {
    for (const [i, c] of state.criteria.entries()) {
      if (c.met) continue;
      Object.assign(c, { met: true, metOn: ago(6 - i), confirmedBy: 'mentor' });
      if (c.packCriterionId === 'merged-one-patch') c.evidence = 'https://review.opendev.org/c/openstack/nova/+/912345';
    }
  }

  // --------------------------------------------------------------- queries
  const allActions = (): ActionItem[] => [...state.meetings.flatMap((m) => m.actions), ...state.looseActions];
  const findAction = (id: string) => allActions().find((a) => a.id === id) ?? fail('not_found', `no action item matches '${id}'`);
  const findGoal = (id: string) => state.goals.find((g) => g.id === id) ?? fail('not_found', `no goal matches '${id}'`);
  const findMeeting = (id: string) => state.meetings.find((m) => m.id === id) ?? fail('not_found', `no meeting matches '${id}'`);
  const findNote = (id: string) => state.notes.find((n) => n.id === id) ?? fail('not_found', `no note matches '${id}'`);
  const findCriterion = (id: string) => state.criteria.find((c) => c.id === id) ?? fail('not_found', `no criterion matches '${id}'`);
  const findMilestone = (id: string) => {
    for (const g of state.goals) {
      const m = g.milestones.find((x) => x.id === id);
      if (m) return { goal: g, milestone: m };
    }
    return fail('not_found', `no milestone matches '${id}'`);
  };
  const checkPair = (id: unknown) => {
    if (id !== pair.id || state.deleted) fail('not_found', `no pair matches '${String(id)}'`);
  };
  const byStart = (a: Meeting, b: Meeting) => Date.parse(b.startsAt) - Date.parse(a.startsAt);
  const dayOf = (m: Meeting) => wallClock(m.startsAt, pair.myTz).slice(0, 10);

  function lastMeetingOn(): string | null {
    const [last] = [...state.meetings].sort(byStart);
    return last ? dayOf(last) : null;
  }

  function openActions(): ActionItem[] {
    return allActions()
      .filter((a) => !a.done)
      .sort((a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') || a.createdAt.localeCompare(b.createdAt));
  }

  function summary(): PairSummary {
    const last = lastMeetingOn();
    const nextDue = addDays(last ?? pair.matchDate, pair.cadenceDays);
    const open = openActions();
    const overdue = open.filter((a) => a.dueDate !== null && a.dueDate < today).length;
    const met = state.criteria.filter((c) => c.met).length;
    const total = state.criteria.length;
    const ready = total > 0 && met === total && (pair.status === 'active' || pair.status === 'paused');
    const checkinOn = addDays(pair.matchDate, 90);
    const daysUntil = daysBetween(today, checkinOn);
    const phase = phaseOf(daysUntil, false);
    const attention: Attention[] = [];
    const since = daysBetween(last ?? pair.matchDate, today);
    if (pair.status === 'active') {
      if (since > pair.cadenceDays) {
        const level = since - pair.cadenceDays > pair.cadenceDays ? 'urgent' : 'soon';
        attention.push({ kind: 'meeting_overdue', level, message: `No meeting for ${since} days (agreed every ${pair.cadenceDays})` });
      }
      if (overdue > 0) {
        attention.push({ kind: 'actions_overdue', level: 'soon', message: `${overdue} action item${overdue === 1 ? ' is' : 's are'} overdue` });
      }
      if (phase === 'open' || phase === 'overdue') {
        attention.push({
          kind: 'checkin_due',
          level: checkinLevel(phase, daysUntil),
          message: daysUntil < 0 ? `Check-in 1 was due ${-daysUntil} days ago` : `Check-in 1 is due in ${daysUntil} days`,
        });
      }
    }
    if (ready) attention.push({ kind: 'ready_to_graduate', level: 'good', message: 'Every graduation criterion is met' });
    return {
      pair: { ...pair },
      programName: PACK.program.name,
      cohortName: cohort.name,
      today,
      lastMeetingOn: last,
      daysSinceMeeting: since,
      nextMeetingDueOn: nextDue,
      openActions: open.length,
      overdueActions: overdue,
      mine: owedBy(open, pair.myRole, today),
      theirs: owedBy(open, pair.myRole === 'mentor' ? 'mentee' : 'mentor', today),
      nextCheckin: { number: 1, dueOn: checkinOn, daysUntil, phase },
      criteriaMet: met,
      criteriaTotal: total,
      readyToGraduate: ready,
      attention,
      level: topLevel(attention),
      urgency: attention.length,
    };
  }

  function timeline(): TimelineEvent[] {
    const events: TimelineEvent[] = [
      { on: pair.matchDate, kind: 'match', label: `Matched with ${pair.partnerName}`, itemId: pair.id },
    ];
    for (const m of state.meetings) {
      events.push({ on: dayOf(m), kind: 'meeting', label: `Meeting, ${m.durationMin} min (${m.mode.replace('_', ' ')})`, itemId: m.id });
    }
    for (const g of state.goals) {
      if (g.achievedOn) events.push({ on: g.achievedOn, kind: 'goal_achieved', label: g.title, itemId: g.id });
    }
    for (const c of state.criteria) {
      if (c.metOn) events.push({ on: c.metOn, kind: 'criterion_met', label: c.text, itemId: c.id });
    }
    return events.sort((a, b) => a.on.localeCompare(b.on));
  }

  /** Like the core: about `limit` events before `before`, newest first, in whole days. */
  function timelinePage(before: string | null, limit: number): TimelinePage {
    const older = timeline()
      .filter((e) => before === null || e.on < before)
      .sort((a, b) => b.on.localeCompare(a.on));
    const last = older[Math.max(1, Math.min(limit, 1000)) - 1]?.on;
    const events = last === undefined ? older : older.filter((e) => e.on >= last);
    const more = last !== undefined && older.some((e) => e.on < last);
    return { events, before: more ? last : null, meetingCount: state.meetings.length };
  }

  const RANK: Record<GoalStatus, number> = { active: 0, proposed: 1, achieved: 2, dropped: 3 };
  const newestFirst = <T extends { createdAt: string; id: string }>(a: T, b: T) =>
    b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id);

  /** Like the core: clamp the limit, one more to know whether more follow. */
  function pageOf<T>(list: T[], offset: number, limit: number): { items: T[]; offset: number; hasMore: boolean } {
    const n = Math.max(1, Math.min(limit, 500));
    return { items: list.slice(offset, offset + n), offset, hasMore: list.length > offset + n };
  }

  function goalPage(offset: number, limit: number): GoalPage {
    const sorted = [...state.goals].sort((a, b) => RANK[a.status] - RANK[b.status] || newestFirst(a, b));
    return pageOf(sorted, offset, limit);
  }

  function notePage(visibility: Visibility | null, offset: number, limit: number): NotePage {
    const sorted = state.notes.filter((n) => visibility === null || n.visibility === visibility).sort(newestFirst);
    return pageOf(sorted, offset, limit);
  }

  function goalCounts(): GoalCounts {
    const counts: GoalCounts = { proposed: 0, active: 0, achieved: 0, dropped: 0 };
    for (const g of state.goals) counts[g.status] += 1;
    return counts;
  }

  function goalLabels(include: string[]): GoalLabel[] {
    return [...state.goals]
      .filter((g) => g.status === 'active' || g.status === 'proposed' || include.includes(g.id))
      .sort((a, b) => RANK[a.status] - RANK[b.status] || newestFirst(a, b))
      .map((g) => ({ id: g.id, title: g.title, status: g.status }));
  }

  // Snoozes by action id (core keeps them in `action_item.snoozed_until`).
  const snoozes = new Map<string, string>();
  const OLDER_AFTER_DAYS = 60;
  const isOlder = (a: ActionItem) => {
    const from = [a.createdAt.slice(0, 10), snoozes.get(a.id) ?? ''].sort().at(-1) ?? '';
    return daysBetween(from, today) > OLDER_AFTER_DAYS;
  };
  const isSnoozed = (a: ActionItem) => (snoozes.get(a.id) ?? '') > today;
  const openOf = (ids: unknown): ActionItem[] => {
    const list = (ids as string[]).map((id) => findAction(id));
    if (list.length === 0) fail('invalid', 'action items: none chosen');
    for (const a of list) {
      if (a.pairId !== pair.id) fail('invalid', `action items: ${a.id} belongs to another pair`);
      if (a.done) fail('invalid', `action items: ${a.id} is already done`);
    }
    return list;
  };

  function nextMeeting(): NextMeeting {
    const all = openActions().filter((a) => !isSnoozed(a));
    const open = all.filter((a) => !isOlder(a));
    const older = all.filter(isOlder);
    const pending = state.notes.filter((n) => n.forNextMeeting && n.meetingId === null);
    let agenda = '';
    if (open.length) {
      agenda += 'Carried forward:\n';
      for (const a of open) agenda += `- [ ] ${a.text} (${a.owner}${a.dueDate ? `, due ${a.dueDate}` : ''})\n`;
    }
    const shared = pending.filter((n) => n.visibility === 'shared');
    if (shared.length) {
      if (agenda) agenda += '\n';
      agenda += 'From notes:\n';
      for (const n of shared) agenda += `- ${n.body.split('\n')[0]}\n`;
    }
    return {
      pairId: pair.id,
      dueOn: addDays(lastMeetingOn() ?? pair.matchDate, pair.cadenceDays),
      openActions: open.map((a) => ({ ...a })),
      olderActions: older.map((a) => ({ ...a })),
      snoozed: openActions().filter(isSnoozed).length,
      olderAfterDays: OLDER_AFTER_DAYS,
      notes: pending.map((n) => ({ ...n })),
      agenda,
    };
  }

  function touch(g: Goal) {
    g.updatedAt = stamp(today);
  }

  const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

  // -------------------------------------------------------------- commands
  const commands: Handlers = {
    app_info: () => ({ version: '0.1.0', dataDir: '/home/ada/.local/share/org.trellis.app' }),
    get_status: () => (state.deleted ? [] : [summary()]),
    get_pair_summary: (i) => (checkPair(i.pairId), summary()),
    get_pack: (i) => (i.programId === PACK.program.id ? PACK : fail('not_found', `no program pack '${String(i.programId)}'`)),
    get_timeline: (i) => (checkPair(i.pairId), timelinePage((i.before as string | null) ?? null, Number(i.limit))),
    get_draft: () => null,
    edit_pair: (i) => {
      checkPair(i.pairId);
      const p = i.patch as PairPatch;
      if (p.partnerName !== undefined) pair.partnerName = required('partner name', p.partnerName);
      if (p.cadenceDays !== undefined) {
        if (!(p.cadenceDays >= 1 && p.cadenceDays <= 365)) fail('invalid', 'cadence: must be between 1 and 365 days');
        pair.cadenceDays = p.cadenceDays;
      }
      if (p.matchDate !== undefined) pair.matchDate = checkDate('match date', p.matchDate) ?? fail('invalid', 'match date: must not be empty');
      if (p.myTz !== undefined) pair.myTz = p.myTz;
      if (p.partnerTz !== undefined) pair.partnerTz = p.partnerTz;
      if (p.myRole !== undefined) pair.myRole = p.myRole;
      return { ...pair };
    },
    change_pair_status: (i) => {
      checkPair(i.pairId);
      const change = i.change as StatusChange;
      const from = pair.status;
      const live = from === 'active' || from === 'paused';
      if (change.to === 'pause' && from === 'active') pair.status = 'paused';
      else if (change.to === 'resume' && from === 'paused') pair.status = 'active';
      else if (change.to === 'end' && live) {
        pair.endReason = required('reason', change.reason);
        pair.status = 'ended';
      } else if (change.to === 'graduate' && live) {
        const met = state.criteria.filter((c) => c.met).length;
        if (met < state.criteria.length) {
          fail('conflict', `only ${met} of ${state.criteria.length} graduation criteria are met; mark the rest met first`);
        }
        pair.status = 'graduated';
      } else {
        fail('conflict', `this pair is ${from} and cannot be ${change.to === 'end' ? 'ended' : `${change.to}d`}`);
      }
      pair.statusChangedOn = today;
      return { ...pair };
    },
    delete_pair: (i) => {
      checkPair(i.pairId);
      state.deleted = true;
      return null;
    },

    list_goals: (i) => (checkPair(i.pairId), goalPage(Number(i.offset), Number(i.limit))),
    get_goals: (i) => {
      checkPair(i.pairId);
      return (i.goalIds as string[]).flatMap((id) => state.goals.filter((g) => g.id === id));
    },
    count_goals: (i) => (checkPair(i.pairId), goalCounts()),
    list_goal_labels: (i) => (checkPair(i.pairId), goalLabels(i.include as string[])),
    add_goal: (i) => {
      checkPair(i.pairId);
      return goal(i.goal as NewGoal);
    },
    edit_goal: (i) => {
      const g = findGoal(String(i.goalId));
      const p = i.patch as GoalPatch;
      if (p.title !== undefined) g.title = required('title', p.title);
      if (p.why !== undefined) g.why = p.why.trim();
      if (p.targetDate !== undefined) g.targetDate = checkDate('target date', p.targetDate);
      if (p.criterionIds !== undefined) g.criterionIds = [...p.criterionIds];
      touch(g);
      return g;
    },
    set_goal_status: (i) => {
      const g = findGoal(String(i.goalId));
      g.status = i.status as GoalStatus;
      g.achievedOn = g.status === 'achieved' ? (g.achievedOn ?? today) : null;
      touch(g);
      return g;
    },
    delete_goal: (i) => {
      const g = findGoal(String(i.goalId));
      state.goals = state.goals.filter((x) => x !== g);
      for (const n of state.notes) if (n.goalId === g.id) n.goalId = null;
      for (const m of state.meetings) m.goalIds = m.goalIds.filter((id) => id !== g.id);
      return toTrash('goal', g.id, g.title, () => state.goals.push(g));
    },
    add_milestone: (i) => {
      const g = findGoal(String(i.goalId));
      const m = { id: nextId('ms'), goalId: g.id, position: g.milestones.length, text: required('milestone', String(i.text ?? '')), done: false, doneOn: null };
      g.milestones.push(m);
      return m;
    },
    edit_milestone: (i) => {
      const { milestone } = findMilestone(String(i.milestoneId));
      milestone.text = required('milestone', String(i.text ?? ''));
      return milestone;
    },
    set_milestone_done: (i) => {
      const { milestone } = findMilestone(String(i.milestoneId));
      milestone.done = Boolean(i.done);
      milestone.doneOn = milestone.done ? today : null;
      return milestone;
    },
    delete_milestone: (i) => {
      const { goal: g, milestone } = findMilestone(String(i.milestoneId));
      g.milestones = g.milestones.filter((m) => m !== milestone);
      return null;
    },

    list_meetings: (i) => {
      checkPair(i.pairId);
      const offset = Number(i.offset ?? 0);
      const limit = Number(i.limit ?? 20);
      const sorted = [...state.meetings].sort(byStart);
      return { items: sorted.slice(offset, offset + limit), total: sorted.length, offset };
    },
    log_meeting: (i) => {
      checkPair(i.pairId);
      const input = i.meeting as NewMeeting;
      const reviewed = input.carried?.length ? openOf(input.carried) : [];
      const closed = input.closed ?? [];
      if (closed.some((id) => !(input.carried ?? []).includes(id))) fail('invalid', 'closed: is not one of the carried-forward items reviewed');
      const m = meeting(input);
      for (const a of reviewed) if (closed.includes(a.id)) Object.assign(a, { done: true, doneOn: today });
      m.carried = reviewed.map((a) => ({ action: a, closedHere: closed.includes(a.id) }));
      return m;
    },
    edit_meeting: (i) => {
      const m = findMeeting(String(i.meetingId));
      const p = i.patch as MeetingPatch;
      const startsAt = p.startsAt !== undefined ? startOf(p.startsAt) : m.startsAt;
      const minutes = p.durationMin !== undefined || p.endsAt !== undefined ? minutesOf(startsAt, p.durationMin, p.endsAt) : m.durationMin;
      Object.assign(m, {
        startsAt,
        durationMin: minutes,
        mode: p.mode ?? m.mode,
        agenda: p.agenda ?? m.agenda,
        notes: p.notes ?? m.notes,
        goalIds: p.goalIds ?? m.goalIds,
        updatedAt: stamp(today),
      });
      return m;
    },
    delete_meeting: (i) => {
      const m = findMeeting(String(i.meetingId));
      state.meetings = state.meetings.filter((x) => x !== m);
      state.looseActions.push(...m.actions.map((a) => ({ ...a, meetingId: null })));
      for (const n of state.notes) if (n.meetingId === m.id) n.meetingId = null;
      return toTrash('meeting', m.id, m.startsAt, () => state.meetings.push({ ...m, actions: [] }));
    },
    get_next_meeting: (i) => (checkPair(i.pairId), nextMeeting()),
    get_schedule: (i) => (checkPair(i.pairId), schedule),
    set_my_hours: (i) => (checkPair(i.pairId), (schedule = { ...schedule, myHours: i.hours as Hours })),
    // Fixed proposals (the core chooses them; the double only keeps state).
    propose_meetings: (i) => (checkPair(i.pairId), PROPOSALS.slice(0, Number(i.count ?? 5))),
    check_meeting_time: (i) => (checkPair(i.pairId), slotAt(String(i.startsAt), Number(i.minutes ?? 60), [])),
    schedule_meeting: (i) => {
      checkPair(i.pairId);
      const n = i.schedule as NewSchedule;
      const known = PROPOSALS.find((p) => p.startsAt === n.startsAt);
      const next = known ? { ...known, minutes: n.minutes } : slotAt(n.startsAt, n.minutes, []);
      return (schedule = { ...schedule, next, recurs: n.recurs, recurZone: n.recurs ? pair.myTz : null });
    },
    choose_save_file: (i) => chosenFile(`/home/ada/Documents/${String(i.suggestedName ?? 'trellis.ics')}`),
    choose_folder: () => chosenFile('/home/ada/Calendars'),
    export_checkin_ics: (i) => (checkPair(i.pairId), { path: pathOfToken(i.file), bytes: 700 }),
    export_action_ics: (i) => {
      const a = allActions().find((x) => x.id === i.actionId);
      if (!a) fail('not_found', `action item not found: ${String(i.actionId)}`);
      if (!a.dueDate) throw { kind: 'conflict', message: 'this action item has no due date; give it one first' };
      return { path: pathOfToken(i.file), bytes: 600 };
    },
    get_calendar_file: (i) => (checkPair(i.pairId), calendarFile),
    set_calendar_folder: (i) => {
      checkPair(i.pairId);
      const folder = pathOfToken(i.folder);
      const fileName = 'trellis-amara-okafor-0000a1a1.ics';
      calendarFile = {
        pairId: pair.id,
        folder,
        fileName,
        path: `${folder}/${fileName}`,
        writtenAt: `${today}T09:30:00.000Z`,
        lastError: null,
        errorAt: null,
      };
      return calendarFile;
    },
    clear_calendar_folder: (i) => (checkPair(i.pairId), (calendarFile = null), null),
    export_meeting_ics: (i) => {
      checkPair(i.pairId);
      if (!schedule.next) throw { kind: 'conflict', message: 'no meeting is scheduled; schedule one first' };
      return { path: pathOfToken(i.file), bytes: 1_024 };
    },
    cancel_meeting: (i) => (checkPair(i.pairId), (schedule = { ...schedule, next: null, recurs: false, recurZone: null })),
    log_scheduled_meeting: (i) => {
      checkPair(i.pairId);
      const next = schedule.next;
      if (!next) throw { kind: 'conflict', message: 'no meeting is scheduled; schedule one or log one by hand' };
      schedule = { ...schedule, next: null, recurs: false, recurZone: null };
      return meeting({ startsAt: next.startsAt, durationMin: next.minutes, agenda: nextMeeting().agenda, notes: '', goalIds: [], actions: [] });
    },
    list_actions: (i) => (checkPair(i.pairId), i.openOnly ? openActions() : allActions()),
    add_action: (i) => {
      checkPair(i.pairId);
      const a = action(i.action as NewAction, (i.meetingId as string | null) ?? null, today);
      if (a.meetingId) findMeeting(a.meetingId).actions.push(a);
      else state.looseActions.push(a);
      return a;
    },
    set_action_done: (i) => {
      const a = findAction(String(i.actionId));
      a.done = Boolean(i.done);
      a.doneOn = a.done ? today : null;
      return a;
    },
    close_actions: (i) => {
      checkPair(i.pairId);
      const list = openOf(i.actionIds);
      for (const a of list) Object.assign(a, { done: true, doneOn: today });
      return list.length;
    },
    drop_actions: (i) => {
      checkPair(i.pairId);
      return openOf(i.actionIds).map((a) => commands.delete_action!({ actionId: a.id }));
    },
    snooze_actions: (i) => {
      checkPair(i.pairId);
      const until = String(i.until);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(until)) fail('invalid', `snooze until: '${until}' is not a date; write it as YYYY-MM-DD`);
      if (until <= today) fail('invalid', 'snooze until: must be a day after today');
      const list = openOf(i.actionIds);
      for (const a of list) snoozes.set(a.id, until);
      return list.length;
    },
    delete_action: (i) => {
      const a = findAction(String(i.actionId));
      for (const m of state.meetings) m.actions = m.actions.filter((x) => x !== a);
      state.looseActions = state.looseActions.filter((x) => x !== a);
      return toTrash('action', a.id, a.text, () => state.looseActions.push({ ...a, meetingId: null }));
    },

    list_notes: (i) => (checkPair(i.pairId), notePage((i.visibility as Visibility | null | undefined) ?? null, Number(i.offset), Number(i.limit))),
    add_note: (i) => {
      checkPair(i.pairId);
      const input = i.note as NewNote;
      if (input.attach.to === 'goal') findGoal(input.attach.goalId);
      return note(input);
    },
    edit_note: (i) => {
      const n = findNote(String(i.noteId));
      const p = i.patch as NotePatch;
      if (p.body !== undefined) n.body = required('note', p.body);
      if (p.visibility !== undefined) n.visibility = p.visibility;
      if (p.attach !== undefined) {
        const a: Attachment = p.attach;
        if (a.to === 'goal') findGoal(a.goalId);
        n.goalId = a.to === 'goal' ? a.goalId : null;
        n.forNextMeeting = a.to === 'next_meeting';
        n.meetingId = null;
      }
      n.updatedAt = stamp(today);
      return n;
    },
    delete_note: (i) => {
      const n = findNote(String(i.noteId));
      state.notes = state.notes.filter((x) => x !== n);
      return toTrash('note', n.id, n.body.split('\n')[0] ?? '', () => state.notes.push(n));
    },

    list_criteria: (i) => (checkPair(i.pairId), state.criteria),
    add_criterion: (i) => {
      checkPair(i.pairId);
      return criterion(null, required('criterion', String(i.text ?? '')));
    },
    edit_criterion: (i) => {
      const c = findCriterion(String(i.criterionId));
      if (c.packCriterionId) fail('conflict', 'this criterion comes from the program pack; its wording cannot be changed');
      c.text = required('criterion', String(i.text ?? ''));
      return c;
    },
    mark_criterion_met: (i) => {
      const c = findCriterion(String(i.criterionId));
      const mark = i.mark as MarkMet;
      const evidence = mark.evidence?.trim() ? checkUrl('evidence', mark.evidence) : null;
      const on = checkDate('met on', mark.on) ?? today;
      if (on > today) fail('invalid', 'met on: is in the future');
      Object.assign(c, { met: true, metOn: on, evidence, confirmedBy: pair.myRole });
      return c;
    },
    unmark_criterion: (i) => {
      const c = findCriterion(String(i.criterionId));
      Object.assign(c, { met: false, metOn: null, evidence: null, confirmedBy: null });
      return c;
    },
    delete_criterion: (i) => {
      const c = findCriterion(String(i.criterionId));
      if (c.packCriterionId) fail('conflict', 'this criterion comes from the program pack and cannot be deleted');
      state.criteria = state.criteria.filter((x) => x !== c);
      for (const g of state.goals) g.criterionIds = g.criterionIds.filter((id) => id !== c.id);
      return toTrash('criterion', c.id, c.text, () => state.criteria.push(c));
    },

    list_trash: (i) => (checkPair(i.pairId), state.trash.map((t) => t.item)),
    restore_trash_item: (i) => {
      const t = takeFromTrash(String(i.trashId));
      t.back();
      return { pairId: pair.id, kind: t.item.kind, itemId: t.item.itemId };
    },
    purge_trash_item: (i) => {
      takeFromTrash(String(i.trashId));
      return { items: 1, backupsRewritten: 2 };
    },
    empty_trash: (i) => {
      checkPair(i.pairId);
      const items = state.trash.length;
      state.trash = [];
      return { items, backupsRewritten: 2 };
    },
  };

  const calls: MockCall[] = [];
  const failures = new Map<string, CommandFailure>();

  return {
    pairId: pair.id,
    today,
    state,
    calls,
    inputsOf: (cmd) => calls.filter((c) => c.cmd === cmd).map((c) => c.input),
    failNext: (cmd, error) => {
      failures.set(cmd, error);
    },
    handle: (cmd, payload) => {
      const input = inputOf(payload);
      calls.push({ cmd, input: copy(input) });
      const failure = failures.get(cmd);
      if (failure) {
        failures.delete(cmd);
        throw asCommandError(failure);
      }
      const handler = handlerOf(commands, cmd);
      if (!handler) fail('not_found', `no command ${cmd}`);
      // Answer with copies, as the real bridge does (JSON over IPC).
      return copy(handler(input));
    },
  };
}

/** Stand in for the Rust side in a plain browser (screenshots only). */
export function installPairMock(options: PairMockOptions = {}): PairMock {
  const mock = createPairMock(options);
  mockIPC((cmd, payload) => mock.handle(cmd, payload));
  return mock;
}
