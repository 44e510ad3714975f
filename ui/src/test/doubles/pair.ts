// An in-memory stand-in for the pair commands of the Rust core. It keeps
// state but no rules: what it answers first is what the core gave for the
// OpenStack first-patch pair of `fixtures/pair.json` (written by the core test
// `ui_fixtures::pair`, crates/trellis-core/tests/ui_fixtures/pair.rs, and
// checked fresh by the test command) — the pair, its goals in the core's
// order, the meetings, the carried-forward agenda, the summary with its
// attention. A change (add, edit, delete) changes the lists it keeps: new
// items go first, nothing is sorted, checked or computed. Refused input comes
// from the core too: a test asks for it with `failNext(cmd, mock.errors.X)`.
// Used by the pair screen's tests (with `mockIPC`), the screenshot script and
// the `?mock` preview (app.ts); nothing in the app imports this file.
import { mockIPC } from '@tauri-apps/api/mocks';
import type { ActionItem } from '../../bindings/ActionItem';
import type { CalendarFile } from '../../bindings/CalendarFile';
import type { CommandError } from '../../bindings/CommandError';
import type { Criterion } from '../../bindings/Criterion';
import type { Goal } from '../../bindings/Goal';
import type { GoalCounts } from '../../bindings/GoalCounts';
import type { GoalLabel } from '../../bindings/GoalLabel';
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
import type { NotePatch } from '../../bindings/NotePatch';
import type { Pack } from '../../bindings/Pack';
import type { Pair } from '../../bindings/Pair';
import type { PairPatch } from '../../bindings/PairPatch';
import type { PairSchedule } from '../../bindings/PairSchedule';
import type { PairStatus } from '../../bindings/PairStatus';
import type { PairSummary } from '../../bindings/PairSummary';
import type { Slot } from '../../bindings/Slot';
import type { StatusChange } from '../../bindings/StatusChange';
import type { TimelinePage } from '../../bindings/TimelinePage';
import type { TrashItem } from '../../bindings/TrashItem';
import type { TrashKind } from '../../bindings/TrashKind';
import type { Visibility } from '../../bindings/Visibility';
import { chosenFile, pathOfToken } from '../files';
import { addDays, instantOf, wallClock } from '../../routes/pair/zone';
import type { CommandErrorKind } from '../../bindings/CommandErrorKind';
import { asCommandError, clash, commandError, type Failure } from '../errors';
import { handlerOf, inputOf, type Handlers } from './contract';
import pairFixture from './fixtures/pair.json';
import history40 from './fixtures/pair-history-40.json';
import history240 from './fixtures/pair-history-240.json';

export interface MockCall {
  cmd: string;
  input: Record<string, unknown>;
}

/** What `failNext` makes a command throw (see `test/errors.ts`). */
export type CommandFailure = Failure;

/** One pair as the core gave it (see `fixtures/pair.json`). */
export interface PairFixture {
  pair: Pair;
  summary: PairSummary;
  goals: Goal[];
  goalCounts: GoalCounts;
  goalLabels: GoalLabel[];
  meetings: Meeting[];
  actions: ActionItem[];
  openActions: ActionItem[];
  notes: Note[];
  criteria: Criterion[];
  /** The timeline a page (100 events) at a time, newest first. */
  timeline: TimelinePage[];
  nextMeeting: NextMeeting;
  schedule: PairSchedule;
}

/** The core's refusals of input to the full pair, by name. */
export type PairErrors = Record<keyof typeof pairFixture.full.errors, CommandError>;

const FIXTURES = pairFixture as unknown as {
  today: string;
  pack: Pack;
  full: PairFixture & { errors: PairErrors };
  empty: PairFixture;
  allMet: PairFixture;
  paused: PairFixture;
  ended: PairFixture;
  graduated: PairFixture;
  older: PairFixture;
};

/** The core's refusals of input (`failNext(cmd, PAIR_ERRORS.goalTitleEmpty)`). */
export const PAIR_ERRORS: PairErrors = FIXTURES.full.errors;

/** The core's today in the fixtures. */
export const FIXTURE_TODAY = FIXTURES.today;

/** The pack of the fixtures' pairs (OpenStack Mentoring). */
export const FIXTURE_PACK: Pack = FIXTURES.pack;

export interface PairMockOptions {
  /** The pair as the core gave it (default: the full pair of `fixtures/pair.json`). */
  fixture?: PairFixture;
  /** Start with nothing but the pair and the pack's criteria. */
  empty?: boolean;
  /** Every criterion met (the pair is ready to graduate). */
  allMet?: boolean;
  /** Start in this status, as the core left it (graduated: every criterion met first). */
  status?: Extract<PairStatus, 'paused' | 'ended' | 'graduated'>;
  /**
   * Weeks of older history before the sample (`fixtures/pair-history-N.json`):
   * a meeting and two notes a week, every fourth week a goal achieved (every
   * twentieth dropped).
   */
  history?: 40 | 240;
  /** Two open action items made long ago (folded under "Older items"). */
  older?: boolean;
  /** The pair's kept calendar file (none: not kept). */
  calendarFile?: CalendarFile | null;
}

export interface PairMockState {
  pair: Pair;
  summary: PairSummary;
  goals: Goal[];
  goalLabels: GoalLabel[];
  meetings: Meeting[];
  /** Every action item, as `list_actions` gives them. */
  actions: ActionItem[];
  nextMeeting: NextMeeting;
  notes: Note[];
  criteria: Criterion[];
  timeline: TimelinePage[];
  deleted: boolean;
  /** Deleted items, newest first, with how to put each back. */
  trash: { item: TrashItem; back: () => void }[];
}

export interface PairMock {
  pairId: string;
  today: string;
  state: PairMockState;
  /** The core's refusals of input to this pair, to pass to `failNext`. */
  errors: PairErrors;
  /** Every command received, in order. */
  calls: MockCall[];
  /** The inputs of every call of one command. */
  inputsOf: (cmd: string) => Record<string, unknown>[];
  /** Make the next call of `cmd` fail with this error, changing nothing. */
  failNext: (cmd: string, error: CommandFailure) => void;
  /** Answer a command (throws a `CommandError` like the real shell). */
  handle: (cmd: string, payload?: unknown) => unknown;
}

/** The id of the full pair of the fixtures. */
export const MOCK_PAIR_ID = FIXTURES.full.pair.id;

function fail(kind: CommandErrorKind, message: string): never {
  throw commandError(kind, message);
}

function failWith(error: CommandError): never {
  throw error;
}

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value ?? null)) as T;

function fixtureOf(options: PairMockOptions): PairFixture {
  if (options.fixture) return options.fixture;
  if (options.history) return (options.history === 40 ? history40 : history240) as unknown as PairFixture;
  if (options.empty) return FIXTURES.empty;
  if (options.status) return FIXTURES[options.status];
  if (options.allMet) return FIXTURES.allMet;
  if (options.older) return FIXTURES.older;
  return FIXTURES.full;
}

export function createPairMock(options: PairMockOptions = {}): PairMock {
  const fixture = copy(fixtureOf(options));
  const today = FIXTURES.today;
  const pair = fixture.pair;
  const stamp = (date: string = today) => `${date}T09:00:00.000Z`;
  let seq = 0;
  const nextId = (prefix: string) => `${prefix}-${String(++seq).padStart(4, '0')}`;

  const state: PairMockState = {
    pair,
    summary: { ...fixture.summary, pair },
    goals: fixture.goals,
    goalLabels: fixture.goalLabels,
    meetings: fixture.meetings,
    actions: fixture.actions,
    nextMeeting: fixture.nextMeeting,
    notes: fixture.notes,
    criteria: fixture.criteria,
    timeline: fixture.timeline,
    deleted: false,
    trash: [],
  };
  let schedule: PairSchedule = fixture.schedule;
  let calendarFile: CalendarFile | null = options.calendarFile ?? null;
  // Slots as the core words them (the double chooses none: these are fixed).
  const slotAt = (startsAt: string, minutes: number): Slot => ({
    startsAt,
    minutes,
    mine: `${wallClock(startsAt, pair.myTz).replace('T', ' ')} (${pair.myTz})`,
    theirs: `${wallClock(startsAt, pair.partnerTz).replace('T', ' ')} (${pair.partnerTz})`,
    warnings: [],
  });
  const PROPOSALS: Slot[] = [
    { startsAt: '2026-03-17T15:00:00.000Z', minutes: 60, mine: 'Tue 17 Mar 2026 16:00 CET', theirs: 'Tue 17 Mar 2026 10:00 CDT', warnings: [] },
    { startsAt: '2026-03-18T15:00:00.000Z', minutes: 60, mine: 'Wed 18 Mar 2026 16:00 CET', theirs: 'Wed 18 Mar 2026 10:00 CDT', warnings: [] },
  ];

  /** Deleting: the item goes to the Trash, newest first. */
  function toTrash(kind: TrashKind, itemId: string, label: string, back: () => void): TrashItem {
    const item: TrashItem = {
      id: nextId('trash'),
      pairId: pair.id,
      kind,
      itemId,
      label,
      deletedAt: stamp(),
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

  // --------------------------------------------------------------- lookups
  const findGoal = (id: string) => state.goals.find((g) => g.id === id) ?? fail('not_found', `no goal matches '${id}'`);
  const findMeeting = (id: string) => state.meetings.find((m) => m.id === id) ?? fail('not_found', `no meeting matches '${id}'`);
  const findNote = (id: string) => state.notes.find((n) => n.id === id) ?? fail('not_found', `no note matches '${id}'`);
  const findCriterion = (id: string) => state.criteria.find((c) => c.id === id) ?? fail('not_found', `no criterion matches '${id}'`);
  const findAction = (id: string) => state.actions.find((a) => a.id === id) ?? fail('not_found', `no action item matches '${id}'`);
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

  /** Every copy of an action item the double keeps (the list, its meeting's, the agenda's). */
  function copiesOf(id: string): ActionItem[] {
    const next = state.nextMeeting;
    return [
      ...state.actions,
      ...state.meetings.flatMap((m) => [...m.actions, ...m.carried.map((c) => c.action)]),
      ...next.openActions,
      ...next.olderActions,
    ].filter((a) => a.id === id);
  }

  function setDone(id: string, done: boolean) {
    for (const a of copiesOf(id)) Object.assign(a, { done, doneOn: done ? today : null });
    if (done) offAgenda([id]);
  }

  /** Items closed, dropped or snoozed leave the next meeting's agenda. */
  function offAgenda(ids: string[]) {
    const next = state.nextMeeting;
    next.openActions = next.openActions.filter((a) => !ids.includes(a.id));
    next.olderActions = next.olderActions.filter((a) => !ids.includes(a.id));
  }

  function newAction(input: NewAction, meetingId: string | null): ActionItem {
    const a: ActionItem = {
      id: nextId('act'),
      pairId: pair.id,
      meetingId,
      text: input.text,
      owner: input.owner,
      dueDate: input.dueDate ?? null,
      done: false,
      doneOn: null,
      createdAt: stamp(),
    };
    state.actions.unshift(a);
    state.nextMeeting.openActions.push({ ...a });
    return a;
  }

  /** The instant of a start the UI sends (wall clock in my zone, or RFC 3339). */
  function instant(text: string): string {
    const at = instantOf(text, pair.myTz) ?? new Date(text);
    return at.toISOString().replace('.000Z', 'Z');
  }

  function newNote(input: NewNote): Note {
    const n: Note = {
      id: nextId('note'),
      pairId: pair.id,
      body: input.body,
      visibility: input.visibility,
      goalId: input.attach.to === 'goal' ? input.attach.goalId : null,
      forNextMeeting: input.attach.to === 'next_meeting',
      meetingId: null,
      createdAt: stamp(),
      updatedAt: stamp(),
    };
    state.notes.unshift(n);
    if (n.forNextMeeting) state.nextMeeting.notes.push(n);
    return n;
  }

  function pageOf<T>(list: T[], offset: number, limit: number) {
    return { items: list.slice(offset, offset + limit), offset, hasMore: list.length > offset + limit };
  }

  // -------------------------------------------------------------- commands
  const commands: Handlers = {
    app_info: () => ({ version: '0.1.0', dataDir: '/home/ada/.local/share/org.trellis.app' }),
    get_status: () => (state.deleted ? [] : [state.summary]),
    get_pair_summary: (i) => (checkPair(i.pairId), state.summary),
    get_pack: (i) => (i.programId === FIXTURES.pack.program.id ? FIXTURES.pack : fail('not_found', `no program pack '${String(i.programId)}'`)),
    // The core's pages, each found by the `before` of the one above it.
    get_timeline: (i) => {
      checkPair(i.pairId);
      const at = i.before === null ? 0 : state.timeline.findIndex((p) => p.before === i.before) + 1;
      return state.timeline[at] ?? fail('not_found', `the fixture has no timeline page before ${String(i.before)}`);
    },
    get_draft: () => null,
    edit_pair: (i) => {
      checkPair(i.pairId);
      const p = i.patch as PairPatch;
      for (const [key, value] of Object.entries(p)) if (value !== undefined) Object.assign(pair, { [key]: value });
      pair.updatedAt = stamp();
      return pair;
    },
    change_pair_status: (i) => {
      checkPair(i.pairId);
      const change = i.change as StatusChange;
      const to: Record<StatusChange['to'], PairStatus> = { pause: 'paused', resume: 'active', end: 'ended', graduate: 'graduated' };
      pair.status = to[change.to];
      pair.endReason = change.to === 'end' ? change.reason : null;
      pair.statusChangedOn = today;
      return pair;
    },
    delete_pair: (i) => {
      checkPair(i.pairId);
      state.deleted = true;
      return null;
    },

    list_goals: (i) => (checkPair(i.pairId), pageOf(state.goals, i.offset, i.limit)),
    get_goals: (i) => (checkPair(i.pairId), state.goals.filter((g) => i.goalIds.includes(g.id))),
    count_goals: (i) => {
      checkPair(i.pairId);
      const counts: GoalCounts = { proposed: 0, active: 0, achieved: 0, dropped: 0 };
      for (const g of state.goals) counts[g.status] += 1;
      return counts;
    },
    list_goal_labels: (i) => {
      checkPair(i.pairId);
      const extra = state.goals.filter((g) => i.include.includes(g.id) && !state.goalLabels.some((l) => l.id === g.id));
      return [...state.goalLabels, ...extra.map((g) => ({ id: g.id, title: g.title, status: g.status }))];
    },
    add_goal: (i) => {
      checkPair(i.pairId);
      const input = i.goal as NewGoal;
      const id = nextId('goal');
      const status = input.status ?? 'active';
      const g: Goal = {
        id,
        pairId: pair.id,
        title: input.title,
        why: input.why,
        status,
        targetDate: input.targetDate ?? null,
        achievedOn: status === 'achieved' ? today : null,
        milestones: input.milestones.map((text, position) => ({ id: nextId('ms'), goalId: id, position, text, done: false, doneOn: null })),
        criterionIds: [...input.criterionIds],
        createdAt: stamp(),
        updatedAt: stamp(),
      };
      state.goals.unshift(g);
      state.goalLabels.unshift({ id, title: g.title, status });
      return g;
    },
    edit_goal: (i) => {
      const g = findGoal(i.goalId);
      const p = i.patch as GoalPatch;
      for (const [key, value] of Object.entries(p)) if (value !== undefined) Object.assign(g, { [key]: value });
      g.updatedAt = stamp();
      return g;
    },
    set_goal_status: (i) => {
      const g = findGoal(i.goalId);
      g.status = i.status as GoalStatus;
      g.achievedOn = g.status === 'achieved' ? (g.achievedOn ?? today) : null;
      g.updatedAt = stamp();
      for (const l of state.goalLabels) if (l.id === g.id) l.status = g.status;
      return g;
    },
    delete_goal: (i) => {
      const g = findGoal(i.goalId);
      const labels = state.goalLabels;
      state.goals = state.goals.filter((x) => x !== g);
      state.goalLabels = labels.filter((l) => l.id !== g.id);
      return toTrash('goal', g.id, g.title, () => {
        state.goals.unshift(g);
        state.goalLabels = labels;
      });
    },
    add_milestone: (i) => {
      const g = findGoal(i.goalId);
      const m = { id: nextId('ms'), goalId: g.id, position: g.milestones.length, text: i.text, done: false, doneOn: null };
      g.milestones.push(m);
      return m;
    },
    edit_milestone: (i) => {
      const { milestone } = findMilestone(i.milestoneId);
      milestone.text = i.text;
      return milestone;
    },
    set_milestone_done: (i) => {
      const { milestone } = findMilestone(i.milestoneId);
      milestone.done = i.done;
      milestone.doneOn = i.done ? today : null;
      return milestone;
    },
    delete_milestone: (i) => {
      const { goal: g, milestone } = findMilestone(i.milestoneId);
      g.milestones = g.milestones.filter((m) => m !== milestone);
      return null;
    },

    list_meetings: (i) => {
      checkPair(i.pairId);
      const offset = i.offset;
      return { items: state.meetings.slice(offset, offset + i.limit), total: state.meetings.length, offset };
    },
    log_meeting: (i) => {
      checkPair(i.pairId);
      const input = i.meeting as NewMeeting;
      const id = nextId('meet');
      const carried = input.carried ?? [];
      const closed = input.closed ?? [];
      for (const a of closed) setDone(a, true);
      const m: Meeting = {
        id,
        pairId: pair.id,
        startsAt: instant(input.startsAt),
        durationMin: input.durationMin ?? 60,
        mode: input.mode ?? 'video',
        agenda: input.agenda,
        notes: input.notes,
        goalIds: [...input.goalIds],
        actions: [],
        carried: carried.map((a) => ({ action: { ...findAction(a) }, closedHere: closed.includes(a) })),
        createdAt: stamp(),
        updatedAt: stamp(),
      };
      m.actions = input.actions.map((a) => ({ ...newAction(a, id) }));
      state.meetings.unshift(m);
      // The notes for the next meeting were for this one.
      for (const n of state.nextMeeting.notes) Object.assign(findNote(n.id), { meetingId: id });
      state.nextMeeting.notes = [];
      return m;
    },
    edit_meeting: (i) => {
      const m = findMeeting(i.meetingId);
      const p = i.patch as MeetingPatch;
      Object.assign(m, {
        startsAt: p.startsAt !== undefined ? instant(p.startsAt) : m.startsAt,
        durationMin: p.durationMin ?? m.durationMin,
        mode: p.mode ?? m.mode,
        agenda: p.agenda ?? m.agenda,
        notes: p.notes ?? m.notes,
        goalIds: p.goalIds ?? m.goalIds,
        updatedAt: stamp(),
      });
      return m;
    },
    delete_meeting: (i) => {
      const m = findMeeting(i.meetingId);
      state.meetings = state.meetings.filter((x) => x !== m);
      return toTrash('meeting', m.id, m.startsAt, () => state.meetings.unshift(m));
    },
    get_next_meeting: (i) => (checkPair(i.pairId), state.nextMeeting),
    get_schedule: (i) => (checkPair(i.pairId), schedule),
    set_my_hours: (i) => (checkPair(i.pairId), (schedule = { ...schedule, myHours: i.hours as Hours })),
    propose_meetings: (i) => (checkPair(i.pairId), PROPOSALS.slice(0, i.count)),
    check_meeting_time: (i) => (checkPair(i.pairId), slotAt(String(i.startsAt), i.minutes)),
    schedule_meeting: (i) => {
      checkPair(i.pairId);
      const n = i.schedule as NewSchedule;
      const known = PROPOSALS.find((p) => p.startsAt === n.startsAt);
      const next = known ? { ...known, minutes: n.minutes } : slotAt(String(n.startsAt), n.minutes);
      return (schedule = { ...schedule, next, recurs: n.recurs, recurZone: n.recurs ? pair.myTz : null });
    },
    choose_save_file: (i) => chosenFile(`/home/ada/Documents/${String(i.suggestedName ?? 'trellis.ics')}`),
    choose_folder: () => chosenFile('/home/ada/Calendars'),
    export_checkin_ics: (i) => (checkPair(i.pairId), { path: pathOfToken(i.file), bytes: 700 }),
    export_action_ics: (i) => (findAction(i.actionId), { path: pathOfToken(i.file), bytes: 600 }),
    get_calendar_file: (i) => (checkPair(i.pairId), calendarFile),
    set_calendar_folder: (i) => {
      checkPair(i.pairId);
      const folder = pathOfToken(i.folder);
      const fileName = 'trellis-amara-okafor-0000a1a1.ics';
      calendarFile = { pairId: pair.id, folder, fileName, path: `${folder}/${fileName}`, writtenAt: `${today}T09:30:00.000Z`, lastError: null, errorAt: null };
      return calendarFile;
    },
    clear_calendar_folder: (i) => (checkPair(i.pairId), (calendarFile = null), null),
    export_meeting_ics: (i) => (checkPair(i.pairId), { path: pathOfToken(i.file), bytes: 1_024 }),
    cancel_meeting: (i) => (checkPair(i.pairId), (schedule = { ...schedule, next: null, recurs: false, recurZone: null })),
    log_scheduled_meeting: (i) => {
      checkPair(i.pairId);
      const next = schedule.next ?? failWith(clash({ rule: 'no_meeting_to_log' }, 'no meeting is scheduled; schedule one or log one by hand'));
      schedule = { ...schedule, next: null, recurs: false, recurZone: null };
      return commands.log_meeting!({
        pairId: pair.id,
        meeting: { startsAt: next.startsAt, durationMin: next.minutes, agenda: '', notes: '', goalIds: [], actions: [], carried: [], closed: [] },
      });
    },
    list_actions: (i) => (checkPair(i.pairId), i.openOnly ? state.actions.filter((a) => !a.done) : state.actions),
    add_action: (i) => {
      checkPair(i.pairId);
      const a = newAction(i.action as NewAction, i.meetingId ?? null);
      if (a.meetingId) findMeeting(a.meetingId).actions.push({ ...a });
      return a;
    },
    set_action_done: (i) => {
      setDone(i.actionId, i.done);
      return findAction(i.actionId);
    },
    close_actions: (i) => {
      checkPair(i.pairId);
      for (const id of i.actionIds) setDone(id, true);
      return i.actionIds.length;
    },
    drop_actions: (i) => {
      checkPair(i.pairId);
      return i.actionIds.map((id) => commands.delete_action!({ actionId: id }));
    },
    snooze_actions: (i) => {
      checkPair(i.pairId);
      offAgenda(i.actionIds);
      state.nextMeeting.snoozed += i.actionIds.length;
      return i.actionIds.length;
    },
    delete_action: (i) => {
      const a = findAction(i.actionId);
      const keep = (list: ActionItem[]) => list.filter((x) => x.id !== a.id);
      state.actions = keep(state.actions);
      for (const m of state.meetings) m.actions = keep(m.actions);
      offAgenda([a.id]);
      return toTrash('action', a.id, a.text, () => state.actions.unshift(a));
    },

    list_notes: (i) => {
      checkPair(i.pairId);
      const visibility = (i.visibility as Visibility | null | undefined) ?? null;
      return pageOf(state.notes.filter((n) => visibility === null || n.visibility === visibility), i.offset, i.limit);
    },
    add_note: (i) => (checkPair(i.pairId), newNote(i.note as NewNote)),
    edit_note: (i) => {
      const n = findNote(i.noteId);
      const p = i.patch as NotePatch;
      if (p.body !== undefined) n.body = p.body;
      if (p.visibility !== undefined) n.visibility = p.visibility;
      if (p.attach !== undefined) {
        n.goalId = p.attach.to === 'goal' ? p.attach.goalId : null;
        n.forNextMeeting = p.attach.to === 'next_meeting';
        n.meetingId = null;
      }
      n.updatedAt = stamp();
      return n;
    },
    delete_note: (i) => {
      const n = findNote(i.noteId);
      state.notes = state.notes.filter((x) => x !== n);
      state.nextMeeting.notes = state.nextMeeting.notes.filter((x) => x.id !== n.id);
      return toTrash('note', n.id, n.body.split('\n')[0] ?? '', () => state.notes.unshift(n));
    },

    list_criteria: (i) => (checkPair(i.pairId), state.criteria),
    add_criterion: (i) => {
      checkPair(i.pairId);
      const c: Criterion = {
        id: nextId('crit'),
        pairId: pair.id,
        packCriterionId: null,
        position: state.criteria.length,
        text: i.text,
        met: false,
        metOn: null,
        evidence: null,
        confirmedBy: null,
      };
      state.criteria.push(c);
      return c;
    },
    edit_criterion: (i) => {
      const c = findCriterion(i.criterionId);
      c.text = i.text;
      return c;
    },
    mark_criterion_met: (i) => {
      const c = findCriterion(i.criterionId);
      const mark = i.mark as MarkMet;
      Object.assign(c, { met: true, metOn: mark.on ?? today, evidence: mark.evidence ?? null, confirmedBy: pair.myRole });
      return c;
    },
    unmark_criterion: (i) => Object.assign(findCriterion(i.criterionId), { met: false, metOn: null, evidence: null, confirmedBy: null }),
    delete_criterion: (i) => {
      const c = findCriterion(i.criterionId);
      state.criteria = state.criteria.filter((x) => x !== c);
      return toTrash('criterion', c.id, c.text, () => state.criteria.push(c));
    },

    list_trash: (i) => (checkPair(i.pairId), state.trash.map((t) => t.item)),
    restore_trash_item: (i) => {
      const t = takeFromTrash(i.trashId);
      t.back();
      return { pairId: pair.id, kind: t.item.kind, itemId: t.item.itemId };
    },
    purge_trash_item: (i) => {
      takeFromTrash(i.trashId);
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
    errors: PAIR_ERRORS,
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
