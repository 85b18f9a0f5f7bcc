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
 * Over TLS the counts are the HTTP bytes inside TLS, what the server's HTTP layer reads: the same
 * measure as over plain HTTP, so the ledger compares content, not transport. The handshake (a few
 * hundred bytes out, the server's certificates in; no content) and TLS record framing are not counted.
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

export function meterSocket(socket: Socket): SocketMeter {
  const readyEvent = socket instanceof TLSSocket ? 'secureConnect' : 'connect';
  let reachedPeer = false;
  let settled: WireCounts | null = null;
  socket.once(readyEvent, () => (reachedPeer = true));
  return {
    get reachedPeer() {
      return reachedPeer;
    },
    settle() {
      // writableLength: bytes accepted by the stream but not yet handed to the operating system.
      settled ??= reachedPeer ? { sent: Math.max(0, socket.bytesWritten - socket.writableLength), received: socket.bytesRead } : { sent: 0, received: 0 };
      return settled;
    },
  };
}
