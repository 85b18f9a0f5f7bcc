import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startOpenAiServer, type OpenAiTestServer } from '../../../test-support/servers/openai-server';
import { selfSignedCert } from '../../../test-support/servers/self-signed-cert';
import type { AuditRecord } from './audit';
import { createEgress } from './egress';
import { EgressTimeoutError } from './errors';

/** Connection reuse with exact per-request bytes, checked against the server's own TCP sockets. */

const opened: { close(): unknown }[] = [];
afterEach(async () => {
  for (const o of opened.splice(0)) await o.close();
});

function egressFor(ca: string[] = [], allLocal = { on: false }) {
  const records: AuditRecord[] = [];
  const egress = createEgress({ allLocal: () => allLocal.on, allowedHosts: () => ['127.0.0.1'], auditLogPath: null, ca, onTraffic: (r) => records.push(r) });
  opened.push(egress);
  return { egress, records };
}

const chat = (text: string) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'm', messages: [{ role: 'system', content: 'to German (de)' }, { role: 'user', content: `<transcript>\n${text}\n</transcript>` }] }) });

async function threeLines(server: OpenAiTestServer, egress: ReturnType<typeof egressFor>['egress'], purpose: 'translation' | 'model-download' = 'translation') {
  const counts = [];
  for (const text of ['hello', 'hello world the meeting', 'good morning']) {
    const scope = egress.scope({ purpose, captionId: text, text });
    const res = await scope.fetch(`${server.url}/chat/completions`, chat(text));
    await res.text();
    counts.push(await scope.close());
  }
  return counts;
}

describe('keep-alive with exact bytes', () => {
  it('over HTTP: one connection for three lines, each line counted as its own request on the server', async () => {
    const server = await startOpenAiServer();
    opened.push(server);
    const { egress, records } = egressFor();
    const counts = await threeLines(server, egress);
    expect(server.connections()).toBe(1);
    expect(server.requests.map((r) => r.connection)).toEqual([1, 1, 1]);
    expect(counts.map((c) => c.sent)).toEqual(server.requests.map((r) => r.bytes));
    expect(counts.map((c) => c.received)).toEqual(server.requests.map((r) => r.bytesWritten));
    expect(records.map((r) => r.bytes_sent)).toEqual(server.requests.map((r) => r.bytes));
  });

  it('over HTTPS: the handshake is counted on the request that opened the connection, then per-request records', async () => {
    const { key, cert } = selfSignedCert();
    const server = await startOpenAiServer({ tls: { key, cert } });
    opened.push(server);
    const { egress } = egressFor([cert]);
    const counts = await threeLines(server, egress);
    expect(server.connections()).toBe(1);
    expect(counts.map((c) => c.sent)).toEqual(server.requests.map((r) => r.bytes));
    expect(counts.map((c) => c.received)).toEqual(server.requests.map((r) => r.bytesWritten));
    // The first line carried the ClientHello and key exchange; the third is shorter than the first by about that.
    expect(counts[0]!.sent - counts[2]!.sent).toBeGreaterThan(200);
    // The certificate came back on the first line only.
    expect(counts[0]!.received).toBeGreaterThan(counts[2]!.received + cert.length / 2);
  });

  it('model downloads get a connection each', async () => {
    const server = await startOpenAiServer();
    opened.push(server);
    const { egress } = egressFor();
    await threeLines(server, egress, 'model-download');
    expect(server.connections()).toBe(3);
  });

  it('switching all-local on closes the idle kept-alive connection', async () => {
    const server = await startOpenAiServer();
    opened.push(server);
    const allLocal = { on: false };
    const { egress } = egressFor([], allLocal);
    await threeLines(server, egress);
    allLocal.on = true;
    egress.refuseInFlight();
    allLocal.on = false;
    await threeLines(server, egress);
    expect(server.connections()).toBe(2);
  });

  it('a connection that never opens (TLS never answered) ends at the connect timeout, 0 B sent', async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((s) => sockets.push(s)); // accepts TCP, never speaks TLS
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    opened.push({ close: () => new Promise((r) => (sockets.forEach((s) => s.destroy()), silent.close(r))) });
    const port = (silent.address() as net.AddressInfo).port;
    const { egress, records } = egressFor();
    const scope = egress.scope({ purpose: 'translation', text: 'x', timeouts: { connectMs: 300, idleMs: 5000 } });
    const error = await scope.fetch(`https://127.0.0.1:${port}/v1/models`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EgressTimeoutError);
    expect(error).toMatchObject({ phase: 'connect' });
    await scope.close();
    expect(records[0]).toMatchObject({ outcome: 'timeout', bytes_sent: 0 });
  });
});
