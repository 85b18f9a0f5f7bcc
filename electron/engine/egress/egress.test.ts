import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import net from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startOpenAiServer, type OpenAiTestServer } from '../../../test-support/servers/openai-server';
import { createEgress, EgressBlockedError, EgressHostRefusedError, EgressRedirectRefusedError, parseAuditLog, type AuditRecord, type EgressOptions } from '.';
import { selfSignedCert } from '../../../test-support/servers/self-signed-cert';

let server: OpenAiTestServer;
let dir: string;
beforeAll(async () => {
  server = await startOpenAiServer({ apiKey: 'sk-test-SECRET-123' });
  dir = mkdtempSync(join(tmpdir(), 'sotto-egress-'));
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const chatBody = (stream: boolean, text = 'hello world') =>
  JSON.stringify({
    model: 'm',
    stream,
    messages: [
      { role: 'system', content: 'Translate from English (en) to German (de).' },
      { role: 'user', content: `<transcript>\n${text}\n</transcript>` },
    ],
  });

function make(overrides: Partial<EgressOptions> = {}) {
  const records: AuditRecord[] = [];
  const auditLogPath = join(dir, `audit-${Math.random().toString(36).slice(2)}.jsonl`);
  const egress = createEgress({
    allLocal: () => false,
    allowedHosts: () => ['127.0.0.1'],
    auditLogPath,
    onTraffic: (r) => records.push(r),
    ...overrides,
  });
  return { egress, records, auditLogPath };
}

const post = (body: string) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test-SECRET-123' },
  body,
});

describe('egress byte counting', () => {
  it('counts exactly the bytes the server read from its socket, and what it wrote back', async () => {
    const { egress, records } = make();
    const res = await egress.fetch(`${server.url}/chat/completions`, post(chatBody(false)));
    expect(res.status).toBe(200);
    const json = (await res.json()) as { choices: { message: { content: string } }[] };
    expect(json.choices[0]!.message.content).toBe('[de] HALLO WELT');
    await new Promise((r) => setImmediate(r));
    expect(records).toHaveLength(1);
    expect(records[0]!.bytes_sent).toBe(server.requests[0]!.bytes);
    expect(records[0]!.bytes_received).toBe(server.requests[0]!.bytesWritten);
    expect(records[0]!.status).toBe(200);
  });

  it('streams an SSE response chunk by chunk and counts it exactly', async () => {
    const { egress } = make();
    const scope = egress.scope({ purpose: 'translation', captionId: 'c1', text: 'hello world again' });
    const res = await scope.fetch(`${server.url}/chat/completions`, post(chatBody(true, 'hello world again')));
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const reader = res.body!.getReader();
    let text = '';
    let reads = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      reads++;
      text += new TextDecoder().decode(value);
    }
    expect(reads).toBeGreaterThan(0);
    expect(text).toContain('data: [DONE]');
    const counts = await scope.close();
    expect(counts.requests).toBe(1);
    expect(counts.sent).toBe(server.requests[0]!.bytes);
    expect(counts.received).toBe(server.requests[0]!.bytesWritten);
    expect(egress.totals().translation).toMatchObject({ requests: 1, sent: counts.sent, received: counts.received });
  });

  it('sums a scope over several requests (retries)', async () => {
    const { egress } = make();
    server.queueFaults({ kind: 'server-error' });
    const scope = egress.scope({ purpose: 'translation', captionId: 'c2', text: 'x' });
    const first = await scope.fetch(`${server.url}/chat/completions`, post(chatBody(false, 'x')));
    expect(first.status).toBe(500);
    await first.text();
    const second = await scope.fetch(`${server.url}/chat/completions`, post(chatBody(false, 'x')));
    expect(second.status).toBe(200);
    await second.text();
    const counts = await scope.close();
    expect(counts.requests).toBe(2);
    expect(counts.sent).toBe(server.bytesReceived());
  });
});

describe('egress refusals', () => {
  it('all-local: throws EgressBlockedError before any socket is opened', async () => {
    const { egress, records } = make({ allLocal: () => true });
    await expect(egress.fetch(`${server.url}/chat/completions`, post(chatBody(false)))).rejects.toBeInstanceOf(EgressBlockedError);
    expect(() => egress.check(server.url)).toThrow(EgressBlockedError);
    expect(server.connections()).toBe(0);
    expect(records[0]).toMatchObject({ blocked: 'all-local', bytes_sent: 0, bytes_received: 0 });
    expect(egress.totals().other.blocked).toBe(1);
  });

  it('refuses a host that is not in the allow-list, without connecting', async () => {
    const { egress } = make({ allowedHosts: () => ['api.example.com'] });
    await expect(egress.fetch(`${server.url}/models`)).rejects.toBeInstanceOf(EgressHostRefusedError);
    expect(server.connections()).toBe(0);
  });

  it('follows the all-local switch live, per request', async () => {
    let allLocal = false;
    const { egress } = make({ allLocal: () => allLocal });
    expect((await egress.fetch(`${server.url}/models`, { headers: { authorization: 'Bearer sk-test-SECRET-123' } })).status).toBe(200);
    allLocal = true;
    await expect(egress.fetch(`${server.url}/models`)).rejects.toThrow(/All-local mode/);
    expect(server.connections()).toBe(1);
  });

  it('rejects non-http URLs with a typed error', async () => {
    const { egress } = make();
    await expect(egress.fetch('file:///etc/passwd')).rejects.toMatchObject({ code: 'EGRESS_BAD_URL' });
  });
});

describe('egress abort and audit', () => {
  it('aborts a hanging request through its AbortSignal and still records it', async () => {
    const { egress, records } = make();
    server.queueFaults({ kind: 'hang' });
    const controller = new AbortController();
    const scope = egress.scope({ purpose: 'translation', captionId: 'c3', text: 'x' });
    const pending = scope.fetch(`${server.url}/chat/completions`, { ...post(chatBody(false, 'x')), signal: controller.signal });
    await expect.poll(() => server.requests.length).toBe(1);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    const counts = await scope.close();
    expect(counts.sent).toBe(server.requests[0]!.bytes);
    expect(records[0]!.status).toBeNull();
    expect(records[0]!.error).toMatch(/abort/i);
  });

  it('switching all-local on ends a translation already on the wire, but not a download the user consented to', async () => {
    let allLocal = false;
    const { egress } = make({ allLocal: () => allLocal });
    server.queueFaults({ kind: 'hang' });
    const translation = egress.scope({ purpose: 'translation', captionId: 'c9', text: 'x' });
    const pending = translation.fetch(`${server.url}/chat/completions`, post(chatBody(false, 'x')));
    const models = `${server.url}/models`;
    const download = egress.scope({ purpose: 'model-download', allowInAllLocal: true, consentUrls: [models] });
    const downloading = download.fetch(models);
    await expect.poll(() => server.requests.length).toBe(2);
    expect(egress.refuseInFlight()).toBe(0); // nothing to refuse while all-local is off
    allLocal = true;
    expect(egress.refuseInFlight()).toBe(1);
    await expect(pending).rejects.toBeInstanceOf(EgressBlockedError);
    expect(await downloading).toBeInstanceOf(Response); // the server answered it (401: no key), nothing ended it
    await translation.close();
    await download.close();
  });

  it('aborts a stream midway', async () => {
    const { egress } = make();
    const controller = new AbortController();
    const res = await egress.fetch(`${server.url}/chat/completions`, { ...post(chatBody(true, 'one two three four five six')), signal: controller.signal });
    const reader = res.body!.getReader();
    await reader.read();
    controller.abort();
    // Even though the server already sent everything, reading after abort fails like fetch does.
    await expect(reader.read()).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('writes one JSON line per request, with the text sent but never the API key', async () => {
    const { egress, auditLogPath } = make();
    const scope = egress.scope({ purpose: 'translation', captionId: 'c4', text: 'mail ⟦EMAIL_1⟧ now' });
    const res = await scope.fetch(`${server.url}/chat/completions`, post(chatBody(false, 'mail ⟦EMAIL_1⟧ now')));
    await res.text();
    await scope.close();
    expect(existsSync(auditLogPath)).toBe(true);
    const raw = readFileSync(auditLogPath, 'utf8');
    expect(raw).not.toContain('SECRET');
    const [rec] = parseAuditLog(raw);
    expect(rec).toMatchObject({ purpose: 'translation', caption_id: 'c4', method: 'POST', host: `127.0.0.1:${server.port}`, path: '/v1/chat/completions', status: 200, text: 'mail ⟦EMAIL_1⟧ now' });
  });

  it('reports an unwritable audit log without failing the request', async () => {
    const errors: Error[] = [];
    // A file where the log's folder should be: every append fails with ENOTDIR.
    const blocker = join(dir, 'not-a-folder');
    writeFileSync(blocker, 'x');
    const { egress } = make({ auditLogPath: join(blocker, 'audit.jsonl'), onAuditError: (e) => errors.push(e) });
    const res = await egress.fetch(`${server.url}/models`, { headers: { authorization: 'Bearer sk-test-SECRET-123' } });
    await res.text();
    expect(res.status).toBe(200);
    await expect.poll(() => errors.length).toBe(1);
    expect(errors[0]!.message).toMatch(/ENOTDIR|EEXIST/);
  });
});

describe('egress over https', () => {
  it('counts the bytes on the wire exactly as the server TCP socket reads them, handshake included, trusting an extra CA', async () => {
    const { key, cert } = selfSignedCert('IP:127.0.0.1');
    let serverRead = 0;
    let rawSocket: Socket | null = null;
    const tlsServer = https.createServer({ key, cert }, (req, res) => {
      req.resume();
      req.on('end', () => {
        serverRead = rawSocket!.bytesRead;
        res.end('{"ok":true}');
      });
    });
    // 'connection' hands over the TCP socket under TLS: its counter is what came over the wire.
    tlsServer.on('connection', (socket: Socket) => (rawSocket = socket));
    await new Promise<void>((r) => tlsServer.listen(0, '127.0.0.1', r));
    try {
      const port = (tlsServer.address() as { port: number }).port;
      const untrusting = make();
      await expect(untrusting.egress.fetch(`https://127.0.0.1:${port}/x`)).rejects.toThrow(/self-signed|certificate/i);
      // The request never left: the handshake failed before any HTTP byte could be written.
      expect(untrusting.records[0]).toMatchObject({ outcome: 'tls', bytes_sent: 0 });
      const { egress, records } = make({ ca: [cert] });
      const res = await egress.fetch(`https://127.0.0.1:${port}/x`, { method: 'POST', body: 'y'.repeat(300) });
      expect(await res.json()).toEqual({ ok: true });
      await expect.poll(() => records.length).toBe(1);
      expect(records[0]!.bytes_sent).toBe(serverRead);
      // The handshake is in it: more than the HTTP request itself (head + 300 B body).
      expect(serverRead).toBeGreaterThan(600);
    } finally {
      await new Promise((r) => tlsServer.close(r));
    }
  });
});

describe('egress redirects', () => {
  it('checks every hop against the allow-list and drops the API key across hosts', async () => {
    const hop = http.createServer((req, res) => {
      res.writeHead(307, { location: `${server.url}/models` });
      res.end();
    });
    await new Promise<void>((r) => hop.listen(0, '127.0.0.1', r));
    const hopHost = `127.0.0.1:${(hop.address() as { port: number }).port}`;
    try {
      const onlyHop = make({ allowedHosts: () => [hopHost] });
      await expect(onlyHop.egress.fetch(`http://${hopHost}/start`)).rejects.toBeInstanceOf(EgressHostRefusedError);
      expect(server.connections()).toBe(0);
      const both = make({ allowedHosts: () => [hopHost, `127.0.0.1:${server.port}`] });
      const res = await both.egress.fetch(`http://${hopHost}/start`, { headers: { authorization: 'Bearer sk-test-SECRET-123' } });
      // The key was not carried to the other host, so the (key-protected) server refuses.
      expect(res.status).toBe(401);
      expect(res.url).toBe(`${server.url}/models`);
      await res.text();
      await expect.poll(() => both.records.length).toBe(2);
      expect(both.records.map((r) => r.status)).toEqual([307, 401]);
    } finally {
      await new Promise((r) => hop.close(r));
    }
  });
});

// Bytes that never left, redirects that would carry the text away, keys a server echoes back (issue 9).

const KEY = 'sk-test-SECRET-123';
const opened: net.Server[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** Listens on 127.0.0.1; closed after the test. Returns "127.0.0.1:port". */
async function listen(server: net.Server): Promise<string> {
  opened.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `127.0.0.1:${(server.address() as net.AddressInfo).port}`;
}

/** A host nothing listens on (bound, then closed): connections to it are refused. */
async function deadHost(): Promise<string> {
  const host = await listen(net.createServer());
  await new Promise((r) => opened.pop()!.close(r));
  return host;
}

/** An HTTP server that answers every request with a redirect to `location`. */
const redirecting = (status: number, location: string) =>
  listen(
    http.createServer((req, res) => {
      req.resume();
      res.writeHead(status, { location }).end();
    }),
  );

/** An HTTP server that records what reached it and answers 200. */
async function recording() {
  const seen: { url: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
  const host = await listen(
    http.createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        seen.push({ url: req.url!, headers: req.headers, body });
        res.end('{"ok":true}');
      });
    }),
  );
  return { host, seen };
}

type RawStep = 'answer' | 'reset' | 'reset-at-accept';
const ANSWER = 'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 11\r\nconnection: close\r\n\r\n{"ok":true}';

/**
 * A raw TCP server speaking just enough HTTP: per connection it takes the next step (answer once the
 * whole request is read, reset once it is read, reset at accept) and records the bytes its socket read.
 */
async function rawHttpServer(steps: RawStep[]) {
  const reads: number[] = [];
  const host = await listen(
    net.createServer((socket) => {
      const step = steps.shift() ?? 'answer';
      const index = reads.push(socket.bytesRead) - 1;
      socket.on('error', () => undefined);
      if (step === 'reset-at-accept') return void socket.resetAndDestroy();
      let request = Buffer.alloc(0);
      socket.on('data', (chunk: Buffer) => {
        reads[index] = socket.bytesRead;
        request = Buffer.concat([request, chunk]);
        if (!wholeRequest(request)) return;
        if (step === 'reset') socket.resetAndDestroy();
        else socket.end(ANSWER);
      });
    }),
  );
  return { host, reads, totalRead: () => reads.reduce((a, b) => a + b, 0) };
}

function wholeRequest(bytes: Buffer): boolean {
  const headEnd = bytes.indexOf('\r\n\r\n');
  if (headEnd < 0) return false;
  const length = Number(/content-length: *(\d+)/i.exec(bytes.subarray(0, headEnd).toString())?.[1] ?? 0);
  return bytes.length >= headEnd + 4 + length;
}

describe('egress wire bytes: only what a connected socket wrote counts', () => {
  it('a refused connection counts 0 B sent in the scope, the totals and audit.jsonl, and says it was refused', async () => {
    const { egress, records, auditLogPath } = make();
    const scope = egress.scope({ purpose: 'translation', captionId: 'r1', text: 'hello world' });
    await expect(scope.fetch(`http://${await deadHost()}/v1/chat/completions`, post(chatBody(false)))).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(await scope.close()).toEqual({ requests: 1, sent: 0, received: 0 });
    expect(egress.totals().translation).toMatchObject({ requests: 1, sent: 0, received: 0 });
    expect(records[0]).toMatchObject({ bytes_sent: 0, bytes_received: 0, status: null, outcome: 'refused', error: expect.stringContaining('ECONNREFUSED') });
    expect(parseAuditLog(readFileSync(auditLogPath, 'utf8'))[0]).toMatchObject({ bytes_sent: 0, outcome: 'refused' });
  });

  it('a name that does not resolve counts 0 B sent, outcome dns', async () => {
    const { egress, records } = make({ allowedHosts: () => ['sotto-egress-test.invalid'] });
    await expect(egress.fetch('http://sotto-egress-test.invalid/v1/models', { headers: { authorization: `Bearer ${KEY}` } })).rejects.toThrow();
    await expect.poll(() => records.length).toBe(1);
    expect(records[0]).toMatchObject({ bytes_sent: 0, outcome: 'dns' });
  });

  it('normal, reset before writing, reset after reading, and their sum over retries equal what the raw server socket read', async () => {
    const raw = await rawHttpServer(['reset-at-accept', 'reset', 'answer']);
    const { egress, records } = make();
    const scope = egress.scope({ purpose: 'translation', captionId: 'r2', text: 'x' });
    const attempt = (host: string) => scope.fetch(`http://${host}/v1/chat/completions`, post(chatBody(false, 'x')));
    await expect(attempt(await deadHost())).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await expect(attempt(raw.host)).rejects.toMatchObject({ code: 'ECONNRESET' });
    await expect(attempt(raw.host)).rejects.toMatchObject({ code: 'ECONNRESET' });
    const res = await attempt(raw.host);
    expect(await res.json()).toEqual({ ok: true });
    const counts = await scope.close();
    expect(records.map((r) => r.bytes_sent)).toEqual([0, ...raw.reads]);
    expect(records.map((r) => r.outcome)).toEqual(['refused', 'reset', 'reset', 'ok']);
    expect(raw.reads[0]).toBe(0);
    expect(raw.reads[1]).toBe(raw.reads[2]); // the same request, read whole before the reset
    expect(counts).toMatchObject({ requests: 4, sent: raw.totalRead() });
    expect(egress.totals().translation.sent).toBe(raw.totalRead());
    expect(records[3]!.bytes_received).toBe(Buffer.byteLength(ANSWER));
  });
});

describe('egress redirects keep a translation on its host', () => {
  it('a translation is not redirected to another origin: the body stays, the error says what to do', async () => {
    const target = await recording();
    const hop = await redirecting(307, `http://${target.host}/v1/chat/completions`);
    const { egress, records } = make();
    const scope = egress.scope({ purpose: 'translation', captionId: 'd1', text: 'hello world' });
    const error = await scope.fetch(`http://${hop}/v1/chat/completions`, post(chatBody(false))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EgressRedirectRefusedError);
    expect(error).toMatchObject({ code: 'EGRESS_REDIRECT_REFUSED', message: expect.stringContaining(`http://${target.host}`), action: expect.stringMatching(/endpoint URL in Settings/) });
    expect(target.seen).toEqual([]);
    await scope.close();
    expect(records.map((r) => [r.host, r.status, r.blocked, r.outcome])).toEqual([
      [hop, 307, null, 'ok'],
      [target.host, null, 'redirect-refused', 'blocked'],
    ]);
    expect(egress.totals().translation.blocked).toBe(1);
  });

  it('an endpoint check is not redirected to another origin either', async () => {
    const target = await recording();
    const hop = await redirecting(302, `http://${target.host}/v1/models`);
    const { egress } = make();
    const scope = egress.scope({ purpose: 'endpoint-check' });
    await expect(scope.fetch(`http://${hop}/v1/models`, { headers: { authorization: `Bearer ${KEY}` } })).rejects.toMatchObject({ code: 'EGRESS_REDIRECT_REFUSED' });
    await scope.close();
    expect(target.seen).toEqual([]);
  });

  it('a redirect on the same origin is followed with the body and the key', async () => {
    const seen: { url: string; auth: string | undefined; body: string }[] = [];
    const host = await listen(
      http.createServer((req, res) => {
        let body = '';
        req.on('data', (d: Buffer) => (body += d.toString()));
        req.on('end', () => {
          seen.push({ url: req.url!, auth: req.headers.authorization, body });
          if (req.url === '/old/chat/completions') res.writeHead(308, { location: '/v1/chat/completions' }).end();
          else res.end('{"ok":true}');
        });
      }),
    );
    const { egress } = make();
    const scope = egress.scope({ purpose: 'translation', captionId: 'd2', text: 'hello world' });
    const res = await scope.fetch(`http://${host}/old/chat/completions`, post(chatBody(false)));
    expect(await res.json()).toEqual({ ok: true });
    await scope.close();
    expect(seen.map((s) => [s.url, s.auth, s.body])).toEqual([
      ['/old/chat/completions', `Bearer ${KEY}`, chatBody(false)],
      ['/v1/chat/completions', `Bearer ${KEY}`, chatBody(false)],
    ]);
  });

  it('a model download follows a redirect to an allowed CDN host, without credentials', async () => {
    const cdn = await recording();
    const hop = await redirecting(302, `http://${cdn.host}/blob/model.bin`);
    const { egress } = make({ allowedHosts: () => [hop, cdn.host] });
    const scope = egress.scope({ purpose: 'model-download' });
    const res = await scope.fetch(`http://${hop}/resolve/main/model.bin`, { headers: { authorization: `Bearer ${KEY}`, 'api-key': KEY, cookie: `session=${KEY}`, 'accept-encoding': 'identity' } });
    expect(res.status).toBe(200);
    expect(res.url).toBe(`http://${cdn.host}/blob/model.bin`);
    await res.text();
    await scope.close();
    expect(cdn.seen).toHaveLength(1);
    expect(cdn.seen[0]!.headers).not.toHaveProperty('authorization');
    expect(cdn.seen[0]!.headers).not.toHaveProperty('api-key');
    expect(cdn.seen[0]!.headers).not.toHaveProperty('cookie');
    expect(cdn.seen[0]!.headers['accept-encoding']).toBe('identity');
  });

  it("tells the scope's onResponseHead of every hop's head, the redirect's own headers included", async () => {
    const cdn = await recording();
    const hop = await listen(
      http.createServer((req, res) => {
        req.resume();
        res.writeHead(302, { location: `http://${cdn.host}/blob`, 'x-repo-commit': 'c'.repeat(40), 'x-linked-etag': `"${'a'.repeat(64)}"` }).end();
      }),
    );
    const { egress } = make({ allowedHosts: () => [hop, cdn.host] });
    const heads: { url: string; status: number; headers: Record<string, string | string[] | undefined> }[] = [];
    const scope = egress.scope({ purpose: 'model-download', onResponseHead: (head) => heads.push(head) });
    await (await scope.fetch(`http://${hop}/resolve/main/model.bin`)).text();
    await scope.close();
    expect(heads.map((h) => [h.url, h.status])).toEqual([
      [`http://${hop}/resolve/main/model.bin`, 302],
      [`http://${cdn.host}/blob`, 200],
    ]);
    expect(heads[0]!.headers).toMatchObject({ 'x-repo-commit': 'c'.repeat(40), 'x-linked-etag': `"${'a'.repeat(64)}"` });
  });

  it('a redirect that would resend a body to another origin is refused for any purpose', async () => {
    const cdn = await recording();
    const hop = await redirecting(307, `http://${cdn.host}/upload`);
    const { egress } = make({ allowedHosts: () => [hop, cdn.host] });
    await expect(egress.scope({ purpose: 'model-download' }).fetch(`http://${hop}/upload`, { method: 'POST', body: 'private' })).rejects.toMatchObject({ code: 'EGRESS_REDIRECT_REFUSED', message: expect.stringMatching(/never sends a body/) });
    expect(cdn.seen).toEqual([]);
  });
});

describe('egress keeps the API key out of what a server sends back', () => {
  it('a key echoed in a redirect path is scrubbed from the audit log and the traffic event', async () => {
    const target = await recording();
    const hop = await redirecting(302, `http://${target.host}/echo/${KEY}/x?token=${KEY}`);
    const { egress, records, auditLogPath } = make({ allowedHosts: () => [hop, target.host] });
    const res = await egress.fetch(`http://${hop}/start`, { headers: { authorization: `Bearer ${KEY}` } });
    await res.text();
    await expect.poll(() => records.length).toBe(2);
    expect(records[1]!.path).toBe('/echo/[redacted]/x');
    expect(target.seen[0]!.url).toBe(`/echo/${KEY}/x?token=${KEY}`); // the server did get its own URL
    expect(JSON.stringify(records)).not.toContain(KEY);
    expect(readFileSync(auditLogPath, 'utf8')).not.toContain(KEY);
  });

  it('an Azure-style api-key echoed in a refused redirect reaches neither the error nor the audit log', async () => {
    const azureKey = '0123456789abcdef0123456789abcdef';
    const hop = await redirecting(307, `http://${await deadHost()}/${azureKey}/chat/completions`);
    const { egress, auditLogPath } = make();
    const scope = egress.scope({ purpose: 'translation', captionId: 'k1', text: 'hello' });
    const error = (await scope.fetch(`http://${hop}/openai/v1/chat/completions`, { method: 'POST', headers: { 'api-key': azureKey }, body: chatBody(false, 'hello') }).catch((e: unknown) => e)) as EgressRedirectRefusedError;
    await scope.close();
    expect(error.code).toBe('EGRESS_REDIRECT_REFUSED');
    expect(JSON.stringify(error.toJSON())).not.toContain(azureKey);
    const log = readFileSync(auditLogPath, 'utf8');
    expect(parseAuditLog(log).map((r) => r.blocked)).toEqual([null, 'redirect-refused']);
    expect(log).not.toContain(azureKey);
  });
});

describe('egress keeps the API key out of the errors it throws', () => {
  it("a certificate naming the key: Node's error quotes it, the egress scrubs it", async () => {
    const { key, cert } = selfSignedCert(`DNS:${KEY.toLowerCase()}.example`);
    const port = (await listen(https.createServer({ key, cert }, (_req, res) => res.end('never')))).split(':')[1];
    // By name, so Node checks the certificate's DNS names (and quotes them in its error).
    const { egress, records } = make({ ca: [cert], allowedHosts: () => ['localhost'] });
    const error = (await egress.fetch(`https://localhost:${port}/v1/models`, { headers: { authorization: `Bearer ${KEY}` } }).catch((e: unknown) => e)) as NodeJS.ErrnoException;
    expect(error.code).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
    expect(error.message).toContain('[redacted].example');
    expect(`${error.message} ${error.stack}`.toLowerCase()).not.toContain(KEY.toLowerCase());
    await expect.poll(() => records.length).toBe(1);
    expect(records[0]).toMatchObject({ outcome: 'tls', bytes_sent: 0 });
    expect(JSON.stringify(records).toLowerCase()).not.toContain(KEY.toLowerCase());
  });
});
