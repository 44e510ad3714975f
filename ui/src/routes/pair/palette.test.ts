// The palette's actions on a pair, on the real pair screen: each reaches the
// control it names (a button pressed, a field or button focused), so no
// entry of the palette is dead on the screen it goes to.
import { afterEach, describe, expect, it } from 'vitest';
import { pairActions, runSteps } from '../../lib/palette';
import { renderPair, screen, setUp, tearDown } from '../../test/pairScreen';

const OPENS: Record<string, string> = {
  'log-meeting': 'Log meeting',
  'add-action': 'Log meeting',
  'add-goal': 'Add goal',
  'add-note': 'Add note',
};

describe('the palette’s actions on a pair', () => {
  afterEach(tearDown);

  for (const action of pairActions().filter((a) => a.steps.length)) {
    it(`${action.label}: reaches its control on the ${action.tab} tab`, async () => {
      const mock = setUp();
      await renderPair(mock, action.tab);
      expect(await runSteps(action.steps)).toBe(true);
      const dialog = OPENS[action.id];
      if (dialog) expect(await screen.findByRole('dialog', { name: dialog })).toHaveAttribute('open');
      const last = action.steps.at(-1)!;
      if ('focus' in last) {
        const focused = document.activeElement as HTMLElement;
        const name = focused.getAttribute('aria-label') ?? (focused.id ? document.querySelector(`label[for="${focused.id}"]`)?.textContent : null) ?? focused.textContent;
        expect(last.focus.some((n) => (name ?? '').trim().startsWith(n)), `focused “${name}”`).toBe(true);
      }
    });
  }
});
