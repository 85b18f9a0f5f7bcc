/**
 * A TCP proxy on 127.0.0.1 that adds round-trip time: every chunk waits `oneWayMs` in each direction, in order, so a
 * request/response pair costs 2 × oneWayMs more and a TCP + TLS handshake costs its round trips too. It forwards bytes
 * untouched (TLS passes end to end), so the server's certificate and byte counts are what the client sees.
 */
import net from 'node:net';

export interface DelayProxy {
  readonly port: number;
  /** Connections accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

/** Writes each chunk `ms` after it arrived, keeping order; ends the far side once everything was written. */
function delayed(from: net.Socket, to: net.Socket, ms: number): void {
  let queue = Promise.resolve();
  from.on('data', (chunk) => {
    queue = queue.then(() => new Promise<void>((resolve) => setTimeout(() => (to.destroyed ? undefined : to.write(chunk), resolve()), ms)));
  });
  from.on('end', () => void queue.then(() => to.end()));
  from.on('error', () => to.destroy());
}

export async function startDelayProxy(target: { host: string; port: number }, oneWayMs: number): Promise<DelayProxy> {
  const sockets = new Set<net.Socket>();
  let count = 0;
  const server = net.createServer((client) => {
    count++;
    const upstream = net.connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    }
    delayed(client, upstream, oneWayMs);
    delayed(upstream, client, oneWayMs);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    connections: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
