import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toFetchResponse } from './response-adapter';

let server: http.Server;
let origin: string;
const TEXT = 'Hallo Welt, '.repeat(200);

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const route = req.url ?? '/';
    if (route === '/gzip') res.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'text/plain' }).end(zlib.gzipSync(TEXT));
    else if (route === '/br') res.writeHead(200, { 'content-encoding': 'br' }).end(zlib.brotliCompressSync(TEXT));
    else if (route === '/empty') res.writeHead(204).end();
    else if (route === '/headers') res.writeHead(200, [['Set-Cookie', 'a=1'], ['Set-Cookie', 'b=2'], ['X-Order', 'last']]).end('ok');
    else if (route === '/slow') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: one\n\n');
      // Never ends: the reader below aborts.
    } else res.end(TEXT);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

function get(path: string, method = 'GET'): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => http.request(`${origin}${path}`, { method, agent: false }, resolve).on('error', reject).end());
}

describe('toFetchResponse', () => {
  it('carries status, headers in order (repeats kept) and the final URL', async () => {
    const url = new URL(`${origin}/headers`);
    const response = toFetchResponse(await get('/headers'), url, 'GET', null);
    expect(response.status).toBe(200);
    expect(response.url).toBe(url.href);
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(response.headers.get('x-order')).toBe('last');
    expect(await response.text()).toBe('ok');
  });

  it('decodes gzip and brotli like fetch, and drops the headers that described the encoded body', async () => {
    for (const path of ['/gzip', '/br']) {
      const response = toFetchResponse(await get(path), new URL(`${origin}${path}`), 'GET', null);
      expect(response.headers.has('content-encoding')).toBe(false);
      expect(response.headers.has('content-length')).toBe(false);
      expect(await response.text()).toBe(TEXT);
    }
  });

  it('has no body for HEAD and for a 204', async () => {
    const head = toFetchResponse(await get('/plain', 'HEAD'), new URL(`${origin}/plain`), 'HEAD', null);
    expect(head.body).toBeNull();
    const empty = toFetchResponse(await get('/empty'), new URL(`${origin}/empty`), 'GET', null);
    expect(empty.status).toBe(204);
    expect(empty.body).toBeNull();
  });

  it('streams on demand and fails a read with the signal reason on abort', async () => {
    const controller = new AbortController();
    const res = await get('/slow');
    const reader = toFetchResponse(res, new URL(`${origin}/slow`), 'GET', controller.signal).body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('data: one\n\n');
    const reason = new DOMException('stop', 'AbortError');
    controller.abort(reason);
    await expect(reader.read()).rejects.toBe(reason);
    await expect.poll(() => res.destroyed).toBe(true);
  });

  it('cancelling the body ends the Node stream under it', async () => {
    const res = await get('/slow');
    const response = toFetchResponse(res, new URL(`${origin}/slow`), 'GET', null);
    await response.body!.cancel();
    expect(res.destroyed).toBe(true);
  });
});
