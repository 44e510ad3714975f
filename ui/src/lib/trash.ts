// Deleting moves an item to its pair's Trash (see the Trash tab): the words
// the delete dialogs use, and the notice with Undo that follows a delete.
import { errorText } from './errors';
import type { TrashItem } from '../bindings/TrashItem';
import { restoreTrashItem } from './ipc';
import { notify } from './toast.svelte';
import { t } from '../i18n/index.svelte';

/** How long the Trash keeps an item (trellis_core::trash::KEEP_DAYS). */
export const TRASH_DAYS = 30;

/** What a delete dialog says happens, after naming the item, in the current language. */
export function movesToTrash(): string {
  return t('status.trash.movesTo', { days: TRASH_DAYS });
}

/**
 * The same words, fixed when this module loads (English): for screens not yet
 * moved to `movesToTrash()`, which follows the language. Remove when unused.
 */
export const MOVES_TO_TRASH = movesToTrash();

/** After a delete: where it went, with Undo. */
export function trashed(title: string, item: TrashItem, onchange: () => void): void {
  notify({
    tone: 'success',
    title,
    message: t('status.trash.inTrash', { days: TRASH_DAYS }),
    timeout: 10000,
    action: {
      label: t('status.trash.undo'),
      run: async () => {
        try {
          await restoreTrashItem(item.id);
          notify({ tone: 'success', title: t('status.trash.restored') });
          onchange();
        } catch (reason) {
          notify({ tone: 'danger', title: t('status.trash.notRestored'), message: errorText(reason) });
        }
      },
    },
  });
}
