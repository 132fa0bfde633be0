import { act, fireEvent } from '@testing-library/react';

/**
 * jsdom lays nothing out, so dnd-kit sees every item at (0, 0). This gives
 * each `[data-testid^="sortable-item-"]` a 40px-high row in document order
 * and returns a function that restores the original.
 */
export function mockListLayout(): () => void {
  const original = Element.prototype.getBoundingClientRect;
  Element.prototype.getBoundingClientRect = function rect(this: Element) {
    const row = this.closest('[data-testid^="sortable-item-"]');
    if (!row) {
      return original.call(this);
    }
    const rows = Array.from(
      document.querySelectorAll('[data-testid^="sortable-item-"]'),
    );
    const top = rows.indexOf(row) * 40;
    return {
      x: 0,
      y: top,
      top,
      left: 0,
      width: 400,
      height: 40,
      right: 400,
      bottom: top + 40,
      toJSON: () => ({}),
    } as DOMRect;
  };
  return () => {
    Element.prototype.getBoundingClientRect = original;
  };
}

const tick = () =>
  act(() => new Promise<void>(resolve => setTimeout(resolve, 0)));

/**
 * Lifts the item of `handle` with Space, presses `key` once per step and
 * drops it, the way a keyboard user reorders a dnd-kit list.
 */
export async function keyboardMove(
  handle: HTMLElement,
  key: 'ArrowDown' | 'ArrowUp',
  steps = 1,
) {
  handle.focus();
  fireEvent.keyDown(handle, { key: ' ', code: 'Space' });
  await tick();
  for (let i = 0; i < steps; i++) {
    fireEvent.keyDown(document, { key, code: key });
    await tick();
  }
  fireEvent.keyDown(document, { key: ' ', code: 'Space' });
  await tick();
}
