import { createContractClient, SottoCommandError, WsServerMessage, WS_PATH, type InvokeEnvelope, type SottoApi } from '../contract';
import { PendingCalls } from './pending-calls';
import { HostConnection, type ConnectionOptions, type ConnectionState } from './ws-connection';
import { badUrl, closedBeforeSent, closedWhileRunning, droppedWhileRunning, invalidEvent, notConnected, tokenRefused, unreachable, unreadableMessage } from './ws-failures';

export type { ConnectionState, SocketLike } from './ws-connection';

export interface WsAdapterOptions extends ConnectionOptions {
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

/** One text frame from the host → a contract message, or null when it is not one. */
function readServerMessage(data: unknown): WsServerMessage | null {
  try {
    const parsed = WsServerMessage.safeParse(JSON.parse(String(data)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * SottoApi over the dev host's WebSocket: the contract's validated client (the host validates too:
 * neither side trusts the other) on a connection that reconnects with backoff. Calls made while
 * disconnected wait for the connection; calls in flight fail clearly when the socket drops.
 */
export function createWsAdapter(options: WsAdapterOptions): WsAdapter {
  const waitMs = options.waitForConnectionMs ?? 10_000;
  const inFlight = new PendingCalls<unknown>();
  const waitingForOpen = new PendingCalls<void>();
  const client = createContractClient({ send, onInvalidEvent: invalidEvent });
  const connection = new HostConnection(options, {
    message: (data) => route(readServerMessage(data)),
    dropped: () => inFlight.failAll(droppedWhileRunning),
    refused: () => waitingForOpen.failAll(tokenRefused),
    unusable(message) {
      const failure = badUrl(message);
      waitingForOpen.failAll(failure.failure);
      client.receive(failure.event);
    },
  });

  function route(message: WsServerMessage | null): void {
    if (!message) client.receive(unreadableMessage);
    else if (message.kind === 'event') client.receive(message.event);
    else if (message.kind === 'reply') inFlight.settle(message.reply.id, message.reply);
    else {
      connection.welcomed();
      waitingForOpen.settleAll();
    }
  }

  async function send(envelope: InvokeEnvelope): Promise<unknown> {
    const state = connection.state;
    if (state === 'closed' || state === 'unauthorized') throw new SottoCommandError(notConnected(state, envelope.command));
    if (!connection.isReady()) await waitingForOpen.add(envelope.id, envelope.command, { ms: waitMs, failure: unreachable });
    const reply = inFlight.add(envelope.id, envelope.command);
    connection.send(JSON.stringify({ kind: 'invoke', ...envelope }));
    return reply;
  }

  return {
    get state() {
      return connection.state;
    },
    invoke: client.invoke,
    onEvent: client.onEvent,
    onConnection: (listener) => connection.onChange(listener),
    close() {
      connection.close();
      inFlight.failAll(closedWhileRunning);
      waitingForOpen.failAll(closedBeforeSent);
    },
  };
}

/** Hosts a `?ws=` socket URL may name: this machine only, so a link cannot send the token and the captions elsewhere. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** Why a socket URL from the page address is refused, or null when it is a ws:// or wss:// URL on this machine. */
export function refuseSocketUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `"${url}" is not a WebSocket address.`;
  }
  if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') return `"${url}" is not a ws:// or wss:// address.`;
  if (!LOOPBACK_HOSTS.has(parsed.hostname)) return `The engine must run on this computer (127.0.0.1, ::1 or localhost), not on ${parsed.hostname}.`;
  return null;
}

export type WsPageConfig = { url: string; token: string } | { refused: string };

/**
 * Where the dev host is: an injected global, or `?ws=...&token=...` / `#token=...` on the page URL (same-origin socket by
 * default). A `ws` from the page URL must be a loopback address: anything else is refused with the reason.
 */
export function wsConfigFromPage(location: { href: string }, injected?: unknown): WsPageConfig | null {
  if (injected && typeof injected === 'object') {
    const g = injected as { url?: unknown; token?: unknown };
    if (typeof g.url === 'string' && typeof g.token === 'string') return { url: g.url, token: g.token };
  }
  const page = new URL(location.href);
  const hash = new URLSearchParams(page.hash.replace(/^#/, ''));
  const token = page.searchParams.get('token') ?? hash.get('token');
  if (!token) return null;
  const explicit = page.searchParams.get('ws') ?? hash.get('ws');
  if (explicit === null) return { url: `${page.protocol === 'https:' ? 'wss:' : 'ws:'}//${page.host}${WS_PATH}`, token };
  const refused = refuseSocketUrl(explicit);
  return refused ? { refused } : { url: explicit, token };
}
