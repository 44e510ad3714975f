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
import { FIXTURE_PACK, FIXTURE_TODAY, createPairMock } from './pair';
import { CHECKIN_OVERVIEW, CHECKIN_PAIR_ID, checkinPair, withCheckins } from './checkin';
import { SURVEY_FOLDER, reportCommands } from './report';

/**
 * `full` (default), `empty` (first run), `error` (the store is broken),
 * `draft` (a quick note waiting), `corrupt` (the database failed its check at start),
 * `clock` (this computer's sync clock ran days ahead).
 */
export type MockScenario = 'full' | 'empty' | 'error' | 'draft' | 'corrupt' | 'heavy' | 'clock';

const TODAY = FIXTURE_TODAY;

function fail(kind: CommandErrorKind, message: string): never {
  throw commandError(kind, message);
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const OPENSTACK: Pack = FIXTURE_PACK;

function criteria(ids: string[], texts: string[]) {
  return ids.map((id, i) => ({ id, text: texts[i] ?? id }));
}

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

/** A pair just added: as the form gave it, nothing logged yet, nothing to attend to. */
function newSummary(pack: Pack, pair: Pair): PairSummary {
  const cohort = pack.cohorts.find((c) => c.id === pair.cohortId);
  return {
    pair,
    programName: pack.program.name,
    cohortName: cohort?.name ?? pair.cohortId,
    today: TODAY,
    lastMeetingOn: null,
    daysSinceMeeting: 0,
    nextMeetingDueOn: pair.matchDate,
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
  };
}

/** The id the core gave the pair with this partner. */
const idOf = (partnerName: string) => CHECKIN_OVERVIEW.find((s) => s.pair.partnerName === partnerName)?.pair.id ?? partnerName;

/** Text of the other pairs, for search. */
const OTHER_TEXT: { pairId: string; partnerName: string; kind: HitKind; text: string }[] = [
  { pairId: idOf('Priya Raman'), partnerName: 'Priya Raman', kind: 'goal', text: 'Submit a talk to the OpenInfra Summit CFP' },
  { pairId: idOf('Priya Raman'), partnerName: 'Priya Raman', kind: 'action', text: 'Send Priya two abstracts that were accepted last year' },
  { pairId: idOf('Priya Raman'), partnerName: 'Priya Raman', kind: 'note', text: 'Priya wants to talk about running DevStack on a Raspberry Pi cluster — great angle for a lightning talk.' },
  { pairId: idOf('Jonas Weber'), partnerName: 'Jonas Weber', kind: 'meeting', text: 'Compared Kolla-Ansible and OpenStack-Ansible; Jonas picked Kolla-Ansible for the home lab.' },
  { pairId: idOf('Jonas Weber'), partnerName: 'Jonas Weber', kind: 'milestone', text: 'Launch an instance and reach it over the network' },
  { pairId: idOf('Lin Chen'), partnerName: 'Lin Chen', kind: 'note', text: 'Lin passed the practice exam with 88%. Remind her that the <b>real</b> exam is timed per task.' },
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
  // `heavy`: the detailed pair with 240 weeks of history (its check-in as the core gives it).
  const detail = scenario === 'heavy' ? createPairMock({ history: 240 }) : checkinPair();
  const MOCK_PAIR_ID = detail.pairId;
  // The detailed pair's check-in is due in two days; the organizer reports the golden files.
  const checkins = withCheckins(detail);
  const reports = reportCommands();
  // The home screen's pairs as the core ordered them (the detailed one among them).
  const others = scenario === 'empty' ? [] : CHECKIN_OVERVIEW;
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
    const [detailNow] = detailSummary();
    if (others.length === 0) return [...(detailNow ? [detailNow] : []), ...added];
    // The detailed pair where the core put it, as it stands now; new pairs last.
    const list = others.map((s) => (s.pair.id === CHECKIN_PAIR_ID ? detailNow : s)).filter((s): s is PairSummary => s !== undefined);
    return [...list, ...added];
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
      const pack = packs.find((p) => p.program.id === i.programId) ?? fail('not_found', `no program pack matches '${String(i.programId)}'`);
      const s = newSummary(pack, {
        id: `mock-new-${added.length + 1}`,
        myRole: i.myRole ?? 'mentee',
        partnerName: i.partnerName,
        programId: pack.program.id,
        packVersion: pack.program.version,
        cohortId: i.cohortId,
        matchDate: String(i.matchDate),
        myTz: String(i.myTz),
        partnerTz: String(i.partnerTz),
        cadenceDays: i.cadenceDays,
        status: 'active',
        endReason: null,
        statusChangedOn: null,
        createdAt: `${TODAY}T09:00:00.000Z`,
        updatedAt: `${TODAY}T09:00:00.000Z`,
      });
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
