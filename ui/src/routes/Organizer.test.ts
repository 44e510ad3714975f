import { chosenFile } from '../test/files';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Report } from '../bindings/Report';
import { todayIso } from '../lib/format';
import { toasts } from '../lib/toast.svelte';
import Organizer from './Organizer.svelte';
import compared from '../test/doubles/reports/report-compare.json';
import { handlerOf, inputOf, type Handlers } from '../test/doubles/contract';
import { SURVEY_FOLDER, reportCommands } from '../test/doubles/report';
import { refusedInput } from '../test/errors';

afterEach(() => {
  clearMocks();
  toasts.clear();
});

interface Call {
  cmd: string;
  input: Record<string, unknown>;
}

const FOLDER_TOKEN = chosenFile(SURVEY_FOLDER).token;

/** The report commands of the mock, the folder and save dialogs, and every call made. */
function setUp(override: Handlers = {}) {
  const calls: Call[] = [];
  const { commands, written } = reportCommands();
  const handlers: Handlers = {
    ...commands,
    choose_folder: () => chosenFile(SURVEY_FOLDER),
    choose_save_file: (i) => chosenFile(`/home/ada/Documents/${String(i.suggestedName)}`),
    ...override,
  };
  mockIPC((cmd, payload) => {
    const input = inputOf(payload);
    calls.push({ cmd, input: JSON.parse(JSON.stringify(input)) as Record<string, unknown> });
    const handler = handlerOf(handlers, cmd);
    if (!handler) throw { kind: 'not_found', message: `no command ${cmd}` };
    return handler(input);
  });
  const inputsOf = (cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.input);
  return { calls, inputsOf, written };
}

async function openReport(override: Parameters<typeof setUp>[0] = {}) {
  const mock = setUp(override);
  const user = userEvent.setup();
  render(Organizer);
  await user.click(screen.getByRole('button', { name: 'Choose folder…' }));
  return { ...mock, user };
}

const section = (heading: string) => screen.getByRole('heading', { name: heading, level: 3 }).closest('section')!;
const fact = (term: string) => screen.getByText(term, { selector: 'dt' }).nextElementSibling as HTMLElement;

describe('Organizer', () => {
  it('asks for a folder of survey files first', () => {
    setUp();
    render(Organizer);
    expect(screen.getByRole('heading', { name: 'No survey files chosen' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Choose folder…' })).toBeInTheDocument();
  });

  it('reports a chosen folder: responses, each question as a chart, hidden small groups and the files left out', async () => {
    const { inputsOf } = await openReport();

    expect(await screen.findByRole('heading', { name: 'OpenStack Mentoring', level: 2 })).toBeInTheDocument();
    expect(inputsOf('choose_folder')).toEqual([{ title: 'Choose a folder of survey files' }]);
    expect(inputsOf('build_report')).toEqual([{ inputs: [FOLDER_TOKEN], minGroup: null, program: null }]);
    expect(screen.getByText(SURVEY_FOLDER)).toBeInTheDocument();

    expect(fact('Responses')).toHaveTextContent('20');
    expect(fact('Files read')).toHaveTextContent('22');
    expect(fact('Left out')).toHaveTextContent('2');
    expect(fact('Net Promoter Score')).toHaveTextContent('hidden');
    expect(fact('Smallest group shown')).toHaveTextContent('5');
    expect(screen.getByLabelText('Minimum group size')).toHaveValue('5');
    expect(screen.getByLabelText('Minimum group size')).toHaveAccessibleDescription('Groups smaller than this are hidden. The program’s minimum is 5.');
    expect(screen.queryByRole('alert', { name: /below the program/ })).not.toBeInTheDocument();
    expect(screen.getByText(/belongs to a group of fewer than 5 respondents, or\s+would let such a group be worked out/)).toBeInTheDocument();
    expect(screen.getByText(/Comments stay in the survey files, for you to read there; they are never copied into the report/)).toBeInTheDocument();

    // Wide tables scroll sideways from the keyboard: each is a named region Tab reaches.
    const wide = screen.getAllByRole('region', { name: /scrolls sideways/ });
    expect(wide.length).toBeGreaterThan(0);
    for (const region of wide) expect(region).toHaveAttribute('tabindex', '0');

    // The files left out, each named with its reason.
    const refused = screen.getByRole('heading', { name: '2 files were left out' }).closest('section')!;
    const items = within(refused).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('notes-from-the-call.json');
    expect(items[0]).toHaveTextContent('Not a Trellis survey file (no "format": "trellis-survey")');
    expect(items[1]).toHaveTextContent('trellis-checkin-openstack-mentoring-1-from-2030.json');
    expect(items[1]).toHaveTextContent('Format version 2.0 is not supported (this Trellis reads 1.x); update Trellis');

    // A question's answers by group (each cohort of at least K on its own,
    // the rest together): "hidden" where a group is too small, a share of
    // the group beside each count shown.
    const satisfaction = within(section('How satisfied are you with the mentoring relationship?')).getByRole('table');
    const heads = within(satisfaction).getAllByRole('columnheader').map((c) => c.textContent);
    expect(heads).toEqual(['Answer', 'Get your first patch merged', 'First CFP submission / Give your first talk', 'Other cohorts']);
    const cells = (t: HTMLElement, row: string) =>
      within(within(t).getByRole('rowheader', { name: row }).closest('tr')!).getAllByRole('cell').map((c) => c.textContent?.replace(/\s+/g, ' ').trim());
    expect(cells(satisfaction, '4')).toEqual(['hidden', 'hidden', 'hidden']);
    expect(cells(satisfaction, '2')).toEqual(['0', '0', '0']);
    expect(cells(satisfaction, 'Total')).toEqual(['9', '6', '5']);
    expect(section('How satisfied are you with the mentoring relationship?')).toHaveTextContent('20 respondents');

    // Responses by role, per group, with each group's size.
    const responses = within(section('Responses by role')).getByRole('table');
    expect(within(responses).getByRole('rowheader', { name: 'Role not stated' })).toBeInTheDocument();
    expect(cells(responses, 'Total')).toEqual(['9', '6', '5']);
    const checkin = within(section('Check-ins answered')).getByRole('table');
    expect(cells(checkin, 'Check-in 1 (90 days after the match)')).toEqual(['9 · 100%', '6 · 100%', '5 · 100%']);

    // Criteria grouped by cohort, meetings in buckets.
    const criteria = within(section('Graduation criteria met, by cohort')).getByRole('table');
    expect(within(criteria).getByRole('rowheader', { name: 'Get your first patch merged' })).toHaveAttribute('scope', 'rowgroup');
    expect(within(criteria).getByRole('columnheader', { name: 'Met (of yes + no)' })).toBeInTheDocument();
    expect(cells(within(section('Meetings logged')).getByRole('table'), '3-5')).toHaveLength(3);
  });

  it('shows check-in 1 beside check-in 2, each group at each check-in and never the two added up', async () => {
    // Core's report of 14 files of one cohort: 7 answered check-in 1 (all
    // "4"), 7 check-in 2 (all "5").
    await openReport({ build_report: () => compared as unknown as Report });
    expect(await screen.findByText(/Check-ins 1 and 2 side by side/)).toBeInTheDocument();
    const cells = (t: HTMLElement, row: string) =>
      within(within(t).getByRole('rowheader', { name: row }).closest('tr')!).getAllByRole('cell').map((c) => c.textContent?.replace(/\s+/g, ' ').trim());
    const satisfaction = within(section('How satisfied are you with the mentoring relationship?')).getByRole('table');
    expect(within(satisfaction).getAllByRole('columnheader').map((c) => c.textContent)).toEqual(['Answer', 'Check-in 1', 'Check-in 2']);
    expect(cells(satisfaction, '4')).toEqual(['7 · 100%', '0']);
    expect(cells(satisfaction, '5 — Very satisfied')).toEqual(['0', '7 · 100%']);
    expect(cells(satisfaction, 'Total')).toEqual(['7', '7']);
    const responses = within(section('Responses by role')).getByRole('table');
    expect(cells(responses, 'Mentee')).toEqual(['7 · 100%', '7 · 100%']);
    // The check-in table stays one column per group.
    const checkin = within(section('Check-ins answered')).getByRole('table');
    expect(cells(checkin, 'Check-in 2 (90 days after the match)')).toEqual(['7 · 50%']);
  });

  it('lowers the minimum group size only with a warning in view', async () => {
    const { user, inputsOf } = await openReport();
    const k = await screen.findByLabelText('Minimum group size');
    expect(screen.getByRole('button', { name: 'Apply' })).toBeDisabled();
    await user.clear(k);
    await user.type(k, '1{Enter}');

    await waitFor(() => expect(fact('Smallest group shown')).toHaveTextContent('1'));
    expect(inputsOf('build_report').at(-1)).toEqual({ inputs: [FOLDER_TOKEN], minGroup: 1, program: null });
    expect(screen.getByText('Showing groups as small as 1 — below the program’s minimum of 5')).toBeInTheDocument();
    expect(screen.getByText(/don’t share a report made this way/)).toBeInTheDocument();
    expect(fact('Net Promoter Score')).toHaveTextContent('0');
    const criteria = within(section('Graduation criteria met, by cohort')).getByRole('table');
    expect(within(criteria).getByRole('rowheader', { name: 'Merged one patch' }).closest('tr')).toHaveTextContent('71%');

    // Back at the program's minimum, the warning goes.
    await user.clear(k);
    await user.type(k, '5');
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(screen.queryByText(/Showing groups as small as/)).not.toBeInTheDocument());
  });

  it('refuses a minimum group size that is not a whole number, by the field', async () => {
    const { user, inputsOf } = await openReport();
    const k = await screen.findByLabelText('Minimum group size');
    await user.clear(k);
    await user.type(k, '0');
    await user.click(screen.getByRole('button', { name: 'Apply' }));

    expect(k).toHaveAttribute('aria-invalid', 'true');
    expect(k).toHaveAccessibleDescription(/Give a whole number from 1 to 1000\./);
    expect(inputsOf('build_report')).toHaveLength(1);
  });

  it('saves the HTML report and the CSV where the save dialogs say', async () => {
    const { user, inputsOf, written } = await openReport();
    await screen.findByRole('heading', { name: 'OpenStack Mentoring', level: 2 });

    await user.click(screen.getByRole('button', { name: 'Save HTML report…' }));
    await waitFor(() => expect(toasts.items.map((t) => t.title)).toEqual(['HTML report saved']));
    const html = `/home/ada/Documents/trellis-report-openstack-mentoring-${todayIso()}.html`;
    expect(inputsOf('choose_save_file')[0]).toMatchObject({ suggestedName: `trellis-report-openstack-mentoring-${todayIso()}.html`, filter: ['HTML report', ['html']] });
    expect(inputsOf('export_report')).toEqual([{ inputs: [FOLDER_TOKEN], minGroup: null, program: null, format: 'html', file: chosenFile(html).token, overrideReason: null }]);

    await user.click(screen.getByRole('button', { name: 'Save CSV…' }));
    await waitFor(() => expect(toasts.items.map((t) => t.title)).toContain('CSV saved'));
    expect(inputsOf('export_report')[1]).toMatchObject({ format: 'csv', file: expect.stringMatching(/\.csv$/) as unknown });
    expect([...written.keys()]).toHaveLength(2);
  });

  it('lets the organizer choose the program when the folder mixes programs', async () => {
    const { commands } = reportCommands();
    const { user, inputsOf } = await openReport({
      build_report: (input) => ({ ...(commands.build_report!(input) as Report), programs: ['openstack-mentoring', 'generic'] }),
    });
    const choose = await screen.findByLabelText(/This folder holds files of 2 programs/);
    expect(within(choose).getAllByRole('option').map((o) => o.textContent)).toEqual(['openstack-mentoring', 'generic']);
    await user.selectOptions(choose, 'generic');
    await waitFor(() => expect(inputsOf('build_report').at(-1)).toEqual({ inputs: [FOLDER_TOKEN], minGroup: null, program: 'generic' }));
  });

  it('saves a report the ledger refuses only with a reason, which goes to core', async () => {
    const { commands } = reportCommands();
    const { user, inputsOf } = await openReport({
      export_report: (input) => {
        if (!input.overrideReason) {
          throw {
            kind: 'conflict',
            message:
              "this report's set of respondents differs from that of the report made 2026-11-02T10:00 by 1 (fewer than the smallest group, 5): comparing the two would give their answers away.",
          };
        }
        return commands.export_report!(input);
      },
    });
    await screen.findByRole('heading', { name: 'OpenStack Mentoring', level: 2 });
    expect(fact('Repeats folded')).toHaveTextContent('0');
    await user.click(screen.getByRole('button', { name: 'Save HTML report…' }));
    expect(await screen.findByText('The report was not saved')).toBeInTheDocument();
    const anyway = screen.getByRole('button', { name: 'Save HTML report anyway…' });
    expect(anyway).toBeDisabled();
    await user.type(screen.getByLabelText('Reason to save it anyway'), 'the board asked for the late file');
    await user.click(anyway);
    await waitFor(() => expect(toasts.items.map((t) => t.title)).toEqual(['HTML report saved']));
    expect(inputsOf('export_report').at(-1)).toMatchObject({ overrideReason: 'the board asked for the late file' });
  });

  it('shows a report that cannot be made, and tries again', async () => {
    let fail = true;
    const { commands } = reportCommands();
    const { user } = await openReport({
      build_report: (input) => {
        if (fail) {
          fail = false;
          throw refusedInput('program', { rule: 'unknown_program', id: 'lfx-2026' });
        }
        return commands.build_report!(input);
      },
    });

    const alert = (await screen.findByText('Could not make the report')).closest('[role="alert"]') as HTMLElement;
    expect(alert).toHaveTextContent('Program: Trellis does not know the program “lfx-2026”: import its pack first.');
    expect(screen.getByRole('button', { name: 'Save HTML report…' })).toBeDisabled();

    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { name: 'OpenStack Mentoring', level: 2 })).toBeInTheDocument();
  });

  it('says when no file in the folder could be reported, and offers nothing to save', async () => {
    const empty: Report = {
      programId: null,
      programName: null,
      packVersion: null,
      programs: [],
      minGroup: 5,
      files: 1,
      accepted: 0,
      folded: 0,
      refused: [{ path: `${SURVEY_FOLDER}/minutes.json`, kind: 'malformed', reason: 'not valid JSON (expected value at line 1 column 1)' }],
      groups: [],
      tables: [],
      nps: null,
      overrideReason: null,
    };
    await openReport({ build_report: () => empty });

    expect(await screen.findByRole('heading', { name: 'No survey file could be reported' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: '1 file was left out' })).toBeInTheDocument();
    expect(screen.getByText('Not valid JSON (expected value at line 1 column 1)')).toBeInTheDocument();
    expect(fact('Responses')).toHaveTextContent('fewer than 5');
    expect(screen.getByRole('button', { name: 'Save HTML report…' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Save CSV…' })).toBeDisabled();
  });
});
