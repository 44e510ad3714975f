// The only module that talks to the Rust side. Screens import the typed
// wrappers below; nothing else imports `@tauri-apps/api/core` (enforced by
// the lint config).
import { invoke } from '@tauri-apps/api/core';

/** Error kinds the Rust side sends, plus `internal` for anything else. */
export const ERROR_KINDS = [
  'not_found',
  'invalid',
  'conflict',
  'storage',
  'format',
  'io',
  'internal',
] as const;

export type AppErrorKind = (typeof ERROR_KINDS)[number];

/** A failed command, as the UI sees it: switch on `kind`, show `message`. */
export class AppError extends Error {
  readonly kind: AppErrorKind;

  constructor(kind: AppErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.kind = kind;
  }

  /** Turn whatever a rejected `invoke` produced into an AppError. */
  static from(reason: unknown): AppError {
    if (reason instanceof AppError) return reason;
    if (isErrorPayload(reason)) {
      const kind = (ERROR_KINDS as readonly string[]).includes(reason.kind)
        ? (reason.kind as AppErrorKind)
        : 'internal';
      return new AppError(kind, reason.message, { cause: reason });
    }
    if (typeof reason === 'string') return new AppError('internal', reason, { cause: reason });
    if (reason instanceof Error) return new AppError('internal', reason.message, { cause: reason });
    return new AppError('internal', 'Something went wrong.', { cause: reason });
  }
}

function isErrorPayload(value: unknown): value is { kind: string; message: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { kind?: unknown }).kind === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

/** Whether the Tauri bridge is there (it is not in a plain browser tab). */
function hasTauri(): boolean {
  if (typeof window === 'undefined') return false;
  const internals = (window as { __TAURI_INTERNALS__?: { invoke?: unknown } }).__TAURI_INTERNALS__;
  return typeof internals?.invoke === 'function';
}

/**
 * Call a Tauri command. Resolves with its result; rejects only with AppError.
 */
export async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  if (!hasTauri()) {
    throw new AppError(
      'internal',
      'The Trellis desktop runtime is not available. Open this screen from the Trellis app.',
    );
  }
  const start = performance.now();
  try {
    return await invoke<T>(cmd, args);
  } catch (reason) {
    throw AppError.from(reason);
  } finally {
    // Each call on the page's performance timeline (User Timing): the web
    // inspector and the desktop benchmark read where a screen's time went.
    performance.measure(`ipc ${cmd}`, { start, end: performance.now() });
  }
}

// ---------------------------------------------------------------------------
// Command wrappers: one per command, camelCase of the command's verb_noun name.

export interface AppInfo {
  version: string;
  dataDir: string;
}

/** Version of the app and the folder that holds this person's data. */
export function appInfo(): Promise<AppInfo> {
  return call<AppInfo>('app_info');
}

// Domain types are generated from Rust by ts-rs (ui/src/bindings, committed).
import type { ActionItem } from '../bindings/ActionItem';
import type { ActionPatch } from '../bindings/ActionPatch';
import type { Answer } from '../bindings/Answer';
import type { Attachment } from '../bindings/Attachment';
import type { Backup } from '../bindings/Backup';
import type { ChosenFile } from '../bindings/ChosenFile';
import type { Purged } from '../bindings/Purged';
import type { RestoredItem } from '../bindings/RestoredItem';
import type { TrashItem } from '../bindings/TrashItem';
import type { ZoneList } from '../bindings/ZoneList';
import type { Hours } from '../bindings/Hours';
import type { NewSchedule } from '../bindings/NewSchedule';
import type { PairSchedule } from '../bindings/PairSchedule';
import type { Slot } from '../bindings/Slot';
import type { Checkin } from '../bindings/Checkin';
import type { CheckinForm } from '../bindings/CheckinForm';
import type { Criterion } from '../bindings/Criterion';
import type { Draft } from '../bindings/Draft';
import type { ExportedReport } from '../bindings/ExportedReport';
import type { ExportedSurvey } from '../bindings/ExportedSurvey';
import type { Goal } from '../bindings/Goal';
import type { GoalCounts } from '../bindings/GoalCounts';
import type { GoalLabel } from '../bindings/GoalLabel';
import type { GoalPage } from '../bindings/GoalPage';
import type { GoalPatch } from '../bindings/GoalPatch';
import type { GoalStatus } from '../bindings/GoalStatus';
import type { Health } from '../bindings/Health';
import type { MarkMet } from '../bindings/MarkMet';
import type { Meeting } from '../bindings/Meeting';
import type { MeetingPage } from '../bindings/MeetingPage';
import type { MeetingPatch } from '../bindings/MeetingPatch';
import type { Milestone } from '../bindings/Milestone';
import type { NewAction } from '../bindings/NewAction';
import type { NewGoal } from '../bindings/NewGoal';
import type { NewMeeting } from '../bindings/NewMeeting';
import type { NewNote } from '../bindings/NewNote';
import type { NewPair } from '../bindings/NewPair';
import type { NextMeeting } from '../bindings/NextMeeting';
import type { Note } from '../bindings/Note';
import type { NotePage } from '../bindings/NotePage';
import type { NotePatch } from '../bindings/NotePatch';
import type { Pack } from '../bindings/Pack';
import type { PackSummary } from '../bindings/PackSummary';
import type { Pair } from '../bindings/Pair';
import type { PairPatch } from '../bindings/PairPatch';
import type { PairSummary } from '../bindings/PairSummary';
import type { RecordFormat } from '../bindings/RecordFormat';
import type { Restored } from '../bindings/Restored';
import type { Report } from '../bindings/Report';
import type { ReportFormat } from '../bindings/ReportFormat';
import type { SearchHit } from '../bindings/SearchHit';
import type { StatusChange } from '../bindings/StatusChange';
import type { TimelinePage } from '../bindings/TimelinePage';
import type { Visibility } from '../bindings/Visibility';
import type { Accepted } from '../bindings/Accepted';
import type { InviteWritten } from '../bindings/InviteWritten';
import type { InvitePreview } from '../bindings/InvitePreview';
import type { ClockRepair } from '../bindings/ClockRepair';
import type { CriterionConfirmations } from '../bindings/CriterionConfirmations';
import type { Imported } from '../bindings/Imported';
import type { Side } from '../bindings/Side';
import type { SyncConflict } from '../bindings/SyncConflict';
import type { SyncStatus } from '../bindings/SyncStatus';
import type { Written } from '../bindings/Written';

// Every command takes one typed `input` object (see src-tauri/src/commands/).

// Packs
export const listPacks = () => call<PackSummary[]>('list_packs');
export const getPack = (programId: string) => call<Pack>('get_pack', { input: { programId } });
/** Import a pack from a TOML file (the token `openFileDialog` gave). */
export const importPack = (file: string) => call<Pack>('import_pack', { input: { file } });

// Pairs and attention
export const getStatus = () => call<PairSummary[]>('get_status');
export const getPairSummary = (pairId: string) =>
  call<PairSummary>('get_pair_summary', { input: { pairId } });
export const addPair = (input: NewPair) => call<Pair>('add_pair', { input });
export const editPair = (pairId: string, patch: PairPatch) =>
  call<Pair>('edit_pair', { input: { pairId, patch } });
export const changePairStatus = (pairId: string, change: StatusChange) =>
  call<Pair>('change_pair_status', { input: { pairId, change } });
export const deletePair = (pairId: string) => call<null>('delete_pair', { input: { pairId } });
export const createSamplePair = () => call<Pair>('create_sample_pair');
/** The newest stretch of the timeline (`before` null), or the one ending before that day. */
export const getTimeline = (pairId: string, before: string | null = null, limit = 100) =>
  call<TimelinePage>('get_timeline', { input: { pairId, before, limit } });

// Goals and milestones
/** A page of goals: active, proposed, achieved, then dropped, the newest first within each. */
export const listGoals = (pairId: string, offset = 0, limit = 50) =>
  call<GoalPage>('list_goals', { input: { pairId, offset, limit } });
/** Some goals by id, whole (those gone are left out). */
export const getGoals = (pairId: string, goalIds: string[]) =>
  call<Goal[]>('get_goals', { input: { pairId, goalIds } });
export const countGoals = (pairId: string) => call<GoalCounts>('count_goals', { input: { pairId } });
/** The goals in play (to pick from) and also the ones in `include` (to name). */
export const listGoalLabels = (pairId: string, include: string[] = []) =>
  call<GoalLabel[]>('list_goal_labels', { input: { pairId, include } });
export const addGoal = (pairId: string, goal: NewGoal) =>
  call<Goal>('add_goal', { input: { pairId, goal } });
export const editGoal = (goalId: string, patch: GoalPatch) =>
  call<Goal>('edit_goal', { input: { goalId, patch } });
export const setGoalStatus = (goalId: string, status: GoalStatus) =>
  call<Goal>('set_goal_status', { input: { goalId, status } });
/** Moves a goal (with its milestones) to the Trash; the item lets the caller offer Undo. */
export const deleteGoal = (goalId: string) => call<TrashItem>('delete_goal', { input: { goalId } });
export const addMilestone = (goalId: string, text: string) =>
  call<Milestone>('add_milestone', { input: { goalId, text } });
export const editMilestone = (milestoneId: string, text: string) =>
  call<Milestone>('edit_milestone', { input: { milestoneId, text } });
export const setMilestoneDone = (milestoneId: string, done: boolean) =>
  call<Milestone>('set_milestone_done', { input: { milestoneId, done } });
export const deleteMilestone = (milestoneId: string) =>
  call<null>('delete_milestone', { input: { milestoneId } });

// Meetings and action items
export const listMeetings = (pairId: string, offset = 0, limit = 20) =>
  call<MeetingPage>('list_meetings', { input: { pairId, offset, limit } });
export const logMeeting = (pairId: string, meeting: NewMeeting) =>
  call<Meeting>('log_meeting', { input: { pairId, meeting } });
export const editMeeting = (meetingId: string, patch: MeetingPatch) =>
  call<Meeting>('edit_meeting', { input: { meetingId, patch } });
export const deleteMeeting = (meetingId: string) =>
  call<TrashItem>('delete_meeting', { input: { meetingId } });
export const getNextMeeting = (pairId: string) =>
  call<NextMeeting>('get_next_meeting', { input: { pairId } });
export const listActions = (pairId: string, openOnly = false) =>
  call<ActionItem[]>('list_actions', { input: { pairId, openOnly } });
export const addAction = (pairId: string, action: NewAction, meetingId: string | null = null) =>
  call<ActionItem>('add_action', { input: { pairId, meetingId, action } });
export const editAction = (actionId: string, patch: ActionPatch) =>
  call<ActionItem>('edit_action', { input: { actionId, patch } });
export const setActionDone = (actionId: string, done: boolean) =>
  call<ActionItem>('set_action_done', { input: { actionId, done } });
export const deleteAction = (actionId: string) =>
  call<TrashItem>('delete_action', { input: { actionId } });

// Notes and quick-capture drafts
/** A page of notes, newest first; only private or only shared ones when `visibility` is given. */
export const listNotes = (pairId: string, offset = 0, limit = 50, visibility: Visibility | null = null) =>
  call<NotePage>('list_notes', { input: { pairId, visibility, offset, limit } });
export const addNote = (pairId: string, note: NewNote) =>
  call<Note>('add_note', { input: { pairId, note } });
export const editNote = (noteId: string, patch: NotePatch) =>
  call<Note>('edit_note', { input: { noteId, patch } });
export const deleteNote = (noteId: string) => call<TrashItem>('delete_note', { input: { noteId } });
export const getDraft = (pairId: string) => call<Draft | null>('get_draft', { input: { pairId } });
/** Save what is typed so far; an empty body removes the draft (resolves null). */
export const saveDraft = (pairId: string, body: string, visibility: Visibility) =>
  call<Draft | null>('save_draft', { input: { pairId, body, visibility } });
export const publishDraft = (pairId: string, attach: Attachment) =>
  call<Note>('publish_draft', { input: { pairId, attach } });
export const discardDraft = (pairId: string) => call<null>('discard_draft', { input: { pairId } });

// Graduation criteria
export const listCriteria = (pairId: string) =>
  call<Criterion[]>('list_criteria', { input: { pairId } });
export const addCriterion = (pairId: string, text: string) =>
  call<Criterion>('add_criterion', { input: { pairId, text } });
export const editCriterion = (criterionId: string, text: string) =>
  call<Criterion>('edit_criterion', { input: { criterionId, text } });
export const markCriterionMet = (criterionId: string, mark: MarkMet) =>
  call<Criterion>('mark_criterion_met', { input: { criterionId, mark } });
export const unmarkCriterion = (criterionId: string) =>
  call<Criterion>('unmark_criterion', { input: { criterionId } });
export const deleteCriterion = (criterionId: string) =>
  call<TrashItem>('delete_criterion', { input: { criterionId } });

// Search and the portable record
export const search = (query: string, limit = 50) =>
  call<SearchHit[]>('search', { input: { query, limit } });
export interface Exported {
  path: string;
  bytes: number;
}
export const exportRecord = (
  pairId: string,
  format: RecordFormat,
  includePrivate: boolean,
  file: string,
) => call<Exported>('export_record', { input: { pairId, format, includePrivate, file } });

// Check-ins and the anonymised survey file: the preview's exact text goes
// back to `exportSurvey` unchanged, and core writes it only if it is what a
// preview gives now.
export const getCheckinForm = (pairId: string, number: number | null = null) =>
  call<CheckinForm>('get_checkin_form', { input: { pairId, number } });
export const answerCheckin = (pairId: string, number: number, answers: Record<string, Answer>) =>
  call<Checkin>('answer_checkin', { input: { pairId, number, answers } });
export const listCheckins = (pairId: string) => call<Checkin[]>('list_checkins', { input: { pairId } });
export const previewSurvey = (pairId: string, number: number, comment: string | null = null) =>
  call<string>('preview_survey', { input: { pairId, number, comment } });
export const exportSurvey = (pairId: string, number: number, previewed: string, file: string) =>
  call<ExportedSurvey>('export_survey', { input: { pairId, number, previewed, file } });

// The organizer's report, from folders (or files) of survey files.
export const buildReport = (inputs: string[], minGroup: number | null = null, program: string | null = null) =>
  call<Report>('build_report', { input: { inputs, minGroup, program } });
export const exportReport = (
  inputs: string[],
  minGroup: number | null,
  format: ReportFormat,
  file: string,
  program: string | null = null,
  overrideReason: string | null = null,
) => call<ExportedReport>('export_report', { input: { inputs, minGroup, program, format, file, overrideReason } });

// Pair sync: the invite and update files travel by any channel; a refused
// file (another pair's, an altered one) comes back as a `format` error and
// changes nothing.
// File arguments are tokens from the dialogs above, never paths.
export const invitePartner = (pairId: string, myName: string, file: string, rePair = false) =>
  call<InviteWritten>('invite_partner', { input: { pairId, myName, file, rePair } });
/** What an invite holds (who invites, program, cohort, what it adds), before anything is written. */
export const previewInvite = (file: string, code: string) =>
  call<InvitePreview>('preview_invite', { input: { file, code } });
/** Accept an invite with the one-time code the partner told; the answer for them goes to `answerFile`. */
export const acceptInvite = (file: string, code: string, answerFile: string) =>
  call<Accepted>('accept_invite', { input: { file, code, answerFile } });
export const sendUpdate = (pairId: string, file: string) =>
  call<Written>('send_update', { input: { pairId, file } });
export const receiveUpdate = (file: string) => call<Imported>('receive_update', { input: { file } });
/** Bring this machine's sync clock back to now when it ran more than a day ahead. */
export const repairSyncClock = () => call<ClockRepair>('repair_sync_clock');
export const getSyncStatus = (pairId: string) =>
  call<SyncStatus>('get_sync_status', { input: { pairId } });
export const listConflicts = (pairId: string) =>
  call<SyncConflict[]>('list_conflicts', { input: { pairId } });
export const resolveConflict = (id: number, keep: Side) =>
  call<SyncConflict>('resolve_conflict', { input: { id, keep } });
export const listConfirmations = (pairId: string) =>
  call<CriterionConfirmations[]>('list_confirmations', { input: { pairId } });

// Database health and backups. These work while the database is damaged
// (get_health, list_backups, restore_backup): the recovery screen needs them.
export const getHealth = () => call<Health>('get_health');
export const listBackups = () => call<Backup[]>('list_backups');
export const backupNow = () => call<Backup>('backup_now');
/** Replace the database with a backup; a copy of the current one is kept first. */
export const restoreBackup = (name: string) => call<Restored>('restore_backup', { input: { name } });
export const deleteBackup = (name: string) => call<Backup>('delete_backup', { input: { name } });
/** Deletes every backup made more than `olderThanDays` days ago; the newest one stays. */
export const pruneBackups = (olderThanDays: number) =>
  call<Backup[]>('prune_backups', { input: { olderThanDays } });

// The Trash: deleted items, kept 30 days; deleting one there removes its
// text from the database, its log and every backup.
export const listTrash = (pairId: string) => call<TrashItem[]>('list_trash', { input: { pairId } });
export const restoreTrashItem = (trashId: string) =>
  call<RestoredItem>('restore_trash_item', { input: { trashId } });
export const purgeTrashItem = (trashId: string) => call<Purged>('purge_trash_item', { input: { trashId } });
export const emptyTrash = (pairId: string) => call<Purged>('empty_trash', { input: { pairId } });

/** Whether `url` is a web link (http or https), the only kind Trellis opens. */
export function isWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url.trim());
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * Open a saved link in the system browser (tauri-plugin-opener, whose scope
 * allows http(s) URLs only). Anything else is refused here first.
 */
export async function openExternal(url: string): Promise<void> {
  if (!isWebUrl(url)) {
    throw new AppError('invalid', `Only web links (http:// or https://) are opened: ${url}`);
  }
  const { openUrl } = await import('@tauri-apps/plugin-opener');
  try {
    await openUrl(url.trim());
  } catch (reason) {
    throw AppError.from(reason);
  }
}

/**
 * Builds for the end-to-end journeys only (`VITE_TRELLIS_E2E=1`, with the
 * shell's `e2e` cargo feature; see tests/e2e/run.sh): WebDriver cannot drive
 * the native GTK dialogs, so a journey sets `window.__TRELLIS_E2E__ =
 * { savePath, openPath }` before clicking and the path goes to the shell in
 * place of the dialog's answer. In every other build this is constant-false
 * and Vite leaves the hook out of the bundle; the shell ignores such a path
 * anyway (src-tauri/src/commands/file.rs).
 */
const E2E_BUILD = import.meta.env.VITE_TRELLIS_E2E === '1';

function e2eHookPath(kind: 'savePath' | 'openPath'): string | undefined {
  const hook = (window as { __TRELLIS_E2E__?: Partial<Record<typeof kind, unknown>> }).__TRELLIS_E2E__;
  const path = hook?.[kind];
  return typeof path === 'string' ? path : undefined;
}

function e2ePath(kind: 'savePath' | 'openPath'): string | undefined {
  return E2E_BUILD && typeof window !== 'undefined' ? e2eHookPath(kind) : undefined;
}

type FileFilter = { name: string; extensions: string[] };
const filterOf = (filters: FileFilter[]) => (filters[0] ? [filters[0].name, filters[0].extensions] : undefined);

// Native dialogs, run by the shell: the page gets a token for what the
// person chose (and its name and path to show), never the power to name a
// path itself. They resolve null when cancelled.
export const saveFileDialog = (suggestedName: string, filters: FileFilter[]) =>
  call<ChosenFile | null>('choose_save_file', {
    input: { title: 'Save', suggestedName, filter: filterOf(filters), e2ePath: e2ePath('savePath') },
  });
export const openFileDialog = (filters: FileFilter[]) =>
  call<ChosenFile | null>('choose_open_file', {
    input: { title: 'Open', filter: filterOf(filters), e2ePath: e2ePath('openPath') },
  });
/** Choose a folder (the organizer's survey files). */
export const openFolderDialog = (title: string) =>
  call<ChosenFile | null>('choose_folder', { input: { title, e2ePath: e2ePath('openPath') } });

// --- Time zones and meeting times (issue 16) ---------------------------------

/** Canonical zone names, their aliases and this computer's zone. */
export const listZones = () => call<ZoneList>('list_zones');

/** Both people's hours and the next meeting at a time. */
export const getSchedule = (pairId: string) => call<PairSchedule>('get_schedule', { input: { pairId } });
/** Set the hours I can meet, in my zone (my partner sets theirs). */
export const setMyHours = (pairId: string, hours: Hours) =>
  call<PairSchedule>('set_my_hours', { input: { pairId, hours } });
/** The next few times inside both people's hours, around the cadence. */
export const proposeMeetings = (pairId: string, minutes: number, count: number) =>
  call<Slot[]>('propose_meetings', { input: { pairId, minutes, count } });
/** Schedule the next meeting (warnings come back in `next.warnings`). */
export const scheduleMeeting = (pairId: string, schedule: NewSchedule) =>
  call<PairSchedule>('schedule_meeting', { input: { pairId, schedule } });
/** Cancel the scheduled meeting and its series. */
export const cancelMeeting = (pairId: string) => call<PairSchedule>('cancel_meeting', { input: { pairId } });
/** Log the scheduled meeting as held, with the carried-forward agenda. */
export const logScheduledMeeting = (pairId: string) =>
  call<Meeting>('log_scheduled_meeting', { input: { pairId } });
/** Write the scheduled meeting (its series, a reminder) to the `.ics` file the person chose. */
export const exportMeetingIcs = (pairId: string, file: string) =>
  call<Exported>('export_meeting_ics', { input: { pairId, file } });
/** A time typed by hand, in both zones, with its warnings. */
export const checkMeetingTime = (pairId: string, startsAt: string, minutes: number) =>
  call<Slot>('check_meeting_time', { input: { pairId, startsAt, minutes } });
