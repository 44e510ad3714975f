// How wide a screen is where it matters for its layout, not only its look.
//
// Most screens go to two columns by a container query on the content
// (`@container content (min-width: …)`), with the same elements at every
// width. Notes and Search show different elements when wide (a list beside
// the note read, results in columns by kind), so they need the width in
// script: `Width` follows an element's width as the window resizes.

/**
 * From this content width a screen has room for two columns side by side,
 * the width at which the Overview and Meetings tabs' container queries
 * (`@container content (min-width: 1200px)`) put theirs: a 1920 px window
 * and wider, not a 1280 px one.
 */
export const TWO_COLUMNS_PX = 1200;

/** An element's width in CSS pixels, kept as it changes (0 where nothing is laid out). */
export class Width {
  px = $state(0);

  /** Follow `el` (an attachment: `{@attach width.track}`); stops when it goes. */
  track = (el: HTMLElement): (() => void) => {
    this.px = el.clientWidth;
    if (typeof ResizeObserver === 'undefined') return () => {};
    const observer = new ResizeObserver(() => {
      this.px = el.clientWidth;
    });
    observer.observe(el);
    return () => observer.disconnect();
  };
}
