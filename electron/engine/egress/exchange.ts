import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import type { EgressOutcome } from './audit';
import type { Connections } from './connections';
import { EgressTimeoutError } from './errors';
import { abortReason, type Hop } from './fetch-input';
import { outcomeOf } from './outcome';
import { meterSocket, type SocketMeter, type WireCounts } from './socket-meter';

/**
 * One HTTP request, counted exactly on its socket: a fresh socket from the moment it connected, a kept-alive one
 * from the moment this request got it (per-request deltas), so each request's counts are its own: request line +
 * headers + body, response likewise (over TLS, the records on the wire, the handshake on the request that opened
 * the connection).
 */

export interface ExchangeResult extends WireCounts {
  status: number | null;
  outcome: EgressOutcome;
  error: Error | null;
}

export interface Exchange {
  /** The response head; rejects when none came (refused, reset, aborted, …). */
  response: Promise<http.IncomingMessage>;
  /** Settles exactly once, when the exchange is over whichever way it ended; never rejects. */
  result: Promise<ExchangeResult>;
  /** Ends the exchange now; `reason` becomes its error. */
  abort(reason: Error): void;
}

export interface ExchangeTimeouts {
  /** The connection must be up (TCP, and TLS) within this. */
  connectMs?: number | null;
  /** The peer must send something at least this often once the request is written. */
  idleMs?: number | null;
}

export interface ExchangeOptions {
  /** Trusted CA certificates replacing Node's default list; null = the defaults (used without `connections`). */
  ca: string[] | null;
  signal: AbortSignal | null;
  /** Where sockets come from; without it a socket of its own (agent: false) whose counters are the TLS plaintext. */
  connections?: Connections | null;
  /** Keep the connection alive for the next request to the same origin. */
  keepAlive?: boolean;
  timeouts?: ExchangeTimeouts;
}

function request(hop: Hop, { ca, connections, keepAlive }: ExchangeOptions): http.ClientRequest {
  const agent = connections ? connections.agentFor(hop.url, keepAlive === true) : false;
  return (hop.url.protocol === 'https:' ? https : http).request(hop.url, { method: hop.method, headers: wireHeaders(hop), agent, ...(ca && !connections ? { ca } : {}) });
}

export function startExchange(hop: Hop, options: ExchangeOptions): Exchange {
  const { signal } = options;
  let req: http.ClientRequest;
  try {
    req = request(hop, options);
  } catch (error) {
    return failedBeforeSocket(error as Error); // e.g. a header value Node refuses to send
  }
  let meter: SocketMeter | null = null;
  let res: http.IncomingMessage | null = null;
  let abortedWith: Error | null = null;
  let finished = false;
  let settle!: (result: ExchangeResult) => void;
  const result = new Promise<ExchangeResult>((resolve) => (settle = resolve));
  // The first terminal event decides: later ones (a close after an error) change nothing.
  const finish = (error: Error | null): void => {
    if (finished) return;
    finished = true;
    signal?.removeEventListener('abort', onSignal);
    timers.stop();
    const failure = abortedWith ?? error;
    settle({ ...(meter?.settle() ?? { sent: 0, received: 0 }), status: res?.statusCode ?? null, outcome: outcomeOf(failure, abortedWith !== null), error: failure });
  };
  const abort = (reason: Error): void => {
    abortedWith ??= reason;
    req.destroy(reason);
  };
  const onSignal = (): void => abort(abortReason(signal!));
  const timers = watchTimeouts(hop.url.host, options.timeouts ?? {}, abort);
  const response = new Promise<http.IncomingMessage>((resolve, reject) => {
    req.on('socket', (socket) => {
      const reused = options.connections?.claim(socket) ?? false;
      meter = meterSocket(socket, { raw: options.connections?.rawOf(socket), reused });
      timers.onSocket(socket, reused);
    });
    req.on('error', (error) => {
      reject(withoutServerBytes(error));
      finish(error);
    });
    req.on('close', () => finish(res && !res.complete ? responseCutShort() : null));
    req.on('response', (incoming) => {
      res = incoming;
      incoming.on('error', (error) => finish(error));
      // A body still being written (the server answered early) keeps counting until the socket closes. Before
      // Node's own 'end' handler, which frees or ends the socket: a TLS close_notify belongs to no request.
      incoming.prependListener('end', () => (req.socket?.writableLength ? undefined : finish(null)));
      resolve(incoming);
    });
  });
  if (signal?.aborted) onSignal();
  else signal?.addEventListener('abort', onSignal, { once: true });
  req.end(hop.body ?? undefined);
  return { response, result, abort };
}

/**
 * A connect deadline (none for a reused connection) and an idle deadline: no byte either way for idleMs, reset by
 * every chunk, so a model still streaming is never cut.
 */
function watchTimeouts(host: string, timeouts: ExchangeTimeouts, abort: (reason: Error) => void) {
  let connectTimer: NodeJS.Timeout | null = null;
  let socketOf: Socket | null = null;
  const onIdle = (): void => abort(new EgressTimeoutError('idle', timeouts.idleMs!, host));
  return {
    onSocket(socket: Socket, reused: boolean): void {
      socketOf = socket;
      if (timeouts.idleMs) {
        socket.setTimeout(timeouts.idleMs);
        socket.on('timeout', onIdle);
      }
      if (!timeouts.connectMs || reused) return;
      connectTimer = setTimeout(() => abort(new EgressTimeoutError('connect', timeouts.connectMs!, host)), timeouts.connectMs);
      socket.once(socket instanceof TLSSocket ? 'secureConnect' : 'connect', () => connectTimer && clearTimeout(connectTimer));
    },
    // The agent sets its own idle timeout on a socket it keeps: only our listener goes.
    stop(): void {
      if (connectTimer) clearTimeout(connectTimer);
      socketOf?.off('timeout', onIdle);
    },
  };
}

/** The hop's headers as Node sends them, with the length of the body that is really sent. */
function wireHeaders(hop: Hop): Record<string, string> {
  const head: Record<string, string> = {};
  hop.headers.forEach((value, key) => (head[key] = value));
  if (hop.body) head['content-length'] = String(hop.body.length);
  else delete head['content-length'];
  return head;
}

function failedBeforeSocket(error: Error): Exchange {
  const response = Promise.reject(error);
  response.catch(() => undefined); // marked handled: the caller may abort before it awaits this
  return { response, result: Promise.resolve({ sent: 0, received: 0, status: null, outcome: outcomeOf(error, false), error }), abort: () => undefined };
}

/** The socket closed mid-body without an error event of its own (Node reports that one a tick later). */
function responseCutShort(): Error {
  return Object.assign(new Error('The connection closed before the response was complete.'), { code: 'ECONNRESET' });
}

/** Node's HTTP parse errors carry the server's raw bytes (`rawPacket`), which may echo the API key; nothing downstream needs them. */
function withoutServerBytes(error: Error): Error {
  delete (error as { rawPacket?: unknown }).rawPacket;
  return error;
}
