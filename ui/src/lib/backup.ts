// How backups read to a person: their kind in words, when they were made
// and how big they are; and which one to offer first.
import type { Backup } from '../bindings/Backup';
import type { BackupKind } from '../bindings/BackupKind';
import { formatWith, localTimeZone, plural } from './format';

export const BACKUP_KIND_LABEL: Record<BackupKind, string> = {
  daily: 'Daily',
  pre_migration: 'Before an upgrade',
  manual: 'Made by you',
  pre_restore: 'Before a restore',
};

/** `Fri 20 Mar 2026, 09:14` in this computer's zone. */
export function backupWhen(createdAt: string, timeZone: string = localTimeZone()): string {
  return formatWith(new Date(createdAt), 'en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  });
}

/** `812 bytes`, `148.0 KB`, `2.3 MB`. */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return plural(bytes, 'byte');
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * The backup to offer first: the newest one Trellis checked when it made it.
 * A "before a restore" copy may be of a damaged database (it is kept as it
 * was), so it is offered only when there is nothing else. `backups` is
 * newest first, as `list_backups` gives it.
 */
export function newestGood(backups: Backup[]): Backup | null {
  return backups.find((b) => b.kind !== 'pre_restore') ?? backups[0] ?? null;
}
