// The check-in list speaks the chosen language, and switches without being
// mounted again: its words come from the catalogue at render time.
import { render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { Checkin } from '../../../bindings/Checkin';
import { setLocale } from '../../../i18n/index.svelte';
import PastCheckins from './PastCheckins.svelte';

const checkins: Checkin[] = [
  { pairId: 'p1', number: 1, answers: {}, answeredAt: '2026-03-14T10:00:00Z', exportedAt: null },
];

afterEach(async () => {
  await setLocale('en');
});

describe('PastCheckins in another language', () => {
  it('says its words in German, and in English again after a switch', async () => {
    await setLocale('de');
    render(PastCheckins, { checkins, scheduled: 2 });
    expect(screen.getByRole('heading', { name: 'Deine Check-ins' })).toBeInTheDocument();
    expect(screen.getByText('Check-in 1 von 2')).toBeInTheDocument();
    expect(screen.getByText('Umfragedatei noch nicht gespeichert')).toBeInTheDocument();

    await setLocale('en');
    expect(await screen.findByRole('heading', { name: 'Your check-ins' })).toBeInTheDocument();
    expect(screen.getByText('Check-in 1 of 2')).toBeInTheDocument();
  });

  it('uses the glossary’s word for a check-in in Spanish and Chinese', async () => {
    await setLocale('es-MX');
    const { unmount } = render(PastCheckins, { checkins, scheduled: 1 });
    expect(screen.getByText('Seguimiento 1')).toBeInTheDocument();
    unmount();
    await setLocale('zh-CN');
    render(PastCheckins, { checkins, scheduled: 3 });
    expect(screen.getByText('第 1 次阶段回顾（共 3 次）')).toBeInTheDocument();
  });
});
