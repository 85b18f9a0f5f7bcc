import type { SocketLike } from '../../renderer/transport/ws-connection';

type Listener = (event?: unknown) => void;

/** A WebSocket a test drives by hand: open(), receive(data), drop(code); it records what was sent and how it was closed. */
export class FakeSocket implements SocketLike {
  readyState = 0;
  readonly sent: string[] = [];
  closedWith: [number?, string?] | null = null;
  private readonly listeners = new Map<string, Listener[]>();

  // `never`: one signature that stands for each of SocketLike's typed overloads.
  addEventListener(type: string, listener: (event: never) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener as Listener]);
  }

  send(data: string): void {
    this.sent.push(data);
  }

  close(code?: number, reason?: string): void {
    this.closedWith = [code, reason];
  }

  open(): void {
    this.readyState = 1;
    this.emit('open');
  }

  receive(data: unknown): void {
    this.emit('message', { data: typeof data === 'string' ? data : JSON.stringify(data) });
  }

  drop(code: number): void {
    this.readyState = 3;
    this.emit('close', { code, reason: '' });
  }

  /** What was sent, parsed, after the hello. */
  calls(): Array<{ kind: string; id: number; command: string; request: unknown }> {
    return this.sent.map((s) => JSON.parse(s)).filter((m) => m.kind === 'invoke');
  }

  private emit(type: string, event?: unknown): void {
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }
}

/** A createSocket for the adapter that hands out FakeSockets and keeps them, newest last. */
export function fakeSockets(): { sockets: FakeSocket[]; createSocket: (url: string) => FakeSocket } {
  const sockets: FakeSocket[] = [];
  return { sockets, createSocket: () => (sockets.push(new FakeSocket()), sockets.at(-1)!) };
}
