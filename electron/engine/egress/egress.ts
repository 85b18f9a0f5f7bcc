import tls from 'node:tls';
import { createAuditTrail } from './audit-trail';
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
 *  - performs each request itself over node:http(s) on a fresh socket, so the byte counts are the
 *    socket's own, counted from the moment the connection is up (exchange.ts, socket-meter.ts),
 *  - keeps a translation's text and key on the host the user chose across redirects (redirects.ts),
 *  - hands the SDK and the downloader a fetch Response (response-adapter.ts),
 *  - appends one audit line per request, scrubbed of credentials, and tallies bytes per purpose for
 *    the ledger (audit-trail.ts).
 */
export function createEgress(options: EgressOptions): Egress {
  const parts: EgressFetchParts = {
    policy: createHostPolicy(options),
    trail: createAuditTrail(options),
    // Node's `ca` option replaces its bundled roots: keep them, and add the user's.
    ca: options.ca?.length ? [...tls.rootCertificates, ...options.ca] : null,
    maxRedirects: options.maxRedirects ?? 5,
    live: new LiveExchanges(),
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
    refuseInFlight: () => parts.live.refuseWith(parts.policy),
  };
}
