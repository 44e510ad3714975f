// An in-memory stand-in for the check-in and survey commands of the Rust
// core, on top of the pair screen's mock (pair.ts here): the
// default questions for my role, suggestions from the mock's log, saved
// answers, and a survey file whose text is built like core's (keys in file
// order, two-space JSON, a final newline). `export_survey` writes nothing and
// refuses text that a preview would not give now, as core does. Used by the
// tests and by the dev mock; never by the app.
import type { Answer } from '../../bindings/Answer';
import type { Checkin } from '../../bindings/Checkin';
import type { CheckinForm } from '../../bindings/CheckinForm';
import type { CheckinQuestion } from '../../bindings/CheckinQuestion';
import type { Choice } from '../../bindings/Choice';
import type { ExportedSurvey } from '../../bindings/ExportedSurvey';
import type { PairSummary } from '../../bindings/PairSummary';
import type { Prefill } from '../../bindings/Prefill';
import type { Role } from '../../bindings/Role';
import type { PairMock } from './pair';
import { addDays, daysBetween } from '../../routes/pair/zone';
import { chosenFile, pathOfToken } from '../files';
import { PREFER_NOT_TO_SAY } from '../../routes/pair/checkin/answers';
import type { CommandError } from '../../bindings/CommandError';
import type { CommandErrorKind } from '../../bindings/CommandErrorKind';
import { asCommandError, commandError, refusedInput, type Failure } from '../errors';
import { handlerOf, inputOf, type Handlers } from './contract';

function throwError(error: CommandError): never {
  throw error;
}
import { checkinLevel, phaseOf, topLevel } from './attention';

export interface CheckinMockOptions {
  /** Days until check-in 1 is due; negative when it is overdue. Default 2. */
  daysUntil?: number;
  /** Answers were saved before (every question answered). */
  answered?: boolean;
  /** The survey file was written too. */
  exported?: boolean;
}

export interface CheckinMock {
  state: { saved: Checkin | null; written: Map<string, string>; previews: number; exports: number };
  /** Make the next call of `cmd` fail with this error, changing nothing. */
  failNext: (cmd: string, error: Failure) => void;
  /** Answer a command: the check-in ones here, everything else by the pair mock. */
  handle: (cmd: string, payload?: unknown) => unknown;
  /** The text core would give for the saved answers with this respondent id and comment. */
  surveyText: (respondentId: string, comment: string | null) => string;
}

type Q = Omit<CheckinQuestion, 'prefill' | 'criteria' | 'min' | 'max' | 'minLabel' | 'maxLabel' | 'options' | 'onlyIf'> &
  Partial<Pick<CheckinQuestion, 'min' | 'max' | 'minLabel' | 'maxLabel' | 'options' | 'onlyIf'>> & { roles?: Role[] };

const opts = (...pairs: [string, string][]): Choice[] => pairs.map(([id, label]) => ({ id, label }));
const YES_NO_DK = opts(['yes', 'Yes'], ['no', 'No'], ['dont-know', "Don't know"]);
const AGREE = { min: 1, max: 5, minLabel: 'Strongly disagree', maxLabel: 'Strongly agree' };

/** The built-in default questions (crates/trellis-core/packs/default-questions.toml). */
export const DEFAULT_QUESTIONS: Q[] = [
  { id: 'role', text: 'What is your role in this mentorship?', kind: 'choice', options: opts(['mentor', 'Mentor'], ['mentee', 'Mentee']), prefillFrom: 'role' },
  {
    id: 'checkin-frequency',
    text: 'How often do you and your partner have real-time check-ins (video, chat, IRC or in person)?',
    kind: 'choice',
    options: opts(['not-yet', 'Not yet'], ['every-other-week-or-less', 'Every other week or less'], ['weekly', 'Weekly'], ['several-times-a-week', 'Several times a week'], ['daily', 'Daily']),
    prefillFrom: null,
  },
  {
    id: 'meetings-last-4-weeks',
    text: 'How many times did you meet in the last four weeks?',
    kind: 'choice',
    options: opts(['none', '0'], ['one', '1'], ['two-three', '2–3'], ['four-plus', '4 or more']),
    prefillFrom: 'meetings_last_4_weeks',
  },
  {
    id: 'partner-response-time',
    text: 'How long does your partner usually take to respond to you?',
    kind: 'choice',
    options: opts(['less-than-one-day', 'Less than a day'], ['one-day', 'About a day'], ['two-three-days', '2–3 days'], ['four-seven-days', '4–7 days'], ['more-than-seven-days', 'More than 7 days']),
    prefillFrom: null,
  },
  { id: 'satisfaction', text: 'How satisfied are you with the mentoring relationship?', kind: 'scale', min: 1, max: 5, minLabel: 'Very dissatisfied', maxLabel: 'Very satisfied', prefillFrom: null },
  { id: 'clear-goals', text: 'We agreed clear goals and expectations.', kind: 'scale', ...AGREE, prefillFrom: null },
  {
    id: 'goal-progress',
    text: 'How much progress have you made toward your goals?',
    kind: 'choice',
    options: opts(['none', 'None yet'], ['some', 'Some'], ['about-half', 'About half'], ['most', 'Most'], ['all', 'All']),
    prefillFrom: 'goal_progress',
  },
  { id: 'criteria-met', text: "Which of your cohort's graduation criteria have been met?", kind: 'criteria', prefillFrom: null },
  { id: 'action-items-followed-up', text: 'Action items we agree on get followed up.', kind: 'scale', ...AGREE, prefillFrom: null },
  {
    id: 'pair-status',
    text: 'What is the current status of your mentorship?',
    kind: 'choice',
    options: opts(['active', 'Active'], ['paused', 'Paused'], ['graduated', 'Graduated'], ['ended-early', 'Ended early']),
    prefillFrom: 'pair_status',
  },
  {
    id: 'end-reason',
    text: 'If your mentorship ended early, what was the main reason?',
    kind: 'choice',
    onlyIf: { question: 'pair-status', answers: ['ended-early'] },
    options: opts(
      ['did-not-end-early', 'It did not end early'],
      ['time', 'Not enough time'],
      ['lost-interest', 'Lost interest'],
      ['goals-met-early', 'Goals were met early'],
      ['mismatch', 'Mentor and mentee were not a good match'],
      ['life-events', 'Life events'],
      ['other', 'Other'],
    ),
    prefillFrom: null,
  },
  {
    id: 'continue-after-program',
    text: 'Do you expect to keep working together after the program ends?',
    kind: 'choice',
    options: opts(['yes', 'Yes'], ['no', 'No'], ['unsure', 'Unsure']),
    prefillFrom: null,
  },
  {
    id: 'recommend',
    text: 'How likely are you to recommend this mentoring program to a friend or colleague?',
    kind: 'scale',
    min: 0,
    max: 10,
    minLabel: 'Not at all likely',
    maxLabel: 'Extremely likely',
    prefillFrom: null,
  },
  { id: 'mentor-again', text: 'Would you mentor again?', kind: 'choice', options: YES_NO_DK, prefillFrom: null, roles: ['mentor'] },
  {
    id: 'more-confident',
    text: 'Do you feel more confident contributing to the project than before the program?',
    kind: 'choice',
    options: YES_NO_DK,
    prefillFrom: null,
    roles: ['mentee'],
  },
  {
    id: 'biggest-obstacle',
    text: 'What has been the biggest obstacle in your mentorship?',
    kind: 'choice',
    options: opts(['time', 'Time'], ['time-zones', 'Time zones'], ['unclear-expectations', 'Unclear expectations'], ['technical-blockers', 'Technical blockers'], ['language-communication', 'Language or communication'], ['none', 'None']),
    prefillFrom: null,
  },
];

const BUCKETS: [number, string][] = [
  [0, '0'],
  [2, '1-2'],
  [5, '3-5'],
  [10, '6-10'],
];
const bucket = (n: number) => BUCKETS.find(([max]) => n <= max)?.[1] ?? '11+';

function fail(kind: CommandErrorKind, message: string): never {
  throw commandError(kind, message);
}

/** A full set of answers, as a person who went through the form might give. */
export function sampleAnswers(questions: CheckinQuestion[]): Record<string, Answer> {
  const out: Record<string, Answer> = {};
  for (const q of questions) {
    // A question that does not apply to the answers so far is not answered (core would not keep it).
    const given = q.onlyIf ? out[q.onlyIf.question] : undefined;
    if (q.onlyIf && (typeof given !== 'string' || !q.onlyIf.answers.includes(given))) continue;
    if (q.prefill !== null) out[q.id] = q.prefill;
    else if (q.kind === 'scale') out[q.id] = q.max ?? 0;
    else if (q.kind === 'choice') out[q.id] = q.options[q.options.length > 2 ? 2 : 0]?.id ?? PREFER_NOT_TO_SAY;
  }
  return out;
}

export function withCheckins(pair: PairMock, options: CheckinMockOptions = {}): CheckinMock {
  const p = pair.state.pair;
  const today = pair.today;
  const daysUntil = options.daysUntil ?? 2;
  const dueOn = addDays(today, daysUntil);
  const stamp = `${today}T10:30:00Z`;
  // The check-in's one respondent id, made once (as core keeps it in the checkin row).
  const RESPONDENT_ID = '5f0c3a9e-7b21-4c6d-9a8e-000000000001';

  const state: CheckinMock['state'] = { saved: null, written: new Map(), previews: 0, exports: 0 };

  function packCriteria() {
    return pair.state.criteria.filter((c) => c.packCriterionId !== null);
  }

  function prefill(from: Prefill | null): string | null {
    switch (from) {
      case 'role':
        return p.myRole;
      case 'meetings_last_4_weeks': {
        const n = pair.state.meetings.filter((m) => {
          const d = daysBetween(m.startsAt.slice(0, 10), today);
          return d >= 0 && d < 28;
        }).length;
        return n === 0 ? 'none' : n === 1 ? 'one' : n <= 3 ? 'two-three' : 'four-plus';
      }
      case 'goal_progress': {
        const counted = pair.state.goals.filter((g) => g.status !== 'dropped');
        const achieved = counted.filter((g) => g.status === 'achieved').length;
        if (counted.length === 0 || achieved === 0) return 'none';
        if (achieved >= counted.length) return 'all';
        const pct = Math.floor((achieved * 100) / counted.length);
        return pct < 40 ? 'some' : pct <= 60 ? 'about-half' : 'most';
      }
      case 'pair_status':
        return p.status === 'ended' ? 'ended-early' : p.status;
      default:
        return null;
    }
  }

  function questions(): CheckinQuestion[] {
    const criteria = packCriteria();
    return DEFAULT_QUESTIONS.filter((q) => !q.roles || q.roles.includes(p.myRole)).map((q) => ({
      id: q.id,
      text: q.text,
      kind: q.kind,
      options: q.options ?? [],
      min: q.min ?? null,
      max: q.max ?? null,
      minLabel: q.minLabel ?? null,
      maxLabel: q.maxLabel ?? null,
      criteria: q.kind === 'criteria' ? criteria.map((c) => ({ id: c.packCriterionId!, text: c.text })) : [],
      prefill:
        q.kind === 'criteria'
          ? Object.fromEntries(criteria.map((c) => [c.packCriterionId!, c.met ? 'yes' : 'no']))
          : prefill(q.prefillFrom),
      prefillFrom: q.kind === 'criteria' ? null : q.prefillFrom,
      onlyIf: q.onlyIf ?? null,
    }));
  }

  if (options.answered || options.exported) {
    state.saved = {
      pairId: p.id,
      number: 1,
      answers: sampleAnswers(questions()),
      answeredAt: `${addDays(today, -1)}T18:05:00Z`,
      exportedAt: options.exported ? `${addDays(today, -1)}T18:09:00Z` : null,
    };
  }

  function checkNumber(n: unknown) {
    if (n !== 1 && n !== null && n !== undefined) {
      fail('invalid', `check-in: ${String(n)} is not a check-in of this pair's program; it has 1 check-in (1)`);
    }
  }

  function form(): CheckinForm {
    return {
      pairId: p.id,
      number: 1,
      scheduled: 1,
      dueOn,
      daysUntil,
      phase: phaseOf(daysUntil, Boolean(state.saved?.exportedAt)),
      questions: questions(),
      answers: state.saved?.answers ?? {},
      answeredAt: state.saved?.answeredAt ?? null,
      exportedAt: state.saved?.exportedAt ?? null,
    };
  }

  function checkComment(raw: string | null, myName: string | null = null): string | null {
    const t = (raw ?? '').trim();
    if (!t) return null;
    if ([...t].length > 500) fail('invalid', `comment: is ${[...t].length} characters long; the limit is 500`);
    for (const token of t.split(/\s+/)) {
      if (token.includes('@')) fail('invalid', `comment: contains an @handle ('${token}'); remove it — the survey file must not say who you are`);
      if (/:\/\/|^www\./i.test(token)) fail('invalid', `comment: contains a web address ('${token}'); remove it — links can say who you are`);
    }
    const words = t.toLowerCase().split(/[^\p{L}\p{N}]+/u);
    const name = p.partnerName.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3);
    if (name.some((w) => words.includes(w))) {
      fail('invalid', "comment: mentions your partner's name; remove it — the survey file names nobody");
    }
    // As core folds them: any case, with or without diacritics.
    const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    const folded = fold(t).split(/[^\p{L}\p{N}]+/u);
    const mine = fold(myName ?? '').split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 2);
    if (mine.some((w) => folded.includes(w))) {
      fail('invalid', 'comment: mentions your own name (or part of it); remove it — the survey file names nobody');
    }
    return t;
  }

  function surveyText(respondentId: string, comment: string | null): string {
    const saved = state.saved ?? fail('conflict', 'check-in 1 has no answers yet; answer it first (trellis checkin answer)');
    const qs = questions();
    const roleAnswer = saved.answers['role'];
    const role = roleAnswer === PREFER_NOT_TO_SAY ? PREFER_NOT_TO_SAY : p.myRole;
    const answers: Record<string, Answer> = {};
    const criteria: Record<string, string> = {};
    for (const q of qs) {
      const a = saved.answers[q.id];
      if (a === undefined || q.id === 'role') continue;
      if (role === PREFER_NOT_TO_SAY && DEFAULT_QUESTIONS.find((d) => d.id === q.id)?.roles) continue;
      if (q.kind === 'criteria') {
        for (const c of q.criteria) {
          const v = typeof a === 'object' ? a[c.id] : a === PREFER_NOT_TO_SAY ? PREFER_NOT_TO_SAY : undefined;
          if (v !== undefined) criteria[c.id] = v;
        }
      } else {
        answers[q.id] = a;
      }
    }
    const goals = pair.state.goals.filter((g) => g.status !== 'dropped');
    // As core writes format 1.2 for a pack that asks for neither the cohort,
    // the match year nor criteria: the check-in's one respondent id, its next
    // revision.
    void criteria;
    const file: Record<string, unknown> = {
      format: 'trellis-survey',
      formatVersion: '1.2',
      respondentId,
      revision: state.exports + 1,
      programId: p.programId,
      packVersion: p.packVersion,
      role,
      checkinNumber: 1,
      answers,
      activity: {
        meetings: bucket(pair.state.meetings.length),
        goalsSet: bucket(goals.length),
        goalsAchieved: bucket(goals.filter((g) => g.status === 'achieved').length),
      },
    };
    if (comment !== null) file.comment = comment;
    return `${JSON.stringify(file, null, 2)}\n`;
  }

  function summary(s: PairSummary): PairSummary {
    const phase = phaseOf(daysUntil, Boolean(state.saved?.exportedAt));
    const attention = s.attention.filter((a) => a.kind !== 'checkin_due');
    if ((phase === 'open' || phase === 'overdue') && s.pair.status === 'active') {
      const message = daysUntil < 0 ? `Check-in overdue by ${-daysUntil} days` : daysUntil === 0 ? 'Check-in due today' : `Check-in due in ${daysUntil} days`;
      attention.push({ kind: 'checkin_due', level: checkinLevel(phase, daysUntil), message });
    }
    return { ...s, nextCheckin: { number: 1, dueOn, daysUntil, phase }, attention, level: topLevel(attention) };
  }

  const commands: Handlers = {
    get_checkin_form: (i) => {
      checkNumber(i.number);
      return form();
    },
    list_checkins: () => (state.saved ? [state.saved] : []),
    answer_checkin: (i) => {
      checkNumber(i.number);
      const answers = (i.answers ?? {}) as Record<string, Answer>;
      const qs = questions();
      for (const [id, a] of Object.entries(answers)) {
        const q = qs.find((x) => x.id === id) ?? throwError(refusedInput(`answers.${id}`, `'${id}' is not a question of this check-in for a ${p.myRole}`));
        if (q.prefillFrom === 'role' && a !== PREFER_NOT_TO_SAY && a !== p.myRole) {
          throwError(refusedInput('answers.role', `you are the ${p.myRole} in this pair; answer ${p.myRole} or ${PREFER_NOT_TO_SAY}`));
        }
        if (q.kind === 'scale' && typeof a === 'number' && (a < (q.min ?? 0) || a > (q.max ?? 0))) {
          throwError(refusedInput(`answers.${id}`, `${a} is outside the scale; give a whole number from ${q.min} to ${q.max} or ${PREFER_NOT_TO_SAY}`));
        }
      }
      state.saved = { pairId: p.id, number: 1, answers, answeredAt: stamp, exportedAt: state.saved?.exportedAt ?? null };
      return state.saved;
    },
    preview_survey: (i) => {
      checkNumber(i.number);
      const comment = checkComment((i.comment as string | null) ?? null, (i.myName as string | null) ?? null);
      state.previews += 1;
      return surveyText(RESPONDENT_ID, comment);
    },
    export_survey: (i) => {
      checkNumber(i.number);
      const previewed = String(i.previewed ?? '');
      let parsed: { respondentId?: string; revision?: number; comment?: string };
      try {
        parsed = JSON.parse(previewed) as typeof parsed;
      } catch {
        fail('format', 'previewed survey: not valid JSON');
      }
      const again = surveyText(String(parsed.respondentId), checkComment(parsed.comment ?? null, (i.myName as string | null) ?? null));
      if (again !== previewed) {
        fail(
          'conflict',
          'the survey file would differ from the preview (the answers or the log changed since, or the preview was altered); preview it again — nothing was written',
        );
      }
      const path = pathOfToken(i.file);
      state.written.set(path, previewed);
      state.exports += 1;
      state.saved = { ...state.saved!, exportedAt: stamp };
      return {
        pairId: p.id,
        number: 1,
        path,
        bytes: new TextEncoder().encode(previewed).length,
        respondentId: String(parsed.respondentId),
        revision: Number(parsed.revision ?? 1),
        hasComment: parsed.comment !== undefined,
        channel: { dropOff: null },
      } satisfies ExportedSurvey;
    },
    choose_save_file: (i) => chosenFile(`/home/ada/Documents/${String(i.suggestedName ?? 'survey.json')}`),
  };

  const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value ?? null)) as T;

  const failures = new Map<string, Failure>();

  return {
    state,
    surveyText,
    failNext: (cmd, error) => {
      failures.set(cmd, error);
    },
    handle: (cmd, payload) => {
      // The pair's summaries say what this mock says about the check-in.
      if (cmd === 'get_pair_summary') return summary(pair.handle(cmd, payload) as PairSummary);
      if (cmd === 'get_status') return (pair.handle(cmd, payload) as PairSummary[]).map(summary);
      const handler = handlerOf(commands, cmd);
      if (!handler) return pair.handle(cmd, payload);
      const input = inputOf(payload);
      pair.calls.push({ cmd, input: copy(input) });
      const failure = failures.get(cmd);
      if (failure) {
        failures.delete(cmd);
        throw asCommandError(failure);
      }
      return copy(handler(input));
    },
  };
}
