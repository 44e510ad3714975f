// Finding where keyboard focus can go inside a container.

const FOCUSABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  'summary',
  '[contenteditable="true"]',
  '[tabindex]:not([tabindex="-1"])',
].join(',');

/** Elements inside `container` that Tab can reach, in document order. */
export function focusableIn(container: HTMLElement): HTMLElement[] {
  return Array.from(container.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
    (el) => !el.hasAttribute('inert') && !el.closest('[inert]') && el.getAttribute('aria-hidden') !== 'true',
  );
}

/**
 * After a move to another screen: once `main` shows the new screen's `h1`,
 * gives it focus (unless the screen already put focus on one of its own
 * controls, as Search does with its box) and hands its words to `announce`
 * for a live region. Returns a function that stops waiting.
 */
export function focusScreenHeading(main: HTMLElement, announce: (text: string) => void): () => void {
  let done = false;
  const settle = (): boolean => {
    const heading = main.querySelector<HTMLElement>('h1');
    if (!heading || done) return done;
    done = true;
    const active = document.activeElement;
    const screenHasFocus = active instanceof HTMLElement && active !== main && main.contains(active);
    if (!screenHasFocus) {
      if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: true });
    }
    announce(heading.textContent?.trim() ?? '');
    return true;
  };
  if (settle()) return () => {};
  const observer = new MutationObserver(() => {
    if (settle()) observer.disconnect();
  });
  observer.observe(main, { childList: true, subtree: true });
  // A screen that never draws its heading (an error) stops the wait.
  const timer = setTimeout(() => observer.disconnect(), 5000);
  return () => {
    done = true;
    observer.disconnect();
    clearTimeout(timer);
  };
}
