import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ZoneList } from '../../bindings/ZoneList';
import { resetZones, resolveZone, searchZones } from '../zones';
import ZoneField from './ZoneField.svelte';

// What `list_zones` answers (a slice of the core's list).
const ZONES: ZoneList = {
  names: ['America/Chicago', 'America/New_York', 'Asia/Kolkata', 'Europe/Berlin', 'Europe/Kyiv', 'UTC'],
  aliases: [
    { alias: 'Asia/Calcutta', zone: 'Asia/Kolkata' },
    { alias: 'Europe/Kiev', zone: 'Europe/Kyiv' },
    { alias: 'US/Central', zone: 'America/Chicago' },
  ],
  system: 'Europe/Berlin',
};

beforeEach(() => {
  mockIPC((cmd) => {
    if (cmd === 'list_zones') return ZONES;
    throw { kind: 'not_found', message: `unknown command ${cmd}` };
  });
});

afterEach(() => {
  clearMocks();
  resetZones();
});

describe('searchZones', () => {
  it('finds a zone by its city, by part of its name and by an old name', () => {
    expect(searchZones(ZONES, 'new york').map((m) => m.name)).toEqual(['America/New_York']);
    expect(searchZones(ZONES, 'europe').map((m) => m.name)).toEqual(['Europe/Berlin', 'Europe/Kyiv']);
    expect(searchZones(ZONES, 'calcutta')).toEqual([{ name: 'Asia/Kolkata', alias: 'Asia/Calcutta' }]);
    expect(searchZones(ZONES, 'mars')).toEqual([]);
  });

  it('reads a typed old name as the zone it stands for', () => {
    expect(resolveZone(ZONES, 'asia/calcutta')).toBe('Asia/Kolkata');
    expect(resolveZone(ZONES, 'America/New York')).toBe('America/New_York');
    expect(resolveZone(ZONES, 'Kolk')).toBeNull();
  });
});

describe('ZoneField', () => {
  it('is a combobox: type to filter, arrows to move, Enter to pick', async () => {
    const user = userEvent.setup();
    let picked = '';
    render(ZoneField, { label: 'Your time zone', value: 'UTC', onchange: (z: string) => (picked = z) });

    const box = screen.getByRole('combobox', { name: 'Your time zone' });
    expect(box).toHaveValue('UTC');
    await user.clear(box);
    await user.type(box, 'Calcutta');
    expect(box).toHaveAttribute('aria-expanded', 'true');
    const options = await screen.findAllByRole('option');
    expect(options.map((o) => o.textContent?.trim())).toEqual(['Asia/Kolkata (formerly Asia/Calcutta)']);
    await user.keyboard('{Enter}');

    expect(picked).toBe('Asia/Kolkata');
    expect(box).toHaveValue('Asia/Kolkata');
    expect(box).toHaveAttribute('aria-expanded', 'false');

    await user.clear(box);
    await user.type(box, 'America');
    await user.keyboard('{ArrowDown}');
    expect(box.getAttribute('aria-activedescendant')).toBe(screen.getAllByRole('option')[1]!.id);
    await user.keyboard('{Enter}');
    expect(picked).toBe('America/New_York');
    expect(box).toHaveValue('America/New York');
  });

  it('keeps the zone when Escape leaves the search, and says when nothing matches', async () => {
    const user = userEvent.setup();
    render(ZoneField, { label: 'Your time zone', value: 'Europe/Berlin' });

    const box = screen.getByRole('combobox', { name: 'Your time zone' });
    await user.clear(box);
    await user.type(box, 'Mars');
    expect(screen.getByText('No zone matches “Mars”')).toBeInTheDocument();
    await user.keyboard('{Escape}');

    expect(box).toHaveValue('Europe/Berlin');
    expect(box).toHaveAttribute('aria-expanded', 'false');
  });

  it('shows a stored old name as the zone it stands for', async () => {
    render(ZoneField, { label: 'Zone', value: 'Asia/Calcutta' });

    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Zone' })).toHaveValue('Asia/Kolkata'));
  });
});
