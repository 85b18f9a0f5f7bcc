import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { originOf, WS_PATH } from '../../contract';

/** Constant-time comparison: the token is the only secret between the page and the host. */
export function sameToken(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export type UpgradeVerdict =
  | { ok: true; /** The URL carried the right token: no hello needed. */ preAuthed: boolean }
  | { ok: false; status: number; reason: string; body: string };

/** Who may open the socket: the right path, an allowed page origin, and no wrong token in the URL. */
export function checkUpgrade(req: Pick<IncomingMessage, 'url' | 'headers'>, token: string, allowedOrigins: ReadonlySet<string>): UpgradeVerdict {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname !== WS_PATH) return { ok: false, status: 404, reason: 'Not Found', body: `Connect to ${WS_PATH}.` };
  // Browsers always send Origin; a page from any other site must not drive the engine.
  const origin = typeof req.headers.origin === 'string' ? originOf(req.headers.origin) : null;
  if (!origin || !allowedOrigins.has(origin)) {
    return { ok: false, status: 403, reason: 'Forbidden', body: `Origin ${req.headers.origin ?? '(none)'} is not allowed to connect to this Sotto host.` };
  }
  const queryToken = url.searchParams.get('token');
  if (queryToken !== null && !sameToken(token, queryToken)) return { ok: false, status: 401, reason: 'Unauthorized', body: 'Wrong token.' };
  return { ok: true, preAuthed: queryToken !== null };
}

/** Answers a refused upgrade with a plain HTTP status, then hangs up. */
export function refuseUpgrade(socket: Duplex, verdict: Extract<UpgradeVerdict, { ok: false }>): void {
  const { status, reason, body } = verdict;
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}
