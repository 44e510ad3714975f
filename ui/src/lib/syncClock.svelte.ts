// This computer's sync clock, checked when Trellis starts: a clock that ran
// more than a day ahead (a wrong date, once) makes partners refuse its
// update files. The start-up notice and the Settings row share this state,
// so a repair from either clears both.
import { AppError, getSyncClock, repairSyncClock } from './ipc';

class SyncClockState {
  /** Milliseconds ahead when more than a day; null when fine or not known. */
  aheadMs: number | null = $state(null);
  loaded = $state(false);
  error: AppError | null = $state(null);
  repairing = $state(false);
}

export const syncClock = new SyncClockState();

/** Ask the shell how far the clock is ahead. */
export async function checkSyncClock(): Promise<void> {
  try {
    syncClock.aheadMs = (await getSyncClock()).aheadMs;
    syncClock.error = null;
  } catch (e) {
    // No database (the recovery screen) or no shell: nothing to report here.
    syncClock.aheadMs = null;
    syncClock.error = AppError.from(e);
  } finally {
    syncClock.loaded = true;
  }
}

/** Bring the clock back to now; throws what went wrong. */
export async function repairClock(): Promise<void> {
  if (syncClock.repairing) return;
  syncClock.repairing = true;
  try {
    await repairSyncClock();
    await checkSyncClock();
  } finally {
    syncClock.repairing = false;
  }
}

/** How far ahead, in words ("3 days", "30 hours"). */
export function aheadText(ms: number): string {
  const hours = Math.round(ms / 3_600_000);
  if (hours < 48) return `${hours} hours`;
  return `${Math.round(hours / 24)} days`;
}

/** For tests: forget what was checked. */
export function resetSyncClock(): void {
  syncClock.aheadMs = null;
  syncClock.loaded = false;
  syncClock.error = null;
  syncClock.repairing = false;
}
