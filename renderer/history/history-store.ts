import { create } from 'zustand';
import type { HistoryHit, HistoryLine, HistoryRetention, HistorySessionInfo } from '../contract';

export interface OpenSession {
  session: HistorySessionInfo;
  lines: HistoryLine[];
}

/** The History screen's own state: filled from the engine's history commands, never from live caption events. */
export interface HistoryScreen {
  sessions: HistorySessionInfo[] | null;
  retention: HistoryRetention | null;
  open: OpenSession | null;
  query: string;
  hits: HistoryHit[] | null;
  truncated: boolean;
  /** The line to bring into view after opening a search hit. */
  highlight: string | null;
  /** What the last action did ("Copied 3 lines"), for a polite live region. */
  said: string;
}

export const initialHistoryScreen = (): HistoryScreen => ({ sessions: null, retention: null, open: null, query: '', hits: null, truncated: false, highlight: null, said: '' });

export const useHistoryScreen = create<HistoryScreen>()(() => initialHistoryScreen());

/** After the list changed: the open session goes when it is gone, and its summary follows the list. */
export function withSessions(state: HistoryScreen, sessions: HistorySessionInfo[], retention: HistoryRetention): Partial<HistoryScreen> {
  const open = state.open && sessions.find((s) => s.id === state.open!.session.id);
  return { sessions, retention, open: open && state.open ? { ...state.open, session: open } : null };
}
