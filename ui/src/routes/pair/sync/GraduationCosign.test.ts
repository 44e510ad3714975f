// The Graduation tab of a shared pair shows who confirmed each criterion.
import { mockIPC } from '@tauri-apps/api/mocks';
import { afterEach, describe, expect, it } from 'vitest';
import { dialogNamed, renderPair, screen, setUp, tearDown, waitFor, within } from '../../../test/pairScreen';

afterEach(tearDown);

const rowOf = (text: string) => screen.getByText(text, { exact: false, selector: 'p' }).closest('li')!;

describe('Graduation tab of a shared pair', () => {
  it('shows mentor ✓ / mentee ✓ from each side’s confirmation', async () => {
    const mock = setUp();
    const merged = mock.state.criteria.find((c) => c.text.includes('Merged one patch'))!;
    mockIPC((cmd, payload) => {
      if (cmd === 'get_sync_status') return { pairId: mock.pairId, shared: true, partnerReplica: null, lastImportAt: null, openConflicts: 0, replica: 'a', warning: null, safetyCode: null, waitingForAnswer: false, needsRePair: false, clockAheadMs: null, folder: null };
      if (cmd === 'list_confirmations')
        return [
          {
            criterionId: merged.id,
            text: merged.text,
            mentor: { role: 'mentor', metOn: '2026-03-01', evidence: null },
            mentee: null,
            confirmedByBoth: false,
          },
        ];
      return mock.handle(cmd, payload);
    });
    await renderPair(mock, 'graduation');

    const row = await screen.findByText('mentor ✓').then(() => rowOf('Merged one patch'));
    expect(within(row).getByText('mentor ✓')).toBeInTheDocument();
    expect(within(row).getByText('mentee –')).toBeInTheDocument();
  });

  it('shows nothing of it for a pair that is not shared', async () => {
    const mock = setUp();
    await renderPair(mock, 'graduation');
    await screen.findByText(`2 of ${mock.state.criteria.length}`);
    expect(screen.queryByText(/mentor ✓/)).not.toBeInTheDocument();
  });

  it('shows a criterion my partner marked met as met, with their evidence and who, and lets me confirm it', async () => {
    // Issue 13: the mentee saw "1 of 4 met" while the mentor saw "0 of 4",
    // and the mentor's Mark met dialog had an empty evidence field.
    const mock = setUp();
    const open = mock.state.criteria.find((c) => !c.met)!;
    const met = mock.state.criteria.filter((c) => c.met).length;
    const partnerRole = mock.state.pair.myRole === 'mentor' ? 'mentee' : 'mentor';
    const marks: unknown[] = [];
    mockIPC((cmd, payload) => {
      if (cmd === 'get_sync_status') return { pairId: mock.pairId, shared: true, partnerReplica: null, lastImportAt: null, openConflicts: 0, replica: 'a', warning: null, safetyCode: null, waitingForAnswer: false, needsRePair: false, clockAheadMs: null, folder: null };
      if (cmd === 'list_confirmations')
        return [
          {
            criterionId: open.id,
            text: open.text,
            mentor: partnerRole === 'mentor' ? { role: 'mentor', metOn: '2026-03-02', evidence: 'https://review.opendev.org/c/42' } : null,
            mentee: partnerRole === 'mentee' ? { role: 'mentee', metOn: '2026-03-02', evidence: 'https://review.opendev.org/c/42' } : null,
            confirmedByBoth: false,
          },
        ];
      if (cmd === 'mark_criterion_met') marks.push((payload as { input: unknown }).input);
      return mock.handle(cmd, payload);
    });
    const { user } = await renderPair(mock, 'graduation');

    // The same count as the partner's screen and both Homes.
    expect(await screen.findByText(`${met + 1} of ${mock.state.criteria.length}`)).toBeInTheDocument();
    const row = rowOf(open.text);
    expect(within(row).getByText(new RegExp(`confirmed by ${partnerRole}`))).toBeInTheDocument();
    expect(within(row).getByRole('link', { name: /review\.opendev\.org\/c\/42/ })).toBeInTheDocument();

    await user.click(within(row).getByRole('button', { name: 'Confirm' }));
    const dialog = await dialogNamed('Mark met');
    expect(within(dialog).getByLabelText(/Evidence link/)).toHaveValue('https://review.opendev.org/c/42');
    expect(dialog.textContent).toMatch(/marked it met, with the evidence below/);
    await user.click(within(dialog).getByRole('button', { name: 'Mark as met' }));
    await waitFor(() => expect(marks).toHaveLength(1));
    expect(marks[0]).toMatchObject({ mark: { on: '2026-03-02', evidence: 'https://review.opendev.org/c/42' } });
  });

  it('does not say ready to graduate while every criterion is met by one of us only', async () => {
    // Issue 13: one partner's marks alone made the other's screen say
    // "ready to graduate", and its Graduate button was then refused.
    const mock = setUp();
    const sync = { pairId: mock.pairId, shared: true, partnerReplica: null, lastImportAt: null, openConflicts: 0, replica: 'a', warning: null, safetyCode: null, waitingForAnswer: false, needsRePair: false, clockAheadMs: null, folder: null };
    const confirmations = () =>
      mock.state.criteria.map((c) => ({
        criterionId: c.id,
        text: c.text,
        // The mentee (me) confirmed what I marked; the mentor marked the rest.
        mentee: c.met ? { role: 'mentee', metOn: c.metOn, evidence: c.evidence } : null,
        mentor: c.met ? null : { role: 'mentor', metOn: '2026-03-02', evidence: null },
        confirmedByBoth: false,
      }));
    mockIPC((cmd, payload) => {
      if (cmd === 'get_sync_status') return sync;
      if (cmd === 'list_confirmations') return confirmations();
      return mock.handle(cmd, payload);
    });
    const mine = mock.state.criteria.filter((c) => c.met).length;
    const all = mock.state.criteria.length;
    await renderPair(mock, 'graduation');

    expect(await screen.findByText(`${all} of ${all}`)).toBeInTheDocument();
    expect(screen.queryByText('Ready to graduate')).not.toBeInTheDocument();
    const banner = screen.getByText('Every criterion is met on one side').closest('[role="status"]') as HTMLElement;
    expect(banner.textContent).toMatch(new RegExp(`${all - mine} wait for you to confirm`));
    expect(banner.textContent).toMatch(new RegExp(`${mine} wait for Amara to confirm`));
    expect(within(banner).queryByRole('button', { name: 'Graduate' })).not.toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: 'Confirm' })).toHaveLength(all - mine);
  });
});
