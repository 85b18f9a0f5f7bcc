import type { EgressPurpose } from './audit';
import { EgressBadUrlError, EgressRedirectRefusedError } from './errors';
import { parseEgressUrl, type Hop } from './fetch-input';
import { CREDENTIAL_HEADERS, scrubSecrets } from './scrub';

/**
 * Whether a redirect is followed, and what the next hop carries. A translation or an endpoint check
 * carries the transcript and the key to the one host the user chose: it never follows a redirect to
 * another origin. Anything else (model downloads move to CDNs) may follow one, but never takes a body
 * or credentials along. Every hop is still checked against the host policy by the caller.
 */

const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);
const ORIGIN_BOUND: ReadonlySet<EgressPurpose> = new Set(['translation', 'endpoint-check']);

export interface RedirectRules {
  purpose: EgressPurpose;
  mode: RequestRedirect;
  /** Redirects this request may still follow; at 0 the redirect response itself is returned. */
  hopsLeft: number;
  /** The request's credentials: scrubbed from server text put into an error. */
  secrets: readonly string[];
}

export type RedirectDecision =
  /** Not a redirect, or one not to follow: hand this response to the caller. */
  | { kind: 'deliver' }
  | { kind: 'follow'; next: Hop }
  /** A redirect the egress will not follow: fail with `error` (and audit `target` as refused). */
  | { kind: 'refuse'; target: URL; error: EgressRedirectRefusedError }
  /** A Location that is no http(s) URL. */
  | { kind: 'fail'; error: EgressBadUrlError };

export function decideRedirect(hop: Hop, status: number, location: string | undefined, rules: RedirectRules): RedirectDecision {
  if (!REDIRECT_STATUS.has(status) || !location || rules.mode !== 'follow' || rules.hopsLeft <= 0) return { kind: 'deliver' };
  const target = redirectTarget(location, hop.url, rules.secrets);
  if (target instanceof EgressBadUrlError) return { kind: 'fail', error: target };
  const next = rewrittenForRedirect(hop, target, status);
  if (target.origin === hop.url.origin) return { kind: 'follow', next };
  const origin = scrubSecrets(target.origin, rules.secrets);
  if (ORIGIN_BOUND.has(rules.purpose)) return { kind: 'refuse', target, error: new EgressRedirectRefusedError(hop.url, origin, 'keeps-origin') };
  // 307/308 would resend the body; to another origin that is exactly what must not happen.
  if (next.body) return { kind: 'refuse', target, error: new EgressRedirectRefusedError(hop.url, origin, 'has-body') };
  for (const name of CREDENTIAL_HEADERS) next.headers.delete(name);
  return { kind: 'follow', next };
}

function redirectTarget(location: string, base: URL, secrets: readonly string[]): URL | EgressBadUrlError {
  try {
    return parseEgressUrl(location, base);
  } catch {
    // The Location is the server's text: it may echo the key.
    return new EgressBadUrlError(scrubSecrets(location, secrets));
  }
}

/** fetch's rules: 303, and 301/302 after a POST, become a GET without a body; 307/308 resend the request as it was. */
function rewrittenForRedirect(hop: Hop, target: URL, status: number): Hop {
  const headers = new Headers(hop.headers);
  if (status === 303 || ((status === 301 || status === 302) && hop.method === 'POST')) {
    headers.delete('content-type');
    return { url: target, method: hop.method === 'HEAD' ? 'HEAD' : 'GET', headers, body: null };
  }
  return { url: target, method: hop.method, headers, body: hop.body };
}
