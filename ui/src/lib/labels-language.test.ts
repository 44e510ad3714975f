// Labels keyed by a value are read when shown, so a screen already open
// follows a change of language; none is fixed when its module loads.
import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../i18n/index.svelte';
import { summary } from '../test/fixtures';
import { STATUS_LABEL, checkinLine, lastMetLine, statusLabel } from './attention';
import { BACKUP_KIND_LABEL, backupKindLabel, sizeText } from './backup';
import { pairActions } from './palette';
import { movesToTrash } from './trash';

describe('labels follow the language', () => {
  afterEach(async () => {
    await setLocale('en');
  });

  it('words a status, a backup kind and a size in the language chosen after the module loaded', async () => {
    expect(statusLabel('paused')).toBe('Paused');
    expect(BACKUP_KIND_LABEL.manual).toBe('Made by you');
    await setLocale('de');
    expect(statusLabel('paused')).toBe('Pausiert');
    expect(STATUS_LABEL.ended).toBe('Vorzeitig beendet');
    expect(backupKindLabel('pre_restore')).toBe('Vor einer Wiederherstellung');
    expect(BACKUP_KIND_LABEL.manual).toBe('Von dir erstellt');
    expect(sizeText(151_552)).toBe('148,0 KB');
    await setLocale('en-GB');
    expect(movesToTrash()).toContain('this pair’s Bin');
  });

  it('counts with the language’s plural rules, in one sentence', async () => {
    const due = summary({}, { nextCheckin: { number: 2, dueOn: '2026-04-29', daysUntil: 1, phase: 'upcoming' } });
    expect(checkinLine(due)).toBe('Check-in in 1 day');
    await setLocale('ko');
    expect(checkinLine(due)).toBe('체크인까지 1일');
    expect(lastMetLine(summary({}, { lastMeetingOn: '2026-03-01', daysSinceMeeting: 12 }))).toBe('마지막 미팅: 12일 전');
  });

  it('names the palette’s actions, and the controls they reach, in the current language', async () => {
    await setLocale('es-MX');
    const log = pairActions().find((a) => a.id === 'log-meeting');
    expect(log?.label).toBe('Registrar reunión');
    expect(log?.steps).toEqual([{ press: ['Registrar reunión'] }]);
  });
});
