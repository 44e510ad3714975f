// jsdom lays nothing out: every element is 0 px wide, as in a narrow window.
// `laidOutAt(px)` makes every element report `px` as its width (clientWidth),
// as a window that wide would give the content; `restoreWidth()` undoes it.

let restore: (() => void) | undefined;

export function laidOutAt(px: number): void {
  restoreWidth();
  const original = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientWidth');
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => px });
  restore = () => {
    if (original) Object.defineProperty(HTMLElement.prototype, 'clientWidth', original);
  };
}

export function restoreWidth(): void {
  restore?.();
  restore = undefined;
}
