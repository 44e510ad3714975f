// What a new meeting's agenda text starts from. The carried-forward action
// items are not pasted in as `- [ ]` text: the Log meeting dialog lists them
// as a checklist of their own. Only shared notes go in (the text is shared
// with the partner), one line each, as the core's agenda writes them.
import type { Note } from '../../bindings/Note';
import { t } from '../../i18n/index.svelte';

/** "From notes:" and the first line of each shared note set aside; empty when there is none. */
export function notesAgenda(notes: readonly Note[]): string {
  const shared = notes.filter((n) => n.visibility === 'shared');
  if (!shared.length) return '';
  return [t('meetings.agendaFromNotes'), ...shared.map((n) => `- ${n.body.split('\n')[0] ?? ''}`)].join('\n');
}
