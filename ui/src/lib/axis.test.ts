import { describe, expect, it } from 'vitest';
import { estimateWidth, extent, FONT_SANS, MIN_GAP, monthLabels, placeLabels, type Candidate, type Placed } from './axis';

const FONT = `11px ${FONT_SANS}`;
const NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const monthName = (iso: string) => NAMES[Number(iso.slice(5, 7)) - 1] ?? '?';

function monthsFrom(first: string, count: number): string[] {
  let [y, m] = first.split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    out.push(`${y}-${String(m).padStart(2, '0')}-01`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/** Months drawn over `[min, max]` as the timeline draws them (equal widths are close enough). */
function bands(months: string[], min: number, max: number) {
  const w = (max - min) / months.length;
  return months.map((month, i) => ({ month, x0: min + i * w, x1: min + (i + 1) * w }));
}

function expectNoCollision(placed: Placed[], min: number, max: number) {
  const sorted = [...placed].sort((a, b) => a.left - b.left);
  for (const p of sorted) {
    expect(p.left).toBeGreaterThanOrEqual(min);
    expect(p.right).toBeLessThanOrEqual(max);
    // The extent is what the text really needs.
    expect(p.right - p.left).toBeCloseTo(estimateWidth(p.text, FONT), 5);
  }
  for (let i = 1; i < sorted.length; i++) {
    const gap = sorted[i]!.left - sorted[i - 1]!.right;
    expect(gap, `${sorted[i - 1]!.text} | ${sorted[i]!.text}`).toBeGreaterThanOrEqual(MIN_GAP);
  }
}

describe('placeLabels', () => {
  it('keeps the higher priority label where two would touch', () => {
    const candidates: Candidate[] = [
      { key: 'match', text: 'Matched', x: 100, anchor: 'start', priority: 1 },
      { key: 'today', text: 'Today', x: 130, anchor: 'end', priority: 3 },
    ];
    const placed = placeLabels(candidates, FONT, estimateWidth);
    expect(placed.map((p) => p.key)).toEqual(['today']);
  });

  it('keeps both when they are a gap apart, in the order given', () => {
    const candidates: Candidate[] = [
      { key: 'a', text: 'Matched', x: 100, anchor: 'start', priority: 1 },
      { key: 'b', text: 'Today', x: 300, anchor: 'end', priority: 3 },
    ];
    expect(placeLabels(candidates, FONT, estimateWidth).map((p) => p.key)).toEqual(['a', 'b']);
  });

  it('drops a label that would run past the plot', () => {
    const placed = placeLabels([{ key: 'x', text: 'Check-in', x: 390, anchor: 'start', priority: 1 }], FONT, estimateWidth, {
      min: 0,
      max: 400,
    });
    expect(placed).toEqual([]);
  });

  it('measures from the anchor the text hangs from', () => {
    expect(extent(100, 40, 'start')).toEqual([100, 140]);
    expect(extent(100, 40, 'end')).toEqual([60, 100]);
    expect(extent(100, 40, 'middle')).toEqual([80, 120]);
  });
});

describe('monthLabels', () => {
  it('names every month, the first and each January with its year, where there is room', () => {
    const placed = monthLabels(bands(monthsFrom('2025-11-01', 4), 100, 900), monthName, FONT, estimateWidth, {
      min: 100,
      max: 900,
    });
    expect(placed.map((p) => p.text)).toEqual(['Nov 2025', 'Dec', 'Jan 2026', 'Feb']);
  });

  it('falls back to years alone over ten years in a narrow window', () => {
    const placed = monthLabels(bands(monthsFrom('2016-03-01', 120), 120, 620), monthName, FONT, estimateWidth, {
      min: 120,
      max: 620,
    });
    expect(placed.length).toBeGreaterThan(3);
    expect(placed.every((p) => /^\d{4}$/.test(p.text))).toBe(true);
    expectNoCollision(placed, 120, 620);
  });

  // Every plot width a window from 800 px up gives the timeline (its card is
  // narrower than the window), for histories of one month to twelve years.
  it('never lets two labels collide or run past the plot, at any width and span', () => {
    for (let plot = 240; plot <= 2400; plot += 40) {
      for (const count of [1, 2, 3, 4, 5, 7, 9, 12, 13, 18, 24, 30, 40, 61, 90, 121, 144]) {
        for (const first of ['2024-01-01', '2025-07-01', '2025-12-01']) {
          const min = 130;
          const max = min + plot;
          const placed = monthLabels(bands(monthsFrom(first, count), min, max), monthName, FONT, estimateWidth, { min, max });
          expectNoCollision(placed, min, max);
          // Something is always named, so the axis can be read.
          expect(placed.length, `plot ${plot}, ${count} months from ${first}`).toBeGreaterThan(0);
        }
      }
    }
  });

  it('does not name a month cut short by the edge of the plot', () => {
    const b = [
      { month: '2025-12-01', x0: 90, x1: 130 },
      { month: '2026-01-01', x0: 130, x1: 400 },
    ];
    const placed = monthLabels(b, monthName, FONT, estimateWidth, { min: 100, max: 400 });
    expect(placed.map((p) => p.key)).toEqual(['2026-01-01']);
  });
});
