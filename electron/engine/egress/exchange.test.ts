import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAiServer, type OpenAiTestServer } from '../../../test-support/servers/openai-server';
import { startExchange } from './exchange';
import type { Hop } from './fetch-input';

const KEY = 'sk-exchange-SECRET-42';
let fixture: OpenAiTestServer;
beforeAll(async () => {
  fixture = await startOpenAiServer({ apiKey: KEY });
});
afterAll(() => fixture.close());

const servers: net.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A raw TCP server; `onConnection` decides what the peer sees. Returns its origin. */
async function rawServer(onConnection: (socket: net.Socket) => void): Promise<string> {
  const server = net.createServer((socket) => {
    socket.on('error', () => undefined); // resets are what these tests do
    onConnection(socket);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
}

async function deadOrigin(): Promise<string> {
  const origin = await rawServer(() => undefined);
  await new Promise((r) => servers.pop()!.close(r));
  return origin;
}

function hop(url: string, method = 'GET', body: string | null = null, headers: Record<string, string> = {}): Hop {
  return { url: new URL(url), method, headers: new Headers(headers), body: body === null ? null : Buffer.from(body) };
}

const chat = (url: string) => hop(`${url}/chat/completions`, 'POST', JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }), { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' });

describe('startExchange', () => {
  it("resolves the response head, then settles with the socket's exact counts and outcome 'ok'", async () => {
    const exchange = startExchange(chat(fixture.url), { ca: null, signal: null });
    const res = await exchange.response;
    expect(res.statusCode).toBe(200);
    res.resume();
    const result = await exchange.result;
    expect(result).toEqual({ sent: fixture.requests.at(-1)!.bytes, received: fixture.requests.at(-1)!.bytesWritten, status: 200, outcome: 'ok', error: null });
  });

  it("a refused connection: rejects, sends 0 B, outcome 'refused'", async () => {
    const exchange = startExchange(chat(await deadOrigin()), { ca: null, signal: null });
    await expect(exchange.response).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(await exchange.result).toMatchObject({ sent: 0, received: 0, status: null, outcome: 'refused' });
  });

  it("a name that does not resolve: sends 0 B, outcome 'dns'", async () => {
    const exchange = startExchange(chat('http://sotto-egress-test.invalid'), { ca: null, signal: null });
    await expect(exchange.response).rejects.toThrow();
    expect(await exchange.result).toMatchObject({ sent: 0, outcome: 'dns' });
  });

  it("a reset before the request was written: sends 0 B, outcome 'reset'", async () => {
    let serverRead = -1;
    const origin = await rawServer((socket) => {
      serverRead = socket.bytesRead;
      socket.resetAndDestroy();
    });
    const exchange = startExchange(chat(origin), { ca: null, signal: null });
    await expect(exchange.response).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(await exchange.result).toMatchObject({ sent: serverRead, outcome: 'reset' });
    expect(serverRead).toBe(0);
  });

  it("a reset after the server read the request: counts what it read, outcome 'reset'", async () => {
    let serverRead = 0;
    const origin = await rawServer((socket) =>
      socket.once('data', () => {
        serverRead = socket.bytesRead;
        socket.resetAndDestroy();
      }),
    );
    const exchange = startExchange(chat(origin), { ca: null, signal: null });
    await expect(exchange.response).rejects.toMatchObject({ code: 'ECONNRESET' });
    const result = await exchange.result;
    expect(result).toMatchObject({ sent: serverRead, outcome: 'reset' });
    expect(serverRead).toBeGreaterThan(0);
  });

  it("a response cut short mid-body: outcome 'reset', with the status that came", async () => {
    const origin = await rawServer((socket) => socket.once('data', () => socket.write('HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n0123456789', () => socket.destroy())));
    const exchange = startExchange(hop(`${origin}/x`), { ca: null, signal: null });
    (await exchange.response).on('error', () => undefined).resume();
    expect(await exchange.result).toMatchObject({ status: 200, outcome: 'reset' });
  });

  it("TLS to a server that does not speak it: sends 0 B, outcome 'tls'", async () => {
    const origin = await rawServer((socket) => socket.once('data', () => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n')));
    const exchange = startExchange(hop(origin.replace('http:', 'https:'), 'POST', 'secret text'), { ca: null, signal: null });
    await expect(exchange.response).rejects.toThrow();
    expect(await exchange.result).toMatchObject({ sent: 0, outcome: 'tls' });
  });

  it("the caller's signal: outcome 'timeout' for a TimeoutError reason, 'aborted' otherwise; the request read still counts", async () => {
    let serverRead = 0;
    const origin = await rawServer((socket) => socket.on('data', () => (serverRead = socket.bytesRead)));
    for (const [reason, outcome] of [[new DOMException('timed out', 'TimeoutError'), 'timeout'], [new DOMException('cancelled', 'AbortError'), 'aborted']] as const) {
      const controller = new AbortController();
      serverRead = 0;
      const exchange = startExchange(chat(origin), { ca: null, signal: controller.signal });
      await expect.poll(() => serverRead).toBeGreaterThan(0);
      controller.abort(reason);
      await expect(exchange.response).rejects.toBe(reason);
      expect(await exchange.result).toMatchObject({ sent: serverRead, outcome, error: reason });
    }
  });

  it('abort() ends an exchange whose body nobody reads', async () => {
    const exchange = startExchange(hop(`${fixture.url}/models`, 'GET', null, { authorization: `Bearer ${KEY}` }), { ca: null, signal: null });
    await exchange.response;
    exchange.abort(new Error('request closed by its caller'));
    expect(await exchange.result).toMatchObject({ outcome: 'aborted', status: 200, error: { message: 'request closed by its caller' } });
  });

  it("drops Node's copy of the server's raw bytes from a parse error: they may echo the key", async () => {
    const origin = await rawServer((socket) =>
      socket.once('data', (d) => {
        const auth = /authorization: ([^\r]*)/i.exec(d.toString())![1];
        socket.end(`HTTP/1.1 200 OK\r\nx-echo: ${auth}\x01\r\n\r\n`);
      }),
    );
    const exchange = startExchange(chat(origin), { ca: null, signal: null });
    const error = await exchange.response.catch((e: Error) => e);
    expect(error).toMatchObject({ code: 'HPE_INVALID_HEADER_TOKEN' });
    const everything = Object.values(error as object).map((v) => (Buffer.isBuffer(v) ? v.toString() : String(v)));
    expect(everything.join(' ')).not.toContain(KEY);
    expect((await exchange.result).outcome).toBe('error');
  });

  it('a header Node refuses to send fails the exchange without a socket', async () => {
    const exchange = startExchange(hop(`${fixture.url}/models`, 'GET', null, { 'x-bad': 'control\u0001char' }), { ca: null, signal: null });
    await expect(exchange.response).rejects.toThrow();
    expect(await exchange.result).toMatchObject({ sent: 0, received: 0, outcome: 'error' });
  });
});
