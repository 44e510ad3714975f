// Labels on a drawn axis that never run into each other: measured in the
// app's own typeface, kept a minimum gap apart, and dropped (or shortened)
// where they do not fit. Pure functions but for `measureText`, so the layout
// is tested at every width without a browser.

/** The width in pixels of `text` set in the CSS `font` (e.g. `11px "Inter Variable"`). */
export type Measure = (text: string, font: string) => number;

/** The app's sans-serif stack, as `--font-sans` in app.css names it (for canvas measuring). */
// i18n-ignore: a CSS font list, not words
export const FONT_SANS = "'Inter Variable', 'DejaVu Sans', sans-serif";

/** The smallest gap, in pixels, between two labels on one line. */
export const MIN_GAP = 8;

let context: OffscreenCanvasRenderingContext2D | null | undefined;

/**
 * A generous stand-in for a typeface's advance widths, where no canvas can
 * measure (tests in jsdom): wide enough for Inter's and DejaVu's widest
 * letters, so a layout that fits with it fits with either.
 */
export function estimateWidth(text: string, font: string): number {
  const size = Number(/(\d+(?:\.\d+)?)px/.exec(font)?.[1] ?? 12);
  let em = 0;
  for (const ch of text) {
    if (ch === ' ') em += 0.32;
    else if (/[MWmw@%]/.test(ch)) em += 0.95;
    else if (/[A-Z0-9]/.test(ch)) em += 0.72;
    else if (/[iljtf.,:;'|!]/.test(ch)) em += 0.36;
    else if (ch.charCodeAt(0) > 0x2e80) em += 1.0;
    else em += 0.62;
  }
  return em * size;
}

/** Measures with a canvas in the real window; estimates where there is none. */
export const measureText: Measure = (text, font) => {
  if (context === undefined) {
    context = typeof OffscreenCanvas === 'undefined' ? null : new OffscreenCanvas(1, 1).getContext('2d');
  }
  if (!context) return estimateWidth(text, font);
  context.font = font;
  return context.measureText(text).width;
};

/** A label asking for a place on a line: its anchor point and how it hangs from it. */
export interface Candidate {
  key: string;
  text: string;
  x: number;
  anchor: 'start' | 'middle' | 'end';
  /** Higher keeps its place when two collide. */
  priority: number;
}

export interface Placed extends Candidate {
  left: number;
  right: number;
}

/** Where a label of `width` set at `x` with `anchor` begins and ends. */
export function extent(x: number, width: number, anchor: Candidate['anchor']): [number, number] {
  if (anchor === 'start') return [x, x + width];
  if (anchor === 'end') return [x - width, x];
  return [x - width / 2, x + width / 2];
}

/**
 * The labels that fit on one line between `min` and `max`, at least `gap`
 * apart, the higher priority first (ties: the earlier one); in their given order.
 */
export function placeLabels(
  candidates: readonly Candidate[],
  font: string,
  measure: Measure,
  { min = -Infinity, max = Infinity, gap = MIN_GAP }: { min?: number; max?: number; gap?: number } = {},
): Placed[] {
  const order = candidates.map((c, i) => ({ c, i })).sort((a, b) => b.c.priority - a.c.priority || a.i - b.i);
  const kept: { p: Placed; i: number }[] = [];
  for (const { c, i } of order) {
    const [left, right] = extent(c.x, measure(c.text, font), c.anchor);
    if (left < min || right > max) continue;
    if (kept.some(({ p }) => left < p.right + gap && p.left < right + gap)) continue;
    kept.push({ p: { ...c, left, right }, i });
  }
  return kept.sort((a, b) => a.i - b.i).map(({ p }) => p);
}

/** True when every label fits between `min` and `max`, at least `gap` apart. */
export function allFit(
  candidates: readonly Candidate[],
  font: string,
  measure: Measure,
  bounds: { min?: number; max?: number; gap?: number } = {},
): boolean {
  return placeLabels(candidates, font, measure, bounds).length === candidates.length;
}

/** One month on a time axis: its first day (`YYYY-MM-01`) and the span it is drawn over. */
export interface MonthBand {
  month: string;
  x0: number;
  x1: number;
}

/** Month steps tried in turn until every label fits: each month, then every 2nd, 3rd… (Januaries always among them), then years. */
const STEPS = [1, 2, 3, 6, 12, 24, 60, 120];

/**
 * The month labels of a time axis, as a time axis does it: every month by
 * its short name where there is room (the first one labelled and each
 * January with its year), else every 2nd, 3rd or 6th month, else years
 * alone, else every 2nd, 5th or 10th year, so that no two labels are closer
 * than `gap` and none runs past the plot. `name` gives a month's short name.
 */
export function monthLabels(
  bands: readonly MonthBand[],
  name: (month: string) => string,
  font: string,
  measure: Measure,
  { min, max, gap = MIN_GAP }: { min: number; max: number; gap?: number },
): Placed[] {
  const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
  // Bands cut short by the edge of the plot (the first days drawn of a month) are not named.
  const whole = bands.filter((b) => b.x1 - b.x0 > 0 && b.x0 >= min - 0.5 && b.x1 <= max + 0.5);
  for (const step of STEPS) {
    const chosen = whole.filter((b) => index(b.month) % step === 0);
    if (chosen.length === 0) continue;
    const candidates: Candidate[] = chosen.map((b, i) => {
      const year = b.month.slice(0, 4);
      const january = b.month.slice(5, 7) === '01';
      const text = step >= 12 ? year : january || i === 0 ? `${name(b.month)} ${year}` : name(b.month);
      // Centred on its month, but kept inside the plot.
      const half = measure(text, font) / 2;
      const x = Math.min(Math.max((b.x0 + b.x1) / 2, min + half), max - half);
      return { key: b.month, text, x, anchor: 'middle', priority: 0 };
    });
    if (allFit(candidates, font, measure, { min, max, gap })) return placeLabels(candidates, font, measure, { min, max, gap });
  }
  return [];
}
