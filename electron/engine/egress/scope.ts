import type { Exchange } from './exchange';
import type { ByteCounts, EgressFetch, EgressScope } from './types';

/** Called with every exchange a scope's fetch starts, so the scope can count it and end it on close. */
export type TrackExchange = (exchange: Exchange) => void;

/**
 * A fetch whose exchanges are summed (one caption's translation over all its retries) and can be
 * ended together: a response body nobody read would otherwise keep its socket, and its counts, open.
 */
export function createScope(fetchFor: (track: TrackExchange) => EgressFetch): EgressScope {
  const counts: ByteCounts = { requests: 0, sent: 0, received: 0 };
  const open = new Set<Exchange>();
  const track: TrackExchange = (exchange) => {
    open.add(exchange);
    void exchange.result.then((r) => {
      counts.requests++;
      counts.sent += r.sent;
      counts.received += r.received;
      open.delete(exchange);
    });
  };
  return {
    fetch: fetchFor(track),
    counts: () => ({ ...counts }),
    async close() {
      const pending = [...open];
      for (const exchange of pending) exchange.abort(new Error('request closed by its caller'));
      await Promise.all(pending.map((exchange) => exchange.result));
      return { ...counts };
    },
  };
}
