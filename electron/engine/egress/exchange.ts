import http from 'node:http';
import https from 'node:https';
import type { EgressOutcome } from './audit';
import { abortReason, type Hop } from './fetch-input';
import { outcomeOf } from './outcome';
import { meterSocket, type SocketMeter, type WireCounts } from './socket-meter';

/**
 * One HTTP request on a socket of its own (agent: false), so the socket's counters belong to this
 * request alone and are exact: request line + headers + body, response likewise.
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

export interface ExchangeOptions {
  /** Trusted CA certificates replacing Node's default list; null = the defaults. */
  ca: string[] | null;
  signal: AbortSignal | null;
}

export function startExchange(hop: Hop, { ca, signal }: ExchangeOptions): Exchange {
  let req: http.ClientRequest;
  try {
    req = (hop.url.protocol === 'https:' ? https : http).request(hop.url, { method: hop.method, headers: wireHeaders(hop), agent: false, ...(ca ? { ca } : {}) });
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
    const failure = abortedWith ?? error;
    settle({ ...(meter?.settle() ?? { sent: 0, received: 0 }), status: res?.statusCode ?? null, outcome: outcomeOf(failure, abortedWith !== null), error: failure });
  };
  const abort = (reason: Error): void => {
    abortedWith ??= reason;
    req.destroy(reason);
  };
  const onSignal = (): void => abort(abortReason(signal!));
  const response = new Promise<http.IncomingMessage>((resolve, reject) => {
    req.on('socket', (socket) => (meter = meterSocket(socket)));
    req.on('error', (error) => {
      reject(withoutServerBytes(error));
      finish(error);
    });
    req.on('close', () => finish(res && !res.complete ? responseCutShort() : null));
    req.on('response', (incoming) => {
      res = incoming;
      incoming.on('error', (error) => finish(error));
      // A body still being written (the server answered early) keeps counting until the socket closes.
      incoming.on('end', () => (req.socket?.writableLength ? undefined : finish(null)));
      resolve(incoming);
    });
  });
  if (signal?.aborted) onSignal();
  else signal?.addEventListener('abort', onSignal, { once: true });
  req.end(hop.body ?? undefined);
  return { response, result, abort };
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
