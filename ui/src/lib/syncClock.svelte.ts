// This computer's sync clock, checked when Trellis starts: a clock that ran
// more than a day ahead (a wrong date, once) makes partners refuse its
// update files. The start-up notice and the Settings row share this state,
// so a repair from either clears both.
import { AppError, getSyncClock, repairSyncClock } from './ipc';
import { t } from '../i18n/index.svelte';

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

/** How far ahead, as a count of hours (under two days) or days, for a message's plural. */
export function aheadAmount(ms: number): { unit: 'hours' | 'days'; count: number } {
  const hours = Math.round(ms / 3_600_000);
  return hours < 48 ? { unit: 'hours', count: hours } : { unit: 'days', count: Math.round(hours / 24) };
}

/** How far ahead, in words ("3 days", "30 hours"). */
export function aheadText(ms: number): string {
  const { unit, count } = aheadAmount(ms);
  return unit === 'hours' ? t('status.ahead.hours', { count }) : t('status.ahead.days', { count });
}

/** For tests: forget what was checked. */
export function resetSyncClock(): void {
  syncClock.aheadMs = null;
  syncClock.loaded = false;
  syncClock.error = null;
  syncClock.repairing = false;
}
