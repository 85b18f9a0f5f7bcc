import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';

/**
 * What one socket put on the wire and took off it.
 *
 * Node's `socket.bytesWritten` also counts bytes still queued in the stream: a request written before
 * the connection exists reports as written even when the connection is then refused or reset. So
 * nothing counts until the peer could read it — `connect`, or for TLS `secureConnect` (the HTTP bytes
 * wait inside TLS until the handshake is done and are never sent if it fails) — and bytes still queued
 * when the meter settles are not counted either.
 *
 * Limit: a write still in progress when the connection fails counts as not sent. Requests here are a
 * few kilobytes, written in one go; a large upload cut by a reset would be under-counted.
 *
 * Over TLS the egress hands in the TCP socket under it (`raw`): the counts are the bytes on the wire, what
 * the server's TCP socket reads, the handshake included on the request that opened the connection. A
 * kept-alive connection (`reused`) counts from the moment this request got it: per-request deltas.
 */
export interface WireCounts {
  sent: number;
  received: number;
}

export interface SocketMeter {
  /** True once the peer could receive bytes: connected, and for TLS the handshake done. */
  readonly reachedPeer: boolean;
  /** Freezes the counts at this moment (call it when the exchange ends); later calls return the same numbers. */
  settle(): WireCounts;
}

export interface MeterOptions {
  /**
   * The TCP socket under a TLS socket, whose counters are the bytes on the wire (handshake and records). Without it
   * the socket's own counters are read (for TLS: the HTTP bytes inside it).
   */
  raw?: Socket;
  /** A kept-alive socket that already served a request: only what moves from now on belongs to this one. */
  reused?: boolean;
}

/** Bytes handed to the operating system so far (writableLength: accepted by the stream, not yet written). */
const written = (s: Socket): number => Math.max(0, s.bytesWritten - s.writableLength);

export function meterSocket(socket: Socket, options: MeterOptions = {}): SocketMeter {
  const raw = options.raw ?? socket;
  const readyEvent = socket instanceof TLSSocket ? 'secureConnect' : 'connect';
  let reachedPeer = options.reused === true;
  let settled: WireCounts | null = null;
  // A reused connection's earlier requests (and, for TLS, its handshake) were counted on the request that made them.
  const base = options.reused ? { sent: written(raw), received: raw.bytesRead } : { sent: 0, received: 0 };
  if (!reachedPeer) socket.once(readyEvent, () => (reachedPeer = true));
  return {
    get reachedPeer() {
      return reachedPeer;
    },
    settle() {
      settled ??= reachedPeer ? { sent: Math.max(0, written(raw) - base.sent), received: Math.max(0, raw.bytesRead - base.received) } : { sent: 0, received: 0 };
      return settled;
    },
  };
}
