import { useContext, useEffect } from 'react';
import { ApiContext } from '../api';
import { useHistoryScreen } from './history-store';
import { useHistoryActions } from './use-history-actions';

const SETTLE_MS = 400;

/** While History is on screen, new final captions show up in the list and in the open session if it is the current one. */
export function useLiveRefresh(): void {
  const api = useContext(ApiContext);
  const actions = useHistoryActions();
  useEffect(() => {
    void actions.refresh();
    if (!api) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = api.onEvent((event) => {
      if (event.type !== 'caption.final' || timer) return;
      // The engine writes the line after it emits it: ask a moment later, once per burst.
      timer = setTimeout(() => {
        timer = null;
        void actions.refresh();
        const open = useHistoryScreen.getState().open;
        if (open?.session.current) void actions.open(open.session.id);
      }, SETTLE_MS);
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
    // Subscribed once per mount; the actions read fresh state themselves.
  }, [api]);
}
