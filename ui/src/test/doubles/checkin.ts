// An in-memory stand-in for the check-in and survey commands of the Rust
// core, on top of the pair double (pair.ts here). It keeps state but no
// rules: the form (the default questions for my role, the log's
// suggestions), the summaries and the survey file's text are what the core
// gave for the pair of `fixtures/checkin.json` (written by the core test
// `ui_fixtures::pair` and checked fresh by the test command). Answers are
// kept as given; a preview answers the core's text for the comments the
// fixture holds; `export_survey` refuses text that is not the preview's, as
// the core does. Refusals come from the core too: `failNext(cmd,
// CHECKIN_ERRORS.commentNamesPartner)`. Used by the tests and by the dev mock;
// never by the app.
import type { Answer } from '../../bindings/Answer';
import type { Checkin } from '../../bindings/Checkin';
import type { CheckinForm } from '../../bindings/CheckinForm';
import type { CommandError } from '../../bindings/CommandError';
import type { ExportedSurvey } from '../../bindings/ExportedSurvey';
import type { PairSummary } from '../../bindings/PairSummary';
import { createPairMock, type PairFixture, type PairMock } from './pair';
import { chosenFile, pathOfToken } from '../files';
import { asCommandError, clash, commandError, type Failure } from '../errors';
import { handlerOf, inputOf, type Handlers } from './contract';
import checkinFixture from './fixtures/checkin.json';

/** A check-in as the core gave it: before answering, answered, and exported. */
interface CheckinFixture {
  /** The home screen's pairs, this one among them, as the core ordered them. */
  overview: PairSummary[] | null;
  state: PairFixture;
  form: CheckinForm;
  saved: Checkin;
  answered: { form: CheckinForm; summary: PairSummary };
  exported: { form: CheckinForm; summary: PairSummary };
  /** The survey file's text by the comment in it ('' for none). */
  previews: Record<string, string>;
  errors: Record<keyof typeof checkinFixture.soon.errors, CommandError>;
}

const FIXTURES = checkinFixture as unknown as { soon: CheckinFixture; later: CheckinFixture };

/** The core's refusals of check-in answers and comments, by name. */
export const CHECKIN_ERRORS = FIXTURES.soon.errors;

/** The home screen of the `?mock` preview: the check-in's pair among five others, in the core's order. */
export const CHECKIN_OVERVIEW: PairSummary[] = FIXTURES.soon.overview ?? [];

/** The id of the check-in's pair (due in two days). */
export const CHECKIN_PAIR_ID = FIXTURES.soon.state.pair.id;

export interface CheckinMockOptions {
  /** Check-in 1 due in forty days, not two. */
  later?: boolean;
  /** Answers were saved before (every question answered). */
  answered?: boolean;
  /** The survey file was written too. */
  exported?: boolean;
}

export interface CheckinMock {
  state: { saved: Checkin | null; written: Map<string, string>; previews: number; exports: number };
  /** The pair, whose check-in this is. */
  pair: PairMock;
  /** Make the next call of `cmd` fail with this error, changing nothing. */
  failNext: (cmd: string, error: Failure) => void;
  /** Answer a command: the check-in ones here, everything else by the pair mock. */
  handle: (cmd: string, payload?: unknown) => unknown;
  /** The text core gave for the saved answers with this comment ('' for none). */
  surveyText: (comment: string) => string;
}

/** The pair of the check-in fixture, as the pair double. */
export function checkinPair(options: CheckinMockOptions = {}): PairMock {
  return createPairMock({ fixture: FIXTURES[options.later ? 'later' : 'soon'].state });
}

export function withCheckins(pair: PairMock, options: CheckinMockOptions = {}): CheckinMock {
  const fixture = FIXTURES[options.later ? 'later' : 'soon'];
  const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value ?? null)) as T;
  const state: CheckinMock['state'] = { saved: null, written: new Map(), previews: 0, exports: 0 };
  // Where the check-in stands: the form and summary the core gave at that point.
  let stage: 'fresh' | 'answered' | 'exported' = options.exported ? 'exported' : options.answered ? 'answered' : 'fresh';
  if (stage !== 'fresh') state.saved = copy(fixture.saved);
  if (stage === 'exported') state.saved = { ...state.saved!, exportedAt: fixture.exported.form.exportedAt };

  function form(): CheckinForm {
    const base = stage === 'fresh' ? fixture.form : fixture[stage].form;
    return {
      ...base,
      answers: state.saved?.answers ?? {},
      answeredAt: state.saved?.answeredAt ?? null,
      exportedAt: state.saved?.exportedAt ?? null,
    };
  }

  function summary(): PairSummary {
    const s = stage === 'fresh' ? fixture.state.summary : fixture[stage].summary;
    return { ...s, pair: pair.state.pair };
  }

  function surveyText(comment: string): string {
    if (!state.saved) throw clash({ rule: 'checkin_unanswered', number: 1 }, 'check-in 1 has no answers yet; answer it first (trellis checkin answer)');
    const text = fixture.previews[comment];
    if (text === undefined) throw commandError('internal', `the check-in fixture has no preview with the comment '${comment}'`);
    return text;
  }

  const commands: Handlers = {
    get_checkin_form: () => form(),
    list_checkins: () => (state.saved ? [state.saved] : []),
    answer_checkin: (i) => {
      const answers = (i.answers ?? {}) as Record<string, Answer>;
      state.saved = { ...fixture.saved, answers, exportedAt: state.saved?.exportedAt ?? null };
      if (stage === 'fresh') stage = 'answered';
      return state.saved;
    },
    preview_survey: (i) => {
      state.previews += 1;
      return surveyText(i.comment ?? '');
    },
    export_survey: (i) => {
      const previewed = String(i.previewed ?? '');
      const comment = Object.keys(fixture.previews).find((c) => fixture.previews[c] === previewed);
      if (comment === undefined) {
        throw clash(
          { rule: 'differs_from_preview' },
          'the survey file would differ from the preview (the answers or the log changed since, or the preview was altered); preview it again — nothing was written',
        );
      }
      const parsed = JSON.parse(previewed) as { respondentId: string; revision: number };
      const path = pathOfToken(i.file);
      state.written.set(path, previewed);
      state.exports += 1;
      stage = 'exported';
      state.saved = { ...state.saved!, exportedAt: fixture.exported.form.exportedAt };
      return {
        pairId: pair.pairId,
        number: 1,
        path,
        bytes: new TextEncoder().encode(previewed).length,
        respondentId: parsed.respondentId,
        revision: parsed.revision,
        hasComment: comment !== '',
        channel: { dropOff: null },
      } satisfies ExportedSurvey;
    },
    choose_save_file: (i) => chosenFile(`/home/ada/Documents/${String(i.suggestedName ?? 'survey.json')}`),
  };

  const failures = new Map<string, Failure>();

  return {
    state,
    pair,
    surveyText,
    failNext: (cmd, error) => {
      failures.set(cmd, error);
    },
    handle: (cmd, payload) => {
      // The pair's summaries are the core's for where the check-in stands.
      if (cmd === 'get_pair_summary') return (pair.handle(cmd, payload), copy(summary()));
      if (cmd === 'get_status') return (pair.handle(cmd, payload) as PairSummary[]).map(() => copy(summary()));
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
