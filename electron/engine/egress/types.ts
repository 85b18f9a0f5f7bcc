import type { AuditRecord, EgressPurpose } from './audit';

export interface EgressOptions {
  allLocal: () => boolean;
  /** Hostnames (or host:port) the user configured: the endpoint, the model mirror. */
  allowedHosts: () => string[];
  /** JSON Lines audit file; null = no file (tests, or the user turned it off). */
  auditLogPath: string | null;
  onTraffic?: (record: AuditRecord) => void;
  /** An audit line could not be written: reported, never thrown into the request path. */
  onAuditError?: (error: Error) => void;
  /** Redirects followed per request (model hosts redirect to CDNs); each hop is checked and audited. */
  maxRedirects?: number;
  /** Extra trusted CA certificates (PEM), e.g. a company proxy's; Node's bundled roots stay trusted. */
  ca?: string[];
  /** Keep translation and check connections alive per origin (default true); off = a fresh socket per request. */
  reuseConnections?: boolean;
}

/** Who is asking, for the audit log and the ledger. */
export interface TrafficContext {
  purpose: EgressPurpose;
  captionId?: string | null;
  /** For translations: the exact text sent (already redacted). */
  text?: string | null;
  /** The user's explicit yes to this model download while all-local mode is on (ignored for any other purpose). */
  allowInAllLocal?: boolean;
  /**
   * What that yes covers: the model's own file URLs, exactly (publisher or mirror, path from the catalog). Under
   * all-local a consented request may go nowhere else, except a redirect to an allowed host (a publisher's CDN).
   */
  consentUrls?: readonly string[];
  /**
   * Told of every hop's response head, redirects included: a model server's integrity metadata (X-Linked-Etag,
   * X-Repo-Commit) rides on the redirect, which the caller never sees otherwise.
   */
  onResponseHead?: (head: { url: string; status: number; headers: Record<string, string | string[] | undefined> }) => void;
  /** Connect and idle deadlines for every request of this context (the cloud lane's settings). */
  timeouts?: { connectMs?: number | null; idleMs?: number | null };
}

export interface ByteCounts {
  requests: number;
  sent: number;
  received: number;
}

export type PurposeTotals = Record<EgressPurpose, ByteCounts & { blocked: number }>;

export type EgressFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** A fetch bound to one context whose byte counts can be read back (a caption's translation, over all retries). */
export interface EgressScope {
  fetch: EgressFetch;
  /** Counts of the requests finished so far. */
  counts(): ByteCounts;
  /** Ends requests still open (a body nobody read), waits until their sockets closed, returns the final counts. */
  close(): Promise<ByteCounts>;
}

export interface Egress {
  /** Same signature as global fetch; purpose 'other'. */
  fetch: EgressFetch;
  scope(context: TrafficContext): EgressScope;
  /** Throws the typed refusal a request to this URL would get, without connecting. */
  check(url: string | URL): void;
  /** Totals per purpose since start. */
  totals(): PurposeTotals;
  /**
   * Checks every request still open against the policy as it stands now and ends those it refuses (all-local was
   * just switched on): nothing started before the switch goes on after it. Returns how many were ended.
   */
  refuseInFlight(): number;
  /** Closes idle kept-alive connections (shutdown). */
  close(): void;
}
