import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { ActionableError, originOf, WsCloseCode, WS_PATH } from '../../contract';
import type { EngineApp } from '../app/types';
import { serveStatic } from './static-files';
import { checkUpgrade, refuseUpgrade } from './upgrade-check';
import { ClientSession } from './ws-client';

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

/** The built renderer when there is one; otherwise the host only speaks WebSocket. */
function createPageServer(staticDir: string | undefined): http.Server {
  return http.createServer((req, res) => {
    if (!staticDir) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Sotto dev host: WebSocket only');
      return;
    }
    serveStatic(staticDir, req, res).catch(() => res.destroy());
  });
}

/** Listens on 127.0.0.1 only and resolves with the port, or rejects with what to do. */
function listenOnLoopback(server: http.Server, port: number): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      const action = err.code === 'EADDRINUSE' ? 'Choose another port, or stop the program using it.' : 'Check the port number and try again.';
      reject(new WsHostError('listen_failed', `The Sotto dev host could not listen on 127.0.0.1:${port}: ${err.code ?? err.message}`, action));
    });
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
}

/** Closes the clients ("going away") and the server, once however often it is called. */
function closer(server: http.Server, wss: WebSocketServer): () => Promise<void> {
  let closing: Promise<void> | null = null;
  return () =>
    (closing ??= new Promise<void>((resolve) => {
      for (const ws of wss.clients) ws.close(WsCloseCode.goingAway, 'Host closing.');
      wss.close();
      server.close(() => resolve());
      server.closeAllConnections();
      // Clients that ignore the close handshake must not keep the server open.
      setTimeout(() => {
        for (const ws of wss.clients) ws.terminate();
      }, 1000).unref();
    }));
}

const originsOf = (origins: readonly string[]): Set<string> => new Set(origins.map(originOf).filter((o): o is string => o !== null));

/**
 * The development/e2e transport: the same contract as Electron IPC, over one WebSocket on
 * 127.0.0.1. Every call and event is validated with the contract's schemas on this side,
 * and again by the browser adapter.
 */
export async function startWsHost(app: EngineApp, options: WsHostOptions = {}): Promise<WsHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const context = { app, token, helloTimeoutMs: options.helloTimeoutMs ?? 5000, authed: new Set<WebSocket>() };
  const allowedOrigins = originsOf(options.allowedOrigins ?? []);
  const server = createPageServer(options.staticDir);
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const verdict = checkUpgrade(req, token, allowedOrigins);
    if (!verdict.ok) refuseUpgrade(socket, verdict);
    else wss.handleUpgrade(req, socket, head, (ws) => new ClientSession(ws, context, verdict.preAuthed));
  });

  const port = await listenOnLoopback(server, options.port ?? 0);
  const origin = `http://127.0.0.1:${port}`;
  if (options.staticDir) {
    allowedOrigins.add(origin);
    allowedOrigins.add(`http://localhost:${port}`);
  }
  return {
    url: `ws://127.0.0.1:${port}${WS_PATH}`,
    origin,
    pageUrl: options.staticDir ? `${origin}/` : null,
    port,
    token,
    clientCount: () => context.authed.size,
    close: closer(server, wss),
  };
}
