import tls from 'node:tls';
import { createAuditTrail } from './audit-trail';
import { Connections } from './connections';
import { createEgressFetch, type EgressFetchParts } from './egress-fetch';
import { parseEgressUrl } from './fetch-input';
import { createHostPolicy } from './host-policy';
import { LiveExchanges } from './live-exchanges';
import { createScope } from './scope';
import type { Egress, EgressOptions, EgressScope, TrafficContext } from './types';

/**
 * The one way out of the process for data. Every outbound HTTP request (openai SDK, model
 * downloader, endpoint check) goes through `fetch` from here, which
 *  - refuses everything in all-local mode, and hosts the user did not configure, BEFORE any socket
 *    exists (host-policy.ts),
 *  - performs each request itself over node:http(s), translations and checks on a kept-alive connection per
 *    origin, counting each request's own bytes on its socket from the moment it had a live connection
 *    (exchange.ts, connections.ts, socket-meter.ts),
 *  - keeps a translation's text and key on the host the user chose across redirects (redirects.ts),
 *  - hands the SDK and the downloader a fetch Response (response-adapter.ts),
 *  - appends one audit line per request, scrubbed of credentials, and tallies bytes per purpose for
 *    the ledger (audit-trail.ts).
 */
export function createEgress(options: EgressOptions): Egress {
  // Node's `ca` option replaces its bundled roots: keep them, and add the user's.
  const ca = options.ca?.length ? [...tls.rootCertificates, ...options.ca] : null;
  const parts: EgressFetchParts = {
    policy: createHostPolicy(options),
    trail: createAuditTrail(options),
    ca,
    maxRedirects: options.maxRedirects ?? 5,
    live: new LiveExchanges(),
    connections: new Connections({ ca }),
    reuseConnections: options.reuseConnections ?? true,
  };
  const scope = (context: TrafficContext): EgressScope => createScope((track) => createEgressFetch(parts, context, track));
  const general = scope({ purpose: 'other' });
  return {
    fetch: general.fetch,
    scope,
    check(raw) {
      const refused = parts.policy.refusal(parseEgressUrl(String(raw)), null);
      if (refused) throw refused.error;
    },
    totals: () => parts.trail.totals(),
    refuseInFlight: () => {
      const ended = parts.live.refuseWith(parts.policy);
      // An idle kept-alive connection is still a connection: all-local closes it too (after the refusals, which say why).
      if (options.allLocal()) parts.connections.closeIdle();
      return ended;
    },
    close: () => parts.connections.closeIdle(),
  };
}
