// The Graduation tab of a shared pair shows who confirmed each criterion.
import { mockIPC } from '@tauri-apps/api/mocks';
import { afterEach, describe, expect, it } from 'vitest';
import { renderPair, screen, setUp, tearDown, within } from '../harness';

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
    await screen.findByText('2 of 4');
    expect(screen.queryByText(/mentor ✓/)).not.toBeInTheDocument();
  });
});
