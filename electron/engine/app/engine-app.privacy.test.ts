import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EventLog } from '../../../test-support/engines/event-log';
import { ensureTestTranslator } from '../../../test-support/models/translator/make-test-translator';
import { startOpenAiServer, type OpenAiTestServer } from '../../../test-support/servers/openai-server';
import { SettingsError } from '../settings/errors';
import { MemorySecretStore } from '../settings/memory-secrets';
import type { SecretStore } from '../settings/secret-store';
import { createEngineApp, type EngineApp } from '.';

/** What the engine app promises about privacy, tried the way a hostile window or a locked keyring would. */
let server: OpenAiTestServer;
let other: OpenAiTestServer;
let dir: string;
const opened: EngineApp[] = [];

beforeAll(async () => {
  server = await startOpenAiServer();
  other = await startOpenAiServer();
});
afterAll(async () => {
  await server.close();
  await other.close();
});
afterEach(async () => {
  for (const app of opened.splice(0)) await app.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
  server.reset();
  other.reset();
});

/** An app whose lines of two words or more go to the test server's cloud lane. */
async function cloudApp(secrets: SecretStore = new MemorySecretStore()): Promise<{ app: EngineApp; events: EventLog }> {
  dir = mkdtempSync(join(tmpdir(), 'sotto-app-privacy-'));
  await mkdir(join(dir, 'models'), { recursive: true });
  await ensureTestTranslator(join(dir, 'models'), 'en-de');
  const cloud = { baseUrl: server.url, model: 'sotto-test-model', timeoutMs: 10_000, maxRetries: 0 };
  writeFileSync(join(dir, 'settings.json'), JSON.stringify({ version: 1, sourceLanguage: 'en', targetLanguage: 'de', allLocal: false, cloud, routing: { maxDeviceWords: 1 } }));
  const app = await createEngineApp({ userDataDir: dir, secrets });
  opened.push(app);
  const events = new EventLog();
  app.onEvent(events.push);
  return { app, events };
}

const authorization = (rawHeaders: string[]): string | undefined => rawHeaders[rawHeaders.findIndex((h, i) => i % 2 === 0 && /^(authorization|api-key)$/i.test(h)) + 1];

describe('engine app: privacy', { timeout: 120_000 }, () => {
  it('a line sent in the same tick as switching all-local on stays on the device', async () => {
    const { app, events } = await cloudApp();
    // Control: before the switch, such a line goes to the cloud.
    await app.invoke('text.translate', { text: 'hello world' });
    expect((await events.waitFor('caption.final', 1))[0]).toMatchObject({ lane: 'cloud' });
    const before = server.requests.length;
    const [, { id }] = await Promise.all([app.invoke('settings.update', { patch: { allLocal: true } }), app.invoke('text.translate', { text: 'hello world' })]);
    const final = (await events.waitFor('caption.final', 2)).find((c) => c.id === id)!;
    expect(final).toMatchObject({ lane: 'device', translation: 'hallo welt', bytes: { sent: 0, received: 0 } });
    expect(server.requests.length).toBe(before);
  });

  it('switching all-local on ends a line already waiting on the cloud; it is translated on the device', async () => {
    const { app, events } = await cloudApp();
    server.queueFaults({ kind: 'hang' }); // the endpoint takes the line and never answers (timeout is 10 s)
    const { id } = await app.invoke('text.translate', { text: 'hello world' });
    await expect.poll(() => server.requests.length).toBe(1);
    await app.invoke('settings.update', { patch: { allLocal: true } });
    const [final] = await events.waitFor('caption.final', 1, 0, 5_000);
    expect(final).toMatchObject({ id, lane: 'device', translation: 'hallo welt', fallback: true });
    expect(final!.fallback_reason).toMatch(/all-local/i);
  });

  it('pointing the endpoint at another server never takes the key there, and asks for the key again', async () => {
    const { app, events } = await cloudApp();
    await app.invoke('apikey.set', { key: 'sk-bound-to-first' });
    expect(await app.invoke('settings.get', {})).toMatchObject({ apiKeySet: true, apiKeyOrigin: new URL(server.url).origin });
    // Same tick: the check must not carry the key to the new host, even before the old key is dropped.
    await Promise.all([app.invoke('settings.update', { patch: { cloud: { baseUrl: other.url } } }), app.invoke('endpoint.check', {})]);
    await app.invoke('endpoint.check', {});
    expect(other.requests.length).toBeGreaterThan(0);
    for (const request of other.requests) expect(authorization(request.rawHeaders)).not.toContain('sk-bound-to-first');
    for (const request of other.requests) expect(request.body + request.rawHeaders.join(' ')).not.toContain('sk-bound-to-first');
    await events.waitFor('notice', 1);
    expect(events.events.find((e) => e.type === 'notice' && e.code === 'apikey_cleared')).toBeDefined();
    expect(await app.invoke('settings.get', {})).toMatchObject({ apiKeySet: false, apiKeyOrigin: null });
  });

  it('replicas: each endpoint gets only the key and secret headers entered for its own origin', async () => {
    const { app, events } = await cloudApp();
    await app.invoke('settings.update', {
      patch: { cloud: { maxRetries: 0, replicas: [{ baseUrl: other.url, model: 'sotto-test-model', preset: 'custom', authStyle: 'bearer', headers: [{ name: 'X-Gateway', value: '', secret: true }], query: [], rank: 0 }] } },
    });
    await app.invoke('apikey.set', { key: 'sk-main-only' });
    await app.invoke('endpoint.secrets.set', { baseUrl: other.url, key: 'sk-replica-only', headers: { 'X-Gateway': 'gw-replica-only' } });
    const settings = await app.invoke('settings.get', {});
    expect(JSON.stringify(settings)).not.toMatch(/sk-main-only|sk-replica-only|gw-replica-only/);
    expect(settings.endpointSecrets).toEqual(expect.arrayContaining([{ origin: new URL(other.url).origin, key: true, headers: ['X-Gateway'], query: [] }]));
    for (const text of ['hello world', 'good morning', 'hello world', 'good morning']) await app.invoke('text.translate', { text });
    await events.waitFor('caption.final', 4);
    await app.invoke('endpoint.check', {});
    expect(server.requests.length).toBeGreaterThan(0);
    expect(other.requests.length).toBeGreaterThan(0);
    for (const r of server.requests) expect(r.rawHeaders.join(' ')).not.toMatch(/sk-replica-only|gw-replica-only/);
    for (const r of other.requests) expect(r.rawHeaders.join(' ')).not.toContain('sk-main-only');
    for (const r of other.requests) expect(authorization(r.rawHeaders)).toBe('Bearer sk-replica-only');
    // Removing the replica removes its secrets with it.
    await app.invoke('settings.update', { patch: { cloud: { replicas: [] } } });
    await expect.poll(async () => (await app.invoke('settings.get', {})).endpointSecrets?.some((e) => e.origin === new URL(other.url).origin)).toBe(false);
  });

  it('starts with a locked keyring: no key, the cloud lane falls back, and a notice asks for the key', async () => {
    const locked: SecretStore = {
      get: () => Promise.reject(new SettingsError('secrets_unavailable', 'The system keyring is locked.', 'Unlock it.')),
      set: async () => undefined,
      has: async () => true,
    };
    const { app, events } = await cloudApp(locked);
    const [notice] = await events.waitFor('notice', 1);
    expect(notice).toMatchObject({ code: 'secrets_unavailable', level: 'warning' });
    expect(await app.invoke('settings.get', {})).toMatchObject({ apiKeySet: false });
  });
});
