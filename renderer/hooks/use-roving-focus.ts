import { useCallback, useState, type FocusEvent, type KeyboardEvent } from 'react';

const PAGE = 5;

/** Where a key moves the focus in a list of `count` items from `index`; null for keys it does not handle. */
export function nextIndex(key: string, index: number, count: number): number | null {
  const last = count - 1;
  const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, PageDown: index + PAGE, PageUp: index - PAGE, Home: 0, End: last };
  if (!(key in moves) || count === 0) return null;
  return Math.min(last, Math.max(0, moves[key]!));
}

export interface RovingFocus {
  /** The one item that is a Tab stop: the last focused one while focus is inside, else the newest. */
  activeId: string | null;
  onKeyDown(event: KeyboardEvent<HTMLElement>): void;
  onFocus(event: FocusEvent<HTMLElement>): void;
  onBlur(event: FocusEvent<HTMLElement>): void;
}

const itemId = (el: EventTarget | null, attribute: string): string | null => (el instanceof HTMLElement ? (el.closest(`[${attribute}]`)?.getAttribute(attribute) ?? null) : null);

/**
 * Roving focus over a list whose items carry `attribute` (their id): one Tab stop for the whole list, the arrow keys,
 * Page Up/Down, Home and End inside it. Leaving the list resets the stop to the newest item.
 */
export function useRovingFocus(ids: readonly string[], attribute: string): RovingFocus {
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const activeId = focusedId !== null && ids.includes(focusedId) ? focusedId : (ids.at(-1) ?? null);

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLElement>) => {
      const current = itemId(event.target, attribute);
      const to = current === null ? null : nextIndex(event.key, ids.indexOf(current), ids.length);
      if (to === null) return;
      event.preventDefault();
      const target = event.currentTarget.querySelector<HTMLElement>(`[${attribute}="${CSS.escape(ids[to]!)}"]`);
      target?.focus();
    },
    [ids, attribute],
  );
  const onFocus = useCallback((event: FocusEvent<HTMLElement>) => setFocusedId(itemId(event.target, attribute)), [attribute]);
  const onBlur = useCallback((event: FocusEvent<HTMLElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setFocusedId(null);
  }, []);
  return { activeId, onKeyDown, onFocus, onBlur };
}
