import type { HistoryRetention } from '../../contract';

const HOUR = 3_600_000;

/** How long a session is kept after its latest line; null = forever. 'off' keeps what is there (nothing new is saved). */
const KEEP_MS: Record<HistoryRetention, number | null> = { off: null, '24h': 24 * HOUR, '30d': 30 * 24 * HOUR, forever: null };

/** True when a session whose latest line is at `updatedAt` has outlived the retention. */
export function isExpired(retention: HistoryRetention, updatedAt: number, now: number): boolean {
  const keep = KEEP_MS[retention];
  return keep !== null && now - updatedAt > keep;
}

/** How often the app prunes while it runs, so expired sessions go even if nobody opens History. */
export const PRUNE_INTERVAL_MS = HOUR;
