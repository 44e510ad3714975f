// The only module that talks to the Rust side. Screens import the typed
// wrappers below; nothing else imports `@tauri-apps/api/core` (enforced by
// the lint config).
import { invoke } from '@tauri-apps/api/core';
import type { CommandError } from '../bindings/CommandError';
import type { CommandErrorKind } from '../bindings/CommandErrorKind';
import type { ErrorCode } from '../bindings/ErrorCode';
import { t } from '../i18n/index.svelte';
import type { Clash } from '../bindings/Clash';
import type { FileKind } from '../bindings/FileKind';
import type { IoOp } from '../bindings/IoOp';
import type { Reason } from '../bindings/Reason';

/**
 * Every kind and code the Rust side sends (generated unions), checked both
 * ways by the type checker: a kind or code added in Rust fails here until it
 * is listed, and a word Rust does not send cannot be listed.
 */
const KINDS: Record<CommandErrorKind, true> = {
  not_found: true,
  invalid: true,
  conflict: true,
  storage: true,
  format: true,
  io: true,
  locked: true,
  internal: true,
};
const CODES: Record<ErrorCode, true> = {
  not_found: true,
  invalid: true,
  conflict: true,
  format: true,
  file_altered: true,
  file_of_another_pair: true,
  storage: true,
  disk_full: true,
  corrupt: true,
  migration: true,
  io: true,
  locked: true,
  internal: true,
};

/** Every rule of refused input (generated union), checked both ways like `CODES`. */
const RULES: Record<Reason['rule'], true> = {
  required: true,
  too_long: true,
  too_short: true,
  control_characters: true,
  not_a_link: true,
  not_a_date: true,
  not_a_time: true,
  not_a_clock_time: true,
  not_a_zone: true,
  skipped_by_clocks: true,
  not_a_span: true,
  not_weekly_hours: true,
  not_seven_days: true,
  ends_before_start: true,
  before_start: true,
  duration_out_of_range: true,
  out_of_range: true,
  at_least: true,
  in_the_past: true,
  in_the_future: true,
  not_after_today: true,
  too_far_ahead: true,
  duration_and_end: true,
  not_a_choice: true,
  not_your_role: true,
  off_scale: true,
  not_criteria_answers: true,
  not_a_question: true,
  not_of_this_pair: true,
  belongs_to_another_pair: true,
  not_reviewed: true,
  listed_twice: true,
  already_done: true,
  none_chosen: true,
  no_such_checkin: true,
  unknown_program: true,
  not_an_id: true,
  not_an_id_prefix: true,
  ambiguous: true,
  not_a_folder: true,
  data_folder: true,
  unusable_path: true,
  not_a_file_name: true,
  no_such_backup: true,
  contains_email: true,
  contains_handle: true,
  contains_link: true,
  contains_nick: true,
  names_partner: true,
  names_you: true,
  not_an_invite_code: true,
  same_as_start: true,
  wrong_passphrase: true,
  passphrases_differ: true,
  malformed: true,
  file_not_chosen: true,
  none_reportable: true,
  usage: true,
};

/** Every clash with the stored state (generated union), checked both ways like `RULES`. */
const CLASHES: Record<Clash['rule'], true> = {
  status_forbids: true,
  criteria_not_met: true,
  criteria_not_confirmed: true,
  criterion_from_pack: true,
  criterion_confirmed_by_partner: true,
  no_pair: true,
  trash_cannot_keep: true,
  trash_cannot_keep_bytes: true,
  no_meeting_scheduled: true,
  no_meeting_to_log: true,
  no_checkin_due: true,
  action_item_done: true,
  action_item_undated: true,
  calendar_folder_missing: true,
  checkin_unanswered: true,
  questions_changed: true,
  differs_from_preview: true,
  respondents_too_close: true,
  paired_already: true,
  invite_accepted_already: true,
  pair_here_already: true,
  partner_key_differs: true,
  pair_not_shared: true,
  no_shared_folder: true,
  shared_folder_missing: true,
  old_pairing: true,
  awaiting_answer: true,
  pair_key_damaged: true,
  conflict_resolved: true,
  conflict_of_unknown_kind: true,
  would_share_text: true,
  conflict_item_gone: true,
  clock_ahead: true,
  update_too_large: true,
  not_joined: true,
  keyring_failed: true,
  no_keyring: true,
  cannot_seal_key: true,
  already_encrypted: true,
  not_encrypted: true,
  not_encrypted_yet: true,
  key_for_plain_data: true,
  open_elsewhere: true,
  newer_schema: true,
  backup_from_newer: true,
  backup_before_upgrade_failed: true,
  backup_not_rewritten: true,
  database_busy: true,
  log_in_use: true,
  failed_check: true,
  not_empty: true,
};

/** Every kind of file a format error names (generated union), checked both ways like `CODES`. */
const FILE_KINDS: Record<FileKind, true> = {
  output: true,
  survey_file: true,
  survey_preview: true,
  record: true,
  trash: true,
  encryption_header: true,
  database: true,
  checkin_answers: true,
  report_ledger: true,
  report_csv: true,
  backup: true,
  invite_file: true,
  sync_file: true,
  sync_conflict: true,
  pack: true,
};

/** Every kind of file system failure (generated union), checked both ways like `CODES`. */
const IO_OPS: Record<IoOp, true> = {
  read: true,
  write: true,
  create_folder: true,
  remove: true,
  list: true,
  copy: true,
  replace: true,
  random: true,
  disk_full: true,
};

export type AppErrorKind = CommandErrorKind;
export type AppErrorCode = ErrorCode;
/** Why refused input was refused: a stable word the UI words itself (generated from Rust's `Reason`). */
export type Rule = Reason['rule'];
/** Why a request clashes with the stored state: a stable word the UI words itself (generated from Rust's `Clash`). */
export type ClashRule = Clash['rule'];
/** A rule's parameters as they cross IPC: each as text (a list joined with ", "). */
export type RuleParams<R extends Rule> = { [K in Exclude<keyof Extract<Reason, { rule: R }>, 'rule'>]: string };

interface AppErrorDetails {
  code?: ErrorCode;
  field?: string | null;
  params?: Record<string, string>;
  cause?: unknown;
}

/**
 * A failed command, as the UI sees it: switch on `kind` or `code`, place it
 * by `field`, show `message` (or `reason` by the field). The UI never reads
 * the message's words: they may change or be translated.
 */
export class AppError extends Error {
  readonly kind: AppErrorKind;
  readonly code: ErrorCode;
  /** The input at fault (`title`, `answers.<question id>`), for refused input. */
  readonly field: string | null;
  readonly params: Record<string, string>;

  constructor(kind: AppErrorKind, message: string, details: AppErrorDetails = {}) {
    super(message, { cause: details.cause });
    this.name = 'AppError';
    this.kind = kind;
    this.code = details.code ?? (kind === 'internal' ? 'internal' : kind);
    this.field = details.field ?? null;
    this.params = details.params ?? {};
  }

  /**
   * Why the input was refused, as a rule the UI words itself (`reasonText`
   * in `lib/errors.ts`); null for errors other than refused input.
   */
  get rule(): Rule | null {
    const rule = this.params.rule;
    return this.code === 'invalid' && rule !== undefined && Object.hasOwn(RULES, rule) ? (rule as Rule) : null;
  }

  /**
   * Why the request clashes with the stored state, as a rule the UI words
   * itself (`errorText` in `lib/errors.ts`); null for errors other than a conflict.
   */
  get clash(): ClashRule | null {
    const rule = this.params.rule;
    return this.code === 'conflict' && rule !== undefined && Object.hasOwn(CLASHES, rule) ? (rule as ClashRule) : null;
  }

  /** What the file system was asked when it failed (`read`), when the core named it. */
  get ioOp(): IoOp | null {
    const op = this.params.op;
    return this.code === 'io' && op !== undefined && Object.hasOwn(IO_OPS, op) ? (op as IoOp) : null;
  }

  /** The kind of file a format error is about (`survey_file`), when the core named it. */
  get file(): FileKind | null {
    const what = this.params.what;
    return this.kind === 'format' && what !== undefined && Object.hasOwn(FILE_KINDS, what) ? (what as FileKind) : null;
  }

  /** The parameters of this error's rule, when it is `rule`. */
  ruleParams<R extends Rule>(rule: R): RuleParams<R> | null {
    return this.rule === rule ? (this.params as RuleParams<R>) : null;
  }

  /** Turn whatever a rejected `invoke` produced into an AppError. */
  static from(reason: unknown): AppError {
    if (reason instanceof AppError) return reason;
    if (isErrorPayload(reason)) {
      const kind = Object.hasOwn(KINDS, reason.kind) ? (reason.kind as CommandErrorKind) : 'internal';
      const code = typeof reason.code === 'string' && Object.hasOwn(CODES, reason.code) ? (reason.code as ErrorCode) : undefined;
      return new AppError(kind, reason.message, {
        code: kind === 'internal' ? 'internal' : code,
        field: typeof reason.field === 'string' ? reason.field : null,
        params: isParams(reason.params) ? reason.params : {},
        cause: reason,
      });
    }
    if (typeof reason === 'string') return new AppError('internal', reason, { cause: reason });
    if (reason instanceof Error) return new AppError('internal', reason.message, { cause: reason });
    return new AppError('internal', 'Something went wrong.', { cause: reason });
  }
}

type ErrorPayload = Pick<CommandError, 'message'> & {
  kind: string;
  code?: unknown;
  field?: unknown;
  params?: unknown;
};

function isErrorPayload(value: unknown): value is ErrorPayload {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { kind?: unknown }).kind === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

function isParams(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.values(value).every((v) => typeof v === 'string')
  );
}

/** Whether the Tauri bridge is there (it is not in a plain browser tab). */
function hasTauri(): boolean {
  if (typeof window === 'undefined') return false;
  const internals = (window as { __TAURI_INTERNALS__?: { invoke?: unknown } }).__TAURI_INTERNALS__;
  return typeof internals?.invoke === 'function';
}

type Input<K extends CommandName> = Commands[K]['input'];
type Output<K extends CommandName> = Commands[K]['output'];
/** A command's arguments: its one input, or none when it takes none. */
type Args<K extends CommandName> = Input<K> extends null ? [] : [input: Input<K>];

/**
 * Call a Tauri command: its name, input and output are those of
 * `src-tauri/src/contract/list.rs` (through the generated `Commands` map), so
 * a renamed Rust field fails the type check here. Resolves with its result;
 * rejects only with AppError.
 */
export async function call<K extends CommandName>(cmd: K, ...args: Args<K>): Promise<Output<K>> {
  if (!hasTauri()) {
    throw new AppError(
      'internal',
      'The Trellis desktop runtime is not available. Open this screen from the Trellis app.',
    );
  }
  const start = performance.now();
  try {
    return await invoke<Output<K>>(cmd, args.length === 0 ? undefined : { input: args[0] });
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

/** Version of the app and the folder that holds this person's data. */
export function appInfo(): Promise<AppInfo> {
  return call('app_info');
}

// Domain types are generated from Rust by ts-rs (ui/src/bindings, committed).
import type { Lang } from '../bindings/Lang';
import type { AppInfo } from '../bindings/AppInfo';
import type { Exported } from '../bindings/Exported';
export type { AppInfo, Exported };
import type { CommandName, Commands } from '../bindings/commands';
import type { ActionPatch } from '../bindings/ActionPatch';
import type { Answer } from '../bindings/Answer';
import type { Attachment } from '../bindings/Attachment';
import type { GoalPatch } from '../bindings/GoalPatch';
import type { Hours } from '../bindings/Hours';
import type { NewSchedule } from '../bindings/NewSchedule';
import type { GoalStatus } from '../bindings/GoalStatus';
import type { MarkMet } from '../bindings/MarkMet';
import type { MeetingPatch } from '../bindings/MeetingPatch';
import type { NewAction } from '../bindings/NewAction';
import type { NewGoal } from '../bindings/NewGoal';
import type { NewMeeting } from '../bindings/NewMeeting';
import type { NewNote } from '../bindings/NewNote';
import type { NewPair } from '../bindings/NewPair';
import type { NotePatch } from '../bindings/NotePatch';
import type { PairPatch } from '../bindings/PairPatch';
import type { RecordFormat } from '../bindings/RecordFormat';
import type { ReminderSettings } from '../bindings/ReminderSettings';
import type { ReportFormat } from '../bindings/ReportFormat';
import type { StatusChange } from '../bindings/StatusChange';
import type { Visibility } from '../bindings/Visibility';
import type { Side } from '../bindings/Side';

// Every command takes one typed `input` object (see src-tauri/src/commands/).

// Packs
export const listPacks = () => call('list_packs');
export const getPack = (programId: string) => call('get_pack', { programId });
/** Import a pack from a TOML file (the token `openFileDialog` gave). */
export const importPack = (file: string) => call('import_pack', { file });

// Pairs and attention
export const getStatus = () => call('get_status');
export const getPairSummary = (pairId: string) =>
  call('get_pair_summary', { pairId });
export const addPair = (input: NewPair) => call('add_pair', input);
export const editPair = (pairId: string, patch: PairPatch) =>
  call('edit_pair', { pairId, patch });
export const changePairStatus = (pairId: string, change: StatusChange) =>
  call('change_pair_status', { pairId, change });
export const deletePair = (pairId: string) => call('delete_pair', { pairId });
export const createSamplePair = () => call('create_sample_pair');
/** The newest stretch of the timeline (`before` null), or the one ending before that day. */
export const getTimeline = (pairId: string, before: string | null = null, limit = 100) =>
  call('get_timeline', { pairId, before, limit });

// Goals and milestones
/** A page of goals: active, proposed, achieved, then dropped, the newest first within each. */
export const listGoals = (pairId: string, offset = 0, limit = 50) =>
  call('list_goals', { pairId, offset, limit });
/** Some goals by id, whole (those gone are left out). */
export const getGoals = (pairId: string, goalIds: string[]) =>
  call('get_goals', { pairId, goalIds });
export const countGoals = (pairId: string) => call('count_goals', { pairId });
/** The goals in play (to pick from) and also the ones in `include` (to name). */
export const listGoalLabels = (pairId: string, include: string[] = []) =>
  call('list_goal_labels', { pairId, include });
export const addGoal = (pairId: string, goal: NewGoal) =>
  call('add_goal', { pairId, goal });
export const editGoal = (goalId: string, patch: GoalPatch) =>
  call('edit_goal', { goalId, patch });
export const setGoalStatus = (goalId: string, status: GoalStatus) =>
  call('set_goal_status', { goalId, status });
/** Moves a goal (with its milestones) to the Trash; the item lets the caller offer Undo. */
export const deleteGoal = (goalId: string) => call('delete_goal', { goalId });
export const addMilestone = (goalId: string, text: string) =>
  call('add_milestone', { goalId, text });
export const editMilestone = (milestoneId: string, text: string) =>
  call('edit_milestone', { milestoneId, text });
export const setMilestoneDone = (milestoneId: string, done: boolean) =>
  call('set_milestone_done', { milestoneId, done });
export const deleteMilestone = (milestoneId: string) =>
  call('delete_milestone', { milestoneId });

// Meetings and action items
export const listMeetings = (pairId: string, offset = 0, limit = 20) =>
  call('list_meetings', { pairId, offset, limit });
export const logMeeting = (pairId: string, meeting: NewMeeting) =>
  call('log_meeting', { pairId, meeting });
export const editMeeting = (meetingId: string, patch: MeetingPatch) =>
  call('edit_meeting', { meetingId, patch });
export const deleteMeeting = (meetingId: string) =>
  call('delete_meeting', { meetingId });
export const getNextMeeting = (pairId: string) =>
  call('get_next_meeting', { pairId });
export const listActions = (pairId: string, openOnly = false) =>
  call('list_actions', { pairId, openOnly });
export const addAction = (pairId: string, action: NewAction, meetingId: string | null = null) =>
  call('add_action', { pairId, meetingId, action });
export const editAction = (actionId: string, patch: ActionPatch) =>
  call('edit_action', { actionId, patch });
export const setActionDone = (actionId: string, done: boolean) =>
  call('set_action_done', { actionId, done });
export const deleteAction = (actionId: string) =>
  call('delete_action', { actionId });
/** Tick several open action items of a pair (all or none); how many. */
export const closeActions = (pairId: string, actionIds: string[]) =>
  call('close_actions', { pairId, actionIds });
/** Move several open action items of a pair to the Trash (all or none). */
export const dropActions = (pairId: string, actionIds: string[]) =>
  call('drop_actions', { pairId, actionIds });
/** Set several open action items aside until a day after today (all or none); how many. */
export const snoozeActions = (pairId: string, actionIds: string[], until: string) =>
  call('snooze_actions', { pairId, actionIds, until });

// Notes and quick-capture drafts
/** A page of notes, newest first; only private or only shared ones when `visibility` is given. */
export const listNotes = (pairId: string, offset = 0, limit = 50, visibility: Visibility | null = null) =>
  call('list_notes', { pairId, visibility, offset, limit });
export const addNote = (pairId: string, note: NewNote) =>
  call('add_note', { pairId, note });
export const editNote = (noteId: string, patch: NotePatch) =>
  call('edit_note', { noteId, patch });
export const deleteNote = (noteId: string) => call('delete_note', { noteId });
export const getDraft = (pairId: string) => call('get_draft', { pairId });
/** Save what is typed so far; an empty body removes the draft (resolves null). */
export const saveDraft = (pairId: string, body: string, visibility: Visibility) =>
  call('save_draft', { pairId, body, visibility });
export const publishDraft = (pairId: string, attach: Attachment) =>
  call('publish_draft', { pairId, attach });
export const discardDraft = (pairId: string) => call('discard_draft', { pairId });

// Graduation criteria
export const listCriteria = (pairId: string) =>
  call('list_criteria', { pairId });
export const addCriterion = (pairId: string, text: string) =>
  call('add_criterion', { pairId, text });
export const editCriterion = (criterionId: string, text: string) =>
  call('edit_criterion', { criterionId, text });
export const markCriterionMet = (criterionId: string, mark: MarkMet) =>
  call('mark_criterion_met', { criterionId, mark });
export const unmarkCriterion = (criterionId: string) =>
  call('unmark_criterion', { criterionId });
export const deleteCriterion = (criterionId: string) =>
  call('delete_criterion', { criterionId });

// Search and the portable record
/** Search everything, or only within one pair when `pairId` is given. */
export const search = (query: string, limit = 50, pairId: string | null = null) =>
  call('search', { query, limit, pairId });
export const exportRecord = (
  pairId: string,
  format: RecordFormat,
  includePrivate: boolean,
  file: string,
) => call('export_record', { pairId, format, includePrivate, file });

// Check-ins and the anonymised survey file: the preview's exact text goes
// back to `exportSurvey` unchanged, and core writes it only if it is what a
// preview gives now.
export const getCheckinForm = (pairId: string, number: number | null = null) =>
  call('get_checkin_form', { pairId, number });
export const answerCheckin = (pairId: string, number: number, answers: Record<string, Answer>) =>
  call('answer_checkin', { pairId, number, answers });
export const listCheckins = (pairId: string) => call('list_checkins', { pairId });
// `myName` goes with a comment only: core checks that the comment does not
// carry the person's own name (the partner's it knows); it is never kept.
export const previewSurvey = (
  pairId: string,
  number: number,
  comment: string | null = null,
  myName: string | null = null,
) => call('preview_survey', { pairId, number, comment, myName });
export const exportSurvey = (
  pairId: string,
  number: number,
  previewed: string,
  file: string,
  myName: string | null = null,
) => call('export_survey', { pairId, number, previewed, file, myName });

// The organizer's report, from folders (or files) of survey files.
export const buildReport = (inputs: string[], minGroup: number | null = null, program: string | null = null) =>
  call('build_report', { inputs, minGroup, program });
export const exportReport = (
  inputs: string[],
  minGroup: number | null,
  format: ReportFormat,
  file: string,
  program: string | null = null,
  overrideReason: string | null = null,
) => call('export_report', { inputs, minGroup, program, format, file, overrideReason });

// Pair sync: the invite and update files travel by any channel; a refused
// file (another pair's, an altered one) comes back as a `format` error and
// changes nothing.
// File arguments are tokens from the dialogs above, never paths.
export const invitePartner = (pairId: string, myName: string, file: string, rePair = false) =>
  call('invite_partner', { pairId, myName, file, rePair });
/** What an invite holds (who invites, program, cohort, what it adds), before anything is written. */
export const previewInvite = (file: string, code: string) =>
  call('preview_invite', { file, code });
/** Accept an invite with the one-time code the partner told; the answer for them goes to `answerFile`. */
export const acceptInvite = (file: string, code: string, answerFile: string) =>
  call('accept_invite', { file, code, answerFile });
export const sendUpdate = (pairId: string, file: string) =>
  call('send_update', { pairId, file });
export const receiveUpdate = (file: string) => call('receive_update', { file });
/** How far this machine's sync clock runs ahead (`aheadMs` null when fine). */
export const getSyncClock = () => call('get_sync_clock');
/** Bring this machine's sync clock back to now when it ran more than a day ahead. */
export const repairSyncClock = () => call('repair_sync_clock');
/** Sync a pair through a folder both partners keep in step (the token of a `choose_folder` dialog). */
export const setSyncFolder = (pairId: string, folder: string) =>
  call('set_sync_folder', { pairId, folder });
export const clearSyncFolder = (pairId: string) => call('clear_sync_folder', { pairId });
/** Read the partner's file in the pair's folder, then write mine. */
export const syncFolderNow = (pairId: string) => call('sync_folder_now', { pairId });
/** The same for every pair with a shared folder (at start and when the window gains focus). */
export const syncAllFolders = () => call('sync_all_folders');
export const getSyncStatus = (pairId: string) =>
  call('get_sync_status', { pairId });
export const listConflicts = (pairId: string) =>
  call('list_conflicts', { pairId });
export const resolveConflict = (id: number, keep: Side) =>
  call('resolve_conflict', { id, keep });
export const listConfirmations = (pairId: string) =>
  call('list_confirmations', { pairId });

// Database health and backups. These work while the database is damaged
// (get_health, list_backups, restore_backup): the recovery screen needs them.
export const getHealth = () => call('get_health');
export const listBackups = () => call('list_backups');
export const backupNow = () => call('backup_now');
/** Replace the database with a backup; a copy of the current one is kept first. */
export const restoreBackup = (name: string) => call('restore_backup', { name });
export const deleteBackup = (name: string) => call('delete_backup', { name });
/** Deletes every backup made more than `olderThanDays` days ago; the newest one stays. */
export const pruneBackups = (olderThanDays: number) =>
  call('prune_backups', { olderThanDays });

// Encryption at rest. `unlockData` opens encrypted data with its passphrase
// (a wrong one is an `invalid` error and changes nothing); turning it on or
// off re-encrypts the database and every backup, after a verified backup.
export const encryptionStatus = () => call('encryption_status');
export const unlockData = (passphrase: string, remember: boolean) =>
  call('unlock_data', { passphrase, remember });
export const turnOnEncryption = (passphrase: string, remember: boolean) =>
  call('turn_on_encryption', { passphrase, remember });
export const turnOffEncryption = (passphrase: string | null) =>
  call('turn_off_encryption', { passphrase });
export const changePassphrase = (current: string, next: string, remember: boolean) =>
  call('change_passphrase', { current, new: next, remember });

// The Trash: deleted items, kept 30 days; deleting one there removes its
// text from the database, its log and every backup.
export const listTrash = (pairId: string) => call('list_trash', { pairId });
export const restoreTrashItem = (trashId: string) =>
  call('restore_trash_item', { trashId });
export const purgeTrashItem = (trashId: string) => call('purge_trash_item', { trashId });
export const emptyTrash = (pairId: string) => call('empty_trash', { pairId });

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
const filterOf = (filters: FileFilter[]): [string, string[]] | undefined =>
  filters[0] ? [filters[0].name, filters[0].extensions] : undefined;

// Native dialogs, run by the shell: the page gets a token for what the
// person chose (and its name and path to show), never the power to name a
// path itself. They resolve null when cancelled.
export const saveFileDialog = (suggestedName: string, filters: FileFilter[]) =>
  call('choose_save_file', { title: t('status.fileDialog.save'), suggestedName, filter: filterOf(filters), e2ePath: e2ePath('savePath') });
export const openFileDialog = (filters: FileFilter[]) =>
  call('choose_open_file', { title: t('status.fileDialog.open'), filter: filterOf(filters), e2ePath: e2ePath('openPath') });
/** Choose a folder (the organizer's survey files). */
export const openFolderDialog = (title: string) =>
  call('choose_folder', { title, e2ePath: e2ePath('openPath') });

// --- Time zones and meeting times (issue 16) ---------------------------------

/** Canonical zone names, their aliases and this computer's zone. */
export const listZones = () => call('list_zones');

/** This week across all pairs: meetings in both zones, and what is owed by Sunday. */
export const getWeek = () => call('get_week');

/** Both people's hours and the next meeting at a time. */
export const getSchedule = (pairId: string) => call('get_schedule', { pairId });
/** Set the hours I can meet, in my zone (my partner sets theirs). */
export const setMyHours = (pairId: string, hours: Hours) =>
  call('set_my_hours', { pairId, hours });
/** The next few times inside both people's hours, around the cadence. */
export const proposeMeetings = (pairId: string, minutes: number, count: number) =>
  call('propose_meetings', { pairId, minutes, count });
/** Schedule the next meeting (warnings come back in `next.warnings`). */
export const scheduleMeeting = (pairId: string, schedule: NewSchedule) =>
  call('schedule_meeting', { pairId, schedule });
/** Cancel the scheduled meeting and its series. */
export const cancelMeeting = (pairId: string) => call('cancel_meeting', { pairId });
/** Log the scheduled meeting as held, with the carried-forward agenda. */
export const logScheduledMeeting = (pairId: string) =>
  call('log_scheduled_meeting', { pairId });
/** Write the scheduled meeting (its series, a reminder) to the `.ics` file the person chose. */
export const exportMeetingIcs = (pairId: string, file: string) =>
  call('export_meeting_ics', { pairId, file });
/** Write the window of the check-in due or coming up (with a reminder) to the `.ics` file the person chose. */
export const exportCheckinIcs = (pairId: string, file: string) =>
  call('export_checkin_ics', { pairId, file });
/** Write an open action item's due date (a reminder the day before) to the `.ics` file the person chose. */
export const exportActionIcs = (actionId: string, file: string) =>
  call('export_action_ics', { actionId, file });
/** The pair's calendar file Trellis keeps up to date, or null. */
export const getCalendarFile = (pairId: string) => call('get_calendar_file', { pairId });
/** Keep the pair's calendar file up to date in a folder (the token of a `choose_folder` dialog); written now. */
export const setCalendarFolder = (pairId: string, folder: string) =>
  call('set_calendar_folder', { pairId, folder });
/** Stop keeping the pair's calendar file up to date (the file stays). */
export const clearCalendarFolder = (pairId: string) => call('clear_calendar_folder', { pairId });
/** A time typed by hand, in both zones, with its warnings. */
export const checkMeetingTime = (pairId: string, startsAt: string, minutes: number) =>
  call('check_meeting_time', { pairId, startsAt, minutes });

// --- Reminders (issue 16) -----------------------------------------------------

/** Which reminders the desktop shows, quiet hours, starting at login. */
export const reminderSettings = () => call('reminder_settings');

/** The language setting: the choice (null follows the system), the system's and the one in use. */
export const getLanguage = () => call('get_language');
/** Remembers a language (null: follow the system again); the core's texts follow at once. */
export const setLanguage = (language: Lang | null) => call('set_language', { language });
/** Change the reminder settings (all at once); starting at login follows. */
export const setReminderSettings = (settings: ReminderSettings) =>
  call('set_reminder_settings', settings);
