import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the test server misbehaves for one path (tests only: a real HTTP server on 127.0.0.1). */
export interface Behaviour {
  body: Buffer;
  /** On the first N requests, send this many bytes of the body, then destroy the socket. */
  dropAfterBytes?: number;
  dropTimes?: number;
  /** Answer 200 with the whole body even when asked for a range. */
  ignoreRange?: boolean;
  /** Send this many bytes, then stall (socket open, nothing more) until the client gives up. */
  stallAfterBytes?: number;
  /** Leave out Content-Length (chunked), like some mirrors do. */
  noContentLength?: boolean;
}

export interface RecordedRequest {
  path: string;
  headers: IncomingHttpHeaders;
}

export interface TestFileServer {
  origin: string;
  requests: RecordedRequest[];
  set(path: string, behaviour: Behaviour): void;
  close(): Promise<void>;
}

export async function startFileServer(): Promise<TestFileServer> {
  const routes = new Map<string, Behaviour & { served: number }>();
  const requests: RecordedRequest[] = [];
  const stalled = new Set<ServerResponse>();

  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push({ path, headers: req.headers });
    const route = routes.get(path);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const attempt = route.served++;
    let start = 0;
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    if (range && !route.ignoreRange) {
      start = Number(range[1]);
      if (start >= route.body.length) {
        res.writeHead(416, { 'content-range': `bytes */${route.body.length}` }).end();
        return;
      }
    }
    const slice = route.body.subarray(start);
    const headers: Record<string, string | number> = { 'content-type': 'application/octet-stream', 'accept-ranges': 'bytes' };
    if (!route.noContentLength) headers['content-length'] = slice.length;
    if (start > 0) headers['content-range'] = `bytes ${start}-${route.body.length - 1}/${route.body.length}`;
    res.writeHead(start > 0 ? 206 : 200, headers);

    if (route.dropAfterBytes !== undefined && attempt < (route.dropTimes ?? 1)) {
      res.write(slice.subarray(0, route.dropAfterBytes), () => res.socket?.destroy());
      return;
    }
    if (route.stallAfterBytes !== undefined) {
      res.write(slice.subarray(0, route.stallAfterBytes));
      stalled.add(res);
      res.on('close', () => stalled.delete(res));
      return;
    }
    res.end(slice);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    set: (path, behaviour) => routes.set(path, { ...behaviour, served: 0 }),
    close: async () => {
      for (const res of stalled) res.socket?.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
