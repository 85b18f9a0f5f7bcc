import type { ExportContent, ExportFormat, HistoryRetention } from '../contract';
import { useCall } from '../api';
import { copyText } from './clipboard';
import { useHistoryScreen, withSessions } from './history-store';
import { linesText, plural } from './history-text';
import { saveTextFile } from './save-file';

const set = useHistoryScreen.setState;
const get = useHistoryScreen.getState;
const say = (said: string) => set({ said });

/** Everything the History screen does, through the contract's history commands (failures become notices). */
export function useHistoryActions() {
  const call = useCall();

  const refresh = async () => {
    const listed = await call('history.list', {});
    if (listed) set((s) => withSessions(s, listed.sessions, listed.retention));
  };

  const open = async (id: string, highlight: string | null = null) => {
    const session = await call('history.get', { id });
    if (session) set({ open: session, highlight });
  };

  const search = async (query: string) => {
    set({ query });
    if (!query.trim()) return set({ hits: null, truncated: false });
    const found = await call('history.search', { query });
    // Typing on: only the answer to the latest query counts.
    if (found && get().query === query) set({ hits: found.hits, truncated: found.truncated });
  };

  const remove = async (id: string) => {
    const left = await call('history.delete', { id });
    if (left) set((s) => ({ ...withSessions(s, left.sessions, left.retention), said: 'Session deleted.' }));
  };

  const removeAll = async () => {
    const left = await call('history.clear', {});
    if (left) set((s) => ({ ...withSessions(s, left.sessions, left.retention), hits: null, query: '', said: 'All history deleted.' }));
  };

  const setRetention = async (retention: HistoryRetention) => {
    if (await call('settings.update', { patch: { history: { retention } } })) await refresh();
  };

  const exportOpen = async (format: ExportFormat, content: ExportContent) => {
    const id = get().open?.session.id;
    const file = id ? await call('history.export', { id, format, content }) : null;
    if (!file) return;
    saveTextFile(file);
    say(`Saved ${file.filename}.`);
  };

  const copy = async (lines: Parameters<typeof linesText>[0]) => {
    const ok = await copyText(linesText(lines));
    say(ok ? `Copied ${plural(lines.length, 'line')}.` : 'Copying was refused by the system; select the text and copy it instead.');
  };

  return { refresh, open, search, remove, removeAll, setRetention, exportOpen, copy, close: () => set({ open: null, highlight: null }) };
}
