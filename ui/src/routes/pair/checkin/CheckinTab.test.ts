import { mockIPC } from '@tauri-apps/api/mocks';
import { chosenFile } from '../../../test/files';
import { afterEach, describe, expect, it } from 'vitest';
import { toasts } from '../../../lib/toast.svelte';
import { renderPair, screen, tearDown, waitFor, within } from '../../../test/pairScreen';
import { CHECKIN_ERRORS, checkinPair, withCheckins, type CheckinMockOptions } from '../../../test/doubles/checkin';
import { clash } from '../../../test/errors';

afterEach(() => {
  delete (window as { __TRELLIS_E2E__?: unknown }).__TRELLIS_E2E__;
  tearDown();
});

function setUp(options: CheckinMockOptions = {}) {
  const pair = checkinPair(options);
  const checkin = withCheckins(pair, options);
  mockIPC((cmd, payload) => checkin.handle(cmd, payload));
  return { pair, checkin };
}

async function open(options: CheckinMockOptions = {}) {
  const mocks = setUp(options);
  const rendered = await renderPair(mocks.pair, 'checkin');
  return { ...mocks, ...rendered };
}

/** The question's group, found by its legend (quicker than by role in a form this long). */
const question = (text: string) => screen.getByText(text, { selector: 'legend' }).closest('fieldset')!;

/** The questions nothing suggests, answered; `satisfaction` with "Prefer not to say". */
const UNSUGGESTED: [string, string][] = [
  ['How often do you and your partner have real-time check-ins (video, chat, IRC or in person)?', 'Weekly'],
  ['How long does your partner usually take to respond to you?', 'About a day'],
  ['How satisfied are you with the mentoring relationship?', 'Prefer not to say'],
  ['We agreed clear goals and expectations.', '4'],
  ['Action items we agree on get followed up.', '5'],
  ['Do you expect to keep working together after the program ends?', 'Yes'],
  ['How likely are you to recommend this mentoring program to a friend or colleague?', '9'],
  ['Do you feel more confident contributing to the project than before the program?', 'Yes'],
  ['What has been the biggest obstacle in your mentorship?', 'Time zones'],
];

async function answerTheRest(user: Awaited<ReturnType<typeof open>>['user']) {
  for (const [text, option] of UNSUGGESTED) {
    await user.click(within(question(text)).getByRole('radio', { name: new RegExp(`^${option}\\b`) }));
  }
}

async function toPreview(options: CheckinMockOptions = {}) {
  const ctx = await open(options);
  await screen.findByRole('group', { name: UNSUGGESTED[0]![0] });
  await answerTheRest(ctx.user);
  await ctx.user.click(screen.getByRole('button', { name: 'Save answers and preview' }));
  const pre = await screen.findByLabelText('Survey file text');
  await waitFor(() => expect(pre.textContent).toContain('"format": "trellis-survey"'));
  return { ...ctx, pre };
}

describe('Check-in tab: the form', () => {
  it('asks every question for my role, with the log’s suggestions filled in and marked', async () => {
    await open();
    const groups = await screen.findAllByRole('group', { name: /\?|\.$/ });
    const questions = groups.filter((g) => g.tagName === 'FIELDSET');
    expect(questions).toHaveLength(14);
    expect(screen.queryByRole('group', { name: 'Would you mentor again?' })).not.toBeInTheDocument();
    expect(screen.getAllByText('Suggested from your log')).toHaveLength(5);

    // Only my own role (or not saying it) can be answered.
    const role = question('What is your role in this mentorship?');
    expect(within(role).getAllByRole('radio').map((r) => r.getAttribute('value'))).toEqual(['mentee', 'prefer-not-to-say']);
    expect(within(role).getByRole('radio', { name: 'Mentee' })).toBeChecked();
    expect(within(question('What is the current status of your mentorship?')).getByRole('radio', { name: 'Active' })).toBeChecked();

    // Criteria: yes / no / not applicable each, from what was marked met.
    const criteria = question("Which of your cohort's graduation criteria have been met?");
    const submitted = within(criteria).getByRole('radiogroup', { name: "Submitted a change to Gerrit following the Developer's Guide" });
    expect(within(submitted).getByRole('radio', { name: 'Yes' })).toBeChecked();
    const merged = within(criteria).getByRole('radiogroup', { name: 'Merged one patch' });
    expect(within(merged).getByRole('radio', { name: 'No' })).toBeChecked();
    expect(within(merged).getByRole('radio', { name: 'Not applicable' })).not.toBeChecked();

    // A scale is a row of values between its end labels; every question can be declined.
    const satisfaction = question('How satisfied are you with the mentoring relationship?');
    expect(within(satisfaction).getAllByRole('radio').map((r) => r.getAttribute('value'))).toEqual(['1', '2', '3', '4', '5', 'prefer-not-to-say']);
    expect(within(satisfaction).getByRole('radio', { name: '1 (Very dissatisfied)' })).toBeInTheDocument();
    for (const g of questions) expect(within(g).getByText('Prefer not to say')).toBeInTheDocument();
  });

  it('says so when a suggestion is changed, and keeps saying what the log suggests', async () => {
    const { user } = await open();
    const status = await screen.findByRole('group', { name: 'What is the current status of your mentorship?' });
    await user.click(within(status).getByRole('radio', { name: 'Paused' }));
    expect(within(status).queryByText('Suggested from your log')).not.toBeInTheDocument();
    expect(within(status).getByText('Your log suggests “Active”')).toBeInTheDocument();
  });

  it('marks every unanswered question where it is, focuses the first, and saves nothing', async () => {
    const { user, pair } = await open();
    await screen.findByRole('group', { name: UNSUGGESTED[0]![0] });
    await user.click(screen.getByRole('button', { name: 'Save answers and preview' }));

    // Why the pair ended early is not asked of an active pair, so not required either.
    expect(await screen.findByText('9 questions need an answer: 2, 4, 5, 6, 9, 11, 12, 13, 14.')).toBeInTheDocument();
    expect(screen.queryByText('If your mentorship ended early, what was the main reason?')).not.toBeInTheDocument();
    const first = question(UNSUGGESTED[0]![0]);
    expect(first).toHaveAccessibleDescription('Choose an answer, or “Prefer not to say”.');
    await waitFor(() => expect(within(first).getAllByRole('radio')[0]).toHaveFocus());
    expect(question('What is your role in this mentorship?')).not.toHaveAccessibleDescription();
    expect(pair.inputsOf('answer_checkin')).toEqual([]);

    // Answering a question clears its message.
    await user.click(within(first).getByRole('radio', { name: 'Weekly' }));
    expect(first).not.toHaveAccessibleDescription();
    expect(screen.getByText('8 questions need an answer: 4, 5, 6, 9, 11, 12, 13, 14.')).toBeInTheDocument();
  });

  it('asks why the pair ended early only when “Ended early” is chosen, and keeps no reason otherwise', async () => {
    const { user, pair } = await open();
    const END = 'If your mentorship ended early, what was the main reason?';
    const status = await screen.findByRole('group', { name: 'What is the current status of your mentorship?' });
    expect(screen.queryByText(END)).not.toBeInTheDocument();

    await user.click(within(status).getByRole('radio', { name: 'Ended early' }));
    const reason = question(END);
    expect(within(reason).getByRole('radio', { name: 'Life events' })).toBeInTheDocument();
    // Now it is required: saving without it marks it.
    await answerTheRest(user);
    await user.click(screen.getByRole('button', { name: 'Save answers and preview' }));
    expect(await screen.findByText('Question 11 needs an answer.')).toBeInTheDocument();
    expect(question(END)).toHaveAccessibleDescription('Choose an answer, or “Prefer not to say”.');
    await user.click(within(question(END)).getByRole('radio', { name: 'Life events' }));

    // Back to "Active": the question goes, and its answer is not sent.
    await user.click(within(status).getByRole('radio', { name: 'Active' }));
    expect(screen.queryByText(END)).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save answers and preview' }));
    await screen.findByLabelText('Survey file text');
    const sent = pair.inputsOf('answer_checkin') as { answers: Record<string, unknown> }[];
    expect(sent).toHaveLength(1);
    expect(sent[0]!.answers['pair-status']).toBe('active');
    expect(sent[0]!.answers).not.toHaveProperty('end-reason');
  });

  it('shows an answer core refuses by its question', async () => {
    const { user, checkin } = await open();
    await screen.findByRole('group', { name: UNSUGGESTED[0]![0] });
    await answerTheRest(user);
    checkin.failNext('answer_checkin', CHECKIN_ERRORS.answerOutsideScale);
    await user.click(screen.getByRole('button', { name: 'Save answers and preview' }));

    const recommend = question('How likely are you to recommend this mentoring program to a friend or colleague?');
    await waitFor(() =>
      expect(recommend).toHaveAccessibleDescription('11 is not on the scale; give a whole number from 0 to 10.'),
    );
    expect(screen.getByText('An answer was not accepted; see the question marked above.')).toBeInTheDocument();
    expect(screen.queryByLabelText('Survey file text')).not.toBeInTheDocument();
  });

  it('opens on the saved answers when the check-in was answered before', async () => {
    await open({ answered: true });
    const satisfaction = await screen.findByRole('group', { name: 'How satisfied are you with the mentoring relationship?' });
    expect(within(satisfaction).getByRole('radio', { name: 'Prefer not to say' })).toBeChecked();
    expect(screen.getByText('Survey file not saved yet')).toBeInTheDocument();
  });
});

describe('Check-in tab: the preview', () => {
  it('saves the answers, then shows the exact text that would leave, with what it holds', async () => {
    const { pair, pre } = await toPreview();

    const [saved] = pair.inputsOf('answer_checkin') as { answers: Record<string, unknown> }[];
    expect(saved!.answers['satisfaction']).toBe('prefer-not-to-say');
    expect(saved!.answers['role']).toBe('mentee');
    expect(saved!.answers['criteria-met']).toEqual({
      'submitted-change': 'yes',
      'responded-to-reviews': 'no',
      'merged-one-patch': 'no',
      'attended-wg-meeting': 'no',
    });

    const file = JSON.parse(pre.textContent!) as Record<string, unknown>;
    expect(file.matchMonth).toBeUndefined();
    expect(file.revision).toBe(1);
    expect(pre.textContent).not.toContain('Amara');
    expect(pre.textContent!.endsWith('}\n')).toBe(true);
    expect(screen.getByText('No names, notes, dates or links — only these answers.')).toBeInTheDocument();
    expect(screen.getByText('12 answers to the program’s questions, “prefer not to say” once')).toBeInTheDocument();
    expect(screen.getByText('Only which check-in this is (1) — not when you were matched')).toBeInTheDocument();
    // The program did not ask for the cohort (format 1.2): the file does not
    // name it, and the account beside it does not claim it does.
    expect(file.cohortId).toBeUndefined();
    expect(screen.getByText('The program — not your cohort, and your role')).toBeInTheDocument();
    expect(screen.getByText(/If you e-mail this file from your own address, the organizer knows who sent it/)).toBeInTheDocument();
    expect(screen.getByText('No comment')).toBeInTheDocument();
    expect(pair.inputsOf('preview_survey')).toEqual([{ pairId: pair.pairId, number: 1, comment: null, myName: null }]);
  });

  it('leaves the comment out until it is asked for and consented to, then shows it in the preview', async () => {
    const { user, pair, pre } = await toPreview();
    expect(screen.queryByLabelText('Comment for the organizers')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Add a comment' }));
    // Said the same way as in the organizer's view: read in the file, never in the report.
    expect(screen.getByLabelText('Comment for the organizers')).toHaveAccessibleDescription(
      /The organizers read it in your file, word for word; it is never copied into their report\./,
    );
    await user.type(screen.getByLabelText('Comment for the organizers'), 'Weekly calls helped');
    await user.type(screen.getByLabelText('Your name'), 'Ada Lovelace');
    expect(pre.textContent).not.toContain('Weekly calls helped');

    await user.click(screen.getByLabelText('Include this comment in the survey file'));
    await waitFor(() => expect(pre.textContent).toContain('"comment": "Weekly calls helped"'));
    // The person's own name goes to the check, and only with the comment.
    expect(pair.inputsOf('preview_survey').at(-1)).toEqual({
      pairId: pair.pairId,
      number: 1,
      comment: 'Weekly calls helped',
      myName: 'Ada Lovelace',
    });
    expect(pre.textContent).not.toContain('Ada');
    expect(screen.getByText('Your comment, as shown')).toBeInTheDocument();

    // New words need consent again; until then the file has no comment.
    await user.type(screen.getByLabelText('Comment for the organizers'), ' a lot');
    expect(screen.getByLabelText('Include this comment in the survey file')).not.toBeChecked();
    await waitFor(() => expect(pre.textContent).not.toContain('"comment"'));
    expect(screen.getByText(/You changed the comment, so it was taken out/)).toBeInTheDocument();
  });

  it('refuses a comment that names the partner, by the comment box, and keeps it out', async () => {
    const { user, checkin, pre } = await toPreview();
    await user.click(screen.getByRole('button', { name: 'Add a comment' }));
    const box = screen.getByLabelText('Comment for the organizers');
    await user.type(box, 'Amara was great');
    await user.type(screen.getByLabelText('Your name'), 'Ada Lovelace');
    checkin.failNext('preview_survey', CHECKIN_ERRORS.commentNamesPartner);
    await user.click(screen.getByLabelText('Include this comment in the survey file'));

    await waitFor(() =>
      expect(box).toHaveAccessibleDescription(/This mentions your partner's name \(or part of it\); remove it: the survey file names nobody/),
    );
    expect(box).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Include this comment in the survey file')).not.toBeChecked();
    expect(pre.textContent).not.toContain('Amara');
  });

  it('refuses a comment that carries my own name, however written, right at the comment', async () => {
    const { user, checkin, pair, pre } = await toPreview();
    await user.click(screen.getByRole('button', { name: 'Add a comment' }));
    const box = screen.getByLabelText('Comment for the organizers');
    await user.type(box, 'zoe here, thanks for the calls');
    await user.type(screen.getByLabelText('Your name'), 'Zoë Ångström');
    checkin.failNext('preview_survey', CHECKIN_ERRORS.commentNamesMe);
    await user.click(screen.getByLabelText('Include this comment in the survey file'));

    await waitFor(() =>
      expect(box).toHaveAccessibleDescription(/This mentions your own name \(or part of it\); remove it: the survey file names nobody/),
    );
    expect(box).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Include this comment in the survey file')).not.toBeChecked();
    expect(pair.inputsOf('preview_survey').at(-1)).toMatchObject({ myName: 'Zoë Ångström' });
    expect(pre.textContent).not.toContain('zoe');
  });

  it('asks for my name before a comment goes in, and keeps it out of the file', async () => {
    const { user, pair } = await toPreview();
    await user.click(screen.getByRole('button', { name: 'Add a comment' }));
    await user.type(screen.getByLabelText('Comment for the organizers'), 'Weekly calls helped');
    await user.click(screen.getByLabelText('Include this comment in the survey file'));
    expect(await screen.findByLabelText('Your name')).toHaveAccessibleDescription(
      /Write your name, so that Trellis can check the comment does not name you\./,
    );
    expect(screen.getByLabelText('Include this comment in the survey file')).not.toBeChecked();
    expect(pair.inputsOf('preview_survey')).toHaveLength(1);
  });

  it('asks for the comment before consent to include it', async () => {
    const { user, pair } = await toPreview();
    await user.click(screen.getByRole('button', { name: 'Add a comment' }));
    await user.click(screen.getByLabelText('Include this comment in the survey file'));
    expect(await screen.findByText('Write your comment first, then tick the box.')).toBeInTheDocument();
    expect(screen.getByLabelText('Include this comment in the survey file')).not.toBeChecked();
    expect(pair.inputsOf('preview_survey')).toHaveLength(1);
  });

  it('goes back to the answers as they were saved', async () => {
    const { user } = await toPreview();
    await user.click(screen.getByRole('button', { name: 'Back to answers' }));
    const q = await screen.findByRole('group', { name: 'What has been the biggest obstacle in your mentorship?' });
    expect(within(q).getByRole('radio', { name: 'Time zones' })).toBeChecked();
  });
});

describe('Check-in tab: saving the survey file', () => {
  it('asks where in a save dialog, then writes exactly the previewed text', async () => {
    const { user, pair, checkin, pre } = await toPreview();
    const shown = pre.textContent;

    await user.click(screen.getByRole('button', { name: 'Save survey file…' }));

    await waitFor(() => expect(toasts.items.map((t) => t.title)).toEqual(['Survey file saved']));
    // Per pair and check-in (the check-in's random id begins it), naming no one.
    expect(pair.inputsOf('choose_save_file')).toEqual([
      { title: 'Save', suggestedName: 'trellis-checkin-openstack-mentoring-1-01960000.json', filter: ['Survey file', ['json']] },
    ]);
    const path = '/home/ada/Documents/trellis-checkin-openstack-mentoring-1-01960000.json';
    expect(pair.inputsOf('export_survey')).toEqual([
      { pairId: pair.pairId, number: 1, previewed: shown, file: chosenFile(path).token, myName: null },
    ]);
    expect(checkin.state.written.get(path)).toBe(shown);

    expect(await screen.findByText('Check-in 1 is done')).toBeInTheDocument();
    expect(screen.getByText(/Survey file saved/, { selector: '.badge' })).toBeInTheDocument();
    expect(screen.queryByLabelText('Survey file text')).not.toBeInTheDocument();
  });

  it('writes nothing when the save dialog is cancelled', async () => {
    const { user, pair, checkin } = await toPreview();
    mockIPC((cmd, payload) => (cmd === 'choose_save_file' ? null : checkin.handle(cmd, payload)));
    await user.click(screen.getByRole('button', { name: 'Save survey file…' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Save survey file…' })).not.toHaveAttribute('aria-busy'));
    expect(pair.inputsOf('export_survey')).toEqual([]);
    expect(screen.getByLabelText('Survey file text')).toBeInTheDocument();
  });

  it('shows a refused save by the button and offers a fresh preview', async () => {
    const { user, pair, checkin } = await toPreview();
    checkin.failNext(
      'export_survey',
      clash({ rule: 'differs_from_preview' }, 'the survey file would differ from the preview (the answers or the log changed since, or the preview was altered); preview it again — nothing was written'),
    );
    await user.click(screen.getByRole('button', { name: 'Save survey file…' }));

    const alert = await screen.findByText('The survey file was not saved');
    const box = alert.closest('[role="alert"]') as HTMLElement;
    expect(box).toHaveTextContent('Preview it again; nothing was written.');
    expect(checkin.state.written.size).toBe(0);
    await user.click(within(box).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(pair.inputsOf('preview_survey')).toHaveLength(2));
    await waitFor(() => expect(screen.queryByText('The survey file was not saved')).not.toBeInTheDocument());
  });

  it('ignores a path planted in the end-to-end hook outside builds made for the tests', async () => {
    const { user, pair } = await toPreview();
    (window as { __TRELLIS_E2E__?: unknown }).__TRELLIS_E2E__ = { savePath: '/home/ada/.bashrc' };
    try {
      await user.click(screen.getByRole('button', { name: 'Save survey file…' }));
      await waitFor(() => expect(toasts.items.map((t) => t.title)).toEqual(['Survey file saved']));
      // The shell's dialog is asked, with no path from the page.
      expect(pair.inputsOf('choose_save_file')).toHaveLength(1);
      expect(pair.inputsOf('choose_save_file')[0]).not.toHaveProperty('e2ePath');
      expect(JSON.stringify(pair.calls)).not.toContain('.bashrc');
    } finally {
      delete (window as { __TRELLIS_E2E__?: unknown }).__TRELLIS_E2E__;
    }
  });
});

describe('Check-in tab: before and after', () => {
  it('says when the check-in opens while it is not due yet', async () => {
    await open({ later: true });
    expect(await screen.findByRole('heading', { name: 'No check-in due yet' })).toBeInTheDocument();
    expect(screen.getByText(/Check-in 1 is due on Apr 29, 2026 \(due in 40 days\)\. Its questions open here on Apr 15, 2026/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Save answers and preview' })).not.toBeInTheDocument();
  });

  it('adds the check-in window to a calendar before it opens', async () => {
    const { pair, user } = await open({ later: true });
    await user.click(await screen.findByRole('button', { name: 'Add to calendar' }));
    await waitFor(() => expect(pair.inputsOf('export_checkin_ics')).toHaveLength(1));
    expect(pair.inputsOf('export_checkin_ics')[0]).toEqual({
      pairId: pair.pairId,
      file: 'chosen:/home/ada/Documents/trellis-amara-okafor-check-in.ics',
    });
    await waitFor(() => expect(toasts.items.map((t) => t.title)).toEqual(['Calendar file saved']));
  });

  it('says a check-in is done once its file is saved, and lists it', async () => {
    await open({ exported: true });
    expect(await screen.findByText('Check-in 1 is done')).toBeInTheDocument();
    const list = screen.getByRole('heading', { name: 'Your check-ins' }).closest('section')!;
    expect(within(list).getByText('Survey file saved Mar 19, 2026')).toBeInTheDocument();
    expect(within(list).getByText('Answered Mar 19, 2026')).toBeInTheDocument();
  });

  it('shows a failed load with a way to try again', async () => {
    const { pair, checkin } = setUp();
    checkin.failNext('get_checkin_form', { kind: 'storage', message: 'database error (disk I/O error)' });
    const { user } = await renderPair(pair, 'checkin');
    expect(await screen.findByText('Could not load the check-in')).toBeInTheDocument();
    expect(screen.getByText('Your data could not be read or saved. (Technical detail: database error (disk I/O error))')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('button', { name: 'Save answers and preview' })).toBeInTheDocument();
  });
});
