// Errors worded in the window's language from what the core sends: its
// `code`, the `field` at fault and the `params` (for refused input and for a
// conflict the `rule` and the rule's parameters; for a file its kind). Never
// from the core's English words: a library's words (a technical detail) are
// shown verbatim after the worded message.
import type { ErrorCode } from '../bindings/ErrorCode';
import type { FileKind } from '../bindings/FileKind';
import type { IoOp } from '../bindings/IoOp';
import { formatList, t, type MessageKey } from '../i18n/index.svelte';
import { AppError, type ClashRule, type Rule } from './ipc';

type CodeKey = `errors.code.${ErrorCode}`;
type RuleKey = `errors.rule.${Rule}`;
type ClashKey = `errors.clash.${ClashRule}`;
type FileKey = `errors.file.${FileKind}`;
type IoKey = `errors.io.${IoOp}`;

/**
 * Every code, rule, clash, kind of file and file system failure has its message: one added in
 * Rust (and so in the generated bindings) fails the type check here until
 * `messages/en/errors.json` words it (the catalogue test then asks every
 * other language for it).
 */
type Unworded = Exclude<CodeKey | RuleKey | ClashKey | FileKey | IoKey, MessageKey>;
const EVERY_CODE_AND_RULE_IS_WORDED: [Unworded] extends [never] ? true : Unworded = true;
void EVERY_CODE_AND_RULE_IS_WORDED;

/** The core's field names (`partner name`) → their words in the `errors` area. */
const FIELDS: Partial<Record<string, MessageKey>> = {
  title: 'errors.field.title',
  why: 'errors.field.why',
  'partner name': 'errors.field.partnerName',
  'my name': 'errors.field.myName',
  cadence: 'errors.field.cadence',
  'cadence days': 'errors.field.cadence',
  'match date': 'errors.field.matchDate',
  role: 'errors.field.role',
  cohort: 'errors.field.cohort',
  program: 'errors.field.program',
  start: 'errors.field.start',
  when: 'errors.field.start',
  end: 'errors.field.end',
  duration: 'errors.field.duration',
  mode: 'errors.field.mode',
  agenda: 'errors.field.agenda',
  notes: 'errors.field.notes',
  note: 'errors.field.note',
  goal: 'errors.field.goal',
  goals: 'errors.field.goal',
  meeting: 'errors.field.meeting',
  'action item': 'errors.field.actionItem',
  'action items': 'errors.field.actionItems',
  'due date': 'errors.field.dueDate',
  'target date': 'errors.field.targetDate',
  'snooze until': 'errors.field.snoozeUntil',
  'met on': 'errors.field.metOn',
  evidence: 'errors.field.evidence',
  criterion: 'errors.field.criterion',
  criteria: 'errors.field.criterion',
  milestone: 'errors.field.milestone',
  reason: 'errors.field.reason',
  'my time zone': 'errors.field.myTimeZone',
  'my zone': 'errors.field.myTimeZone',
  'partner time zone': 'errors.field.partnerTimeZone',
  hours: 'errors.field.hours',
  'quiet from': 'errors.field.quietFrom',
  'quiet to': 'errors.field.quietTo',
  lead: 'errors.field.lead',
  folder: 'errors.field.folder',
  file: 'errors.field.file',
  passphrase: 'errors.field.passphrase',
  'new passphrase': 'errors.field.newPassphrase',
  code: 'errors.field.code',
  comment: 'errors.field.comment',
  'min group': 'errors.field.minGroup',
  'check-in': 'errors.field.checkin',
  language: 'errors.field.language',
};

/** Parameters that are counts (sent as text): given to plurals as numbers. */
const NUMBERS = new Set([
  'length',
  'max',
  'min',
  'count',
  'number',
  'read',
  'refused',
  'met',
  'total',
  'confirmed',
  'difference',
  'min_group',
  'hours',
  'size_mib',
  'max_mib',
  'pairs',
]);

/** `t` for a key chosen by a value from the core (its parameters checked by the catalogue test). */
const words = t as (key: MessageKey, params?: Record<string, string | number>) => string;

function ruleParams(error: AppError): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(error.params)) {
    if (name === 'rule' || name === 'reason' || name === 'detail') continue;
    if (NUMBERS.has(name) && /^-?\d+$/.test(value)) out[name] = Number(value);
    else if (name === 'choices') out[name] = formatList(value.split(', '), 'disjunction');
    else out[name] = value;
  }
  return out;
}

/** The words of a field the core names, or null when the UI has none for it. */
export function fieldText(field: string): string | null {
  if (field.startsWith('answers.')) return t('errors.field.answer');
  const key = FIELDS[field];
  return key === undefined ? null : words(key);
}

/**
 * Why refused input was refused, without its field: what to show by the
 * field. An error that is not refused input (or has no rule) gives its
 * whole words (`errorText`).
 */
export function reasonText(error: AppError): string {
  const rule = error.rule;
  if (rule !== null) return words(`errors.rule.${rule}`, ruleParams(error));
  // Refused input without a rule (from an older shell): its words as sent.
  const sent = error.params.reason?.trim();
  if (error.kind === 'invalid' && sent) return sent.charAt(0).toUpperCase() + sent.slice(1);
  return errorText(error);
}

function codeText(error: AppError): string {
  if (error.code === 'not_found') {
    const what = (error.params.what ?? '').replace(/[^a-z]+/g, '_');
    return t('errors.code.not_found', { what });
  }
  return words(`errors.code.${error.code}`);
}

/**
 * The technical detail of an error, verbatim (a library's or the system's
 * words, which cannot be translated): for a file that does not read, why;
 * for the file system, the database or a keyring, what it said.
 */
function detailOf(error: AppError): string | null {
  const detail = (error.code === 'format' ? error.params.reason : error.params.detail)?.trim();
  if (detail) return detail;
  // Without its detail (an older shell): the message is all there is of it.
  return TECHNICAL.has(error.code) && error.message !== '' ? error.message : null;
}

/** Codes whose message is a technical detail (a library's or the system's words), never prose to word. */
const TECHNICAL: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['format', 'storage', 'io', 'migration']);

/** Codes whose words say all a person needs: no technical detail after them. */
const WHOLE: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['not_found', 'file_altered', 'file_of_another_pair', 'disk_full', 'locked']);

/** The words of an error that is not refused input, before any detail. */
function frameText(error: AppError): string {
  const clash = error.clash;
  if (clash !== null) return words(`errors.clash.${clash}`, ruleParams(error));
  const file = error.file;
  if (error.code === 'format' && file !== null) return words(`errors.file.${file}`);
  const op = error.ioOp;
  if (op !== null) return words(`errors.io.${op}`);
  return codeText(error);
}

/** The whole error in the window's language: for a toast or a dialog's general message. */
export function errorText(error: unknown): string {
  const e = AppError.from(error);
  if (e.rule === null) {
    if (e.kind === 'invalid' && e.params.reason) return reasonText(e);
    // The shell's own failures (a bug, no runtime) carry only their words.
    if (e.code === 'internal' && e.message !== '') return e.message;
    const frame = frameText(e);
    const detail = WHOLE.has(e.code) ? null : detailOf(e);
    return detail === null ? frame : t('errors.withDetail', { message: frame, detail });
  }
  const field = e.field === null ? null : fieldText(e.field);
  const reason = reasonText(e);
  return field === null ? reason : t('errors.withField', { field, reason });
}
