import { afterEach, describe, expect, it } from 'vitest';
import { CloudSettings, type CloudReplica } from '../../contract';
import { startOpenAiServer, type OpenAiTestServer } from '../../../test-support/servers/openai-server';
import { createEgress } from '../egress';
import { createCloudTranslator } from './cloud';
import { NO_SECRETS, type Endpoint } from './cloud-endpoint';
import { EndpointHealth } from './cloud-replicas';

/** 8. Replicas, not splits: three local servers, one killed mid-session. */

const servers: OpenAiTestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

const replica = (server: OpenAiTestServer, rank: number): CloudReplica => ({ baseUrl: server.url, model: 'm', preset: 'custom', authStyle: 'none', headers: [], query: [], rank });
const textsAt = (server: OpenAiTestServer): string[] =>
  server.requests.map((r) => {
    const user = (JSON.parse(r.body) as { messages: { role: string; content: string }[] }).messages.find((m) => m.role === 'user')!.content;
    return /<transcript>\n([\s\S]*)\n<\/transcript>/.exec(user)?.[1] ?? '';
  });

describe('replicas', () => {
  it('equal ranks share lines, a killed endpoint is skipped after one failure, and no line is lost or sent twice for nothing', async () => {
    const [a, b, c] = await Promise.all([startOpenAiServer(), startOpenAiServer(), startOpenAiServer()]);
    servers.push(a!, b!, c!);
    // a (main, rank 0) and b (rank 0) share lines; c (rank 1) is the fallback before the device.
    const settings = CloudSettings.parse({ baseUrl: a!.url, model: 'm', maxRetries: 1, timeoutMs: 5000, replicas: [replica(b!, 0), replica(c!, 1)] });
    const egress = createEgress({ allLocal: () => false, allowedHosts: () => ['127.0.0.1'], auditLogPath: null });
    const translator = createCloudTranslator({ egress, settings: () => settings, secrets: () => NO_SECRETS, backoffMs: 5 });
    const answered: string[] = [];
    const line = async (i: number) => {
      const result = await translator.translate({ id: `l${i}`, text: `hello world ${i}`, sourceLanguage: 'en', targetLanguage: 'de' });
      answered.push(result.endpoint!);
      return result;
    };
    for (let i = 0; i < 4; i++) await line(i);
    expect(answered).toEqual([a!.url, b!.url, a!.url, b!.url].map((u) => new URL(u).origin));
    await b!.close(); // killed mid-session
    for (let i = 4; i < 10; i++) expect((await line(i)).text).toBe(`[de] HALLO WELT ${i}`);
    // Every line answered; each text reached a second endpoint only when the first one failed it.
    const sentTo = (i: number) => [a!, b!, c!].filter((s) => textsAt(s).includes(`hello world ${i}`)).length;
    for (let i = 0; i < 10; i++) expect(sentTo(i)).toBe(1);
    // b failed one line (sent nowhere, the connection refused), then was skipped during its cool-down.
    expect(answered.slice(4).every((o) => o === new URL(a!.url).origin)).toBe(true);
    expect(c!.requests).toHaveLength(0);
  });

  it('the next rank takes over when the whole first rank fails, and the caption names it', async () => {
    const [a, c] = await Promise.all([startOpenAiServer(), startOpenAiServer()]);
    servers.push(a!, c!);
    a!.setFault({ kind: 'server-error' });
    const settings = CloudSettings.parse({ baseUrl: a!.url, model: 'm', maxRetries: 0, replicas: [replica(c!, 1)] });
    const egress = createEgress({ allLocal: () => false, allowedHosts: () => ['127.0.0.1'], auditLogPath: null });
    const translator = createCloudTranslator({ egress, settings: () => settings, secrets: () => NO_SECRETS });
    const result = await translator.translate({ id: 'x', text: 'hello world', sourceLanguage: 'en', targetLanguage: 'de' });
    expect(result).toMatchObject({ endpoint: new URL(c!.url).origin, requests: 2 });
    expect(result.bytesSent).toBe(a!.bytesReceived() + c!.bytesReceived());
  });
});

describe('EndpointHealth', () => {
  const endpoint = (index: number, rank: number): Endpoint => ({ index, origin: `http://e${index}`, baseUrl: `http://e${index}/v1`, model: 'm', preset: 'custom', authStyle: 'none', rank, headers: {}, query: {}, key: null, secrets: [] });
  it('cools a failed endpoint down, doubling while it fails, and never leaves nothing to try', () => {
    let now = 0;
    const health = new EndpointHealth({ coolDownMs: 1000, now: () => now });
    const [e0, e1] = [endpoint(0, 0), endpoint(1, 1)];
    health.failed(e0);
    expect(health.order([e0, e1])).toEqual([e1]);
    now = 1001;
    expect(health.order([e0, e1])).toEqual([e0, e1]);
    health.failed(e0);
    now = 2500;
    expect(health.cooling(e0)).toBe(true); // 2 s the second time
    health.failed(e1);
    expect(health.order([e0, e1])).toEqual([e0, e1]); // both cooling: still asked, rather than nothing
  });
});
