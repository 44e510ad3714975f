// Every pair with what needs attention (the core's status), shared by the
// home screen, the sidebar and quick capture, so one `get_status` call keeps
// them all in step.
//
// After changing anything that moves a pair's status (a meeting, an action
// item, a criterion, a note), call `refreshPairs()`; to also tell open
// screens to reload their own data, call `announceChange()` (the window event
// `trellis:changed`, which Home and the sidebar listen to, plus a refresh).
import type { PairSummary } from '../bindings/PairSummary';
import { AppError, getStatus } from './ipc';

/** The window event that says "data changed; reload what you show". */
export const CHANGED_EVENT = 'trellis:changed';

class Pairs {
  /** Most urgent first, as the core orders them. */
  items: PairSummary[] = $state([]);
  /** True once the first load has finished (successfully or not). */
  loaded = $state(false);
  loading = $state(false);
  error: AppError | null = $state(null);

  /** Active pairs, most urgent first. */
  get active(): PairSummary[] {
    return this.items.filter((s) => s.pair.status === 'active');
  }

  /** Paused, graduated and ended pairs. */
  get inactive(): PairSummary[] {
    return this.items.filter((s) => s.pair.status !== 'active');
  }

  find(id: string): PairSummary | undefined {
    return this.items.find((s) => s.pair.id === id);
  }
}

export const pairs = new Pairs();

let inFlight: Promise<PairSummary[]> | null = null;
// Whether the running load has already asked the Rust side; a request that
// arrives after that may have missed a change, so it earns one more load.
let issued = false;
let again = false;

async function load(): Promise<PairSummary[]> {
  pairs.loading = true;
  // Let every request made in this same turn (a screen and the sidebar both
  // reacting to one change) join this load instead of starting another.
  await Promise.resolve();
  try {
    do {
      again = false;
      issued = true;
      try {
        pairs.items = await getStatus();
        pairs.error = null;
      } catch (e) {
        pairs.error = AppError.from(e);
      }
    } while (again);
    return pairs.items;
  } finally {
    pairs.loading = false;
    pairs.loaded = true;
    inFlight = null;
    issued = false;
  }
}

/**
 * Reload every pair's status. Requests made while a load is running share
 * it (and, if it had already asked, cause one more load afterwards), so the
 * result is never stale and a burst of requests costs one or two calls.
 * Never rejects: a failure is kept in `pairs.error`.
 */
export function refreshPairs(): Promise<PairSummary[]> {
  if (inFlight) {
    if (issued) again = true;
    return inFlight;
  }
  inFlight = load();
  return inFlight;
}

/**
 * Tell every open screen that data changed (they reload what they show) and
 * reload the pairs; resolves when the pairs are fresh.
 */
export function announceChange(): Promise<PairSummary[]> {
  window.dispatchEvent(new CustomEvent(CHANGED_EVENT));
  return refreshPairs();
}

/** Forget everything (for tests). */
export function resetPairs(): void {
  pairs.items = [];
  pairs.loaded = false;
  pairs.loading = false;
  pairs.error = null;
  inFlight = null;
  issued = false;
  again = false;
}
