import type { HistoryLine, HistoryRetention } from '../contract';

const pad = (n: number) => String(Math.floor(n)).padStart(2, '0');

/** "1:05" or "1:02:05": a line's time from the start of its session. */
export function offsetText(ms: number): string {
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor(ms / 60_000) % 60;
  const s = Math.floor(ms / 1000) % 60;
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** "Sat 1 Mar 2025, 14:15" in the user's own locale. */
export const sessionTitle = (startedAt: number, locale?: string): string =>
  new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(startedAt);

/** A line as copied: the transcript, and its translation under it. */
export const lineText = (line: Pick<HistoryLine, 'text' | 'translation'>): string => (line.translation ? `${line.text}\n${line.translation}` : line.text);

export const linesText = (lines: ReadonlyArray<Pick<HistoryLine, 'text' | 'translation'>>): string => lines.map(lineText).join('\n\n');

export const RETENTION_LABELS: Record<HistoryRetention, string> = {
  off: 'Off: save nothing new',
  '24h': '24 hours',
  '30d': '30 days',
  forever: 'Forever',
};

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
