import { describe, expect, it } from 'vitest';
import { appendNew, firstItems, PAGE } from './paging';

/** A core holding `n` numbered items, answering pages of at most 500. */
function core(n: number) {
  const calls: [number, number][] = [];
  const fetch = (offset: number, limit: number) => {
    calls.push([offset, limit]);
    const items = Array.from({ length: Math.max(0, Math.min(limit, 500, n - offset)) }, (_, i) => offset + i);
    return Promise.resolve({ items, hasMore: offset + items.length < n });
  };
  return { calls, fetch };
}

describe('firstItems', () => {
  it('asks for at least a page', async () => {
    const c = core(1000);
    const page = await firstItems(c.fetch, 3);
    expect(page.items).toHaveLength(PAGE);
    expect(page.hasMore).toBe(true);
    expect(c.calls).toEqual([[0, PAGE]]);
  });

  it('reloads more than the core gives at once in several calls', async () => {
    const c = core(2000);
    const page = await firstItems(c.fetch, 1234);
    expect(page.items).toEqual(Array.from({ length: 1234 }, (_, i) => i));
    expect(c.calls).toEqual([
      [0, 500],
      [500, 500],
      [1000, 234],
    ]);
  });

  it('stops where the list ends', async () => {
    const c = core(70);
    const page = await firstItems(c.fetch, 120);
    expect(page.items).toHaveLength(70);
    expect(page.hasMore).toBe(false);
    expect(c.calls).toEqual([[0, 120]]);
  });
});

describe('appendNew', () => {
  it('leaves out items already shown', () => {
    const a = { id: 'a' };
    const b = { id: 'b' };
    const c = { id: 'c' };
    expect(appendNew([a, b], [{ id: 'b' }, c])).toEqual([a, b, c]);
  });
});
