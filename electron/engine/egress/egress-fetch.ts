import type { EgressPurpose } from './audit';
import type { AuditedRequest, AuditTrail } from './audit-trail';
import type { Connections } from './connections';
import { startExchange } from './exchange';
import { readFetchInput, type Hop } from './fetch-input';
import type { HostPolicy } from './host-policy';
import type { LiveExchanges } from './live-exchanges';
import { decideRedirect } from './redirects';
import { toFetchResponse } from './response-adapter';
import type { TrackExchange } from './scope';
import { credentialsIn, scrubError } from './scrub';
import type { EgressFetch, TrafficContext } from './types';

export interface EgressFetchParts {
  policy: HostPolicy;
  trail: AuditTrail;
  /** Trusted CAs replacing Node's defaults (they include them); null = the defaults. */
  ca: string[] | null;
  maxRedirects: number;
  live: LiveExchanges;
  connections: Connections;
  reuseConnections: boolean;
}

/** Small, frequent requests to the one endpoint the user chose keep their connection; downloads get their own. */
const KEEP_ALIVE: ReadonlySet<EgressPurpose> = new Set(['translation', 'endpoint-check']);

/**
 * fetch for one traffic context: every hop is checked against the host policy before its socket
 * exists, runs as an exchange of its own, and is audited when it ends; redirects follow the rules
 * in redirects.ts.
 */
export function createEgressFetch(parts: EgressFetchParts, context: TrafficContext, track: TrackExchange): EgressFetch {
  return async (input, init) => {
    const request = await readFetchInput(input, init);
    // Taken from the first hop: a later hop may have dropped them, but the server's text may still echo them.
    const secrets = credentialsIn(request.headers);
    const audited = (hop: Hop): AuditedRequest => ({ startedAt: new Date(), context, method: hop.method, url: hop.url, secrets });
    let hop: Hop = request;
    for (let hopsLeft = parts.maxRedirects; ; hopsLeft--) {
      const redirected = hop !== request;
      const refused = parts.policy.refusal(hop.url, context, redirected);
      if (refused) {
        parts.trail.refused(audited(hop), refused.blocked, refused.error);
        throw refused.error;
      }
      request.signal?.throwIfAborted();
      const thisHop = audited(hop);
      const exchange = startExchange(hop, {
        ca: parts.ca,
        signal: request.signal,
        connections: parts.connections,
        keepAlive: parts.reuseConnections && KEEP_ALIVE.has(context.purpose),
        timeouts: context.timeouts ?? {},
      });
      track(exchange);
      parts.live.add(exchange, { url: hop.url, context, redirected });
      void exchange.result.then((result) => parts.trail.exchanged(thisHop, result));
      const res = await exchange.response.catch((error: unknown) => {
        throw scrubError(error, secrets);
      });
      context.onResponseHead?.({ url: hop.url.href, status: res.statusCode ?? 0, headers: res.headers });
      const decision = decideRedirect(hop, res.statusCode ?? 0, res.headers.location, { purpose: context.purpose, mode: request.redirect, hopsLeft, secrets });
      if (decision.kind === 'deliver') return toFetchResponse(res, hop.url, hop.method, request.signal);
      res.resume(); // drain, so this hop's counts complete
      if (decision.kind === 'follow') {
        hop = decision.next;
        continue;
      }
      await exchange.result; // so the audit log reads in request order: the redirect, then the refusal
      if (decision.kind === 'refuse') parts.trail.refused(audited({ ...hop, url: decision.target }), 'redirect-refused', decision.error);
      throw decision.error;
    }
  };
}
