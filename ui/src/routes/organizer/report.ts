// Reading the organizer's report for the screen: which tables go under which
// heading, the words for a hidden value, and file names. Pure functions.
import type { Report } from '../../bindings/Report';
import type { ReportTable } from '../../bindings/ReportTable';

/** What a suppressed value reads as (the note above the report says why). */
export const HIDDEN = 'hidden';

/** Row labels core gives the answers that are not one of the question's own. */
export const NOT_AN_OPTION = ['Prefer not to say', 'No answer'];

export interface ReportParts {
  responses: ReportTable | null;
  questions: ReportTable[];
  criteria: ReportTable | null;
  activity: ReportTable[];
  checkin: ReportTable | null;
}

export function partsOf(report: Report): ReportParts {
  const byId = (id: string) => report.tables.find((t) => t.id === id) ?? null;
  return {
    responses: byId('responses'),
    questions: report.tables.filter((t) => t.id.startsWith('question:')),
    criteria: byId('criteria'),
    activity: report.tables.filter((t) => t.id.startsWith('activity:')),
    checkin: byId('checkin'),
  };
}

/** A one-column table's rows as (label, value). */
export function columnRows(t: ReportTable): { label: string; value: number | null; muted: boolean }[] {
  return t.rows.map((label, i) => ({ label, value: t.cells[i]?.[0] ?? null, muted: NOT_AN_OPTION.includes(label) }));
}

/** The last part of a path, whichever separator it uses. */
export function fileName(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).pop() ?? path;
}

/** The folder part of a path (empty when there is none). */
export function folderOf(path: string): string {
  const name = fileName(path);
  return path.endsWith(name) ? path.slice(0, path.length - name.length).replace(/[\\/]$/, '') : '';
}

/** `5`, or the words for a value that is hidden. */
export function valueText(v: number | null | undefined): string {
  return v === null || v === undefined ? HIDDEN : String(v);
}

/** `v` as a whole percentage of `of`, when both are shown and `of` is not 0. */
export function percentOf(v: number | null | undefined, of: number | null | undefined): number | null {
  if (v === null || v === undefined || of === null || of === undefined || of === 0) return null;
  return Math.round((v * 100) / of);
}
