import {
  commands,
  EngineEvent,
  isCommandName,
  WsCloseCode,
  WsServerMessage,
  WS_PATH,
  type CommandName,
  type CommandRequest,
  type CommandResponse,
  type SottoApi,
  type WsClientMessage,
} from '../contract';
import { SottoCommandError } from './errors';

/** The part of the WebSocket API the adapter uses (the browser's, or `ws` in Node tests). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'close', listener: (event: { code: number; reason: string }) => void): void;
  addEventListener(type: 'error', listener: () => void): void;
}

export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'unauthorized' | 'closed';

export interface WsAdapterOptions {
  url: string;
  token: string;
  /** Defaults to the browser's WebSocket. */
  createSocket?: (url: string) => SocketLike;
  /** First reconnect delay; doubles up to maxBackoffMs, with jitter. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** How long a call made while disconnected waits for the connection before it fails. */
  waitForConnectionMs?: number;
}

export interface WsAdapter extends SottoApi {
  readonly state: ConnectionState;
  /** Called with every state change; returns an unsubscribe function. */
  onConnection(listener: (state: ConnectionState) => void): () => void;
  /** Closes for good: pending calls fail, no reconnect. */
  close(): void;
}

const OPEN = 1;

const RECONNECT_ACTION = 'Sotto reconnects to the engine by itself; try again in a moment. If it does not come back, restart the dev host (npm run dev:web).';

interface Pending {
  command: CommandName;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/**
 * SottoApi over the dev host's WebSocket. Validates every request before sending and every
 * response and event on arrival (the host validates too: neither side trusts the other),
 * reconnects with exponential backoff, and fails in-flight calls clearly when the socket drops.
 */
export function createWsAdapter(options: WsAdapterOptions): WsAdapter {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
  const initialBackoff = options.initialBackoffMs ?? 250;
  const maxBackoff = options.maxBackoffMs ?? 5000;
  const waitMs = options.waitForConnectionMs ?? 10_000;

  const listeners = new Set<(event: EngineEvent) => void>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  const inFlight = new Map<number, Pending>();
  /** Calls made while not connected: sent once the host says welcome. */
  const waiting: Array<{ message: WsClientMessage & { kind: 'invoke' }; pending: Pending; timer: ReturnType<typeof setTimeout> }> = [];
  let nextId = 1;
  let attempt = 0;
  let state: ConnectionState = 'connecting';
  let socket: SocketLike | null = null;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;

  const setState = (next: ConnectionState): void => {
    if (state === next) return;
    state = next;
    for (const l of connectionListeners) l(next);
  };

  const deliver = (event: EngineEvent): void => {
    for (const l of listeners) {
      try {
        l(event);
      } catch (err) {
        // One broken listener must not starve the others.
        console.error('Sotto event listener failed', err);
      }
    }
  };

  const failAll = (code: string, message: (command: string) => string, action: string): void => {
    for (const [id, p] of inFlight) {
      inFlight.delete(id);
      p.reject(new SottoCommandError({ code, message: message(p.command), action }));
    }
  };
  const failWaiting = (code: string, message: (command: string) => string, action: string): void => {
    for (const w of waiting.splice(0)) {
      clearTimeout(w.timer);
      w.pending.reject(new SottoCommandError({ code, message: message(w.pending.command), action }));
    }
  };

  const onMessage = (data: unknown): void => {
    let parsed;
    try {
      parsed = WsServerMessage.safeParse(JSON.parse(String(data)));
    } catch {
      parsed = null;
    }
    if (!parsed?.success) {
      deliver({ type: 'error', code: 'bad_message', message: 'The engine sent a message the window could not read.', action: 'Reload the window. If it keeps happening, restart the dev host.', recoverable: true, caption_id: null });
      return;
    }
    const msg = parsed.data;
    if (msg.kind === 'welcome') {
      attempt = 0;
      setState('open');
      for (const w of waiting.splice(0)) {
        clearTimeout(w.timer);
        transmit(w.message, w.pending);
      }
      return;
    }
    if (msg.kind === 'event') {
      const event = EngineEvent.safeParse(msg.event);
      deliver(
        event.success
          ? event.data
          : { type: 'error', code: 'invalid_event', message: `The engine sent an event that breaks the contract: ${event.error.issues[0]?.message ?? 'invalid'}.`, action: 'Update Sotto so the window and the engine are the same version.', recoverable: true, caption_id: null },
      );
      return;
    }
    const reply = msg.reply;
    const pending = inFlight.get(reply.id);
    if (!pending) return;
    inFlight.delete(reply.id);
    if (!reply.ok) {
      pending.reject(new SottoCommandError(reply.error));
      return;
    }
    const response = commands[pending.command].response.safeParse(reply.response);
    if (response.success) pending.resolve(response.data);
    else
      pending.reject(
        new SottoCommandError({ code: 'invalid_response', message: `The engine answered ${pending.command} with data the window cannot use.`, action: 'Update Sotto so the window and the engine are the same version.' }),
      );
  };

  function transmit(message: WsClientMessage & { kind: 'invoke' }, pending: Pending): void {
    inFlight.set(message.id, pending);
    socket!.send(JSON.stringify(message));
  }

  function connect(): void {
    reconnectTimer = null;
    let ws: SocketLike;
    try {
      ws = createSocket(options.url);
    } catch (err) {
      // A malformed URL never gets better by retrying: stop, and say what to do.
      setState('closed');
      const message = `Cannot open a connection to ${options.url}: ${err instanceof Error ? err.message : String(err)}`;
      failWaiting('bad_url', () => message, 'Open the link the dev host printed.');
      deliver({ type: 'error', code: 'bad_url', message, action: 'Open the link the dev host printed.', recoverable: false, caption_id: null });
      return;
    }
    socket = ws;
    ws.addEventListener('open', () => ws.send(JSON.stringify({ kind: 'hello', token: options.token } satisfies WsClientMessage)));
    ws.addEventListener('message', (event) => {
      if (socket === ws) onMessage(event.data);
    });
    ws.addEventListener('error', () => undefined); // a 'close' always follows; handled there
    ws.addEventListener('close', (event) => {
      if (socket !== ws) return;
      socket = null;
      failAll('disconnected', (c) => `The connection to the Sotto engine dropped while running ${c}.`, RECONNECT_ACTION);
      if (state === 'closed') return;
      if (event.code === WsCloseCode.unauthorized) {
        setState('unauthorized');
        failWaiting('unauthorized', (c) => `The engine refused ${c}: this window's token is wrong or missing.`, 'Open the link the dev host printed; it carries the token.');
        return;
      }
      setState('reconnecting');
      const delay = Math.min(maxBackoff, initialBackoff * 2 ** attempt) * (0.5 + Math.random() / 2);
      attempt += 1;
      reconnectTimer = setTimeout(connect, delay);
    });
  }

  connect();

  return {
    get state() {
      return state;
    },
    invoke<K extends CommandName>(command: K, request: CommandRequest<K>): Promise<CommandResponse<K>> {
      return new Promise((resolve, reject) => {
        if (!isCommandName(command)) {
          reject(new SottoCommandError({ code: 'unknown_command', message: `"${String(command)}" is not a Sotto command.`, action: 'This is a bug in the window; reload it.' }));
          return;
        }
        const req = commands[command].request.safeParse(request);
        if (!req.success) {
          const issue = req.error.issues[0];
          reject(new SottoCommandError({ code: 'invalid_request', message: `Invalid ${command} request: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}`, action: 'Check the values you entered and try again.' }));
          return;
        }
        if (state === 'closed' || state === 'unauthorized') {
          reject(new SottoCommandError({ code: state === 'closed' ? 'disconnected' : 'unauthorized', message: `Not connected to the Sotto engine, so ${command} was not sent.`, action: state === 'closed' ? 'Reload the window.' : 'Open the link the dev host printed; it carries the token.' }));
          return;
        }
        const pending: Pending = { command, resolve: resolve as (v: unknown) => void, reject };
        const message = { kind: 'invoke' as const, id: nextId++, command, request: req.data };
        if (state === 'open' && socket && socket.readyState === OPEN) {
          transmit(message, pending);
          return;
        }
        const timer = setTimeout(() => {
          const idx = waiting.findIndex((w) => w.pending === pending);
          if (idx >= 0) waiting.splice(idx, 1);
          reject(new SottoCommandError({ code: 'disconnected', message: `Could not reach the Sotto engine to run ${command}.`, action: RECONNECT_ACTION }));
        }, waitMs);
        waiting.push({ message, pending, timer });
      });
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
    close() {
      setState('closed');
      if (reconnectTimer) clearTimeout(reconnectTimer);
      failAll('disconnected', (c) => `The window closed its connection while running ${c}.`, 'Reload the window.');
      failWaiting('disconnected', (c) => `The window closed its connection before ${c} was sent.`, 'Reload the window.');
      const ws = socket;
      socket = null;
      ws?.close(1000, 'Window closed.');
    },
  };
}

/** Where the dev host is: an injected global, or `?ws=...&token=...` / `#token=...` on the page URL (same-origin socket by default). */
export function wsConfigFromPage(location: { href: string }, injected?: unknown): { url: string; token: string } | null {
  if (injected && typeof injected === 'object') {
    const g = injected as { url?: unknown; token?: unknown };
    if (typeof g.url === 'string' && typeof g.token === 'string') return { url: g.url, token: g.token };
  }
  const page = new URL(location.href);
  const hash = new URLSearchParams(page.hash.replace(/^#/, ''));
  const token = page.searchParams.get('token') ?? hash.get('token');
  if (!token) return null;
  const explicit = page.searchParams.get('ws') ?? hash.get('ws');
  const url = explicit ?? `${page.protocol === 'https:' ? 'wss:' : 'ws:'}//${page.host}${WS_PATH}`;
  return { url, token };
}
