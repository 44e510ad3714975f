import { describe, expect, it } from 'vitest';
import { commandError } from '../test/errors';
import { Loader, Pages } from './loader.svelte';
import { PAGE } from './paging';

/** A promise settled from outside, to let answers arrive in any order. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A core holding `n` items, newest first, answering pages of at most 500. */
function core(n: number) {
  const calls: [number, number][] = [];
  const fetch = (offset: number, limit: number) => {
    calls.push([offset, limit]);
    const items = Array.from({ length: Math.max(0, Math.min(limit, 500, n - offset)) }, (_, i) => ({ id: `item-${offset + i}` }));
    return Promise.resolve({ items, hasMore: offset + items.length < n });
  };
  return { calls, fetch };
}

describe('Loader', () => {
  it('shows an answer and says it has loaded', async () => {
    const loader = new Loader();
    let shown = '';
    expect(loader.loaded).toBe(false);
    const outcome = await loader.load(
      () => Promise.resolve('goals'),
      (v) => (shown = v),
    );
    expect(outcome).toBe('shown');
    expect(shown).toBe('goals');
    expect(loader.loaded).toBe(true);
    expect(loader.loading).toBe(false);
    expect(loader.error).toBeNull();
  });

  it('ignores an answer that a later load overtook', async () => {
    const loader = new Loader();
    const first = deferred<string>();
    const second = deferred<string>();
    let shown = '';
    const a = loader.load(
      () => first.promise,
      (v) => (shown = v),
    );
    const b = loader.load(
      () => second.promise,
      (v) => (shown = v),
    );
    second.resolve('pair B');
    expect(await b).toBe('shown');
    expect(loader.loading).toBe(false);
    first.resolve('pair A');
    expect(await a).toBe('overtaken');
    expect(shown).toBe('pair B');
  });

  it('ignores a failure that a later load overtook', async () => {
    const loader = new Loader();
    const first = deferred<string>();
    const a = loader.load(
      () => first.promise,
      () => {},
    );
    await loader.load(
      () => Promise.resolve('fine'),
      () => {},
    );
    first.reject(commandError('storage', 'disk full'));
    expect(await a).toBe('overtaken');
    expect(loader.error).toBeNull();
  });

  it('is loading until the latest load is answered', async () => {
    const loader = new Loader();
    const first = deferred<string>();
    const second = deferred<string>();
    const a = loader.load(
      () => first.promise,
      () => {},
    );
    const b = loader.load(
      () => second.promise,
      () => {},
    );
    expect(loader.loading).toBe(true);
    first.resolve('old');
    await a;
    expect(loader.loading).toBe(true);
    expect(loader.loaded).toBe(false);
    second.resolve('new');
    await b;
    expect(loader.loading).toBe(false);
    expect(loader.loaded).toBe(true);
  });

  it('keeps a failure as its error, keeps what is shown, and clears the error on the next answer', async () => {
    const loader = new Loader();
    let shown = 'before';
    const outcome = await loader.load(
      () => Promise.reject(commandError('storage', 'disk full')),
      (v: string) => (shown = v),
    );
    expect(outcome).toBe('failed');
    expect(loader.error?.kind).toBe('storage');
    expect(loader.loaded).toBe(true);
    expect(shown).toBe('before');
    await loader.load(
      () => Promise.resolve('after'),
      (v) => (shown = v),
    );
    expect(loader.error).toBeNull();
    expect(shown).toBe('after');
  });

  it('leaves a failure its caller handles out of its error', async () => {
    const loader = new Loader();
    const seen: string[] = [];
    await loader.load(
      () => Promise.reject(commandError('invalid', 'comment: names a person')),
      () => {},
      (e) => {
        seen.push(e.kind);
        return true;
      },
    );
    expect(seen).toEqual(['invalid']);
    expect(loader.error).toBeNull();
  });

  it('drops the answer of a load it was told to stop waiting for', async () => {
    const loader = new Loader();
    const slow = deferred<string>();
    let shown = '';
    const a = loader.load(
      () => slow.promise,
      (v) => (shown = v),
    );
    loader.cancel();
    expect(loader.loading).toBe(false);
    slow.resolve('late');
    expect(await a).toBe('overtaken');
    expect(shown).toBe('');
  });

  it('drops a further page when a load began meanwhile, and throws a failed page to its caller', async () => {
    const loader = new Loader();
    const page = deferred<string>();
    let shown = 'first';
    const more = loader.more(
      () => page.promise,
      (v) => (shown += v),
    );
    await loader.load(
      () => Promise.resolve('reloaded'),
      (v) => (shown = v),
    );
    page.resolve(' and more');
    expect(await more).toBe('overtaken');
    expect(shown).toBe('reloaded');
    await expect(
      loader.more(
        () => Promise.reject(commandError('storage', 'disk full')),
        () => {},
      ),
    ).rejects.toMatchObject({ kind: 'storage' });
    expect(loader.error).toBeNull();
  });
});

describe('Pages', () => {
  it('reloads as many items as are shown, so the pages shown stay', async () => {
    const c = core(500);
    const list = new Pages<{ id: string }>();
    await list.reload(c.fetch);
    expect(list.items).toHaveLength(PAGE);
    await list.next(c.fetch);
    await list.next(c.fetch);
    expect(list.items).toHaveLength(3 * PAGE);
    await list.reload(c.fetch);
    expect(list.items).toHaveLength(3 * PAGE);
    expect(list.items.at(-1)?.id).toBe(`item-${3 * PAGE - 1}`);
    expect(list.hasMore).toBe(true);
  });

  it('starts again from one page when asked to keep none (a new filter)', async () => {
    const c = core(500);
    const list = new Pages<{ id: string }>();
    await list.reload(c.fetch);
    await list.next(c.fetch);
    await list.reload(c.fetch, 0);
    expect(list.items).toHaveLength(PAGE);
  });

  it('appends a page without repeating an item already shown', async () => {
    const list = new Pages<{ id: string }>();
    // A partner's item came in by sync between the two pages: 'b' moves down.
    await list.reload(() => Promise.resolve({ items: [{ id: 'a' }, { id: 'b' }], hasMore: false }));
    await list.next((offset) => Promise.resolve({ items: offset === 2 ? [{ id: 'b' }, { id: 'c' }] : [], hasMore: false }));
    expect(list.items.map((i) => i.id)).toEqual(['a', 'b', 'c']);
    expect(list.hasMore).toBe(false);
  });

  it('shows what the items need beside them together with the items, and not for an overtaken load', async () => {
    const list = new Pages<{ id: string }>();
    let names: string[] = [];
    const slow = deferred<{ items: { id: string }[]; hasMore: boolean }>();
    const stale = list.reload(
      () => slow.promise,
      0,
      (items) => Promise.resolve(() => (names = items.map((i) => `old ${i.id}`))),
    );
    await list.reload(
      () => Promise.resolve({ items: [{ id: 'n1' }], hasMore: false }),
      0,
      (items) => Promise.resolve(() => (names = items.map((i) => `name of ${i.id}`))),
    );
    slow.resolve({ items: [{ id: 'o1' }], hasMore: false });
    await stale;
    expect(list.items.map((i) => i.id)).toEqual(['n1']);
    expect(names).toEqual(['name of n1']);
  });
});
