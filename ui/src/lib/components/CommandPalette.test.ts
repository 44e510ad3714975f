import { describe, expect, it } from 'vitest';
import { matching, type Command } from './CommandPalette.svelte';

const cmd = (label: string, group: string): Command => ({ id: label, label, group, run: () => {} });
const ALL = [cmd('Home', 'Screen'), cmd('Meetings', 'Priya Raman'), cmd('Priya Raman', 'Pair'), cmd('Quick note', 'Action')];

describe('the command palette’s matching', () => {
  it('keeps the commands whose label and group hold every typed word, in order, ignoring case', () => {
    expect(matching(ALL, 'priya').map((c) => c.label)).toEqual(['Meetings', 'Priya Raman']);
    expect(matching(ALL, 'MEET priya').map((c) => c.label)).toEqual(['Meetings']);
    expect(matching(ALL, 'note action').map((c) => c.label)).toEqual(['Quick note']);
    expect(matching(ALL, 'nothing like it')).toEqual([]);
  });

  it('shows everything for an empty or blank query', () => {
    expect(matching(ALL, '   ')).toEqual(ALL);
  });
});
