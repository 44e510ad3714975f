// How backups read to a person: their kind in words, when they were made
// and how big they are; and which one to offer first.
import type { Backup } from '../bindings/Backup';
import type { BackupKind } from '../bindings/BackupKind';
import { formatWith, localTimeZone } from './format';
import { formatLocale, t } from '../i18n/index.svelte';

/** A backup's kind in words, in the current language. */
export function backupKindLabel(kind: BackupKind): string {
  switch (kind) {
    case 'daily':
      return t('status.backup.daily');
    case 'pre_migration':
      return t('status.backup.preMigration');
    case 'manual':
      return t('status.backup.manual');
    case 'pre_restore':
      return t('status.backup.preRestore');
  }
}

/** `BACKUP_KIND_LABEL[kind]`, read when shown (so it follows the language); prefer `backupKindLabel`. */
export const BACKUP_KIND_LABEL: Readonly<Record<BackupKind, string>> = {
  get daily() {
    return backupKindLabel('daily');
  },
  get pre_migration() {
    return backupKindLabel('pre_migration');
  },
  get manual() {
    return backupKindLabel('manual');
  },
  get pre_restore() {
    return backupKindLabel('pre_restore');
  },
};

/** `Fri 20 Mar 2026, 09:14` in this computer's zone. */
export function backupWhen(createdAt: string, timeZone: string = localTimeZone()): string {
  return formatWith(new Date(createdAt), formatLocale(), {
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
  if (bytes < 1024) return t('status.size.bytes', { count: bytes });
  const oneDecimal = (n: number) =>
    new Intl.NumberFormat(formatLocale(), { minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: false }).format(n);
  if (bytes < 1024 * 1024) return t('status.size.kb', { size: oneDecimal(bytes / 1024) });
  return t('status.size.mb', { size: oneDecimal(bytes / (1024 * 1024)) });
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
