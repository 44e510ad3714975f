import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import TabsHarness from './test/TabsHarness.svelte';

const TABS = [
  { id: 'goals', label: 'Goals' },
  { id: 'meetings', label: 'Meetings' },
  { id: 'notes', label: 'Notes', disabled: true },
  { id: 'criteria', label: 'Graduation' },
];

describe('Tabs', () => {
  it('has a single tab stop on the selected tab', () => {
    render(TabsHarness, { tabs: TABS, selected: 'meetings' });

    const tabs = screen.getAllByRole('tab');
    expect(tabs.map((t) => t.getAttribute('tabindex'))).toEqual(['-1', '0', '-1', '-1']);
    expect(screen.getByRole('tab', { name: 'Meetings' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tabpanel')).toHaveTextContent('Panel for meetings');
    expect(screen.getByRole('tabpanel')).toHaveAccessibleName('Meetings');
  });

  it('moves focus and selection with the arrow keys, skipping disabled tabs and wrapping', async () => {
    const user = userEvent.setup();
    const onchange = vi.fn();
    render(TabsHarness, { tabs: TABS, selected: 'goals', onchange });

    await user.tab();
    expect(screen.getByRole('tab', { name: 'Goals' })).toHaveFocus();

    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('tab', { name: 'Meetings' })).toHaveFocus();
    expect(screen.getByRole('tab', { name: 'Meetings' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tabpanel')).toHaveTextContent('Panel for meetings');

    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('tab', { name: 'Graduation' })).toHaveFocus();

    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('tab', { name: 'Goals' })).toHaveFocus();

    await user.keyboard('{ArrowLeft}');
    expect(screen.getByRole('tab', { name: 'Graduation' })).toHaveFocus();

    await user.keyboard('{Home}');
    expect(screen.getByRole('tab', { name: 'Goals' })).toHaveFocus();

    await user.keyboard('{End}');
    expect(screen.getByRole('tab', { name: 'Graduation' })).toHaveAttribute('tabindex', '0');

    expect(onchange.mock.calls.map(([id]) => id)).toEqual([
      'meetings',
      'criteria',
      'goals',
      'criteria',
      'goals',
      'criteria',
    ]);
  });

  it('leaves the tab list with Tab, into the panel', async () => {
    const user = userEvent.setup();
    render(TabsHarness, { tabs: TABS, selected: 'goals' });

    await user.tab();
    await user.tab();
    expect(screen.getByRole('tabpanel')).toHaveFocus();
  });

  it('shows a cue at the edge that hides tabs in a narrow window, and none when all fit', async () => {
    // jsdom lays nothing out: a tab list 300 px wide holding 700 px of tabs, scrolled to the start.
    const widths = { clientWidth: 300, scrollWidth: 700 };
    const spies = (['clientWidth', 'scrollWidth'] as const).map((prop) =>
      vi.spyOn(HTMLElement.prototype, prop, 'get').mockImplementation(function (this: HTMLElement) {
        return this.getAttribute('role') === 'tablist' ? widths[prop] : 0;
      }),
    );
    try {
      const { container, unmount } = render(TabsHarness, { tabs: TABS, selected: 'goals' });
      expect(container.querySelector('.tabs')).toHaveClass('more-after');
      expect(container.querySelector('.tabs')).not.toHaveClass('more-before');
      expect(container.querySelector('.more.after')).toBeInTheDocument();
      // The cue is for pointers: the keyboard reaches every tab with the arrow keys.
      expect(container.querySelector('.more.after')).toHaveAttribute('tabindex', '-1');
      unmount();

      widths.scrollWidth = 300;
      const fits = render(TabsHarness, { tabs: TABS, selected: 'goals' });
      expect(fits.container.querySelector('.tabs')).not.toHaveClass('more-after');
      expect(fits.container.querySelector('.more')).not.toBeInTheDocument();
    } finally {
      spies.forEach((s) => s.mockRestore());
    }
  });

  describe('in a right-to-left language', () => {
    // jsdom neither lays out nor cascades `dir`: the tab list says it runs
    // right to left, 300 px wide holding 700 px of tabs, scrolled to its end
    // (scrollLeft runs from 0 at the start down to -400).
    function rightToLeft(scrollLeft: number) {
      const style = window.getComputedStyle;
      const computed = vi.spyOn(window, 'getComputedStyle').mockImplementation((el, pseudo) => {
        const s = style(el, pseudo);
        if ((el as HTMLElement).getAttribute('role') !== 'tablist') return s;
        return new Proxy(s, { get: (t, p) => (p === 'direction' ? 'rtl' : Reflect.get(t, p)) });
      });
      const sizes = { clientWidth: 300, scrollWidth: 700, scrollLeft };
      const spies = (['clientWidth', 'scrollWidth', 'scrollLeft'] as const).map((prop) =>
        vi.spyOn(Element.prototype, prop, 'get').mockImplementation(function (this: Element) {
          return this.getAttribute('role') === 'tablist' ? sizes[prop] : 0;
        }),
      );
      return () => [computed, ...spies].forEach((s) => s.mockRestore());
    }

    it('goes to the next tab with the left arrow', async () => {
      const restore = rightToLeft(0);
      try {
        const user = userEvent.setup();
        render(TabsHarness, { tabs: TABS, selected: 'goals' });
        await user.tab();
        await user.keyboard('{ArrowLeft}');
        expect(screen.getByRole('tab', { name: 'Meetings' })).toHaveFocus();
        await user.keyboard('{ArrowRight}');
        expect(screen.getByRole('tab', { name: 'Goals' })).toHaveFocus();
      } finally {
        restore();
      }
    });

    it('shows the cue at the start when scrolled to the end, and scrolls back towards the start', async () => {
      const restore = rightToLeft(-400);
      const scrollBy = vi.fn();
      Element.prototype.scrollBy = scrollBy;
      try {
        const user = userEvent.setup();
        const { container } = render(TabsHarness, { tabs: TABS, selected: 'goals' });
        expect(container.querySelector('.tabs')).toHaveClass('more-before');
        expect(container.querySelector('.tabs')).not.toHaveClass('more-after');
        await user.click(container.querySelector('.more.before')!);
        // Towards the start of a right-to-left strip is towards the right.
        expect(scrollBy).toHaveBeenCalledWith(expect.objectContaining({ left: 180 }));
      } finally {
        restore();
        delete (Element.prototype as { scrollBy?: unknown }).scrollBy;
      }
    });
  });
});
