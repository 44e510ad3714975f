import { afterEach, describe, expect, it } from 'vitest';
import { closed, dialogNamed, renderPair, screen, setUp, tearDown, waitFor, within } from '../../test/pairScreen';
import { laidOutAt, restoreWidth } from '../../test/width';

afterEach(tearDown);

describe('Notes tab', () => {
  it('tells private and shared notes apart, with what they are attached to', async () => {
    const mock = setUp();
    await renderPair(mock, 'notes');

    const nervous = await screen.findByRole('article', { name: /^Private note: Feeling nervous/ });
    expect(within(nervous).getByText('Private · never leaves this machine')).toBeInTheDocument();

    const reviewer = screen.getByRole('article', { name: /^Shared note: Reviewer prefers small patch sets/ });
    expect(within(reviewer).getByText('Shared with Amara Okafor')).toBeInTheDocument();
    expect(within(reviewer).getByText('About “Get my first patch merged in Nova”')).toBeInTheDocument();
    // Line breaks are kept.
    expect(
      within(reviewer).getByText('Reviewer prefers small patch sets.\nSplit the refactor from the fix next time.', {
        normalizer: (text) => text,
      }),
    ).toBeInTheDocument();

    const question = screen.getByRole('article', { name: /^Shared note: Ask Amara how to run/ });
    expect(within(question).getByText('For next meeting')).toBeInTheDocument();
  });

  it('adds a private note attached to a goal', async () => {
    const mock = setUp();
    const { user } = await renderPair(mock, 'notes');
    const goal = mock.state.goals.find((g) => g.title.startsWith('Join'))!;

    await user.click(await screen.findByRole('button', { name: 'Add note' }));
    const dialog = await dialogNamed('Add note');
    expect(within(dialog).getByRole('radio', { name: 'Private' })).toBeChecked();
    expect(within(dialog).getByText(/Private notes never leave this machine/)).toBeInTheDocument();
    await user.type(within(dialog).getByLabelText('Note'), 'Ask about the PTG{Enter}and the schedule');
    await user.selectOptions(within(dialog).getByLabelText('Attach to'), `goal:${goal.id}`);
    await user.click(within(dialog).getByRole('button', { name: 'Save note' }));
    await closed('Add note');

    expect(mock.inputsOf('add_note')).toEqual([
      {
        pairId: mock.pairId,
        note: { body: 'Ask about the PTG\nand the schedule', visibility: 'private', attach: { to: 'goal', goalId: goal.id } },
      },
    ]);
    const added = await screen.findByRole('article', { name: 'Private note: Ask about the PTG' });
    expect(within(added).getByText(`About “${goal.title}”`)).toBeInTheDocument();
  });

  it('shares a note for the next meeting’s agenda', async () => {
    const mock = setUp();
    const { user } = await renderPair(mock, 'notes');

    await user.click(await screen.findByRole('button', { name: 'Add note' }));
    const dialog = await dialogNamed('Add note');
    await user.type(within(dialog).getByLabelText('Note'), 'Bring the failing job log');
    await user.click(within(dialog).getByRole('radio', { name: 'Shared' }));
    expect(within(dialog).getByText(/Shared with Amara Okafor/)).toBeInTheDocument();
    await user.selectOptions(within(dialog).getByLabelText('Attach to'), 'next');
    await user.click(within(dialog).getByRole('button', { name: 'Save note' }));
    await closed('Add note');

    expect(mock.inputsOf('add_note')[0]!.note).toEqual({
      body: 'Bring the failing job log',
      visibility: 'shared',
      attach: { to: 'next_meeting' },
    });
  });

  it('saves a note with Ctrl+Enter, as Quick note does', async () => {
    const mock = setUp();
    const { user } = await renderPair(mock, 'notes');

    await user.click(await screen.findByRole('button', { name: 'Add note' }));
    const dialog = await dialogNamed('Add note');
    await user.type(within(dialog).getByLabelText('Note'), 'Ask about the release freeze');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await closed('Add note');

    expect(mock.inputsOf('add_note')[0]!.note).toEqual({
      body: 'Ask about the release freeze',
      visibility: 'private',
      attach: { to: 'none' },
    });
  });

  it('renders a note’s HTML as text', async () => {
    const mock = setUp();
    const html = '<img src=x onerror=alert(1)>';
    mock.handle('add_note', { input: { pairId: mock.pairId, note: { body: html, visibility: 'shared', attach: { to: 'none' } } } });
    const { container } = await renderPair(mock, 'notes');

    expect(await screen.findByText(html)).toBeInTheDocument();
    expect(container.querySelector('img')).toBeNull();
  });

  it('shows a refused note in the dialog and adds nothing', async () => {
    const mock = setUp();
    const { user } = await renderPair(mock, 'notes');
    mock.failNext('add_note', { kind: 'invalid', message: 'note: is longer than 100000 characters' });

    await user.click(await screen.findByRole('button', { name: 'Add note' }));
    const dialog = await dialogNamed('Add note');
    await user.type(within(dialog).getByLabelText('Note'), 'Something long');
    await user.click(within(dialog).getByRole('button', { name: 'Save note' }));

    const body = within(dialog).getByLabelText('Note');
    await waitFor(() => expect(body).toHaveAccessibleDescription('Is longer than 100000 characters'));
    expect(body).toHaveValue('Something long');
    expect(mock.state.notes).toHaveLength(4);
    expect(screen.getAllByRole('article')).toHaveLength(4);
  });

  it('edits a note’s visibility only, and deletes a note after asking', async () => {
    const mock = setUp();
    const { user } = await renderPair(mock, 'notes');
    const note = mock.state.notes.find((n) => n.body.startsWith('Feeling nervous'))!;

    await user.click(await screen.findByRole('button', { name: /^Edit note: Feeling nervous/ }));
    const dialog = await dialogNamed('Edit note');
    expect(within(dialog).getByLabelText('Note')).toHaveValue(note.body);
    await user.click(within(dialog).getByRole('radio', { name: 'Shared' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await closed('Edit note');
    expect(mock.inputsOf('edit_note')).toEqual([{ noteId: note.id, patch: { visibility: 'shared' } }]);
    expect(await screen.findByRole('article', { name: /^Shared note: Feeling nervous/ })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: /^Delete note: Feeling nervous/ }));
    const confirm = await dialogNamed('Delete this note?');
    await user.click(within(confirm).getByRole('button', { name: 'Delete note' }));
    await closed('Delete this note?');
    expect(mock.inputsOf('delete_note')).toEqual([{ noteId: note.id }]);
    await waitFor(() => expect(screen.getAllByRole('article')).toHaveLength(3));
  });

  it('filters to private notes', async () => {
    const mock = setUp();
    const { user } = await renderPair(mock, 'notes');
    await user.click(await screen.findByRole('radio', { name: 'Private' }));
    await waitFor(() => expect(screen.getAllByRole('article')).toHaveLength(2));
    const shown = screen.getAllByRole('article');
    expect(shown.every((a) => a.getAttribute('aria-label')!.startsWith('Private note'))).toBe(true);
    expect(mock.inputsOf('list_notes').at(-1)).toEqual({ pairId: mock.pairId, visibility: 'private', offset: 0, limit: 50 });
  });

  it('shows the newest fifty notes of a long history, and older ones a page at a time', async () => {
    // 40 weeks of history: 80 notes before the sample's four.
    const mock = setUp({ history: 40 });
    const { user } = await renderPair(mock, 'notes');

    await waitFor(() => expect(screen.getAllByRole('article')).toHaveLength(50));
    expect(mock.inputsOf('list_notes')).toEqual([{ pairId: mock.pairId, visibility: null, offset: 0, limit: 50 }]);
    expect(screen.getByText('50 shown')).toBeInTheDocument();
    // Newest first: the sample's four, then week 40 back to week 18.
    const labels = screen.getAllByRole('article').map((a) => a.getAttribute('aria-label'));
    expect(labels.slice(4)).toEqual(
      Array.from({ length: 23 }, (_, i) => 40 - i).flatMap((w) => [
        `Private note: Week ${w}: a thought to keep to myself.`,
        `Shared note: Week ${w}: a question for the next call.`,
      ]),
    );

    await user.click(screen.getByRole('button', { name: 'Show older notes' }));
    await waitFor(() => expect(screen.getAllByRole('article')).toHaveLength(84));
    expect(mock.inputsOf('list_notes').at(-1)).toEqual({ pairId: mock.pairId, visibility: null, offset: 50, limit: 50 });
    expect(screen.getAllByRole('article').at(50)).toHaveAccessibleName('Private note: Week 17: a thought to keep to myself.');
    expect(screen.queryByRole('button', { name: 'Show older notes' })).not.toBeInTheDocument();
    // Focus is not lost with the button: it moves to the line that ends the list.
    expect(screen.getByText('All 84 notes shown.')).toHaveFocus();
  });

  it('keeps the pages shown when a note is edited, and the note in its place', async () => {
    const mock = setUp({ history: 240 });
    const { user } = await renderPair(mock, 'notes');
    await user.click(await screen.findByRole('button', { name: 'Show older notes' }));
    await waitFor(() => expect(screen.getAllByRole('article')).toHaveLength(100));
    const target = mock.state.notes.find((n) => n.body.startsWith('Week 215: a question'))!;
    const before = screen.getAllByRole('article').findIndex((a) => a.getAttribute('aria-label') === `Shared note: ${target.body}`);
    expect(before).toBeGreaterThan(50);

    await user.click(screen.getByRole('button', { name: `Edit note: ${target.body}` }));
    const dialog = await dialogNamed('Edit note');
    await user.click(within(dialog).getByRole('radio', { name: 'Private' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await closed('Edit note');

    // One reload of as many as were shown, not a jump back to the first page.
    await waitFor(() => expect(mock.inputsOf('list_notes').at(-1)).toEqual({ pairId: mock.pairId, visibility: null, offset: 0, limit: 100 }));
    await waitFor(() => expect(screen.getByRole('article', { name: `Private note: ${target.body}` })).toBeInTheDocument());
    expect(screen.getAllByRole('article')).toHaveLength(100);
    expect(screen.getAllByRole('article').findIndex((a) => a.getAttribute('aria-label') === `Private note: ${target.body}`)).toBe(before);
  });

  it('shows a page that failed to load beside the button, and tries again', async () => {
    const mock = setUp({ history: 40 });
    const { user } = await renderPair(mock, 'notes');
    await waitFor(() => expect(screen.getAllByRole('article')).toHaveLength(50));
    mock.failNext('list_notes', { kind: 'storage', message: 'database error (disk I/O error)' });

    await user.click(screen.getByRole('button', { name: 'Show older notes' }));
    expect(await screen.findByText('Could not load more notes')).toBeInTheDocument();
    expect(screen.getAllByRole('article')).toHaveLength(50);

    await user.click(screen.getByRole('button', { name: 'Show older notes' }));
    await waitFor(() => expect(screen.getAllByRole('article')).toHaveLength(84));
    expect(screen.queryByText('Could not load more notes')).not.toBeInTheDocument();
  });

  it('names the goal of a note without loading every goal, and offers only goals in play', async () => {
    const mock = setUp({ history: 40 });
    const achieved = mock.state.goals.find((g) => g.title === 'Set up DevStack and a Gerrit account')!;
    // The newest note, first as the core lists them.
    mock.state.notes.unshift({ ...mock.state.notes[0]!, id: 'note-about-devstack', body: 'DevStack finally runs.', goalId: achieved.id, forNextMeeting: false, createdAt: '2026-03-20T10:00:00Z' });
    const { user } = await renderPair(mock, 'notes');

    const note = await screen.findByRole('article', { name: /DevStack finally runs/ });
    expect(within(note).getByText(`About “${achieved.title}”`)).toBeInTheDocument();
    expect(mock.inputsOf('list_goals')).toEqual([]);
    expect(mock.inputsOf('list_goal_labels')[0]!.include).toContain(achieved.id);

    // A new note can go to the goals in play, not to years of achieved ones…
    await user.click(screen.getByRole('button', { name: 'Add note' }));
    let dialog = await dialogNamed('Add note');
    const offered = () => within(dialog).getAllByRole('option').map((o) => o.textContent);
    expect(offered()).toEqual(['Nothing', 'Next meeting’s agenda', 'Goal: Get my first patch merged in Nova', 'Goal: Join a Nova team meeting and offer input']);
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await closed('Add note');
    // …and a note about one keeps it when edited.
    await user.click(within(note).getByRole('button', { name: /^Edit note/ }));
    dialog = await dialogNamed('Edit note');
    expect(offered()).toContain(`Goal: ${achieved.title}`);
    expect(within(dialog).getByLabelText('Attach to')).toHaveValue(`goal:${achieved.id}`);
  });

  it('says what to do when there are no notes', async () => {
    const mock = setUp({ empty: true });
    await renderPair(mock, 'notes');
    expect(await screen.findByRole('heading', { name: 'No notes yet' })).toBeInTheDocument();
  });
});

describe('Notes tab in a wide window', () => {
  afterEach(restoreWidth);

  /** The list of notes, and the region that shows the note chosen from it. */
  async function wideNotes() {
    laidOutAt(1500);
    const mock = setUp();
    const rendered = await renderPair(mock, 'notes');
    const list = await screen.findByRole('list', { name: 'Notes, newest first' });
    const reading = screen.getByRole('region', { name: 'Chosen note' });
    return { mock, ...rendered, list, reading, rows: within(list).getAllByRole('button') };
  }

  it('lists the notes beside the newest one, read whole', async () => {
    const { mock, rows, reading } = await wideNotes();

    expect(rows).toHaveLength(mock.state.notes.length);
    expect(rows[0]).toHaveAttribute('aria-current', 'true');
    expect(rows.slice(1).every((row) => !row.hasAttribute('aria-current'))).toBe(true);
    // The one note read is the first listed, with its tools; the others are only listed.
    const shown = within(reading).getByRole('article');
    expect(shown).toHaveAccessibleName(rows[0]!.getAttribute('aria-label')!);
    expect(screen.getAllByRole('article')).toHaveLength(1);
  });

  it('shows the note chosen from the list, and edits that one', async () => {
    const { user, rows, reading } = await wideNotes();
    const reviewer = rows.find((row) => /^Shared note: Reviewer prefers small patch sets/.test(row.getAttribute('aria-label')!))!;

    await user.click(reviewer);
    expect(reviewer).toHaveAttribute('aria-current', 'true');
    expect(rows[0]).not.toHaveAttribute('aria-current');
    const shown = within(reading).getByRole('article', { name: /^Shared note: Reviewer prefers small patch sets/ });
    expect(within(shown).getByText('Shared with Amara Okafor')).toBeInTheDocument();
    expect(
      within(shown).getByText('Reviewer prefers small patch sets.\nSplit the refactor from the fix next time.', {
        normalizer: (text) => text,
      }),
    ).toBeInTheDocument();

    await user.click(within(shown).getByRole('button', { name: /^Edit note: Reviewer prefers/ }));
    const dialog = await dialogNamed('Edit note');
    expect(within(dialog).getByLabelText('Note')).toHaveValue('Reviewer prefers small patch sets.\nSplit the refactor from the fix next time.');
  });

  it('shows a note just added beside the list', async () => {
    const { user, rows, reading } = await wideNotes();
    await user.click(rows[2]!);

    await user.click(screen.getByRole('button', { name: 'Add note' }));
    const dialog = await dialogNamed('Add note');
    await user.type(within(dialog).getByLabelText('Note'), 'Ask about the PTG');
    await user.click(within(dialog).getByRole('button', { name: 'Save note' }));
    await closed('Add note');

    const added = await within(reading).findByRole('article', { name: 'Private note: Ask about the PTG' });
    expect(added).toBeInTheDocument();
    const list = screen.getByRole('list', { name: 'Notes, newest first' });
    expect(within(list).getByRole('button', { name: 'Private note: Ask about the PTG' })).toHaveAttribute('aria-current', 'true');
  });

  it('moves through the list with the arrow keys, Home and End, showing each note reached', async () => {
    const { user, rows, reading } = await wideNotes();
    const name = (row: HTMLElement) => row.getAttribute('aria-label')!;

    rows[0]!.focus();
    await user.keyboard('{ArrowDown}');
    expect(rows[1]).toHaveFocus();
    expect(rows[1]).toHaveAttribute('aria-current', 'true');
    expect(within(reading).getByRole('article')).toHaveAccessibleName(name(rows[1]!));

    await user.keyboard('{End}');
    const last = rows[rows.length - 1]!;
    expect(last).toHaveFocus();
    expect(within(reading).getByRole('article')).toHaveAccessibleName(name(last));

    // Past the end nothing moves.
    await user.keyboard('{ArrowDown}');
    expect(last).toHaveFocus();

    await user.keyboard('{Home}');
    expect(rows[0]).toHaveFocus();
    await user.keyboard('{ArrowUp}');
    expect(rows[0]).toHaveFocus();
    expect(within(reading).getByRole('article')).toHaveAccessibleName(name(rows[0]!));
  });

  it('reads the newest note left once the one read is deleted', async () => {
    const { user, rows, reading } = await wideNotes();
    const second = rows[1]!;
    const gone = second.getAttribute('aria-label')!;

    await user.click(second);
    await user.click(within(reading).getByRole('button', { name: /^Delete note:/ }));
    const confirm = await dialogNamed('Delete this note?');
    await user.click(within(confirm).getByRole('button', { name: 'Delete note' }));

    const list = screen.getByRole('list', { name: 'Notes, newest first' });
    await waitFor(() => expect(within(list).queryByRole('button', { name: gone })).not.toBeInTheDocument());
    const first = within(list).getAllByRole('button')[0]!;
    expect(first).toHaveAttribute('aria-current', 'true');
    expect(within(reading).getByRole('article')).toHaveAccessibleName(first.getAttribute('aria-label')!);
  });

  it('keeps one column of whole notes in a narrower window', async () => {
    laidOutAt(900);
    const mock = setUp();
    await renderPair(mock, 'notes');

    await screen.findByRole('article', { name: /^Private note: Feeling nervous/ });
    expect(screen.getAllByRole('article')).toHaveLength(mock.state.notes.length);
    expect(screen.queryByRole('list', { name: 'Notes, newest first' })).not.toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Chosen note' })).not.toBeInTheDocument();
  });
});
