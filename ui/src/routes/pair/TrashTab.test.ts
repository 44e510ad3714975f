import { afterEach, describe, expect, it } from 'vitest';
import { toasts } from '../../lib/toast.svelte';
import { closed, dialogNamed, renderPair, screen, setUp, tearDown, waitFor, within } from '../../test/pairScreen';
import { clash } from '../../test/errors';

afterEach(tearDown);

describe('Trash tab', () => {
  it('says what deleting a note does, offers Undo, and the note is back', async () => {
    const mock = setUp();
    const { user } = await renderPair(mock, 'notes');
    const nervous = await screen.findByRole('article', { name: /^Private note: Feeling nervous/ });
    await user.click(within(nervous).getByRole('button', { name: /^Delete note/ }));
    const dialog = await dialogNamed('Delete this note?');
    expect(
      within(dialog).getByText(/moves to this pair’s Trash, where you can restore it for 30 days/),
    ).toBeInTheDocument();
    expect(within(dialog).getByText(/removed from this computer: from the database and from every backup/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Delete note' }));
    await closed('Delete this note?');
    await waitFor(() => expect(screen.queryByRole('article', { name: /^Private note: Feeling nervous/ })).toBeNull());
    expect(mock.state.trash).toHaveLength(1);
    const trashId = mock.state.trash[0]!.item.id;

    // The notice that follows (shown by the app's Toaster) carries Undo.
    const notice = toasts.items.find((t) => t.title === 'Note deleted');
    expect(notice?.message).toBe('In the Trash for 30 days.');
    expect(notice?.action?.label).toBe('Undo');
    await notice!.action!.run();
    await screen.findByRole('article', { name: /^Private note: Feeling nervous/ });
    expect(mock.inputsOf('restore_trash_item')).toEqual([{ trashId }]);
    expect(mock.state.trash).toHaveLength(0);
  });

  it('lists deleted items, restores one and deletes one permanently after saying exactly what happens', async () => {
    const mock = setUp();
    const notes = mock.state.notes.slice(0, 2);
    for (const n of notes) mock.handle('delete_note', { input: { noteId: n.id } });
    const { user } = await renderPair(mock, 'trash');

    const list = await screen.findByRole('list', { name: 'Deleted items' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    const [newest, oldest] = mock.state.trash.map((t) => t.item);
    await user.click(screen.getByRole('button', { name: `Restore Note: ${newest!.label}` }));
    await waitFor(() => expect(within(screen.getByRole('list', { name: 'Deleted items' })).getAllByRole('listitem')).toHaveLength(1));
    expect(mock.state.notes.some((n) => n.id === newest!.itemId)).toBe(true);

    await user.click(screen.getByRole('button', { name: `Delete permanently: ${oldest!.label}` }));
    const dialog = await dialogNamed('Delete permanently?');
    expect(
      within(dialog).getByText(/removed from this computer: from the database, from its log and from every backup/),
    ).toBeInTheDocument();
    expect(within(dialog).getByText(/This cannot be undone/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Delete permanently' }));
    await closed('Delete permanently?');
    expect(mock.inputsOf('purge_trash_item')).toEqual([{ trashId: oldest!.id }]);
    await screen.findByText('The Trash is empty');
  });

  it('shows a refused permanent delete in the dialog and keeps the item', async () => {
    const mock = setUp();
    mock.handle('delete_note', { input: { noteId: mock.state.notes[0]!.id } });
    const { user } = await renderPair(mock, 'trash');
    const item = mock.state.trash[0]!.item;
    mock.failNext(
      'purge_trash_item',
      clash({ rule: 'backup_not_rewritten', name: 'X', detail: 'database disk image is malformed' }, 'it is gone from the database, but backup X could not be rewritten without it'),
    );
    await user.click(await screen.findByRole('button', { name: `Delete permanently: ${item.label}` }));
    const dialog = await dialogNamed('Delete permanently?');
    await user.click(within(dialog).getByRole('button', { name: 'Delete permanently' }));
    expect(await within(dialog).findByText('It is gone from your data, but the backup X could not be rewritten without it; delete that backup to remove it there too. (Technical detail: database disk image is malformed)')).toBeInTheDocument();
    expect(mock.state.trash).toHaveLength(1);
  });
});
