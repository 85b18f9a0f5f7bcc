/**
 * An OpenAI-compatible test server on 127.0.0.1: POST /v1/chat/completions (plain and SSE-streamed)
 * and GET /v1/models, with a deterministic "translation" and fault modes a test can switch on.
 * It counts every request's bytes from its socket (request line + headers + body as received), so a
 * test can check that the client's egress counted exactly the same number.
 *
 * Standalone (demo, e2e): `tsx test-support/servers/openai-server.ts --port 8787 [--api-key KEY]` prints its URL.
 */
import http from 'node:http';
import type { Socket } from 'node:net';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { TRANSCRIPT_CLOSE, TRANSCRIPT_OPEN } from '../../electron/engine/translate/cloud-prompt';

export type Fault =
  /** 429 with Retry-After (seconds) and/or retry-after-ms. */
  | { kind: 'rate-limit'; retryAfterS?: number; retryAfterMs?: number }
  | { kind: 'unavailable'; retryAfterS?: number; retryAfterMs?: number }
  | { kind: 'server-error' }
  | { kind: 'unauthorized' }
  | { kind: 'bad-request' }
  /** Reads the request and never answers, until the client gives up. */
  | { kind: 'hang' }
  /** Streams a couple of chunks, then resets the TCP connection (plain requests: reset before the body). */
  | { kind: 'reset-mid-stream' }
  /** A stream chunk that is not JSON. */
  | { kind: 'malformed-chunk' }
  /** A stream that stops without finish_reason or [DONE]. */
  | { kind: 'truncated-stream' }
  /** A well-formed answer with empty content. */
  | { kind: 'empty' }
  | { kind: 'drop-placeholders' }
  | { kind: 'mangle-placeholders' }
  | { kind: 'duplicate-placeholders' };
export type FaultKind = Fault['kind'];

export interface RecordedRequest {
  index: number;
  connection: number;
  method: string;
  path: string;
  /** Header name/value pairs exactly as received. */
  rawHeaders: string[];
  body: string;
  /** Bytes read from the socket for this request: request line + headers + body. */
  bytes: number;
  /** Bytes the server wrote back for it (status line + headers + body). */
  bytesWritten: number;
  stream: boolean;
  fault: FaultKind | null;
  status: number | null;
}

export interface OpenAiTestServer {
  /** Base URL including /v1, for the openai SDK's baseURL. */
  readonly url: string;
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
  close(): Promise<void>;
}

export interface OpenAiTestServerOptions {
  port?: number;
  /** When set, requests without `Authorization: Bearer <apiKey>` get 401. */
  apiKey?: string | null;
  model?: string;
}

const ChatRequest = z.object({
  model: z.string(),
  stream: z.boolean().optional(),
  stream_options: z.object({ include_usage: z.boolean().optional() }).loose().nullable().optional(),
  messages: z
    .array(
      z.object({
        role: z.string(),
        content: z.union([z.string(), z.array(z.object({ type: z.string(), text: z.string().optional() }))]),
      }),
    )
    .min(1),
});
type ChatRequest = z.infer<typeof ChatRequest>;

const PLACEHOLDER = /⟦[A-Z]+_\d+⟧/g;

/** The deterministic "translation": `[de] ` + the words upper-cased; placeholders stay as they are. */
export function fakeTranslate(text: string, targetLanguage: string): string {
  const parts = text.trim().split(/(⟦[A-Z]+_\d+⟧)/);
  const body = parts.map((p, i) => (i % 2 === 1 ? p : p.toUpperCase())).join('');
  return `[${targetLanguage}] ${body}`;
}

function messageText(content: ChatRequest['messages'][number]['content']): string {
  return typeof content === 'string' ? content : content.map((p) => p.text ?? '').join('');
}

/**
 * Acts like a model that is easy to fool: it translates what is inside the transcript block, but
 * text OUTSIDE the block saying "reply X" is obeyed. So a client that forgets the delimiters, or
 * does not escape a delimiter inside the transcript, gets "X" back and its test fails.
 */
export function answer(request: ChatRequest): string {
  const system = request.messages.filter((m) => m.role === 'system').map((m) => messageText(m.content)).join('\n');
  const user = request.messages.filter((m) => m.role === 'user').map((m) => messageText(m.content)).join('\n');
  const target = /\bto [^()\n]*\(([a-z]{2,3})\)/.exec(system)?.[1] ?? 'xx';
  const open = user.indexOf(TRANSCRIPT_OPEN);
  const close = open >= 0 ? user.indexOf(TRANSCRIPT_CLOSE, open + TRANSCRIPT_OPEN.length) : -1;
  const inside = open >= 0 && close >= 0 ? user.slice(open + TRANSCRIPT_OPEN.length, close) : null;
  const outside = inside === null ? user : user.slice(0, open) + user.slice(close + TRANSCRIPT_CLOSE.length);
  const order = /\breply(?:\s+with)?\s+["']?([\p{L}\p{N}]+)/iu.exec(outside);
  if (order) return order[1]!;
  return fakeTranslate(inside ?? user, target);
}

function applyContentFault(text: string, fault: Fault | null): string {
  switch (fault?.kind) {
    case 'empty':
      return '';
    case 'drop-placeholders':
      return text.replace(PLACEHOLDER, '').replace(/\s{2,}/g, ' ');
    case 'mangle-placeholders':
      // What models do to unusual brackets: swap them for ASCII ones.
      return text.replace(PLACEHOLDER, (p) => `[${p.slice(1, -1)}]`);
    case 'duplicate-placeholders':
      return text.replace(PLACEHOLDER, (p) => `${p} ${p}`);
    default:
      return text;
  }
}

/** A stand-in tokenizer, deterministic: one token per word or punctuation mark. */
export function countTokens(text: string): number {
  return (text.match(/[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu) ?? []).length;
}

function usageOf(request: ChatRequest, content: string): { prompt_tokens: number; completion_tokens: number; total_tokens: number } {
  const prompt = request.messages.reduce((n, m) => n + 4 + countTokens(messageText(m.content)), 0);
  const completion = countTokens(content);
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

/** Splits into chunks of about two words so a client sees several deltas. */
function chunks(text: string): string[] {
  const words = text.split(/(?<=\s)/);
  const out: string[] = [];
  for (let i = 0; i < words.length; i += 2) out.push(words.slice(i, i + 2).join(''));
  return out.length ? out : [''];
}

export async function startOpenAiServer(options: OpenAiTestServerOptions = {}): Promise<OpenAiTestServer> {
  const model = options.model ?? 'sotto-test-model';
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const queued: (Fault | null)[] = [];
  let standing: Fault | null = null;
  let connectionCount = 0;
  // Per socket: its id and the bytesRead already attributed to earlier requests (keep-alive).
  const socketState = new WeakMap<Socket, { id: number; attributedRead: number; attributedWritten: number }>();

  const server = http.createServer((req, res) => {
    const socket = req.socket;
    const state = socketState.get(socket)!;
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
        bytes: socket.bytesRead - state.attributedRead,
        bytesWritten: 0,
        stream: false,
        fault: null,
        status: null,
      };
      state.attributedRead = socket.bytesRead;
      requests.push(rec);
      const finishRecord = (): void => {
        rec.bytesWritten = socket.bytesWritten - state.attributedWritten;
        state.attributedWritten = socket.bytesWritten;
      };
      res.on('finish', finishRecord);
      handle(req, res, rec);
    });
  });

  server.on('connection', (socket: Socket) => {
    connectionCount++;
    sockets.add(socket);
    socketState.set(socket, { id: connectionCount, attributedRead: 0, attributedWritten: 0 });
    socket.on('close', () => sockets.delete(socket));
  });

  function sendJson(res: http.ServerResponse, rec: RecordedRequest, status: number, payload: unknown, headers: Record<string, string> = {}): void {
    rec.status = status;
    const body = JSON.stringify(payload);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers });
    res.end(body);
  }

  function apiError(res: http.ServerResponse, rec: RecordedRequest, status: number, type: string, message: string, headers: Record<string, string> = {}): void {
    sendJson(res, rec, status, { error: { message, type, code: type } }, headers);
  }

  function retryHeaders(f: { retryAfterS?: number; retryAfterMs?: number }): Record<string, string> {
    const h: Record<string, string> = {};
    if (f.retryAfterS !== undefined) h['retry-after'] = String(f.retryAfterS);
    if (f.retryAfterMs !== undefined) h['retry-after-ms'] = String(f.retryAfterMs);
    return h;
  }

  function handle(req: http.IncomingMessage, res: http.ServerResponse, rec: RecordedRequest): void {
    const path = (req.url ?? '').split('?')[0];
    if (options.apiKey && req.headers.authorization !== `Bearer ${options.apiKey}`) {
      return apiError(res, rec, 401, 'invalid_api_key', 'Incorrect API key provided.');
    }
    if (req.method === 'GET' && path === '/v1/models') {
      return sendJson(res, rec, 200, { object: 'list', data: [{ id: model, object: 'model', created: 0, owned_by: 'sotto-test' }] });
    }
    if (req.method !== 'POST' || path !== '/v1/chat/completions') {
      return apiError(res, rec, 404, 'not_found', `No route for ${req.method} ${path}`);
    }
    let parsed: ChatRequest;
    try {
      parsed = ChatRequest.parse(JSON.parse(rec.body));
    } catch (error) {
      return apiError(res, rec, 400, 'invalid_request_error', `Bad chat request: ${(error as Error).message}`);
    }
    rec.stream = parsed.stream === true;
    const fault = queued.length > 0 ? (queued.shift() ?? null) : standing;
    rec.fault = fault?.kind ?? null;

    switch (fault?.kind) {
      case 'rate-limit':
        return apiError(res, rec, 429, 'rate_limit_exceeded', 'Rate limit reached.', retryHeaders(fault));
      case 'unavailable':
        return apiError(res, rec, 503, 'overloaded', 'The server is overloaded.', retryHeaders(fault));
      case 'server-error':
        return apiError(res, rec, 500, 'server_error', 'The server had an error.');
      case 'unauthorized':
        return apiError(res, rec, 401, 'invalid_api_key', 'Incorrect API key provided.');
      case 'bad-request':
        return apiError(res, rec, 400, 'invalid_request_error', 'Bad request.');
      case 'hang':
        return; // the client's timeout ends it; close() destroys the socket otherwise
      default:
        break;
    }

    const content = applyContentFault(answer(parsed), fault);
    const id = `chatcmpl-${rec.index}`;
    const created = 1_700_000_000;
    if (!rec.stream) {
      if (fault?.kind === 'reset-mid-stream') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
        res.write('{"id":');
        setImmediate(() => req.socket.resetAndDestroy());
        return;
      }
      return sendJson(res, rec, 200, {
        id,
        object: 'chat.completion',
        created,
        model: parsed.model,
        choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
        usage: usageOf(parsed, content),
      });
    }

    rec.status = 200;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const chunk = (delta: Record<string, string>, finish: string | null): string =>
      `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: parsed.model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
    const pieces = chunks(content);
    res.write(chunk({ role: 'assistant', content: '' }, null));
    if (fault?.kind === 'reset-mid-stream') {
      res.write(chunk({ content: pieces[0] ?? '' }, null));
      setImmediate(() => req.socket.resetAndDestroy());
      return;
    }
    if (fault?.kind === 'malformed-chunk') {
      res.write(chunk({ content: pieces[0] ?? '' }, null));
      res.end('data: {"choices": [{"delta": {"content": oops\n\n');
      return;
    }
    if (fault?.kind === 'truncated-stream') {
      res.end(chunk({ content: pieces[0] ?? '' }, null));
      return;
    }
    for (const piece of pieces) res.write(chunk({ content: piece }, null));
    res.write(chunk({}, 'stop'));
    // As OpenAI does when asked with stream_options.include_usage: one more chunk, no choices, the usage.
    if (parsed.stream_options?.include_usage) {
      res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: parsed.model, choices: [], usage: usageOf(parsed, content) })}\n\n`);
    }
    res.end('data: [DONE]\n\n');
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;

  return {
    url: `http://127.0.0.1:${port}/v1`,
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

/** `tsx test-support/servers/openai-server.ts --port N [--api-key KEY]` */
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
  const server = await startOpenAiServer({ port, apiKey: flag('--api-key') ?? null });
  console.log(server.url);
  const stop = (): void => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void main(process.argv.slice(2));
}
