// Words for a refused sync file: the core's message says why in detail;
// the title says it in a phrase a person recognises, chosen by the error's code.
import { t } from '../../../i18n/index.svelte';
import { AppError } from '../../../lib/ipc';

export function refusalTitle(reason: unknown): string {
  const error = AppError.from(reason);
  switch (error.code) {
    case 'file_altered':
      return t('sync.refusedAltered');
    case 'file_of_another_pair':
      return t('sync.refusedOtherPair');
    case 'format':
      return t('sync.refusedFormat');
    default:
      return t('sync.refusedUnreadable');
  }
}

/** A file name safe for the save dialog: letters, digits and dashes. */
export function fileStem(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .toLowerCase() || 'pair'
  );
}
