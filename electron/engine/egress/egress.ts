import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import tls from 'node:tls';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { appendAuditRecord, type AuditRecord, type EgressPurpose } from './audit';
import { EgressBadUrlError, EgressBlockedError, EgressHostRefusedError } from './errors';

/**
 * The one way out of the process for data. Every outbound HTTP request (openai SDK, model
 * downloader, endpoint check) goes through `fetch` from here, which
 *  - refuses everything in all-local mode BEFORE any socket exists,
 *  - refuses hosts the user did not configure,
 *  - performs the request itself over node:http(s) with a fresh socket per request, so the byte
 *    counts are the socket's own (request line + headers + body, response likewise) — exact, not
 *    estimated from undici's hidden headers. Over https these are the HTTP bytes inside TLS (what
 *    the server's HTTP layer reads); TLS framing and handshake are not counted,
 *  - appends one audit line per request and tallies bytes per purpose for the ledger.
 */

/**
 * The hosts a user's settings allow: the translation endpoint and the model mirror, plus any
 * fixed hosts the caller adds (the model catalog's publisher). Nothing else is reachable.
 */
export function allowedHostsFor(settings: { cloud: { baseUrl: string }; modelMirror: string }, extra: readonly string[] = []): string[] {
  const hosts = new Set(extra.map((h) => h.toLowerCase()));
  for (const raw of [settings.cloud.baseUrl, settings.modelMirror]) {
    if (!raw) continue;
    try {
      hosts.add(new URL(raw).host.toLowerCase());
    } catch {
      // An invalid URL allows nothing; settings validation reports it.
    }
  }
  return [...hosts];
}

/**
 * An allow-list entry is a host ("api.openai.com", "localhost:11434") or, starting with a dot, a
 * domain suffix (".hf.co": the CDN hosts a model download is redirected to).
 */
export function hostAllowed(url: URL, allowedHosts: readonly string[]): boolean {
  const host = url.host.toLowerCase();
  const hostname = url.hostname.toLowerCase();
  return allowedHosts.some((entry) => {
    const e = entry.toLowerCase();
    return e.startsWith('.') ? hostname.endsWith(e) && hostname.length > e.length : e === host || e === hostname;
  });
}

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
}

/** Who is asking, for the audit log and the ledger. */
export interface TrafficContext {
  purpose: EgressPurpose;
  captionId?: string | null;
  /** For translations: the exact text sent (already redacted). */
  text?: string | null;
  /** The user's explicit yes to this model download while all-local mode is on (ignored for any other purpose). */
  allowInAllLocal?: boolean;
}

export interface ByteCounts {
  requests: number;
  sent: number;
  received: number;
}

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
  totals(): Record<EgressPurpose, ByteCounts & { blocked: number }>;
}

const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);
const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);

/** One request's socket; `finish` runs once when it is over, whatever way it ended. */
interface OpenRequest {
  abort(reason: Error): void;
  done: Promise<void>;
}

export function createEgress(options: EgressOptions): Egress {
  const maxRedirects = options.maxRedirects ?? 5;
  const trustedCa = options.ca?.length ? [...tls.rootCertificates, ...options.ca] : null;
  const purposes: EgressPurpose[] = ['translation', 'endpoint-check', 'model-download', 'other'];
  const totals = Object.fromEntries(purposes.map((p) => [p, { requests: 0, sent: 0, received: 0, blocked: 0 }])) as ReturnType<Egress['totals']>;

  function record(rec: AuditRecord): void {
    const t = totals[rec.purpose];
    if (rec.blocked) t.blocked++;
    else {
      t.requests++;
      t.sent += rec.bytes_sent;
      t.received += rec.bytes_received;
    }
    if (options.auditLogPath) {
      try {
        appendAuditRecord(options.auditLogPath, rec);
      } catch (error) {
        options.onAuditError?.(error as Error);
      }
    }
    try {
      options.onTraffic?.(rec);
    } catch (error) {
      options.onAuditError?.(error as Error);
    }
  }

  function refusal(url: URL, ctx: TrafficContext | null): { blocked: 'all-local' | 'host-not-allowed'; error: Error } | null {
    // In all-local mode only a model download the user said yes to may pass (models are public files).
    const consented = ctx?.purpose === 'model-download' && ctx.allowInAllLocal === true;
    if (options.allLocal() && !consented) return { blocked: 'all-local', error: new EgressBlockedError(url.host) };
    if (!hostAllowed(url, options.allowedHosts())) {
      return { blocked: 'host-not-allowed', error: new EgressHostRefusedError(url.host) };
    }
    return null;
  }

  function parseUrl(raw: string): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new EgressBadUrlError(raw);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new EgressBadUrlError(raw);
    return url;
  }

  function baseRecord(ctx: TrafficContext, method: string, url: URL): AuditRecord {
    return {
      time: new Date().toISOString(),
      purpose: ctx.purpose,
      caption_id: ctx.captionId ?? null,
      method,
      host: url.host,
      path: url.pathname,
      status: null,
      bytes_sent: 0,
      bytes_received: 0,
      blocked: null,
      error: null,
      text: ctx.purpose === 'translation' ? (ctx.text ?? null) : null,
    };
  }

  /** One HTTP exchange on a fresh socket; resolves with the response head, counts bytes until the body ends. */
  function exchange(
    ctx: TrafficContext,
    url: URL,
    method: string,
    headers: Record<string, string>,
    body: Buffer | null,
    signal: AbortSignal | null,
    onDone: (counts: { sent: number; received: number }) => void,
    track: (req: OpenRequest) => void,
  ): Promise<http.IncomingMessage> {
    const rec = baseRecord(ctx, method, url);
    return new Promise((resolve, reject) => {
      let socket: Socket | null = null;
      let finished = false;
      let resolveDone!: () => void;
      const done = new Promise<void>((r) => (resolveDone = r));
      const finish = (error: Error | null): void => {
        if (finished) return;
        finished = true;
        signal?.removeEventListener('abort', onAbort);
        rec.bytes_sent = socket?.bytesWritten ?? 0;
        rec.bytes_received = socket?.bytesRead ?? 0;
        if (error) rec.error = error.message;
        record(rec);
        onDone({ sent: rec.bytes_sent, received: rec.bytes_received });
        resolveDone();
      };
      const lib = url.protocol === 'https:' ? https : http;
      // agent: false → a fresh socket per request, so its counters belong to this request alone.
      const req = lib.request(url, { method, headers, agent: false, ...(trustedCa ? { ca: trustedCa } : {}) });
      const onAbort = (): void => {
        const reason = signal?.reason instanceof Error ? signal.reason : new DOMException('The operation was aborted.', 'AbortError');
        req.destroy(reason);
      };
      track({ abort: (reason) => req.destroy(reason), done });
      req.on('socket', (s) => (socket = s));
      req.on('error', (error) => {
        reject(error);
        finish(error);
      });
      req.on('close', () => finish(null));
      req.on('response', (res) => {
        rec.status = res.statusCode ?? null;
        res.on('error', (error) => finish(error));
        res.on('end', () => {
          // The socket may still be open for a moment; the response is complete, so its counters are final.
          finish(null);
        });
        resolve(res);
      });
      if (signal) {
        if (signal.aborted) onAbort();
        else signal.addEventListener('abort', onAbort, { once: true });
      }
      req.end(body ?? undefined);
    });
  }

  function makeFetch(ctx: TrafficContext, onDone: (c: { sent: number; received: number }) => void, track: (r: OpenRequest) => void): EgressFetch {
    return async (input, init) => {
      const request = input instanceof Request ? input : null;
      let url = parseUrl(request ? request.url : String(input));
      let method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
      const signal = init?.signal ?? request?.signal ?? null;
      const headers = new Headers(request?.headers);
      new Headers(init?.headers).forEach((value, key) => headers.set(key, value));

      // Serialize the body once, like fetch would (string, bytes, Blob, FormData, stream, ...).
      let body: Buffer | null = null;
      const rawBody = init?.body ?? (request?.body ? request.clone().body : null);
      if (rawBody != null && method !== 'GET' && method !== 'HEAD') {
        const asResponse = new Response(rawBody as BodyInit);
        body = Buffer.from(await asResponse.arrayBuffer());
        const type = asResponse.headers.get('content-type');
        if (type && !headers.has('content-type')) headers.set('content-type', type);
      }

      for (let hop = 0; ; hop++) {
        const refused = refusal(url, ctx);
        if (refused) {
          record({ ...baseRecord(ctx, method, url), blocked: refused.blocked, error: refused.error.message });
          throw refused.error;
        }
        signal?.throwIfAborted();
        const head: Record<string, string> = {};
        headers.forEach((value, key) => (head[key] = value));
        if (body) head['content-length'] = String(body.length);
        else delete head['content-length'];
        const res = await exchange(ctx, url, method, head, body, signal, onDone, track);
        const status = res.statusCode ?? 0;
        const location = res.headers.location;
        const redirect = init?.redirect ?? 'follow';
        if (REDIRECT_STATUS.has(status) && location && redirect === 'follow' && hop < maxRedirects) {
          res.resume(); // drain, so the hop's counters complete
          const next = parseUrl(new URL(location, url).href);
          if (next.origin !== url.origin) headers.delete('authorization'); // never carry a key to another host
          if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) {
            method = 'GET';
            body = null;
            headers.delete('content-type');
          }
          url = next;
          continue;
        }
        return toResponse(res, url, method, signal);
      }
    };
  }

  function toResponse(res: http.IncomingMessage, url: URL, method: string, signal: AbortSignal | null): Response {
    const headers = new Headers();
    for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) headers.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
    const status = res.statusCode ?? 0;
    let body: Readable | null = res;
    if (method === 'HEAD' || NULL_BODY_STATUS.has(status)) {
      res.resume();
      body = null;
    } else {
      // We send no Accept-Encoding, but a server may compress anyway: decode like fetch does (bytes are counted raw).
      const encoding = (res.headers['content-encoding'] ?? '').toLowerCase().trim();
      const decoder = encoding === 'gzip' || encoding === 'x-gzip' ? zlib.createGunzip() : encoding === 'deflate' ? zlib.createInflate() : encoding === 'br' ? zlib.createBrotliDecompress() : null;
      if (decoder) {
        res.on('error', (e) => decoder.destroy(e));
        body = res.pipe(decoder);
        headers.delete('content-encoding');
        headers.delete('content-length');
      }
    }
    const response = new Response(body ? webStream(body, signal) : null, {
      status,
      statusText: res.statusMessage ?? '',
      headers,
    });
    Object.defineProperty(response, 'url', { value: url.href });
    return response;
  }

  /**
   * Node stream → web stream that pulls on demand (nothing buffered ahead) and errors with the
   * signal's reason on abort, like fetch does even when the bytes already arrived.
   */
  function webStream(body: Readable, signal: AbortSignal | null): ReadableStream<Uint8Array> {
    const iterator = body[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    return new ReadableStream<Uint8Array>(
      {
        start(controller) {
          if (!signal) return;
          const onAbort = (): void => {
            const reason = signal.reason instanceof Error ? signal.reason : new DOMException('The operation was aborted.', 'AbortError');
            controller.error(reason);
            body.destroy(reason);
          };
          if (signal.aborted) onAbort();
          else signal.addEventListener('abort', onAbort, { once: true });
          body.once('close', () => signal.removeEventListener('abort', onAbort));
        },
        async pull(controller) {
          try {
            const { value, done } = await iterator.next();
            if (done) controller.close();
            else controller.enqueue(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
          } catch (error) {
            controller.error(error);
          }
        },
        cancel(reason) {
          body.destroy(reason instanceof Error ? reason : undefined);
        },
      },
      { highWaterMark: 0 },
    );
  }

  function scope(context: TrafficContext): EgressScope {
    const counts: ByteCounts = { requests: 0, sent: 0, received: 0 };
    const open = new Set<OpenRequest>();
    const fetch = makeFetch(
      context,
      (c) => {
        counts.requests++;
        counts.sent += c.sent;
        counts.received += c.received;
      },
      (req) => {
        open.add(req);
        void req.done.then(() => open.delete(req));
      },
    );
    return {
      fetch,
      counts: () => ({ ...counts }),
      async close() {
        const pending = [...open];
        for (const req of pending) req.abort(new Error('request closed by its caller'));
        await Promise.all(pending.map((r) => r.done));
        return { ...counts };
      },
    };
  }

  const general = scope({ purpose: 'other' });
  return {
    fetch: general.fetch,
    scope,
    check(raw) {
      const refused = refusal(parseUrl(String(raw)), null);
      if (refused) throw refused.error;
    },
    totals: () => structuredClone(totals),
  };
}
