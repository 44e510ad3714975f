// A stand-in for the organizer's report commands: real reports that core
// made from the twenty golden survey files of crates/trellis-core (K = 1, 3
// and 5, in reports/), and check-in 1 beside check-in 2 — written by the core
// test `ui_fixtures` (crates/trellis-core/tests/ui_fixtures) and checked
// fresh by the test command — plus refused files named as core names them.
// Used by the Organizer tests and the dev mock; never by the app.
import type { BuildReport } from '../../bindings/BuildReport';
import type { ExportedReport } from '../../bindings/ExportedReport';
import type { RefusedFile } from '../../bindings/RefusedFile';
import type { Report } from '../../bindings/Report';
import k1 from './reports/report-k1.json';
import k3 from './reports/report-k3.json';
import k5 from './reports/report-k5.json';
import { pathOfToken } from '../files';
import type { Handlers } from './contract';

export const SURVEY_FOLDER = '/home/ada/Downloads/openstack-checkins';

export const REFUSED: RefusedFile[] = [
  {
    path: `${SURVEY_FOLDER}/notes-from-the-call.json`,
    kind: 'not_survey',
    reason: 'not a Trellis survey file (no "format": "trellis-survey")',
  },
  {
    path: `${SURVEY_FOLDER}/trellis-checkin-openstack-mentoring-1-from-2030.json`,
    kind: 'unknown_version',
    reason: 'format version 2.0 is not supported (this Trellis reads 1.x); update Trellis',
  },
];

export interface ReportMockOptions {
  /** Files refused besides the twenty reported (default: the two above). */
  refused?: RefusedFile[];
}

/** The report of the golden files at K (the pack's minimum, 5, by default). */
export function mockReport(k: number | null, options: ReportMockOptions = {}): Report {
  const base = (k === null || k >= 5 ? k5 : k >= 3 ? k3 : k1) as unknown as Report;
  const refused = options.refused ?? REFUSED;
  const report: Report = JSON.parse(JSON.stringify(base)) as Report;
  return { ...report, minGroup: k ?? 5, files: report.accepted + refused.length, refused: [...refused] };
}

/** What both report commands ask: the files and K. */
type Asked = Pick<BuildReport, 'inputs' | 'minGroup'>;

/**
 * Handlers for `build_report` and `export_report`: the core's report for the
 * K asked (no checks of the input: a test that wants a refusal makes the
 * handler throw the core's error).
 */
export function reportCommands(options: ReportMockOptions = {}) {
  const written = new Map<string, string>();
  const k = (input: Asked) => (typeof input.minGroup === 'number' ? input.minGroup : null);
  const commands: Handlers = {
    build_report: (input) => mockReport(k(input), options),
    export_report: (input): ExportedReport => {
      const report = mockReport(k(input), options);
      const body = input.format === 'csv' ? 'table,row,column,value\n' : '<!DOCTYPE html>\n';
      const path = pathOfToken(input.file);
      written.set(path, body);
      return { path, bytes: 48_213, report };
    },
  };
  return { written, commands };
}
