import { describe, expect, it } from 'vitest';
import { href, parseHash } from './router.svelte';

describe('parseHash', () => {
  it.each([
    ['', { name: 'home' }],
    ['#', { name: 'home' }],
    ['#/', { name: 'home' }],
    ['#/search', { name: 'search' }],
    ['#/search?pair=p%201', { name: 'search', pair: 'p 1' }],
    ['#/search?pair=%E0', { name: 'search' }],
    ['#/week', { name: 'week' }],
    ['#/organizer', { name: 'organizer' }],
    ['#/settings/', { name: 'settings' }],
    ['#/pair/abc', { name: 'pair', id: 'abc', tab: null }],
    ['#/pair/abc/goals', { name: 'pair', id: 'abc', tab: 'goals' }],
    ['#/pair', { name: 'not_found', path: '/pair' }],
    ['#/pair/abc/goals/extra', { name: 'not_found', path: '/pair/abc/goals/extra' }],
    ['#/settings/more', { name: 'not_found', path: '/settings/more' }],
    ['#/nowhere', { name: 'not_found', path: '/nowhere' }],
    ['#/pair/%E0%A4%A', { name: 'not_found', path: '/pair/%E0%A4%A' }],
  ])('%s', (hash, route) => {
    expect(parseHash(hash)).toEqual(route);
  });

  it('round-trips ids that need escaping through href.pair', () => {
    const id = '01890a5d-ac96 7b1c/α';
    expect(parseHash(href.pair(id, 'notes'))).toEqual({ name: 'pair', id, tab: 'notes' });
    expect(parseHash(href.pair(id))).toEqual({ name: 'pair', id, tab: null });
  });
});
