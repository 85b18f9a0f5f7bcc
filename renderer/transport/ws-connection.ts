import { WsCloseCode, type WsClientMessage } from '../contract';

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

export interface ConnectionOptions {
  url: string;
  token: string;
  /** Defaults to the browser's WebSocket. */
  createSocket?: (url: string) => SocketLike;
  /** First reconnect delay; doubles up to maxBackoffMs, with jitter. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
}

/** What happens to the socket, for the calls that depend on it. */
export interface ConnectionEvents {
  message(data: unknown): void;
  /** The socket dropped: calls in flight will get no reply. */
  dropped(): void;
  /** The host refused the token: the connection stops for good. */
  refused(): void;
  /** The URL cannot be opened at all: the connection stops for good. */
  unusable(message: string): void;
}

const OPEN = 1;

/** Exponential backoff with jitter (50–100 % of the step), so many windows do not reconnect in lockstep. */
export function reconnectDelay(attempt: number, initialMs: number, maxMs: number, random: () => number = Math.random): number {
  return Math.min(maxMs, initialMs * 2 ** attempt) * (0.5 + random() / 2);
}

/**
 * One socket to the dev host at a time: says hello with the token when it opens, reconnects with
 * backoff when it drops, and stops for good on a refused token, a URL that cannot be opened, or close().
 */
export class HostConnection {
  private current: ConnectionState = 'connecting';
  private socket: SocketLike | null = null;
  private attempt = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly listeners = new Set<(state: ConnectionState) => void>();
  private readonly createSocket: (url: string) => SocketLike;

  constructor(
    private readonly options: ConnectionOptions,
    private readonly events: ConnectionEvents,
  ) {
    this.createSocket = options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
    this.connect();
  }

  get state(): ConnectionState {
    return this.current;
  }

  /** Called with every state change; returns an unsubscribe function. */
  onChange(listener: (state: ConnectionState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The host accepted the token: calls may go out. */
  welcomed(): void {
    this.attempt = 0;
    this.setState('open');
  }

  isReady(): boolean {
    return this.current === 'open' && this.socket?.readyState === OPEN;
  }

  send(text: string): void {
    this.socket?.send(text);
  }

  /** Closes for good: no reconnect. */
  close(): void {
    this.setState('closed');
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const ws = this.socket;
    this.socket = null;
    ws?.close(1000, 'Window closed.');
  }

  private setState(next: ConnectionState): void {
    if (this.current === next) return;
    this.current = next;
    for (const listener of this.listeners) listener(next);
  }

  private connect(): void {
    this.reconnectTimer = null;
    let ws: SocketLike;
    try {
      ws = this.createSocket(this.options.url);
    } catch (err) {
      // A malformed URL never gets better by retrying: stop, and say what to do.
      this.setState('closed');
      this.events.unusable(`Cannot open a connection to ${this.options.url}: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    this.socket = ws;
    ws.addEventListener('open', () => ws.send(JSON.stringify({ kind: 'hello', token: this.options.token } satisfies WsClientMessage)));
    ws.addEventListener('message', (event) => {
      if (this.socket === ws) this.events.message(event.data);
    });
    ws.addEventListener('error', () => undefined); // a 'close' always follows; handled there
    ws.addEventListener('close', (event) => {
      if (this.socket === ws) this.lost(event.code);
    });
  }

  private lost(code: number): void {
    this.socket = null;
    this.events.dropped();
    if (this.current === 'closed') return;
    if (code === WsCloseCode.unauthorized) {
      this.setState('unauthorized');
      this.events.refused();
      return;
    }
    this.setState('reconnecting');
    const delay = reconnectDelay(this.attempt, this.options.initialBackoffMs ?? 250, this.options.maxBackoffMs ?? 5000);
    this.attempt += 1;
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }
}
