import { ActionableError } from '../errors';
import http from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket } from 'ws';
import { EngineEvent, WsClientMessage, WsCloseCode, WS_PATH, type WsServerMessage } from '../../contract';
import type { EngineApp } from '../app/types';
import { dispatchInvoke, describeZodError } from './dispatch';
import { serveStatic } from './static-files';

export interface WsHostOptions {
  /** 0 or absent: a random free port. */
  port?: number;
  /** Page origins allowed to connect (e.g. the Vite dev server's). The host's own origin is added when it serves `staticDir`. */
  allowedOrigins?: string[];
  /** Serve this folder (the built renderer) on the same origin as the socket, so CSP `connect-src 'self'` holds. */
  staticDir?: string;
  /** Fixed token (tests); a random one otherwise. */
  token?: string;
  /** How long a new connection may take to say hello before it is closed. */
  helloTimeoutMs?: number;
}

export interface WsHost {
  /** ws://127.0.0.1:<port>/sotto */
  url: string;
  /** http://127.0.0.1:<port> */
  origin: string;
  /** The page to open when `staticDir` is served, else null. The token is NOT in it: pass it separately. */
  pageUrl: string | null;
  port: number;
  token: string;
  /** Number of authenticated clients (for tests and the dev script's log). */
  clientCount(): number;
  /** Closes every client and the server; the EngineApp stays alive (its owner disposes it). */
  close(): Promise<void>;
}

/** The host could not start (port taken, ...). */
export class WsHostError extends ActionableError<'listen_failed'> {}

// mic.level arrives ~10×/s; a stalled client should not make the host buffer them without end.
const MAX_BUFFERED_FOR_LEVELS = 256 * 1024;

function sameToken(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

function normalizeOrigin(origin: string): string | null {
  try {
    return new URL(origin).origin;
  } catch {
    return null;
  }
}

function refuseUpgrade(socket: Duplex, status: number, reason: string, body: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}

/**
 * The development/e2e transport: the same contract as Electron IPC, over one WebSocket on
 * 127.0.0.1. Every call and event is validated with the contract's schemas on this side,
 * and again by the browser adapter.
 */
export async function startWsHost(app: EngineApp, options: WsHostOptions = {}): Promise<WsHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const helloTimeoutMs = options.helloTimeoutMs ?? 5000;
  const staticDir = options.staticDir;
  const authed = new Set<WebSocket>();
  const allowedOrigins = new Set<string>();
  for (const o of options.allowedOrigins ?? []) {
    const n = normalizeOrigin(o);
    if (n) allowedOrigins.add(n);
  }

  const server = http.createServer((req, res) => {
    if (!staticDir) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Sotto dev host: WebSocket only');
      return;
    }
    serveStatic(staticDir, req, res).catch(() => res.destroy());
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });

  const send = (ws: WebSocket, message: WsServerMessage): void => {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
  };

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== WS_PATH) {
      refuseUpgrade(socket, 404, 'Not Found', `Connect to ${WS_PATH}.`);
      return;
    }
    // Browsers always send Origin; a page from any other site must not drive the engine.
    const origin = typeof req.headers.origin === 'string' ? normalizeOrigin(req.headers.origin) : null;
    if (!origin || !allowedOrigins.has(origin)) {
      refuseUpgrade(socket, 403, 'Forbidden', `Origin ${req.headers.origin ?? '(none)'} is not allowed to connect to this Sotto host.`);
      return;
    }
    const queryToken = url.searchParams.get('token');
    if (queryToken !== null && !sameToken(token, queryToken)) {
      refuseUpgrade(socket, 401, 'Unauthorized', 'Wrong token.');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, queryToken !== null));
  });

  function onConnection(ws: WebSocket, preAuthed: boolean): void {
    let isAuthed = false;
    let unsubscribe: (() => void) | null = null;
    const admit = (): void => {
      isAuthed = true;
      authed.add(ws);
      send(ws, { kind: 'welcome' });
      // Each window subscribes for itself: the engine then replays its current status and the notices
      // raised before anyone listened (a reset settings file) to this window too.
      unsubscribe = app.onEvent((event) => forward(ws, event));
    };
    const helloTimer = setTimeout(() => {
      if (!isAuthed) ws.close(WsCloseCode.unauthorized, 'No hello with a token in time.');
    }, helloTimeoutMs);
    helloTimer.unref();
    if (preAuthed) admit();

    ws.on('close', () => {
      clearTimeout(helloTimer);
      authed.delete(ws);
      unsubscribe?.();
    });
    ws.on('error', () => ws.terminate());
    ws.on('message', (data, isBinary) => {
      let json: unknown;
      try {
        json = isBinary ? undefined : JSON.parse(data.toString());
      } catch {
        json = undefined;
      }
      const parsed = WsClientMessage.safeParse(json);
      if (!parsed.success) {
        if (!isAuthed) {
          ws.close(WsCloseCode.unauthorized, 'The first message must be a hello with the token.');
          return;
        }
        send(ws, {
          kind: 'reply',
          reply: {
            id: -1,
            ok: false,
            error: {
              code: 'bad_message',
              message: `The host could not read a message: ${json === undefined ? 'not JSON text' : describeZodError(parsed.error)}`,
              action: 'This is a bug in the UI transport; reload the window.',
            },
          },
        });
        return;
      }
      const message = parsed.data;
      if (message.kind === 'hello') {
        if (sameToken(token, message.token)) {
          clearTimeout(helloTimer);
          if (!isAuthed) admit();
          else send(ws, { kind: 'welcome' });
        } else {
          ws.close(WsCloseCode.unauthorized, 'Wrong token.');
        }
        return;
      }
      if (!isAuthed) {
        ws.close(WsCloseCode.unauthorized, 'Say hello with the token before calling commands.');
        return;
      }
      void dispatchInvoke(app, message).then((reply) => send(ws, { kind: 'reply', reply }));
    });
  }

  /** Validates an engine event against the contract (a bad one becomes a visible error) and sends it. */
  function forward(ws: WebSocket, event: unknown): void {
    const parsed = EngineEvent.safeParse(event);
    const outgoing: EngineEvent = parsed.success
      ? parsed.data
      : {
          type: 'error',
          code: 'invalid_event',
          message: `The engine produced an event the UI cannot show: ${describeZodError(parsed.error)}`,
          action: 'This is a bug in Sotto; please report it with this message.',
          recoverable: true,
          caption_id: null,
        };
    if (ws.readyState !== WebSocket.OPEN) return;
    // A slow client skips level-meter updates rather than queueing them without bound.
    if (outgoing.type === 'mic.level' && ws.bufferedAmount > MAX_BUFFERED_FOR_LEVELS) return;
    send(ws, { kind: 'event', event: outgoing });
  }

  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      reject(
        new WsHostError(
          'listen_failed',
          `The Sotto dev host could not listen on 127.0.0.1:${options.port ?? 0}: ${err.code ?? err.message}`,
          err.code === 'EADDRINUSE' ? 'Choose another port, or stop the program using it.' : 'Check the port number and try again.',
        ),
      );
    });
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });

  const origin = `http://127.0.0.1:${port}`;
  if (staticDir) {
    allowedOrigins.add(origin);
    allowedOrigins.add(`http://localhost:${port}`);
  }

  let closing: Promise<void> | null = null;
  return {
    url: `ws://127.0.0.1:${port}${WS_PATH}`,
    origin,
    pageUrl: staticDir ? `${origin}/` : null,
    port,
    token,
    clientCount: () => authed.size,
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const ws of wss.clients) ws.close(WsCloseCode.goingAway, 'Host closing.');
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
        // Clients that ignore the close handshake must not keep the server open.
        setTimeout(() => {
          for (const ws of wss.clients) ws.terminate();
        }, 1000).unref();
      });
      return closing;
    },
  };
}
