import { afterEach, describe, expect, it } from 'vitest';
import { closed, dialogNamed, renderPair, screen, setUp, tearDown, waitFor, within } from '../../test/pairScreen';

afterEach(tearDown);

const rowOf = (text: string) => screen.getByText(text, { exact: false, selector: 'p' }).closest('li')!;

describe('Graduation tab', () => {
  it('lists the criteria with progress, source, date, who confirmed and evidence', async () => {
    const mock = setUp();
    await renderPair(mock, 'graduation');

    expect(await screen.findByRole('progressbar', { name: 'Graduation criteria met' })).toHaveAttribute('aria-valuetext', '2 of 5 met');
    expect(screen.getByText('2 of 5')).toBeInTheDocument();

    const submitted = rowOf('Submitted a change to Gerrit');
    expect(within(submitted).getByText('From the program pack')).toBeInTheDocument();
    expect(within(submitted).getByText('Met Feb 17, 2026')).toBeInTheDocument();
    expect(within(submitted).getByText('confirmed by mentee (you)')).toBeInTheDocument();
    const link = within(submitted).getByRole('link', { name: 'https://review.opendev.org/c/openstack/nova/+/912345' });
    expect(link).toHaveAttribute('href', 'https://review.opendev.org/c/openstack/nova/+/912345');
    // Opened in the system browser on a click (ExternalLink), never in the window.
    expect(link).not.toHaveAttribute('target');
    expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    // The program's wording is not ours to change.
    expect(within(submitted).queryByRole('button', { name: /Edit criterion/ })).not.toBeInTheDocument();
    expect(within(submitted).queryByRole('button', { name: /Delete criterion/ })).not.toBeInTheDocument();

    const own = rowOf('Attended a Nova team meeting');
    expect(within(own).getByText('Our own')).toBeInTheDocument();
    expect(within(own).getByText('confirmed by mentee (you)')).toBeInTheDocument();
    expect(within(own).getByRole('button', { name: /^Edit criterion/ })).toBeInTheDocument();

    expect(screen.getAllByRole('button', { name: 'Mark met' })).toHaveLength(3);
    expect(screen.queryByText('Ready to graduate')).not.toBeInTheDocument();
  });

  it('marks a criterion met with a date and an evidence link', async () => {
    const mock = setUp();
    const { user } = await renderPair(mock, 'graduation');
    const merged = mock.state.criteria.find((c) => c.packCriterionId === 'merged-one-patch')!;

    await user.click(within(await waitFor(() => rowOf('Merged one patch'))).getByRole('button', { name: 'Mark met' }));
    const dialog = await dialogNamed('Mark met');
    expect(within(dialog).getByLabelText('Met on')).toHaveValue('Mar 20, 2026');
    await user.type(within(dialog).getByLabelText('Evidence link'), 'https://review.opendev.org/c/openstack/nova/+/913000');
    await user.click(within(dialog).getByRole('button', { name: 'Mark as met' }));
    await closed('Mark met');

    expect(mock.inputsOf('mark_criterion_met')).toEqual([
      {
        criterionId: merged.id,
        mark: { on: '2026-03-20', evidence: 'https://review.opendev.org/c/openstack/nova/+/913000' },
      },
    ]);
    expect(await screen.findByText('3 of 5')).toBeInTheDocument();
    expect(within(rowOf('Merged one patch')).getByRole('link')).toHaveTextContent('https://review.opendev.org/c/openstack/nova/+/913000');
  });

  it('shows the core’s refusal of a link that is not a web link by the field, and marks nothing', async () => {
    const mock = setUp();
    const { user } = await renderPair(mock, 'graduation');

    await user.click(within(await waitFor(() => rowOf('Merged one patch'))).getByRole('button', { name: 'Mark met' }));
    const dialog = await dialogNamed('Mark met');
    await user.type(within(dialog).getByLabelText('Evidence link'), 'javascript:alert(1)');
    mock.failNext('mark_criterion_met', mock.errors.evidenceNotLink);
    await user.click(within(dialog).getByRole('button', { name: 'Mark as met' }));

    const field = within(dialog).getByLabelText('Evidence link');
    await waitFor(() => expect(field).toHaveAttribute('aria-invalid', 'true'));
    expect(field).toHaveAccessibleDescription(/“javascript:alert\(1\)” is not a web link: it must start with https:\/\/ or http:\/\//);
    expect(mock.state.criteria.filter((c) => c.met)).toHaveLength(2);
    expect(screen.getByText('2 of 5')).toBeInTheDocument();
  });

  it('says “Ready to graduate” when every criterion is met, and graduates from there', async () => {
    const mock = setUp({ allMet: true });
    const { user } = await renderPair(mock, 'graduation');

    const banner = await screen.findByRole('status');
    expect(banner).toHaveTextContent('Ready to graduate');
    // The banner carries the one Graduate button on this tab.
    expect(screen.getAllByRole('button', { name: 'Graduate' })).toHaveLength(1);

    await user.click(within(banner).getByRole('button', { name: 'Graduate' }));
    const dialog = await dialogNamed('Graduate this pair?');
    await user.click(within(dialog).getByRole('button', { name: 'Graduate pair' }));
    await closed('Graduate this pair?');
    expect(mock.inputsOf('change_pair_status')).toEqual([{ pairId: mock.pairId, change: { to: 'graduate' } }]);
    expect(await screen.findByText(/every criterion below was met/)).toBeInTheDocument();
  });

  it('unmarks a criterion after asking', async () => {
    const mock = setUp();
    const { user } = await renderPair(mock, 'graduation');
    const submitted = mock.state.criteria.find((c) => c.packCriterionId === 'submitted-change')!;

    await user.click(within(await waitFor(() => rowOf('Submitted a change'))).getByRole('button', { name: 'Unmark' }));
    const dialog = await dialogNamed('Unmark this criterion?');
    await user.click(within(dialog).getByRole('button', { name: 'Unmark' }));
    await closed('Unmark this criterion?');

    expect(mock.inputsOf('unmark_criterion')).toEqual([{ criterionId: submitted.id }]);
    expect(await screen.findByText('1 of 5')).toBeInTheDocument();
  });

  it('adds, rewords and deletes the pair’s own criteria', async () => {
    const mock = setUp();
    const { user } = await renderPair(mock, 'graduation');

    await user.type(await screen.findByLabelText('Add your own criterion'), 'Reviewed three changes{Enter}');
    expect(mock.inputsOf('add_criterion')).toEqual([{ pairId: mock.pairId, text: 'Reviewed three changes' }]);
    expect(await screen.findByText('2 of 6')).toBeInTheDocument();
    const added = mock.state.criteria.at(-1)!;

    await user.click(screen.getByRole('button', { name: 'Edit criterion Reviewed three changes' }));
    const dialog = await dialogNamed('Edit criterion');
    await user.clear(within(dialog).getByLabelText('Criterion'));
    await user.type(within(dialog).getByLabelText('Criterion'), 'Reviewed five changes');
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await closed('Edit criterion');
    expect(mock.inputsOf('edit_criterion')).toEqual([{ criterionId: added.id, text: 'Reviewed five changes' }]);

    await user.click(await screen.findByRole('button', { name: 'Delete criterion Reviewed five changes' }));
    const confirm = await dialogNamed('Delete this criterion?');
    await user.click(within(confirm).getByRole('button', { name: 'Delete criterion' }));
    await closed('Delete this criterion?');
    expect(mock.inputsOf('delete_criterion')).toEqual([{ criterionId: added.id }]);
    expect(await screen.findByText('2 of 5')).toBeInTheDocument();
  });

  it('asks for text before adding a criterion', async () => {
    const mock = setUp();
    const { user } = await renderPair(mock, 'graduation');
    await user.click(await screen.findByRole('button', { name: 'Add criterion' }));
    expect(screen.getByLabelText('Add your own criterion')).toHaveAccessibleDescription('Say what has to be true to graduate.');
    expect(mock.inputsOf('add_criterion')).toEqual([]);
  });
});
