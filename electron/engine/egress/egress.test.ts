import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startOpenAiServer, type OpenAiTestServer } from '../../../test-support/servers/openai-server';
import { allowedHostsFor, createEgress, EgressBlockedError, EgressHostRefusedError, parseAuditLog, type AuditRecord, type EgressOptions } from '.';

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
    expect(json.choices[0]!.message.content).toBe('[de] HELLO WORLD');
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
  it('counts the HTTP bytes inside TLS exactly as the server reads them, trusting an extra CA', async () => {
    const certDir = mkdtempSync(join(tmpdir(), 'sotto-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', join(certDir, 'key.pem'), '-out', join(certDir, 'cert.pem'), '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1', '-days', '1'], { stdio: 'ignore' });
    const cert = readFileSync(join(certDir, 'cert.pem'), 'utf8');
    let serverRead = 0;
    const tlsServer = https.createServer({ key: readFileSync(join(certDir, 'key.pem')), cert }, (req, res) => {
      req.resume();
      req.on('end', () => {
        serverRead = req.socket.bytesRead;
        res.end('{"ok":true}');
      });
    });
    await new Promise<void>((r) => tlsServer.listen(0, '127.0.0.1', r));
    try {
      const port = (tlsServer.address() as { port: number }).port;
      const untrusting = make();
      await expect(untrusting.egress.fetch(`https://127.0.0.1:${port}/x`)).rejects.toThrow(/self-signed|certificate/i);
      const { egress, records } = make({ ca: [cert] });
      const res = await egress.fetch(`https://127.0.0.1:${port}/x`, { method: 'POST', body: 'y'.repeat(300) });
      expect(await res.json()).toEqual({ ok: true });
      await expect.poll(() => records.length).toBe(1);
      expect(records[0]!.bytes_sent).toBe(serverRead);
    } finally {
      await new Promise((r) => tlsServer.close(r));
    }
  });
});

describe('allowedHostsFor', () => {
  it('allows the endpoint and mirror hosts plus fixed extras, nothing else', () => {
    expect(allowedHostsFor({ cloud: { baseUrl: 'http://localhost:11434/v1' }, modelMirror: 'https://Mirror.example.com/m' }, ['huggingface.co'])).toEqual(['huggingface.co', 'localhost:11434', 'mirror.example.com']);
    expect(allowedHostsFor({ cloud: { baseUrl: '' }, modelMirror: '' })).toEqual([]);
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

describe('hostAllowed', () => {
  it('matches hosts exactly and dot-entries as domain suffixes', async () => {
    const { hostAllowed } = await import('./egress');
    const allowed = ['huggingface.co', '.hf.co', 'localhost:11434'];
    expect(hostAllowed(new URL('https://huggingface.co/x'), allowed)).toBe(true);
    expect(hostAllowed(new URL('https://cas-bridge.xethub.hf.co/x'), allowed)).toBe(true);
    expect(hostAllowed(new URL('https://hf.co/x'), allowed)).toBe(false);
    expect(hostAllowed(new URL('https://evilhf.co/x'), allowed)).toBe(false);
    expect(hostAllowed(new URL('https://huggingface.co.evil.com/x'), allowed)).toBe(false);
    expect(hostAllowed(new URL('http://localhost:11434/v1'), allowed)).toBe(true);
    expect(hostAllowed(new URL('http://localhost:9999/v1'), allowed)).toBe(false);
  });
});
