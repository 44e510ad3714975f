import { describe, expect, it } from 'vitest';
import type { Report } from '../../bindings/Report';
import k1 from '../../test/doubles/reports/report-k1.json';
import { columnRows } from './report';

const report = k1 as Report;

describe('columnRows', () => {
  it('mutes the rows core marks as none of the question’s own, in any language', () => {
    const q = report.tables.find((t) => t.id.startsWith('question:'))!;
    const marked = q.notAnOption.filter(Boolean).length;
    expect(marked).toBe(2);
    // The same table as a German report gives it: other labels, same marks.
    const de = { ...q, rows: q.rows.map((_, i) => `Zeile ${i}`) };
    const muted = columnRows(de).map((r) => r.muted);
    expect(muted).toEqual(q.notAnOption);
    // A pack option that reads like core's own label is not muted.
    const named = { ...q, rows: q.rows.map(() => 'No answer'), notAnOption: q.rows.map(() => false) };
    expect(columnRows(named).some((r) => r.muted)).toBe(false);
  });
});
