// The pair screen's Sync dialog: invite, send and receive update files
// through the native dialogs, refusals in words, and conflicts to resolve.
import { chosenFile, pathOfToken } from '../../../test/files';
import { commandError, refusedInput } from '../../../test/errors';
import { mockIPC } from '@tauri-apps/api/mocks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SyncConflict } from '../../../bindings/SyncConflict';
import type { SyncStatus } from '../../../bindings/SyncStatus';
import { dialogNamed, renderPair, screen, setUp, tearDown, waitFor, within } from '../../../test/pairScreen';
import type { PairMock } from '../../../test/doubles/pair';

vi.setConfig({ testTimeout: 15_000 });

beforeEach(() => {
  delete (window as { __TRELLIS_E2E__?: unknown }).__TRELLIS_E2E__;
});
afterEach(tearDown);

interface SyncBackend {
  status: SyncStatus;
  conflicts: SyncConflict[];
  calls: { cmd: string; input: Record<string, unknown> }[];
  receive: (path: string) => unknown;
  /** What `set_sync_folder` throws, if anything. */
  folderRefusal?: unknown;
}

function withSync(mock: PairMock, overrides: Partial<SyncBackend> = {}): SyncBackend {
  const sync: SyncBackend = {
    status: {
      pairId: mock.pairId,
      shared: true,
      partnerReplica: 'b'.repeat(32),
      lastImportAt: '2026-03-19T17:30:00.000+00:00',
      openConflicts: 0,
      replica: 'a'.repeat(32),
      warning: null,
      safetyCode: '48213 90217 33410 12345',
      waitingForAnswer: false,
      needsRePair: false,
      clockAheadMs: null,
      folder: null,
    },
    conflicts: [],
    calls: [],
    receive: () => ({
      pairId: mock.pairId,
      partnerName: mock.state.pair.partnerName,
      inserted: 2,
      updated: 1,
      deleted: 0,
      newConflicts: 1,
      upToDate: false,
    }),
    ...overrides,
  };
  mockIPC((cmd, payload) => {
    const input = ((payload as { input?: Record<string, unknown> })?.input ?? {}) as Record<string, unknown>;
    const record = () => sync.calls.push({ cmd, input });
    switch (cmd) {
      case 'choose_save_file':
        record();
        return chosenFile(`/home/ada/Desktop/${String(input.suggestedName)}`);
      case 'choose_open_file':
        record();
        return chosenFile('/home/ada/Downloads/from-partner.trellis-sync');
      case 'choose_folder':
        record();
        return chosenFile('/home/ada/Sync/mentoring');
      case 'set_sync_folder':
        record();
        if (sync.folderRefusal) throw sync.folderRefusal;
        sync.status = {
          ...sync.status,
          folder: {
            pairId: mock.pairId,
            path: pathOfToken(input.folder),
            myFile: 'ab12.mentee.trellis-sync',
            partnerFile: 'ab12.mentor.trellis-sync',
            lastSyncAt: null,
            lastError: null,
          },
        };
        return sync.status.folder;
      case 'sync_folder_now':
        record();
        sync.status = {
          ...sync.status,
          folder: { ...sync.status.folder!, lastSyncAt: '2026-03-20T09:00:00.000+00:00' },
        };
        return {
          pairId: mock.pairId,
          imported: { pairId: mock.pairId, partnerName: 'x', inserted: 3, updated: 0, deleted: 0, newConflicts: 0, upToDate: false },
          refused: null,
          written: { pairId: mock.pairId, path: '/home/ada/Sync/mentoring/ab12.mentee.trellis-sync', bytes: 4096 },
          error: null,
          at: '2026-03-20T09:00:00.000+00:00',
        };
      case 'clear_sync_folder':
        record();
        sync.status = { ...sync.status, folder: null };
        return null;
      case 'get_sync_status':
        return sync.status;
      case 'list_conflicts':
        return sync.conflicts.filter((c) => !c.resolvedAt);
      case 'list_confirmations':
        return [];
      case 'invite_partner':
        record();
        return { written: { pairId: mock.pairId, path: pathOfToken(input.file), bytes: 4096 }, code: '7K3M-Q9XD-2WPA' };
      case 'send_update':
        record();
        return { pairId: mock.pairId, path: pathOfToken(input.file), bytes: 4096 };
      case 'repair_sync_clock':
        record();
        sync.status = { ...sync.status, clockAheadMs: null };
        return { wasAheadMs: 3 * 86_400_000, restamped: 12 };
      case 'receive_update':
        record();
        return sync.receive(pathOfToken(input.file));
      case 'resolve_conflict': {
        record();
        const c = sync.conflicts.find((x) => x.id === input.id)!;
        c.resolvedAt = '2026-03-20T09:00:00Z';
        c.resolution = input.keep as SyncConflict['resolution'];
        return c;
      }
      default:
        return mock.handle(cmd, payload);
    }
  });
  return sync;
}

async function openSync(mock: PairMock) {
  const { user } = await renderPair(mock);
  await user.click(screen.getByRole('button', { name: 'Sync' }));
  const dialog = await dialogNamed(`Sync with ${mock.state.pair.partnerName}`);
  return { user, dialog };
}

describe('Sync dialog', () => {
  it('sends an update to the path chosen in the save dialog', async () => {
    const mock = setUp();
    const sync = withSync(mock);
    const { user, dialog } = await openSync(mock);
    expect(await within(dialog).findByText(/Last synced/)).toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'Send update…' }));

    await waitFor(() => expect(sync.calls.map((c) => c.cmd)).toEqual(['choose_save_file', 'send_update']));
    const path = pathOfToken(sync.calls[1]!.input.file);
    expect(path).toMatch(/^\/home\/ada\/Desktop\/.*-update\.trellis-sync$/);
    expect(sync.calls[1]!.input).toEqual({ pairId: mock.pairId, file: chosenFile(path).token });
    expect(within(dialog).getByText(new RegExp(`Update saved to ${path}`))).toBeInTheDocument();
  });

  it('receives an update and says what changed', async () => {
    const mock = setUp();
    const sync = withSync(mock);
    const { user, dialog } = await openSync(mock);
    await within(dialog).findByText(/Last synced/);

    await user.click(within(dialog).getByRole('button', { name: 'Receive update…' }));

    expect(await within(dialog).findByText(/2 added, 1 changed; 1 conflict to review below/)).toBeInTheDocument();
    expect(sync.calls.find((c) => c.cmd === 'receive_update')!.input).toEqual({
      file: chosenFile('/home/ada/Downloads/from-partner.trellis-sync').token,
    });
  });

  it('shows a refused file in words and claims no change', async () => {
    const mock = setUp();
    withSync(mock, {
      receive: () => {
        throw commandError(
          'format',
          'sync file: the update was altered or damaged, or it is not for you; nothing was imported',
          'file_altered',
        );
      },
    });
    const { user, dialog } = await openSync(mock);
    await within(dialog).findByText(/Last synced/);

    await user.click(within(dialog).getByRole('button', { name: 'Receive update…' }));

    expect(await within(dialog).findByText('The file was altered')).toBeInTheDocument();
    expect(within(dialog).getByText(/Nothing was imported/)).toBeInTheDocument();
    expect(within(dialog).queryByText(/added/)).not.toBeInTheDocument();
  });

  it('says a file of another pair belongs to another pair', async () => {
    const mock = setUp();
    withSync(mock, {
      receive: () => {
        throw commandError(
          'format',
          'sync file: this update is not for a pair shared on this machine',
          'file_of_another_pair',
        );
      },
    });
    const { user, dialog } = await openSync(mock);
    await within(dialog).findByText(/Last synced/);
    await user.click(within(dialog).getByRole('button', { name: 'Receive update…' }));
    expect(await within(dialog).findByText('This file belongs to another pair')).toBeInTheDocument();
  });

  it('lists a conflict with my value and theirs, and resolves it', async () => {
    const mock = setUp();
    const sync = withSync(mock, {
      conflicts: [
        {
          id: 7,
          pairId: mock.pairId,
          item: 'goal',
          itemId: 'g1',
          label: 'Land a first patch',
          field: 'title',
          current: 'Land a first patch in Nova',
          lost: 'Land a first patch in Cinder',
          lostSide: 'theirs',
          detectedAt: '2026-03-19T17:30:00Z',
          resolvedAt: null,
          resolution: null,
        },
      ],
    });
    const { user, dialog } = await openSync(mock);

    const item = await within(dialog).findByRole('listitem', { name: /title/ });
    expect(within(item).getByText('Land a first patch in Nova')).toBeInTheDocument();
    expect(within(item).getByText('Land a first patch in Cinder')).toBeInTheDocument();
    // Each choice says what it would do (issue 13).
    expect(within(item).getByRole('button', { name: 'Keep mine' })).toHaveAccessibleDescription(
      'Keep mine: “Land a first patch in Nova” stays here, and on both sides after your next update.',
    );
    expect(within(item).getByRole('button', { name: 'Use theirs' })).toHaveAccessibleDescription(
      'Use theirs: “Land a first patch in Cinder” replaces yours here, and on both sides after your next update.',
    );
    await user.click(within(item).getByRole('button', { name: 'Use theirs' }));

    await waitFor(() => expect(within(dialog).queryByRole('listitem', { name: /title/ })).not.toBeInTheDocument());
    expect(sync.calls.find((c) => c.cmd === 'resolve_conflict')!.input).toEqual({ id: 7, keep: 'theirs' });
  });

  it('says that keeping my text of a note shares it with my partner', async () => {
    const mock = setUp();
    withSync(mock, {
      conflicts: [
        {
          id: 8,
          pairId: mock.pairId,
          item: 'note',
          itemId: 'n1',
          label: 'Before the review',
          field: 'body',
          current: 'Their words',
          lost: 'My words',
          lostSide: 'mine',
          detectedAt: '2026-03-19T17:30:00Z',
          resolvedAt: null,
          resolution: null,
        },
      ],
    });
    const { dialog } = await openSync(mock);
    const item = await within(dialog).findByRole('listitem', { name: /body/ });
    expect(within(item).getByRole('button', { name: 'Keep mine' })).toHaveAccessibleDescription(
      `Keep mine: your text stays in the shared note: ${mock.state.pair.partnerName} reads it after your next update.`,
    );
  });

  it('invites the partner with my name, to the path chosen, and warns about a synced data folder', async () => {
    const mock = setUp();
    const sync = withSync(mock);
    sync.status = { ...sync.status, shared: false, lastImportAt: null, warning: 'The data folder is inside Dropbox.' };
    const { user, dialog } = await openSync(mock);
    expect(await within(dialog).findByText('The data folder is inside Dropbox.')).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Send update…' })).toBeDisabled();

    await user.click(within(dialog).getByRole('button', { name: 'Invite partner…' }));
    expect(within(dialog).getByText(/Your private notes are never in it/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Save invite…' }));
    expect(within(dialog).getByText('Say how your partner should see your name.')).toBeInTheDocument();
    expect(sync.calls).toEqual([]);

    await user.type(within(dialog).getByLabelText(/Your name, as/), 'Ada');
    await user.click(within(dialog).getByRole('button', { name: 'Save invite…' }));

    await waitFor(() => expect(sync.calls.map((c) => c.cmd)).toEqual(['choose_save_file', 'invite_partner']));
    expect(sync.calls[1]!.input).toMatchObject({ pairId: mock.pairId, myName: 'Ada' });
    expect(pathOfToken(sync.calls[1]!.input.file)).toMatch(/\.trellis-invite$/);
    // The code is shown once, to be told another way; the file alone opens nothing.
    const done = await within(dialog).findByText(/One-time code: 7K3M-Q9XD-2WPA/);
    expect(done.textContent).toMatch(/another way than the file/);
    expect(done.textContent).not.toMatch(/whoever holds it/);
  });

  it('shows the safety code, and a clock days ahead with one button that repairs it', async () => {
    const mock = setUp();
    const sync = withSync(mock);
    sync.status = { ...sync.status, clockAheadMs: 3 * 86_400_000 };
    const { user, dialog } = await openSync(mock);
    expect(await within(dialog).findByTestId('safety-code')).toHaveTextContent('48213 90217 33410 12345');
    expect(within(dialog).getByText(/sync clock is 72 hours ahead/)).toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'Repair the clock' }));

    await waitFor(() => expect(sync.calls.map((c) => c.cmd)).toContain('repair_sync_clock'));
    await waitFor(() => expect(within(dialog).queryByText(/sync clock is 72 hours ahead/)).not.toBeInTheDocument());
  });

  it('re-pairs only after saying that the old keys stop working', async () => {
    const mock = setUp();
    const sync = withSync(mock);
    const { user, dialog } = await openSync(mock);
    await within(dialog).findByTestId('safety-code');
    // Paired: no second plain invite, but a re-pair.
    expect(within(dialog).queryByRole('button', { name: 'Invite partner…' })).not.toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'Re-pair…' }));
    const form = within(dialog).getByRole('form', { name: 'Re-pair' });
    expect(form.textContent).toMatch(/The old keys stop working at once/);
    expect(sync.calls).toEqual([]);
    await user.click(within(form).getByRole('button', { name: 'Cancel' }));
    expect(within(dialog).queryByRole('form', { name: 'Re-pair' })).not.toBeInTheDocument();
    expect(sync.calls).toEqual([]);

    await user.click(within(dialog).getByRole('button', { name: 'Re-pair…' }));
    await user.type(within(dialog).getByLabelText(/Your name, as/), 'Ada');
    await user.click(within(dialog).getByRole('button', { name: 'Re-pair and save the new invite…' }));

    await waitFor(() => expect(sync.calls.map((c) => c.cmd)).toEqual(['choose_save_file', 'invite_partner']));
    expect(sync.calls[1]!.input).toMatchObject({ pairId: mock.pairId, myName: 'Ada', rePair: true });
    expect(await within(dialog).findByText(/the old ones no longer work/)).toBeInTheDocument();
  });

  it('chooses a shared folder, syncs through it and shows when it last did', async () => {
    const mock = setUp();
    const sync = withSync(mock);
    const { user, dialog } = await openSync(mock);
    const section = await within(dialog).findByRole('region', { name: 'Shared folder' });
    expect(section.textContent).toMatch(/neither the files nor\s+their names say who you are/);

    await user.click(within(section).getByRole('button', { name: 'Choose a shared folder…' }));

    await waitFor(() =>
      expect(sync.calls.map((c) => c.cmd)).toEqual(['choose_folder', 'set_sync_folder', 'sync_folder_now']),
    );
    expect(sync.calls[1]!.input).toEqual({ pairId: mock.pairId, folder: chosenFile('/home/ada/Sync/mentoring').token });
    expect(await within(section).findByText(/Synced through the folder: from .*: 3 added; your file is written/)).toBeInTheDocument();
    expect(await within(section).findByTestId('folder-last-sync')).toHaveTextContent(/Last synced through the folder/);
    expect(section.textContent).toMatch(/\/home\/ada\/Sync\/mentoring/);

    await user.click(within(section).getByRole('button', { name: 'Stop using this folder' }));
    await waitFor(() => expect(sync.calls.map((c) => c.cmd)).toContain('clear_sync_folder'));
    expect(await within(section).findByRole('button', { name: 'Choose a shared folder…' })).toBeInTheDocument();
  });

  it('shows why the folder was not used where the person chose it', async () => {
    const mock = setUp();
    withSync(mock, {
      folderRefusal: refusedInput('folder', { rule: 'data_folder', path: '/home/ada' }),
    });
    const { user, dialog } = await openSync(mock);
    const section = await within(dialog).findByRole('region', { name: 'Shared folder' });
    await user.click(within(section).getByRole('button', { name: 'Choose a shared folder…' }));
    expect(await within(section).findByText("Folder: /home/ada is Trellis's own data folder, holds it or is inside it; choose another folder.")).toBeInTheDocument();
  });

  it('words the last failure of the folder from what core kept, not from its English', async () => {
    const mock = setUp();
    const sync = withSync(mock);
    sync.status = {
      ...sync.status,
      folder: {
        pairId: mock.pairId,
        path: '/home/ada/Sync/mentoring',
        myFile: 'ab12.mentee.trellis-sync',
        partnerFile: 'ab12.mentor.trellis-sync',
        lastSyncAt: '2026-03-20T09:00:00.000+00:00',
        lastError: {
          kind: 'format',
          code: 'file_altered',
          field: null,
          params: { what: 'sync_file', reason: 'core words: authentication failed' },
          message: 'core words: the file was refused',
        },
      },
    };
    const { dialog } = await openSync(mock);
    const section = await within(dialog).findByRole('region', { name: 'Shared folder' });
    const note = await within(section).findByRole('note');
    expect(note).toHaveTextContent('That file was changed or damaged on the way, or it is not for this computer.');
    expect(note).not.toHaveTextContent('core words');
  });

  it('cannot choose a folder before the pair is paired', async () => {
    const mock = setUp();
    const sync = withSync(mock);
    sync.status = { ...sync.status, shared: false, safetyCode: null };
    const { dialog } = await openSync(mock);
    const section = await within(dialog).findByRole('region', { name: 'Shared folder' });
    expect(within(section).getByRole('button', { name: 'Choose a shared folder…' })).toBeDisabled();
    expect(section.textContent).toMatch(/once you are paired/);
  });
});
