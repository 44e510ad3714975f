// Deleting moves an item to its pair's Trash (see the Trash tab): the words
// the delete dialogs use, and the notice with Undo that follows a delete.
import { errorText } from './errors';
import type { TrashItem } from '../bindings/TrashItem';
import { restoreTrashItem } from './ipc';
import { notify } from './toast.svelte';

/** How long the Trash keeps an item (trellis_core::trash::KEEP_DAYS). */
export const TRASH_DAYS = 30;

/** What a delete dialog says happens, after naming the item. */
export const MOVES_TO_TRASH =
  `It moves to this pair’s Trash, where you can restore it for ${TRASH_DAYS} days. ` +
  'After that, or when you delete it there, its text is removed from this computer: ' +
  'from the database and from every backup.';

/** After a delete: where it went, with Undo. */
export function trashed(title: string, item: TrashItem, onchange: () => void): void {
  notify({
    tone: 'success',
    title,
    message: `In the Trash for ${TRASH_DAYS} days.`,
    timeout: 10000,
    action: {
      label: 'Undo',
      run: async () => {
        try {
          await restoreTrashItem(item.id);
          notify({ tone: 'success', title: 'Restored' });
          onchange();
        } catch (reason) {
          notify({ tone: 'danger', title: 'Not restored', message: errorText(reason) });
        }
      },
    },
  });
}
