import { WebSocket, type RawData } from 'ws';
import { describeZodError, WsClientMessage, WsCloseCode, type SottoApi, type WsServerMessage } from '../../contract';
import { dispatchInvoke } from '../transport/dispatch';
import { outgoingEvent } from '../transport/outgoing-event';
import { sameToken } from './upgrade-check';

export interface ClientContext {
  app: SottoApi;
  token: string;
  /** How long a new connection may take to say hello before it is closed. */
  helloTimeoutMs: number;
  /** The host's authenticated clients: each session adds itself when admitted and leaves on close. */
  authed: Set<WebSocket>;
}

// mic.level arrives ~10×/s; a stalled client should not make the host buffer them without end.
const MAX_BUFFERED_FOR_LEVELS = 256 * 1024;

type Incoming = { ok: true; message: WsClientMessage } | { ok: false; problem: string };

/** One frame from the browser → a contract message, or what is wrong with it. */
export function readClientMessage(data: RawData, isBinary: boolean): Incoming {
  let json: unknown;
  try {
    json = isBinary ? undefined : JSON.parse(data.toString());
  } catch {
    json = undefined;
  }
  const parsed = WsClientMessage.safeParse(json);
  if (parsed.success) return { ok: true, message: parsed.data };
  return { ok: false, problem: json === undefined ? 'not JSON text' : describeZodError(parsed.error) };
}

/**
 * One browser window on the host: it must say hello with the token (or have carried it in the
 * URL) before anything else; then its calls go to the shared dispatcher and the engine's events
 * come back to it, validated.
 */
export class ClientSession {
  private isAuthed = false;
  private unsubscribe: (() => void) | null = null;
  private readonly helloTimer: ReturnType<typeof setTimeout>;

  constructor(
    private readonly ws: WebSocket,
    private readonly context: ClientContext,
    preAuthed: boolean,
  ) {
    this.helloTimer = setTimeout(() => {
      if (!this.isAuthed) ws.close(WsCloseCode.unauthorized, 'No hello with a token in time.');
    }, context.helloTimeoutMs);
    this.helloTimer.unref();
    if (preAuthed) this.admit();
    ws.on('close', () => this.closed());
    ws.on('error', () => ws.terminate());
    ws.on('message', (data, isBinary) => this.received(readClientMessage(data, isBinary)));
  }

  private admit(): void {
    this.isAuthed = true;
    this.context.authed.add(this.ws);
    this.send({ kind: 'welcome' });
    // Each window subscribes for itself: the engine then replays its current status and the notices
    // raised before anyone listened (a reset settings file) to this window too.
    this.unsubscribe = this.context.app.onEvent((event) => this.forward(event));
  }

  private closed(): void {
    clearTimeout(this.helloTimer);
    this.context.authed.delete(this.ws);
    this.unsubscribe?.();
  }

  private received(incoming: Incoming): void {
    if (!incoming.ok) {
      if (!this.isAuthed) this.ws.close(WsCloseCode.unauthorized, 'The first message must be a hello with the token.');
      else this.send({ kind: 'reply', reply: { id: -1, ok: false, error: { code: 'bad_message', message: `The host could not read a message: ${incoming.problem}`, action: 'This is a bug in the UI transport; reload the window.' } } });
      return;
    }
    const message = incoming.message;
    if (message.kind === 'hello') this.hello(message.token);
    else if (!this.isAuthed) this.ws.close(WsCloseCode.unauthorized, 'Say hello with the token before calling commands.');
    else void dispatchInvoke(this.context.app, message).then((reply) => this.send({ kind: 'reply', reply }));
  }

  private hello(token: string): void {
    if (!sameToken(this.context.token, token)) {
      this.ws.close(WsCloseCode.unauthorized, 'Wrong token.');
      return;
    }
    clearTimeout(this.helloTimer);
    if (this.isAuthed) this.send({ kind: 'welcome' });
    else this.admit();
  }

  /** Sends an engine event, validated (a bad one becomes a visible error). */
  private forward(raw: unknown): void {
    const event = outgoingEvent(raw);
    if (this.ws.readyState !== WebSocket.OPEN) return;
    // A slow client skips level-meter updates rather than queueing them without bound.
    if (event.type === 'mic.level' && this.ws.bufferedAmount > MAX_BUFFERED_FOR_LEVELS) return;
    this.send({ kind: 'event', event });
  }

  private send(message: WsServerMessage): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(message));
  }
}
