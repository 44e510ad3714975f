import { mockIPC } from '@tauri-apps/api/mocks';
import { afterEach, describe, expect, it } from 'vitest';
import { closed, dialogNamed, renderPair, screen, setUp, tearDown, waitFor, within } from '../../test/pairScreen';

afterEach(tearDown);

function goalCard(title: string): HTMLElement {
  return screen.getByRole('article', { name: title });
}

describe('Goals tab', () => {
  it('lists each goal with its status, target, why, criteria and milestones', async () => {
    const mock = setUp();
    await renderPair(mock, 'goals');

    const titles = (await screen.findAllByRole('article')).map((a) => within(a).getByRole('heading').textContent);
    // In the order the core gave them (fixtures/pair.json: active, proposed,
    // achieved); the screen keeps it and the double does not sort.
    expect(titles).toEqual(mock.state.goals.map((g) => g.title));
    expect(titles).toEqual([
      'Get my first patch merged in Nova',
      'Join a Nova team meeting and offer input',
      'Set up DevStack and a Gerrit account',
    ]);

    const patch = goalCard('Get my first patch merged in Nova');
    expect(within(patch).getByText('Active', { selector: 'span' })).toBeInTheDocument();
    expect(within(patch).getByLabelText('Status of Get my first patch merged in Nova')).toHaveValue('active');
    expect(within(patch).getByText(/Target Apr 13, 2026 · in 24 days/)).toBeInTheDocument();
    expect(within(patch).getByText('Learn the Gerrit workflow end to end and earn my first merged change.')).toBeInTheDocument();
    expect(within(patch).getByText('Merged one patch')).toBeInTheDocument();
    expect(within(patch).getByText('2 of 4 milestones')).toBeInTheDocument();
    expect(within(patch).getByRole('checkbox', { name: 'Pick a low-hanging-fruit bug' })).toBeChecked();
    expect(within(patch).getByRole('checkbox', { name: 'Get two +2 votes and a merge' })).not.toBeChecked();

    expect(within(goalCard('Set up DevStack and a Gerrit account')).getByText(/Achieved Jan 29, 2026/)).toBeInTheDocument();
  });

  it('adds a goal with milestones and the criteria it serves', async () => {
    const mock = setUp();
    const { user } = await renderPair(mock, 'goals');
    const merged = mock.state.criteria.find((c) => c.packCriterionId === 'merged-one-patch')!;

    await user.click(await screen.findByRole('button', { name: 'Add goal' }));
    const dialog = await dialogNamed('Add goal');
    await user.type(within(dialog).getByLabelText('Title'), 'Give a lightning talk');
    await user.type(within(dialog).getByLabelText('Why it matters', { exact: false }), 'Practice speaking');
    await user.type(within(dialog).getByLabelText('Milestones'), 'Pick a topic{Enter}Write the slides{Enter}{Enter}  Rehearse  ');
    await user.click(within(dialog).getByRole('checkbox', { name: 'Merged one patch' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save goal' }));
    await closed('Add goal');

    expect(mock.inputsOf('add_goal')).toEqual([
      {
        pairId: mock.pairId,
        goal: {
          title: 'Give a lightning talk',
          why: 'Practice speaking',
          status: 'active',
          milestones: ['Pick a topic', 'Write the slides', 'Rehearse'],
          criterionIds: [merged.id],
        },
      },
    ]);
    const card = await screen.findByRole('article', { name: 'Give a lightning talk' });
    expect(within(card).getByRole('checkbox', { name: 'Write the slides' })).not.toBeChecked();
  });

  it('fills the title from a suggested goal of the cohort', async () => {
    const mock = setUp();
    const { user } = await renderPair(mock, 'goals');
    await user.click(await screen.findByRole('button', { name: 'Add goal' }));
    const dialog = await dialogNamed('Add goal');

    expect(within(dialog).getByLabelText('Title')).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: 'Get the change merged' }));

    expect(within(dialog).getByLabelText('Title')).toHaveValue('Get the change merged');
    expect(within(dialog).getByRole('button', { name: 'Get the change merged' })).toHaveAttribute('aria-pressed', 'true');
  });

  it('shows a refused goal by its field, keeps what was typed and changes nothing', async () => {
    const mock = setUp();
    const { user } = await renderPair(mock, 'goals');
    mock.failNext('add_goal', { kind: 'invalid', message: 'title: is longer than 500 characters' });

    await user.click(await screen.findByRole('button', { name: 'Add goal' }));
    const dialog = await dialogNamed('Add goal');
    await user.type(within(dialog).getByLabelText('Title'), 'A very long title');
    await user.click(within(dialog).getByRole('button', { name: 'Save goal' }));

    const title = within(dialog).getByLabelText('Title');
    await waitFor(() => expect(title).toHaveAttribute('aria-invalid', 'true'));
    expect(title).toHaveAccessibleDescription('Is longer than 500 characters');
    expect(title).toHaveValue('A very long title');
    expect(mock.state.goals).toHaveLength(3);
    expect(screen.getAllByRole('article')).toHaveLength(3);
  });

  it('shows a refusal that is not about one field at the top of the dialog', async () => {
    const mock = setUp();
    const { user } = await renderPair(mock, 'goals');
    mock.failNext('add_goal', { kind: 'storage', message: 'database error (disk full)' });

    await user.click(await screen.findByRole('button', { name: 'Add goal' }));
    const dialog = await dialogNamed('Add goal');
    await user.type(within(dialog).getByLabelText('Title'), 'Anything');
    await user.click(within(dialog).getByRole('button', { name: 'Save goal' }));

    expect(await within(dialog).findByText('Your data could not be read or saved. (Technical detail: database error (disk full))')).toBeInTheDocument();
    expect(within(dialog).getByText('Your data could not be read or saved')).toBeInTheDocument();
  });

  it('ticks, adds, rewords and deletes milestones in place', async () => {
    const mock = setUp();
    const { user } = await renderPair(mock, 'goals');
    const card = await screen.findByRole('article', { name: 'Get my first patch merged in Nova' });
    const goal = mock.state.goals.find((g) => g.title.startsWith('Get my first'))!;
    const [first, , third] = goal.milestones;

    await user.click(within(card).getByRole('checkbox', { name: third!.text }));
    expect(mock.inputsOf('set_milestone_done')).toEqual([{ milestoneId: third!.id, done: true }]);
    await waitFor(() => expect(within(card).getByText('3 of 4 milestones')).toBeInTheDocument());

    await user.type(within(card).getByLabelText(`New milestone for ${goal.title}`), 'Celebrate{Enter}');
    expect(mock.inputsOf('add_milestone')).toEqual([{ goalId: goal.id, text: 'Celebrate' }]);
    expect(await within(card).findByRole('checkbox', { name: 'Celebrate' })).toBeInTheDocument();

    await user.click(within(card).getByRole('button', { name: `Edit milestone ${first!.text}` }));
    const field = within(card).getByLabelText('Milestone text');
    await user.clear(field);
    await user.type(field, 'Pick a bug from the list{Enter}');
    expect(mock.inputsOf('edit_milestone')).toEqual([{ milestoneId: first!.id, text: 'Pick a bug from the list' }]);
    expect(await within(card).findByRole('checkbox', { name: 'Pick a bug from the list' })).toBeInTheDocument();

    await user.click(within(card).getByRole('button', { name: 'Delete milestone Celebrate' }));
    await waitFor(() => expect(within(card).queryByRole('checkbox', { name: 'Celebrate' })).not.toBeInTheDocument());
  });

  it('changes a goal’s status from its select', async () => {
    const mock = setUp();
    const { user } = await renderPair(mock, 'goals');
    const card = await screen.findByRole('article', { name: 'Join a Nova team meeting and offer input' });

    await user.selectOptions(within(card).getByLabelText('Status of Join a Nova team meeting and offer input'), 'active');

    const goal = mock.state.goals.find((g) => g.title.startsWith('Join'))!;
    expect(mock.inputsOf('set_goal_status')).toEqual([{ goalId: goal.id, status: 'active' }]);
    await waitFor(() => expect(within(card).getByText('Active', { selector: 'span' })).toBeInTheDocument());
  });

  it('clears a goal’s target date by sending null, never an empty date', async () => {
    const mock = setUp();
    const { user } = await renderPair(mock, 'goals');
    const goal = mock.state.goals.find((g) => g.targetDate !== null)!;

    await user.click(await screen.findByRole('button', { name: `Edit goal ${goal.title}` }));
    const dialog = await dialogNamed('Edit goal');
    await user.clear(within(dialog).getByLabelText('Target date', { exact: false }));
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await closed('Edit goal');
    expect(mock.inputsOf('edit_goal')).toEqual([{ goalId: goal.id, patch: { targetDate: null } }]);
    expect(mock.state.goals.find((g) => g.id === goal.id)!.targetDate).toBeNull();
  });

  it('edits and deletes a goal', async () => {
    const mock = setUp();
    const { user } = await renderPair(mock, 'goals');
    const goal = mock.state.goals.find((g) => g.title.startsWith('Join'))!;

    await user.click(await screen.findByRole('button', { name: `Edit goal ${goal.title}` }));
    const dialog = await dialogNamed('Edit goal');
    await user.type(within(dialog).getByLabelText('Target date', { exact: false }), '2026-05-01');
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await closed('Edit goal');
    expect(mock.inputsOf('edit_goal')).toEqual([{ goalId: goal.id, patch: { targetDate: '2026-05-01' } }]);

    await user.click(screen.getByRole('button', { name: `Delete goal ${goal.title}` }));
    const confirm = await dialogNamed('Delete this goal?');
    await user.click(within(confirm).getByRole('button', { name: 'Delete goal' }));
    await closed('Delete this goal?');
    expect(mock.inputsOf('delete_goal')).toEqual([{ goalId: goal.id }]);
    await waitFor(() => expect(screen.queryByRole('article', { name: goal.title })).not.toBeInTheDocument());
  });

  it('shows a long history of goals a page at a time, the ones in play first', async () => {
    // 240 weeks of history: 60 older goals (48 achieved, 12 dropped) besides the sample's three.
    const mock = setUp({ history: 240 });
    const { user } = await renderPair(mock, 'goals');

    await waitFor(() => expect(screen.getAllByRole('article')).toHaveLength(50));
    expect(screen.getByText('63 goals · 49 achieved')).toBeInTheDocument();
    expect(mock.inputsOf('list_goals')).toEqual([{ pairId: mock.pairId, offset: 0, limit: 50 }]);
    const titles = () => screen.getAllByRole('article').map((a) => within(a).getByRole('heading').textContent);
    expect(titles().slice(0, 3)).toEqual([
      'Get my first patch merged in Nova',
      'Join a Nova team meeting and offer input',
      'Set up DevStack and a Gerrit account',
    ]);
    expect(titles().at(-1)).toBe('Older goal of week 8');

    await user.click(screen.getByRole('button', { name: 'Show more goals' }));
    await waitFor(() => expect(screen.getAllByRole('article')).toHaveLength(63));
    expect(mock.inputsOf('list_goals').at(-1)).toEqual({ pairId: mock.pairId, offset: 50, limit: 50 });
    // Dropped goals come last.
    expect(titles().slice(-2)).toEqual(['Older goal of week 40', 'Older goal of week 20']);
    expect(screen.getByText('All 63 goals shown.')).toHaveFocus();
  });

  it('keeps a goal in its place when its status sends it past the pages shown', async () => {
    const mock = setUp({ history: 240 });
    // The core orders a dropped goal last (see fixtures/pair-history.json);
    // the double keeps its lists as they are, so this test moves it there.
    mockIPC((cmd, payload) => {
      const answer = mock.handle(cmd, payload);
      if (cmd === 'set_goal_status') {
        const moved = mock.state.goals.findIndex((g) => g.id === (payload as { input: { goalId: string } }).input.goalId);
        mock.state.goals.push(...mock.state.goals.splice(moved, 1));
      }
      return answer;
    });
    const { user } = await renderPair(mock, 'goals');
    const card = await screen.findByRole('article', { name: 'Join a Nova team meeting and offer input' });
    const goal = mock.state.goals.find((g) => g.title.startsWith('Join'))!;

    // Dropped, it is the core's last goal, far past the first fifty…
    await user.selectOptions(within(card).getByLabelText(`Status of ${goal.title}`), 'dropped');
    await waitFor(() => expect(within(card).getByText('Dropped', { selector: 'span' })).toBeInTheDocument());
    // …yet it stays where it was, fetched by id.
    expect(mock.inputsOf('get_goals')).toEqual([{ pairId: mock.pairId, goalIds: [goal.id] }]);
    const titles = screen.getAllByRole('article').map((a) => within(a).getByRole('heading').textContent);
    expect(titles[1]).toBe(goal.title);
    expect(titles).toHaveLength(51);
    expect(new Set(titles).size).toBe(51);
  });

  it('shows a goal added while older pages are shown at the top', async () => {
    const mock = setUp({ history: 240 });
    const { user } = await renderPair(mock, 'goals');
    await waitFor(() => expect(screen.getAllByRole('article')).toHaveLength(50));
    const last = within(screen.getAllByRole('article').at(-1)!).getByRole('heading').textContent;

    await user.click(screen.getByRole('button', { name: 'Add goal' }));
    const dialog = await dialogNamed('Add goal');
    await user.type(within(dialog).getByLabelText('Title'), 'Give a lightning talk');
    await user.click(within(dialog).getByRole('button', { name: 'Save goal' }));
    await closed('Add goal');

    await waitFor(() => expect(screen.getAllByRole('article')).toHaveLength(51));
    const titles = screen.getAllByRole('article').map((a) => within(a).getByRole('heading').textContent);
    expect(titles[0]).toBe('Give a lightning talk');
    // Nothing shown goes away: the goal the new one pushed past the first fifty stays last.
    expect(titles.at(-1)).toBe(last);
    expect(mock.inputsOf('list_goals').at(-1)).toEqual({ pairId: mock.pairId, offset: 0, limit: 50 });
    expect(screen.getByText('64 goals · 49 achieved')).toBeInTheDocument();
  });

  it('says what to do when there are no goals, with the cohort’s suggestions', async () => {
    const mock = setUp({ empty: true });
    const { user } = await renderPair(mock, 'goals');

    expect(await screen.findByRole('heading', { name: 'No goals yet' })).toBeInTheDocument();
    const suggestions = await screen.findByRole('list', { name: 'Suggested for your cohort' });
    await user.click(within(suggestions).getByRole('button', { name: 'Submit a first change to Gerrit for review' }));

    const dialog = await dialogNamed('Add goal');
    expect(within(dialog).getByLabelText('Title')).toHaveValue('Submit a first change to Gerrit for review');
  });

  it('gives every goal\'s controls names of their own, under headings in order', async () => {
    const mock = setUp();
    await renderPair(mock, 'goals');
    const articles = await screen.findAllByRole('article');
    // h1 (the pair), h2 (the tab), h3 (each goal): no level skipped.
    const levels = [...document.querySelectorAll('h1, h2, h3, h4')]
      .filter((h) => h.closest('[role="tabpanel"]') || h.tagName === 'H1')
      .map((h) => Number(h.tagName[1]));
    levels.forEach((level, i) => {
      if (i > 0) expect(level - levels[i - 1]!).toBeLessThanOrEqual(1);
    });
    expect(screen.getByRole('heading', { level: 2, name: 'Goals' })).toBeInTheDocument();

    const adds = articles.map((a) => within(a).getByRole('button', { name: /^Add/ }));
    const names = adds.map((b) => b.getAttribute('aria-label'));
    expect(new Set(names).size).toBe(articles.length);
    expect(names).toContain('Add a milestone to Get my first patch merged in Nova');
  });
});
