import { render } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../bindings/TimelineEvent';
import { estimateWidth, FONT_SANS, MIN_GAP } from '../../lib/axis';
import Timeline from './Timeline.svelte';

// jsdom lays nothing out: give the plot the width a narrow window gives it.
let restore: (() => void) | undefined;
function plotWidth(px: number) {
  const original = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientWidth');
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => px });
  restore = () => {
    if (original) Object.defineProperty(HTMLElement.prototype, 'clientWidth', original);
  };
}
afterEach(() => restore?.());

function events(count: number, kind: TimelineEvent['kind'], from: string): TimelineEvent[] {
  const start = Date.parse(`${from}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) => ({
    kind,
    on: new Date(start + i * 7 * 86_400_000).toISOString().slice(0, 10),
    itemId: `${kind}-${i}`,
    label: `${kind} ${i}`,
  })) as TimelineEvent[];
}

function box(el: Element, font: string): [number, number] {
  const x = Number(el.getAttribute('x'));
  const w = estimateWidth(el.textContent ?? '', font);
  const anchor = el.getAttribute('text-anchor') ?? 'start';
  return anchor === 'end' ? [x - w, x] : anchor === 'middle' ? [x - w / 2, x + w / 2] : [x, x + w];
}

describe('Timeline', () => {
  for (const width of [520, 640, 900, 1600]) {
    it(`keeps lane names, counts and month names apart at ${width} px`, () => {
      plotWidth(width);
      const { container } = render(Timeline, { props: {
        matchDate: '2024-12-20',
        today: '2026-12-03',
        checkinOn: '2026-12-10',
        events: [
          { kind: 'match', on: '2024-12-20', itemId: 'm', label: 'Matched' } as TimelineEvent,
          ...events(100, 'meeting', '2025-01-02'),
          ...events(18, 'goal_achieved', '2025-01-09'),
          ...events(4, 'criterion_met', '2025-02-01'),
        ],
      } });
      const labels = [...container.querySelectorAll('text.lane-label')];
      const counts = [...container.querySelectorAll('text.lane-count')];
      expect(labels.map((l) => l.textContent)).toEqual(['Meetings', 'Goals achieved', 'Criteria met']);
      expect(counts.map((c) => c.textContent)).toEqual(['100', '18', '4']);
      labels.forEach((label, i) => {
        const [, right] = box(label, `12px ${FONT_SANS}`);
        const [left] = box(counts[i]!, `600 12px ${FONT_SANS}`);
        expect(left - right, `${label.textContent} and its count`).toBeGreaterThanOrEqual(MIN_GAP);
      });

      const months = [...container.querySelectorAll('text.month')].map((m) => box(m, `11px ${FONT_SANS}`));
      expect(months.length).toBeGreaterThan(1);
      months.sort((a, b) => a[0] - b[0]);
      for (let i = 1; i < months.length; i++) expect(months[i]![0] - months[i - 1]![1]).toBeGreaterThanOrEqual(MIN_GAP);
      const axisEnd = Number(container.querySelector('line.axis')?.getAttribute('x2'));
      expect(months.at(-1)![1]).toBeLessThanOrEqual(axisEnd);

      const markers = [...container.querySelectorAll('text.marker-label')].map((m) => box(m, `500 11px ${FONT_SANS}`));
      markers.sort((a, b) => a[0] - b[0]);
      for (let i = 1; i < markers.length; i++) expect(markers[i]![0] - markers[i - 1]![1]).toBeGreaterThanOrEqual(MIN_GAP);
    });
  }
});
