// The check-in form's answers: where they start (what was saved, else the
// suggestions from the log), which questions still need one, and how a
// refused answer is placed by its question. Pure functions, no IPC.
import { errorText, reasonText } from '../../../lib/errors';
import type { Answer } from '../../../bindings/Answer';
import type { CheckinForm } from '../../../bindings/CheckinForm';
import type { CheckinQuestion } from '../../../bindings/CheckinQuestion';
import type { CriterionAnswer } from '../../../bindings/CriterionAnswer';
import type { Role } from '../../../bindings/Role';
import { t } from '../../../i18n/index.svelte';
import { AppError } from '../../../lib/ipc';

/** The answer every question allows (core's `PREFER_NOT_TO_SAY`). */
export const PREFER_NOT_TO_SAY = 'prefer-not-to-say';

/**
 * How many days before its due date a check-in opens here: the same notice
 * the home screen gives (core's `status::CHECKIN_NOTICE_DAYS`).
 */
export const CHECKIN_NOTICE_DAYS = 14;

/** Answers being edited, by question id (a question not answered yet is absent). */
export type Draft = Record<string, Answer>;

/** Per pack criterion, the three answers offered besides "prefer not to say". */
export const CRITERION_CHOICES: readonly CriterionAnswer[] = ['yes', 'no', 'not-applicable'];

/** A criterion answer's words, in the current language. */
export function criterionChoiceLabel(choice: CriterionAnswer): string {
  switch (choice) {
    case 'yes':
      return t('checkin.criterionYes');
    case 'no':
      return t('checkin.criterionNo');
    default:
      return t('checkin.criterionNotApplicable');
  }
}

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** The saved answers, or when there are none, every suggestion from the log. */
export function initialAnswers(form: CheckinForm): Draft {
  if (form.answeredAt !== null) return copy(form.answers);
  const draft: Draft = {};
  for (const q of form.questions) {
    if (q.prefill !== null) draft[q.id] = copy(q.prefill);
  }
  return draft;
}

export function isPreferNotToSay(answer: Answer | undefined): boolean {
  return answer === PREFER_NOT_TO_SAY;
}

/** Does the answer equal the suggestion from the log? */
export function isSuggested(q: CheckinQuestion, answer: Answer | undefined): boolean {
  if (q.prefill === null || answer === undefined) return false;
  return JSON.stringify(sorted(q.prefill)) === JSON.stringify(sorted(answer));
}

function sorted(a: Answer): Answer {
  if (typeof a !== 'object') return a;
  return Object.fromEntries(Object.entries(a).sort(([x], [y]) => x.localeCompare(y))) as Answer;
}

/** A question has an answer: an option, a value, "prefer not to say", or every criterion answered. */
export function isAnswered(q: CheckinQuestion, answer: Answer | undefined): boolean {
  if (answer === undefined) return false;
  if (q.kind !== 'criteria' || typeof answer !== 'object') return true;
  return q.criteria.every((c) => answer[c.id] !== undefined);
}

/**
 * The questions that apply, in form order: a question with `onlyIf` applies
 * only while the answer to its earlier question is one of the listed options
 * (as core's `checkin::keep_applicable`, which drops any other answer). The
 * form shows only these.
 */
export function applicable(form: CheckinForm, draft: Draft): CheckinQuestion[] {
  const shown = new Set<string>();
  return form.questions.filter((q) => {
    const c = q.onlyIf;
    if (c !== null) {
      const given = shown.has(c.question) ? draft[c.question] : undefined;
      if (typeof given !== 'string' || !c.answers.includes(given)) return false;
    }
    shown.add(q.id);
    return true;
  });
}

/**
 * The questions of the form that still need an answer, in form order. A
 * question that does not apply is not required.
 */
export function unanswered(form: CheckinForm, draft: Draft): CheckinQuestion[] {
  return applicable(form, draft).filter((q) => !isAnswered(q, draft[q.id]));
}

/** The options shown for a choice question: the role question offers only my role. */
export function optionsFor(q: CheckinQuestion, myRole: Role) {
  if (q.prefillFrom !== 'role') return q.options;
  return q.options.filter((o) => o.id === myRole || (o.id !== 'mentor' && o.id !== 'mentee'));
}

/**
 * Only the answers to this form's questions that apply (a stale key would be
 * refused; an answer to a question that does not apply would not be kept).
 */
export function answersToSave(form: CheckinForm, draft: Draft): Draft {
  const out: Draft = {};
  for (const q of applicable(form, draft)) {
    const a = draft[q.id];
    if (a !== undefined) out[q.id] = a;
  }
  return out;
}

/**
 * A refused save, placed by its question: core names the field
 * `answers.<question id>`.
 */
export function placeAnswerError(reason: unknown): { questionId: string | null; message: string; error: AppError } {
  const error = AppError.from(reason);
  const questionId = error.kind === 'invalid' && error.field?.startsWith(ANSWER_FIELD) ? error.field.slice(ANSWER_FIELD.length) : null;
  if (questionId) {
    return { questionId, message: reasonText(error), error };
  }
  return { questionId: null, message: errorText(error), error };
}

/** How core names the field of a check-in's answer: `answers.<question id>`. */
const ANSWER_FIELD = 'answers.';

/**
 * The parameters of `due today`, `due in 3 days`, `due 4 days ago` (the
 * check-in messages choose the words by `when`).
 */
export function dueParams(daysUntil: number): { when: 'today' | 'future' | 'past'; days: number } {
  return { when: daysUntil === 0 ? 'today' : daysUntil > 0 ? 'future' : 'past', days: Math.abs(daysUntil) };
}

/** A file-name-safe piece: `OpenStack Mentoring` → `openstack-mentoring`. */
export function fileSlug(text: string): string {
  const s = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s || 'program';
}
