// A stand-in for the whole Rust side, for looking at the UI in a plain
// browser: `npm run dev` then open `/?mock` (or `?mock=empty`, `?mock=error`),
// and the screenshot script, which bundles this file on its own and injects
// it. main.ts imports it only when `import.meta.env.DEV`, so it never reaches
// the production bundle.
//
// Several pairs in different states feed the home screen and the sidebar;
// the first one is the pair screen's detailed mock (pair.ts here),
// so its goals, meetings and notes are there too and searchable.
import { mockIPC } from '@tauri-apps/api/mocks';
import { chosenFile, pathOfToken } from '../files';
import type { CommandErrorKind } from '../../bindings/CommandErrorKind';
import { commandError } from '../errors';
import { handlerOf, inputOf, type Handlers } from './contract';
import type { Backup } from '../../bindings/Backup';
import type { Draft } from '../../bindings/Draft';
import type { Pack } from '../../bindings/Pack';
import type { PackSummary } from '../../bindings/PackSummary';
import type { Note } from '../../bindings/Note';
import type { Pair } from '../../bindings/Pair';
import type { PairSummary } from '../../bindings/PairSummary';
import type { SearchHit } from '../../bindings/SearchHit';
import type { SnippetPart } from '../../bindings/SnippetPart';
import type { HitKind } from '../../bindings/HitKind';
import { MOCK_PAIR_ID, createPairMock } from './pair';
import { withCheckins } from './checkin';
import { SURVEY_FOLDER, reportCommands } from './report';

/**
 * `full` (default), `empty` (first run), `error` (the store is broken),
 * `draft` (a quick note waiting), `corrupt` (the database failed its check at start),
 * `clock` (this computer's sync clock ran days ahead).
 */
export type MockScenario = 'full' | 'empty' | 'error' | 'draft' | 'corrupt' | 'heavy' | 'clock';

const TODAY = '2026-03-20';

function fail(kind: CommandErrorKind, message: string): never {
  throw commandError(kind, message);
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function criteria(ids: string[], texts: string[]) {
  return ids.map((id, i) => ({ id, text: texts[i] ?? id }));
}

const OPENSTACK: Pack = {
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
      description:
        'Mentors assist mentees with crafting a change, understanding and adhering to the Developer’s Guide, submitting to Gerrit, responding to reviews, and ultimately having their change accepted.',
      suggestedGoals: [],
      criteria: criteria(
        ['submitted-change', 'responded-to-reviews', 'merged-one-patch', 'attended-wg-meeting'],
        [
          "Submitted a change to Gerrit following the Developer's Guide",
          'Responded to review comments with a revised patch set',
          'Merged one patch',
          'Attended a working group meeting and offered input',
        ],
      ),
    },
    {
      id: 'first-cfp',
      name: 'First CFP submission / Give your first talk',
      listTag: '[first-cfp]',
      description:
        'Mentors assist mentees with submitting a CFP and/or preparing to give a talk: the OpenStack Summit, an OpenStack Day, a local meetup, or another event.',
      suggestedGoals: [],
      criteria: criteria(
        ['submitted-cfp', 'rehearsed-talk', 'gave-talk'],
        [
          'Submitted a CFP to a conference, OpenStack Day or meetup',
          'Rehearsed the talk in front of the mentor or a small audience',
          'Gave a talk at an OpenStack user group, meetup or conference',
        ],
      ),
    },
    {
      id: 'first-cloud',
      name: 'Deploy your first cloud',
      listTag: '[first-cloud]',
      description:
        'Mentors provide assistance to mentees deploying OpenStack for the first time: choosing a deployment tool, configuration, troubleshooting.',
      suggestedGoals: [],
      criteria: criteria(
        ['chose-deployment-tool', 'deployed-cloud', 'launched-instance', 'documented-deployment'],
        [
          'Compared the available deployment tools and chose one, with reasons',
          'Deployed a working OpenStack cloud with the chosen deployment tool',
          'Launched an instance on the new cloud and connected to it',
          'Wrote up the deployment steps so that someone else could repeat them',
        ],
      ),
    },
    {
      id: 'coa',
      name: 'Become COA certified / study for COA',
      listTag: '[coa]',
      description:
        'Mentors provide support and guidance to mentees as they prepare for the Certified OpenStack Administrator (COA) exam.',
      suggestedGoals: [],
      criteria: criteria(
        ['study-plan', 'practice-exam', 'took-exam', 'passed-exam'],
        ['Made a study plan', 'Completed a timed practice exam', 'Took the COA exam', 'Passed the COA exam'],
      ),
    },
  ],
  questions: [],
  defaultQuestions: true,
  builtin: true,
};

const GENERIC: Pack = {
  formatVersion: '1.0',
  program: {
    id: 'generic',
    name: 'Generic mentoring program',
    version: '1.0',
    description: 'A general-purpose pack for any open-source mentoring program.',
  },
  checkin: { daysAfterMatch: [90], minGroupSize: 5, timing: 'checkin-number', surveyCriteria: false, surveyCohort: false, dropOff: null, terms: [] },
  cohorts: [
    {
      id: 'general',
      name: 'General mentoring',
      listTag: null,
      description: 'Mentors help mentees find their way into the project and make their first contributions.',
      suggestedGoals: [],
      criteria: criteria(
        ['first-contribution-merged', 'attended-community-meeting', 'can-explain-workflow'],
        [
          'First contribution merged',
          'Attended a community meeting',
          "Can explain the project's contribution workflow to a newcomer",
        ],
      ),
    },
  ],
  questions: [],
  defaultQuestions: true,
  builtin: true,
};

function summaryOf(pack: Pack) {
  return (p: Partial<Pair> & Pick<Pair, 'id' | 'partnerName' | 'cohortId' | 'myRole'>, s: Partial<PairSummary>): PairSummary => {
    const pair: Pair = {
      programId: pack.program.id,
      packVersion: pack.program.version,
      matchDate: addDays(TODAY, -40),
      myTz: 'Europe/Berlin',
      partnerTz: 'Asia/Kolkata',
      cadenceDays: 14,
      status: 'active',
      endReason: null,
      statusChangedOn: null,
      createdAt: `${addDays(TODAY, -40)}T09:00:00Z`,
      updatedAt: `${addDays(TODAY, -2)}T09:00:00Z`,
      ...p,
    };
    const cohort = pack.cohorts.find((c) => c.id === pair.cohortId);
    const daysSinceMeeting = s.daysSinceMeeting ?? 5;
    return {
      pair,
      programName: pack.program.name,
      cohortName: cohort?.name ?? pair.cohortId,
      today: TODAY,
      lastMeetingOn: addDays(TODAY, -daysSinceMeeting),
      daysSinceMeeting,
      nextMeetingDueOn: addDays(TODAY, pair.cadenceDays - daysSinceMeeting),
      openActions: 0,
      overdueActions: 0,
      mine: { open: 0, overdue: 0 },
      theirs: { open: 0, overdue: 0 },
      nextCheckin: null,
      criteriaMet: 0,
      criteriaTotal: cohort?.criteria.length ?? 0,
      readyToGraduate: false,
      attention: [],
      level: null,
      urgency: 0,
      ...s,
    };
  };
}

function otherPairs(): PairSummary[] {
  const os = summaryOf(OPENSTACK);
  return [
    os(
      { id: 'mock-priya', partnerName: 'Priya Raman', cohortId: 'first-cfp', myRole: 'mentor', partnerTz: 'Asia/Kolkata' },
      {
        daysSinceMeeting: 23,
        openActions: 3,
        overdueActions: 1,
        mine: { open: 1, overdue: 0 },
        theirs: { open: 2, overdue: 1 },
        nextCheckin: { number: 1, dueOn: addDays(TODAY, 12), daysUntil: 12, phase: 'open' },
        criteriaMet: 1,
        attention: [
          { kind: 'meeting_overdue', level: 'soon', message: 'No meeting for 23 days (agreed: every 14 days)' },
          { kind: 'actions_overdue', level: 'soon', message: '1 action item overdue' },
          { kind: 'checkin_due', level: 'note', message: 'Check-in due in 12 days' },
        ],
        level: 'soon',
        urgency: 103,
      },
    ),
    os(
      {
        id: 'mock-lin',
        partnerName: 'Lin Chen',
        cohortId: 'coa',
        myRole: 'mentor',
        partnerTz: 'Asia/Shanghai',
        cadenceDays: 7,
        matchDate: addDays(TODAY, -85),
      },
      {
        daysSinceMeeting: 3,
        openActions: 1,
        mine: { open: 1, overdue: 0 },
        nextCheckin: { number: 1, dueOn: addDays(TODAY, 5), daysUntil: 5, phase: 'open' },
        criteriaMet: 4,
        criteriaTotal: 4,
        readyToGraduate: true,
        attention: [
          { kind: 'checkin_due', level: 'soon', message: 'Check-in due in 5 days' },
          { kind: 'ready_to_graduate', level: 'good', message: 'Ready to graduate: all 4 criteria met' },
        ],
        level: 'soon',
        urgency: 49,
      },
    ),
    os(
      {
        id: 'mock-jonas',
        partnerName: 'Jonas Weber',
        cohortId: 'first-cloud',
        myRole: 'mentor',
        partnerTz: 'Europe/Berlin',
        matchDate: addDays(TODAY, -30),
      },
      {
        daysSinceMeeting: 4,
        openActions: 2,
        theirs: { open: 2, overdue: 0 },
        nextCheckin: { number: 1, dueOn: addDays(TODAY, 60), daysUntil: 60, phase: 'upcoming' },
        criteriaMet: 2,
      },
    ),
    os(
      {
        id: 'mock-mei',
        partnerName: 'Mei Tanaka',
        cohortId: 'first-patch',
        myRole: 'mentor',
        partnerTz: 'Asia/Tokyo',
        status: 'paused',
        statusChangedOn: addDays(TODAY, -9),
      },
      { daysSinceMeeting: 20, criteriaMet: 1, urgency: -1_000_000 },
    ),
    os(
      {
        id: 'mock-tomas',
        partnerName: 'Tomás Silva',
        cohortId: 'first-patch',
        myRole: 'mentee',
        partnerTz: 'America/Sao_Paulo',
        status: 'graduated',
        statusChangedOn: '2025-11-28',
      },
      { daysSinceMeeting: 112, criteriaMet: 4, readyToGraduate: true, urgency: -1_000_000 },
    ),
  ];
}

/** Text of the other pairs, for search. */
const OTHER_TEXT: { pairId: string; partnerName: string; kind: HitKind; text: string }[] = [
  { pairId: 'mock-priya', partnerName: 'Priya Raman', kind: 'goal', text: 'Submit a talk to the OpenInfra Summit CFP' },
  { pairId: 'mock-priya', partnerName: 'Priya Raman', kind: 'action', text: 'Send Priya two abstracts that were accepted last year' },
  { pairId: 'mock-priya', partnerName: 'Priya Raman', kind: 'note', text: 'Priya wants to talk about running DevStack on a Raspberry Pi cluster — great angle for a lightning talk.' },
  { pairId: 'mock-jonas', partnerName: 'Jonas Weber', kind: 'meeting', text: 'Compared Kolla-Ansible and OpenStack-Ansible; Jonas picked Kolla-Ansible for the home lab.' },
  { pairId: 'mock-jonas', partnerName: 'Jonas Weber', kind: 'milestone', text: 'Launch an instance and reach it over the network' },
  { pairId: 'mock-lin', partnerName: 'Lin Chen', kind: 'note', text: 'Lin passed the practice exam with 88%. Remind her that the <b>real</b> exam is timed per task.' },
];

/** Split `text` into snippet parts around the words of `query` (case-insensitive). */
function snippet(text: string, query: string): SnippetPart[] | null {
  const words = query
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w.length > 0);
  if (words.length === 0) return null;
  const lower = text.toLowerCase();
  if (!words.every((w) => lower.includes(w))) return null;
  const first = Math.min(...words.map((w) => lower.indexOf(w)));
  const start = Math.max(0, first - 60);
  const end = Math.min(text.length, first + 140);
  const window = (start > 0 ? '…' : '') + text.slice(start, end) + (end < text.length ? '…' : '');
  const pattern = new RegExp(`(${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'gi');
  return window
    .split(pattern)
    .filter((t) => t !== '')
    .map((t) => ({ text: t, hit: words.includes(t.toLowerCase()) }));
}

export function installAppMock(scenario: MockScenario | string = 'full'): void {
  // `heavy`: the detailed pair with ten years of weekly meetings and notes.
  const detail = createPairMock({ today: TODAY, history: scenario === 'heavy' ? 520 : 0 });
  // The detailed pair's check-in is due in two days; the organizer reports the golden files.
  const checkins = withCheckins(detail);
  const reports = reportCommands();
  const others = scenario === 'empty' ? [] : otherPairs();
  let sampleShown = scenario !== 'empty';
  const added: PairSummary[] = [];
  const drafts = new Map<string, Draft>();
  const packs: Pack[] = [OPENSTACK, GENERIC];
  const backups: Backup[] = [
    { name: `trellis-${TODAY}T08-02-11.000Z-daily.db`, kind: 'daily', createdAt: `${TODAY}T08:02:11Z`, bytes: 208_896 },
    { name: `trellis-${addDays(TODAY, -1)}T07-58-40.000Z-daily.db`, kind: 'daily', createdAt: `${addDays(TODAY, -1)}T07:58:40Z`, bytes: 204_800 },
    { name: `trellis-${addDays(TODAY, -3)}T18-30-05.000Z-manual.db`, kind: 'manual', createdAt: `${addDays(TODAY, -3)}T18:30:05Z`, bytes: 200_704 },
    { name: `trellis-${addDays(TODAY, -9)}T09-12-00.000Z-pre-migration.db`, kind: 'pre_migration', createdAt: `${addDays(TODAY, -9)}T09:12:00Z`, bytes: 176_128 },
  ];


  if (scenario === 'draft') {
    drafts.set(MOCK_PAIR_ID, {
      pairId: MOCK_PAIR_ID,
      body: 'Ask Amara how to run only the unit tests my change touches — tox -e py3 takes forever.',
      visibility: 'private',
      updatedAt: `${TODAY}T08:12:00Z`,
    });
  }

  function detailSummary(): PairSummary[] {
    if (!sampleShown) return [];
    return (checkins.handle('get_status') as PairSummary[]) ?? [];
  }

  function all(): PairSummary[] {
    const list = [...others, ...detailSummary(), ...added];
    const live = list.filter((s) => s.pair.status === 'active');
    const rest = list.filter((s) => s.pair.status !== 'active');
    // The detailed pair goes third among the active ones, as a real mix would.
    return [...live.sort((a, b) => b.urgency - a.urgency), ...rest];
  }

  function find(pairId: unknown): PairSummary {
    const s = all().find((x) => x.pair.id === pairId);
    return s ?? fail('not_found', `no pair matches '${String(pairId)}'`);
  }

  const commands: Handlers = {
    app_info: () =>
      scenario === 'error'
        ? fail('storage', 'database error (the database file is not readable)')
        : { version: '0.1.0', dataDir: '/home/ada/.local/share/org.trellis.app' },
    get_status: () =>
      scenario === 'error' ? fail('storage', 'database error (the database file is not readable)') : all(),
    get_pair_summary: (i) => (i.pairId === MOCK_PAIR_ID ? (checkins.handle('get_pair_summary', { input: i }) as PairSummary) : find(i.pairId)),
    list_packs: (): PackSummary[] =>
      packs.map((p) => ({
        id: p.program.id,
        name: p.program.name,
        version: p.program.version,
        builtin: p.builtin,
        cohorts: p.cohorts.map((c) => c.id),
      })),
    get_pack: (i) => packs.find((p) => p.program.id === i.programId) ?? fail('not_found', `no program pack matches '${String(i.programId)}'`),
    import_pack: () => {
      const pack: Pack = {
        ...GENERIC,
        program: { id: 'lfx-2026', name: 'LFX Mentorship 2026', version: '2026.1', description: '' },
        builtin: false,
      };
      if (!packs.some((p) => p.program.id === pack.program.id)) packs.push(pack);
      return pack;
    },
    add_pair: (i) => {
      const role = i.myRole;
      if (role !== 'mentor' && role !== 'mentee') fail('invalid', 'role: choose mentor or mentee');
      const name = String(i.partnerName ?? '').trim();
      if (!name) fail('invalid', 'partner name: must not be empty');
      const pack = packs.find((p) => p.program.id === i.programId) ?? fail('not_found', `no program pack matches '${String(i.programId)}'`);
      const cadence = Number(i.cadenceDays);
      if (!(cadence >= 1 && cadence <= 365)) fail('invalid', 'cadence: must be between 1 and 365 days');
      const s = summaryOf(pack)(
        {
          id: `mock-new-${added.length + 1}`,
          partnerName: name,
          cohortId: String(i.cohortId),
          myRole: role,
          matchDate: String(i.matchDate),
          myTz: String(i.myTz),
          partnerTz: String(i.partnerTz),
          cadenceDays: cadence,
        },
        { lastMeetingOn: null, daysSinceMeeting: 0 },
      );
      added.push(s);
      return s.pair;
    },
    create_sample_pair: () => {
      sampleShown = true;
      return find(MOCK_PAIR_ID).pair;
    },
    search: (i) => {
      const q = String(i.query ?? '').trim();
      if (q.length > 500) fail('invalid', 'search: is longer than 500 characters');
      const hits: SearchHit[] = [];
      const push = (pairId: string, partnerName: string, kind: HitKind, itemId: string, text: string) => {
        const parts = snippet(text, q);
        if (parts) hits.push({ kind, itemId, pairId, partnerName, snippet: parts });
      };
      if (sampleShown) {
        const s = detail.state;
        const name = s.pair.partnerName;
        for (const g of s.goals) {
          push(s.pair.id, name, 'goal', g.id, `${g.title}. ${g.why}`);
          for (const m of g.milestones) push(s.pair.id, name, 'milestone', m.id, m.text);
        }
        for (const m of s.meetings) {
          push(s.pair.id, name, 'meeting', m.id, [m.agenda, m.notes].filter(Boolean).join(' — '));
          for (const a of m.actions) push(s.pair.id, name, 'action', a.id, a.text);
        }
        for (const n of s.notes) push(s.pair.id, name, 'note', n.id, n.body);
      }
      if (scenario !== 'empty') {
        OTHER_TEXT.forEach((t, n) => push(t.pairId, t.partnerName, t.kind, `other-${n}`, t.text));
      }
      return hits.slice(0, Number(i.limit ?? 50));
    },
    get_draft: (i) => drafts.get(String(i.pairId)) ?? null,
    save_draft: (i) => {
      const pairId = String(i.pairId);
      const body = String(i.body ?? '');
      if (body.trim() === '') {
        drafts.delete(pairId);
        return null;
      }
      const draft: Draft = {
        pairId,
        body,
        visibility: i.visibility === 'shared' ? 'shared' : 'private',
        updatedAt: new Date().toISOString(),
      };
      drafts.set(pairId, draft);
      return draft;
    },
    publish_draft: (i) => {
      const pairId = String(i.pairId);
      const draft = drafts.get(pairId) ?? fail('not_found', `no draft matches '${pairId}'`);
      drafts.delete(pairId);
      if (pairId === MOCK_PAIR_ID) {
        return detail.handle('add_note', {
          input: { pairId, note: { body: draft.body, visibility: draft.visibility, attach: i.attach } },
        }) as Note;
      }
      return {
        id: `note-${Date.now()}`,
        pairId,
        body: draft.body,
        visibility: draft.visibility,
        goalId: null,
        forNextMeeting: (i.attach as { to?: string } | undefined)?.to === 'next_meeting',
        meetingId: null,
        createdAt: new Date().toISOString(),
        updatedAt: new Date().toISOString(),
      };
    },
    discard_draft: (i) => {
      drafts.delete(String(i.pairId));
      return null;
    },
    export_record: (i) => ({ path: pathOfToken(i.file), bytes: 14_336 }),
    ...reports.commands,
    // Pair sync: a pair not shared yet, so the Sync dialog offers the invite.
    get_sync_status: (i) => ({
      pairId: String(i.pairId),
      shared: false,
      partnerReplica: null,
      lastImportAt: null,
      openConflicts: 0,
      replica: '0'.repeat(32),
      warning: null,
      safetyCode: '48213 90217 33410 12345',
      waitingForAnswer: false,
      needsRePair: false,
      clockAheadMs: null,
      folder: null,
    }),
    list_conflicts: () => [],
    get_sync_clock: () => ({ aheadMs: scenario === 'clock' ? 3 * 24 * 3_600_000 : null }),
    repair_sync_clock: () => {
      const wasAheadMs = scenario === 'clock' ? 3 * 24 * 3_600_000 : 0;
      if (scenario === 'clock') scenario = 'full';
      return { wasAheadMs, restamped: wasAheadMs ? 12 : 0 };
    },
    sync_all_folders: () => [],
    invite_partner: (i) => ({
      written: { pairId: String(i.pairId), path: pathOfToken(i.file), bytes: 8_192 },
      code: '7K3M-Q9XD-2WPA',
    }),
    get_health: () => ({
      status: scenario === 'corrupt' ? 'corrupt' : 'ok',
      reason: scenario === 'corrupt' ? 'database disk image is malformed' : null,
      backupWarning: null,
      dataDir: '/home/ada/.local/share/org.trellis.app',
    }),
    list_backups: () => backups,
    backup_now: () => {
      const made: Backup = { name: `trellis-${TODAY}T10-00-00.000Z-manual.db`, kind: 'manual', createdAt: `${TODAY}T10:00:00Z`, bytes: 212_992 };
      backups.unshift(made);
      return made;
    },
    restore_backup: (i) => {
      const restored = backups.find((b) => b.name === i.name) ?? fail('not_found', `no backup matches '${String(i.name)}'`);
      scenario = 'full';
      return { restored, savedCurrent: null };
    },
    choose_save_file: (i) => chosenFile(`/home/ada/Documents/${String(i.suggestedName ?? 'trellis-record.md')}`),
    choose_open_file: () => chosenFile('/home/ada/Downloads/lfx-2026.toml'),
    choose_folder: () => chosenFile(SURVEY_FOLDER),
  };

  mockIPC((cmd, payload) => {
    const handler = handlerOf(commands, cmd);
    if (handler) return JSON.parse(JSON.stringify(handler(inputOf(payload)) ?? null));
    // Everything about one pair's goals, meetings, notes, criteria and check-in.
    return checkins.handle(cmd, payload);
  });
}
