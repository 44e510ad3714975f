// How a screen loads what it shows: one primitive for "load, show the next
// page, reload after a change without losing the pages shown, and ignore an
// answer that a later load has overtaken" (a pair switched, a filter changed,
// a change announced while the previous load was still under way).
//
// A screen keeps what it shows in its own state and hands the loader two
// functions: one that asks the core (as many calls as it needs), and one
// that puts the answer on the screen. The loader runs the second only if no
// later `load` began meanwhile, and keeps `loaded`, `loading` and `error`.
import { AppError } from './ipc';
import { appendNew, firstItems, PAGE, type Page } from './paging';

/** Asks the core for `limit` items from `offset` on. */
export type PageFetch<T> = (offset: number, limit: number) => Promise<Page<T>>;

/** What became of an answer: shown, a failure (kept or handled), or dropped for a later load's. */
export type Outcome = 'shown' | 'failed' | 'overtaken';

export class Loader {
  /** True once the first load has finished (with an answer or an error). */
  loaded = $state(false);
  /** True while the latest load is under way. */
  loading = $state(false);
  /** Why the latest load failed; null after one that succeeded. */
  error: AppError | null = $state(null);

  #seq = 0;

  /**
   * Ask with `fetch`, then show with `apply` — unless another load began
   * meanwhile, in which case this answer (or failure) is dropped. A failure
   * becomes `error` unless `onerror` handles it (returns true).
   */
  async load<T>(fetch: () => Promise<T>, apply: (value: T) => void, onerror?: (error: AppError) => boolean): Promise<Outcome> {
    const mine = ++this.#seq;
    this.loading = true;
    try {
      const value = await fetch();
      if (mine !== this.#seq) return 'overtaken';
      apply(value);
      this.error = null;
      return 'shown';
    } catch (reason) {
      if (mine !== this.#seq) return 'overtaken';
      const error = AppError.from(reason);
      if (!onerror?.(error)) this.error = error;
      return 'failed';
    } finally {
      if (mine === this.#seq) {
        this.loaded = true;
        this.loading = false;
      }
    }
  }

  /** Drop the answer of the load under way (nothing is asked any more): it is not loading. */
  cancel() {
    this.#seq++;
    this.loading = false;
  }

  /**
   * Ask for more of what is shown (the next page) and add it with `apply`,
   * unless a load began meanwhile (its answer replaces what is shown). A
   * failure is thrown to the caller, which shows it beside its button
   * (`ShowMore`); what is shown stays.
   */
  async more<T>(fetch: () => Promise<T>, apply: (value: T) => void): Promise<Exclude<Outcome, 'failed'>> {
    const mine = this.#seq;
    const value = await fetch();
    if (mine !== this.#seq) return 'overtaken';
    apply(value);
    return 'shown';
  }
}

/**
 * A list that comes a page at a time (newest first, `hasMore` rather than a
 * total): `reload` fetches as many as are shown, so that a change does not
 * take the pages shown away, and `next` appends the next page.
 */
export class Pages<T extends { id: string }> extends Loader {
  items: T[] = $state([]);
  hasMore = $state(false);

  /**
   * Load the first `keep` items (at least a page; by default as many as are
   * shown). `along`, when given, asks for what the items need beside them
   * (names of what they refer to, say) and returns what shows it; it runs
   * with the items, only when they are shown.
   */
  reload(fetch: PageFetch<T>, keep = this.items.length, along?: (items: readonly T[]) => Promise<() => void>): Promise<Outcome> {
    return this.load(
      async () => {
        const page = await firstItems(fetch, keep);
        return { page, show: along ? await along(page.items) : undefined };
      },
      ({ page, show }) => {
        this.items = page.items;
        this.hasMore = page.hasMore;
        show?.();
      },
    );
  }

  /** Append the next page (and, with `along`, what its items need beside them). */
  next(fetch: PageFetch<T>, along?: (items: readonly T[]) => Promise<() => void>): Promise<Exclude<Outcome, 'failed'>> {
    return this.more(
      async () => {
        const page = await fetch(this.items.length, PAGE);
        return { page, show: along ? await along(page.items) : undefined };
      },
      ({ page, show }) => {
        this.items = appendNew(this.items, page.items);
        this.hasMore = page.hasMore;
        show?.();
      },
    );
  }
}
