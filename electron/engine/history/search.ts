import type { HistoryHit, HistoryLine } from '../../contract';

/** Lower case without accents, so "cafe" finds "Café" and "strasse" finds nothing it should not. */
export const foldText = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Every word of the query must appear in the line's transcript or translation. */
export function lineMatches(line: HistoryLine, words: readonly string[]): boolean {
  const haystack = foldText(`${line.text}\n${line.translation ?? ''}`);
  return words.every((word) => haystack.includes(word));
}

export const queryWords = (query: string): string[] => foldText(query).split(/\s+/).filter(Boolean);

export const MAX_HITS = 200;

/** Hits in the order of the sessions given (newest first), at most MAX_HITS. */
export function searchSessions(sessions: ReadonlyArray<{ id: string; lines: readonly HistoryLine[] }>, query: string): { hits: HistoryHit[]; truncated: boolean } {
  const words = queryWords(query);
  const hits: HistoryHit[] = [];
  for (const session of sessions) {
    for (const line of session.lines) {
      if (!lineMatches(line, words)) continue;
      if (hits.length === MAX_HITS) return { hits, truncated: true };
      hits.push({ session_id: session.id, line });
    }
  }
  return { hits, truncated: false };
}
