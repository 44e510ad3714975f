// Reading the organizer's report for the screen: which tables go under which
// heading, the words for a hidden value, and file names. Pure functions.
import type { Report } from '../../bindings/Report';
import type { ReportTable } from '../../bindings/ReportTable';
import { formatNumber, t } from '../../i18n/index.svelte';

/** What a suppressed value reads as (the note above the report says why), in the current language. */
export function hiddenText(): string {
  return t('organizer.hidden');
}

/** A count in the current language's digits, or the words for a hidden one. */
export function countText(v: number | null | undefined): string {
  return v === null || v === undefined ? hiddenText() : formatNumber(v);
}

/** A percentage in the current language (`71%`, `71 %`). */
export function percentText(v: number): string {
  return t('organizer.percent', { value: formatNumber(v) });
}

export interface ReportParts {
  responses: ReportTable | null;
  questions: ReportTable[];
  criteria: ReportTable | null;
  activity: ReportTable[];
  checkin: ReportTable | null;
  /**
   * The check-ins shown side by side (each table's columns are then a group
   * at one check-in), or none when the report does not compare them.
   */
  compared: number[];
}

export function partsOf(report: Report): ReportParts {
  const byId = (id: string) => report.tables.find((t) => t.id === id) ?? null;
  const compared = [...new Set(byId('responses')?.checkins ?? [])].sort((a, b) => a - b);
  return {
    responses: byId('responses'),
    questions: report.tables.filter((t) => t.id.startsWith('question:')),
    criteria: byId('criteria'),
    activity: report.tables.filter((t) => t.id.startsWith('activity:')),
    checkin: byId('checkin'),
    compared,
  };
}

/**
 * A one-column table's rows as (label, value, percentage). The percentage is
 * core's, worked out from the published table alone: none beside a hidden count.
 */
export function columnRows(t: ReportTable): { label: string; value: number | null; percent: number | null; muted: boolean }[] {
  return t.rows.map((label, i) => ({
    label,
    value: t.cells[i]?.[0] ?? null,
    percent: t.percents[i]?.[0] ?? null,
    // Core marks the rows that are none of the question's own answers
    // ("prefer not to say", "no answer"), in whatever language they read.
    muted: t.notAnOption[i] ?? false,
  }));
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
  return countText(v);
}

