import net, { type Socket } from 'node:net';
import tls from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { meterSocket } from './socket-meter';
import { selfSignedCert } from '../../../test-support/servers/self-signed-cert';

const servers: net.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function listen<S extends net.Server>(server: S): Promise<number> {
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as net.AddressInfo).port;
}

/** A port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((r) => probe.close(r));
  return port;
}

/** Resolves when the socket failed, with its error; the meter is settled at that moment, as the exchange does. */
const failure = (socket: Socket): Promise<NodeJS.ErrnoException> => new Promise((resolve) => socket.once('error', resolve));

describe('meterSocket over plain TCP', () => {
  it('counts what the peer read, and what it wrote back', async () => {
    let serverRead = 0;
    const port = await listen(
      net.createServer((s) => {
        s.on('data', (d) => {
          serverRead += d.length;
          if (serverRead === 1000) s.end('x'.repeat(300));
        });
      }),
    );
    const socket = net.connect(port, '127.0.0.1');
    const meter = meterSocket(socket);
    socket.write('a'.repeat(1000)); // queued before the connection exists: counted once it is written
    socket.resume();
    await new Promise((r) => socket.once('end', r));
    expect(meter.reachedPeer).toBe(true);
    expect(meter.settle()).toEqual({ sent: serverRead, received: 300 });
    socket.destroy();
  });

  it('counts 0 for a refused connection, though Node reports the queued bytes as written', async () => {
    const socket = net.connect(await closedPort(), '127.0.0.1');
    const meter = meterSocket(socket);
    socket.write('a'.repeat(500));
    expect((await failure(socket)).code).toBe('ECONNREFUSED');
    expect(socket.bytesWritten).toBe(500); // the trap this meter exists for
    expect(meter.reachedPeer).toBe(false);
    expect(meter.settle()).toEqual({ sent: 0, received: 0 });
  });

  it('counts 0 when the peer resets the connection before anything was written', async () => {
    let serverRead = 0;
    const port = await listen(
      net.createServer((s) => {
        serverRead = s.bytesRead;
        s.resetAndDestroy();
      }),
    );
    const socket = net.connect(port, '127.0.0.1');
    const meter = meterSocket(socket);
    socket.write('a'.repeat(500));
    expect((await failure(socket)).code).toBe('ECONNRESET');
    expect(meter.settle().sent).toBe(serverRead);
    expect(serverRead).toBe(0);
  });

  it('settles once: bytes written after it do not change the counts', async () => {
    const port = await listen(net.createServer((s) => s.resume()));
    const socket = net.connect(port, '127.0.0.1');
    const meter = meterSocket(socket);
    await new Promise((r) => socket.write('a'.repeat(10), r));
    const first = meter.settle();
    await new Promise((r) => socket.write('b'.repeat(10), r));
    expect(meter.settle()).toBe(first);
    expect(first.sent).toBe(10);
    socket.destroy();
  });
});

describe('meterSocket over TLS', () => {
  const { key, cert } = selfSignedCert();

  it('counts the bytes inside TLS as the server reads them, not the handshake', async () => {
    let serverRead = 0;
    const port = await listen(
      tls.createServer({ key, cert }, (s) => {
        s.on('data', (d) => {
          serverRead += d.length;
          if (serverRead === 700) s.end('ok');
        });
      }),
    );
    const socket = tls.connect({ port, host: '127.0.0.1', ca: [cert] });
    const meter = meterSocket(socket);
    socket.write('a'.repeat(700)); // waits inside TLS until the handshake is done
    socket.resume();
    await new Promise((r) => socket.once('end', r));
    expect(meter.settle()).toEqual({ sent: serverRead, received: 2 });
    expect(serverRead).toBe(700);
    socket.destroy();
  });

  it('counts 0 when the handshake fails: the HTTP bytes never left', async () => {
    let serverRead = 0;
    const port = await listen(tls.createServer({ key, cert }, (s) => s.on('data', (d) => (serverRead += d.length))));
    const socket = tls.connect({ port, host: '127.0.0.1' }); // the self-signed certificate is not trusted
    const meter = meterSocket(socket);
    socket.write('a'.repeat(700));
    expect((await failure(socket)).code).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    expect(socket.bytesWritten).toBe(700);
    expect(meter.reachedPeer).toBe(false);
    expect(meter.settle().sent).toBe(0);
    expect(serverRead).toBe(0);
  });
});
