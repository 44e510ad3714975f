import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError, appInfo, call } from './ipc';

afterEach(() => {
  clearMocks();
});

describe('call', () => {
  it('resolves with the command result and passes the arguments', async () => {
    let seen: unknown;
    mockIPC((cmd, args) => {
      seen = { cmd, args };
      return 42;
    });

    await expect(call('count_goals', { pairId: 'p1' })).resolves.toBe(42);
    expect(seen).toEqual({ cmd: 'count_goals', args: { input: { pairId: 'p1' } } });
  });

  it('maps a rejected { kind, message } into an AppError of that kind', async () => {
    mockIPC(() => {
      throw { kind: 'not_found', message: 'No pair with id p9.' };
    });

    const error = await call('get_pair_summary', { pairId: 'p9' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ kind: 'not_found', message: 'No pair with id p9.' });
  });

  it('keeps the code, field and params of a refusal, for the UI to switch on and place', async () => {
    mockIPC(() => {
      throw {
        kind: 'invalid',
        code: 'invalid',
        field: 'title',
        params: { rule: 'too_long', length: '501', max: '500', reason: 'is 501 characters long; the limit is 500' },
        message: 'title: is 501 characters long; the limit is 500',
      };
    });

    const error = (await call('get_status').catch((e: unknown) => e)) as AppError;
    expect(error).toMatchObject({ kind: 'invalid', code: 'invalid', field: 'title', rule: 'too_long' });
    expect(error.ruleParams('too_long')).toMatchObject({ length: '501', max: '500' });
    expect(error.ruleParams('required')).toBeNull();
  });

  it('keeps the clash of a conflict apart from the rules of refused input', async () => {
    mockIPC(() => {
      throw { kind: 'conflict', code: 'conflict', field: null, params: { rule: 'action_item_done' }, message: 'this action item is done already' };
    });
    const error = (await call('get_status').catch((e: unknown) => e)) as AppError;
    expect(error.clash).toBe('action_item_done');
    expect(error.rule).toBeNull();

    mockIPC(() => {
      throw { kind: 'conflict', code: 'conflict', field: null, params: { rule: 'required' }, message: '…' };
    });
    const notAClash = (await call('get_status').catch((e: unknown) => e)) as AppError;
    expect(notAClash.clash).toBeNull();
    expect(notAClash.rule).toBeNull();
  });

  it('takes an unknown code as its kind, and an unknown kind as internal', async () => {
    mockIPC(() => {
      throw { kind: 'format', code: 'file_eaten_by_dog', field: 3, params: { what: 1 }, message: 'sync file: gone' };
    });
    const error = await call('get_status').catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'format', code: 'format', field: null, params: {} });

    mockIPC(() => {
      throw { kind: 'toString', code: 'toString', message: 'inherited names are no kinds' };
    });
    await expect(call('get_status')).rejects.toMatchObject({ kind: 'internal', code: 'internal' });
  });

  it('puts each call, answered or refused, on the performance timeline', async () => {
    performance.clearMeasures();
    mockIPC((cmd) => {
      if (cmd === 'list_goals') throw { kind: 'not_found', message: 'No pair with id p9.' };
      return 1;
    });

    await call('get_status');
    await call('list_goals', { pairId: 'p9', offset: 0, limit: 50 }).catch(() => undefined);

    const names = performance.getEntriesByType('measure').map((m) => m.name);
    expect(names).toEqual(['ipc get_status', 'ipc list_goals']);
  });

  it('maps a plain string rejection to kind "internal"', async () => {
    mockIPC(() => {
      throw 'command get_pair not found';
    });

    const error = await call('get_status').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ kind: 'internal', message: 'command get_pair not found' });
  });

  it('treats an unknown kind as "internal" but keeps the message', async () => {
    mockIPC(() => {
      throw { kind: 'exploded', message: 'The flux capacitor.' };
    });

    await expect(call('get_status')).rejects.toMatchObject({
      kind: 'internal',
      message: 'The flux capacitor.',
    });
  });

  it('refuses with an AppError when not running inside Tauri', async () => {
    clearMocks();
    await expect(call('app_info')).rejects.toBeInstanceOf(AppError);
  });
});

describe('appInfo', () => {
  it('returns the version and data folder from app_info', async () => {
    mockIPC((cmd) => {
      if (cmd === 'app_info') return { version: '0.1.0', dataDir: '/home/ada/.local/share/trellis' };
      throw { kind: 'not_found', message: `no command ${cmd}` };
    });

    await expect(appInfo()).resolves.toEqual({
      version: '0.1.0',
      dataDir: '/home/ada/.local/share/trellis',
    });
  });
});
