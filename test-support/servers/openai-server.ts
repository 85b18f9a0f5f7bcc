/**
 * An OpenAI-compatible test server on 127.0.0.1 that imitates what real servers do (see openai-flavours.ts for
 * routes, keys and error shapes; openai-faults.ts and openai-replies.ts for what an answer can look like): chat
 * completions (plain and SSE-streamed), the model list, reasoning models that refuse parameters, gateways that want
 * headers, HTTP or HTTPS. It counts every request's bytes on its TCP socket (per request on a kept-alive one; over
 * TLS the records on the wire, handshake included on the first request), so a test can check that the client's
 * egress counted exactly the same number.
 *
 * Standalone (demo, e2e): `tsx test-support/servers/openai-server.ts --port 8787 [--api-key KEY]` prints its URL.
 */
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { type Fault, type FaultKind } from './openai-faults';
import { route, errorReply, type Flavour } from './openai-flavours';
import { replyToChat, type ChatRequest } from './openai-replies';

export type { Fault, FaultKind } from './openai-faults';
export { answer, countTokens, fakeTranslate } from './fake-model';

export interface RecordedRequest {
  index: number;
  connection: number;
  method: string;
  path: string;
  /** Header name/value pairs exactly as received. */
  rawHeaders: string[];
  body: string;
  /** Bytes read from the TCP socket for this request: request line + headers + body (over TLS: its records). */
  bytes: number;
  /** Bytes the server wrote back for it (status line + headers + body). */
  bytesWritten: number;
  stream: boolean;
  fault: FaultKind | null;
  status: number | null;
}

export interface OpenAiTestServer {
  /** Base URL for the openai SDK's baseURL: …/v1 (Azure: …/openai/v1). */
  readonly url: string;
  /** scheme://host:port, for root-URL and classic-route tests. */
  readonly origin: string;
  readonly host: string;
  readonly port: number;
  readonly requests: RecordedRequest[];
  /** TCP connections accepted so far. */
  connections(): number;
  /** Sum of `bytes` over all requests. */
  bytesReceived(): number;
  /** The next chat requests get these faults, one each, in order; null = that request is served normally. */
  queueFaults(...faults: (Fault | null)[]): void;
  /** Every chat request gets this fault until reset with null. */
  setFault(fault: Fault | null): void;
  /** Clears recorded requests, connection count and faults. */
  reset(): void;
  /** Stops accepting and destroys every open socket (a server killed mid-session). */
  close(): Promise<void>;
}

export interface OpenAiTestServerOptions {
  port?: number;
  /** When set, requests without this key (as the flavour reads it) get 401. */
  apiKey?: string | null;
  /** The first model the list serves; chat accepts any model unless `models` is given. */
  model?: string;
  /** Served models: chat with another one gets the flavour's 404. */
  models?: string[];
  /** Models that behave like OpenAI's o-series / gpt-5: temperature ≠ 1 and max_tokens are refused with a 400. */
  reasoningModels?: string[];
  /** Request fields this server refuses with a 400 (an older API version refusing max_completion_tokens…). */
  rejectFields?: string[];
  flavour?: Flavour;
  requireHeaders?: Record<string, string>;
  deployments?: string[];
  /** Serve HTTPS with this certificate. */
  tls?: { key: string; cert: string };
}

const ChatBody = z
  .object({
    model: z.string(),
    stream: z.boolean().optional(),
    stream_options: z.object({ include_usage: z.boolean().optional() }).loose().nullable().optional(),
    temperature: z.number().optional(),
    max_tokens: z.number().int().optional(),
    max_completion_tokens: z.number().int().optional(),
    messages: z
      .array(z.object({ role: z.string(), content: z.union([z.string(), z.array(z.object({ type: z.string(), text: z.string().optional() }))]) }))
      .min(1),
  })
  .loose();

interface SocketState {
  id: number;
  raw: Socket;
  attributedRead: number;
  attributedWritten: number;
}

export async function startOpenAiServer(options: OpenAiTestServerOptions = {}): Promise<OpenAiTestServer> {
  const flavour = options.flavour ?? 'openai';
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const queued: (Fault | null)[] = [];
  let standing: Fault | null = null;
  let connectionCount = 0;
  // Per TCP socket: its id and the counts already attributed to earlier requests (keep-alive).
  const socketState = new WeakMap<Socket, SocketState>();
  const stateOf = (socket: Socket): SocketState => socketState.get((socket as { _parent?: Socket })._parent ?? socket)!;

  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const state = stateOf(req.socket);
    const parts: Buffer[] = [];
    req.on('data', (d: Buffer) => parts.push(d));
    req.on('end', () => {
      // The request is fully read: the socket's counter now covers its request line, headers and body.
      const rec: RecordedRequest = {
        index: requests.length,
        connection: state.id,
        method: req.method ?? '',
        path: req.url ?? '',
        rawHeaders: req.rawHeaders,
        body: Buffer.concat(parts).toString('utf8'),
        bytes: state.raw.bytesRead - state.attributedRead,
        bytesWritten: 0,
        stream: false,
        fault: null,
        status: null,
      };
      state.attributedRead = state.raw.bytesRead;
      requests.push(rec);
      res.on('finish', () => {
        rec.bytesWritten = state.raw.bytesWritten - state.attributedWritten;
        state.attributedWritten = state.raw.bytesWritten;
      });
      handle(req, res, rec);
    });
  };
  const server = options.tls ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, onRequest) : http.createServer(onRequest);

  server.on('connection', (socket: Socket) => {
    connectionCount++;
    sockets.add(socket);
    socketState.set(socket, { id: connectionCount, raw: socket, attributedRead: 0, attributedWritten: 0 });
    socket.on('close', () => sockets.delete(socket));
  });

  function send(res: http.ServerResponse, rec: RecordedRequest, status: number, body: string, contentType: string, headers: Record<string, string> = {}): void {
    rec.status = status;
    res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body), ...headers });
    res.end(body);
  }

  function handle(req: http.IncomingMessage, res: http.ServerResponse, rec: RecordedRequest): void {
    const target = route(req, { flavour, apiKey: options.apiKey ?? null, requireHeaders: options.requireHeaders ?? {}, deployments: options.deployments ?? [] });
    if (target.kind === 'reply') return send(res, rec, target.status, target.body, target.contentType);
    if (target.kind === 'models') {
      const ids = options.models ?? [options.model ?? 'sotto-test-model'];
      return send(res, rec, 200, JSON.stringify({ object: 'list', data: ids.map((id) => ({ id, object: 'model', created: 0, owned_by: 'sotto-test' })) }), 'application/json');
    }
    let parsed: ChatRequest;
    try {
      parsed = ChatBody.parse(JSON.parse(rec.body)) as ChatRequest;
    } catch (error) {
      const r = errorReply(flavour, 400, `Bad chat request: ${(error as Error).message}`, 'invalid_request_error');
      return r.kind === 'reply' ? send(res, rec, r.status, r.body, r.contentType) : undefined;
    }
    rec.stream = parsed.stream === true;
    const fault = queued.length > 0 ? (queued.shift() ?? null) : standing;
    rec.fault = fault?.kind ?? null;
    replyToChat({ req, res, rec, request: parsed, fault, flavour, options, send });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  const origin = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;

  return {
    url: `${origin}${flavour === 'azure' ? '/openai/v1' : '/v1'}`,
    origin,
    host: '127.0.0.1',
    port,
    requests,
    connections: () => connectionCount,
    bytesReceived: () => requests.reduce((n, r) => n + r.bytes, 0),
    queueFaults: (...faults) => queued.push(...faults),
    setFault: (fault) => (standing = fault),
    reset() {
      requests.length = 0;
      queued.length = 0;
      standing = null;
      connectionCount = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** `tsx test-support/servers/openai-server.ts --port N [--api-key KEY] [--flavour openai|azure|ollama|vllm]` */
async function main(argv: string[]): Promise<void> {
  const flag = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const port = Number(flag('--port') ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be an integer 0..65535, got ${flag('--port')}`);
    process.exit(2);
  }
  const server = await startOpenAiServer({ port, apiKey: flag('--api-key') ?? null, flavour: (flag('--flavour') as Flavour | undefined) ?? 'openai' });
  console.log(server.url);
  const stop = (): void => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void main(process.argv.slice(2));
}
