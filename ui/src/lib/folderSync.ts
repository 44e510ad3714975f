// Sync through shared folders, from the window: when Trellis starts and each
// time its window gains or loses focus, every pair with a shared folder
// reads the partner's file there and writes its own (the shell also watches
// the folders and imports a partner's file as soon as it changes). When
// something came in, every open screen reloads. A failure is kept with the
// folder and shown in the pair's Sync dialog.
import { syncAllFolders } from './ipc';
import { announceChange } from './pairs.svelte';

let running: Promise<void> | null = null;

/** One exchange through every pair's folder; at most one at a time. */
export function exchangeFolders(): Promise<void> {
  running ??= (async () => {
    try {
      const all = await syncAllFolders();
      if (all.some((f) => f.imported && !f.imported.upToDate)) await announceChange();
    } catch {
      // No database (the recovery screen) or no shell: nothing to exchange.
    } finally {
      running = null;
    }
  })();
  return running;
}

/** Exchange now and whenever the window gains or loses focus; returns the stop. */
export function startFolderSync(target: Window = window): () => void {
  void exchangeFolders();
  const onFocus = () => void exchangeFolders();
  target.addEventListener('focus', onFocus);
  target.addEventListener('blur', onFocus);
  return () => {
    target.removeEventListener('focus', onFocus);
    target.removeEventListener('blur', onFocus);
  };
}
