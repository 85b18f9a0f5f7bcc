import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WebSocket } from 'ws';
import { PublicSettings, WsServerMessage, type EngineEvent } from '../../contract';
import { createScriptedEngine, type ScriptedEngine } from '../../../test-support/engines/scripted-engine';
import { startWsHost, type WsHost, type WsHostOptions } from './ws-host';
import type { EngineApp } from '../app/types';

const PAGE = 'http://127.0.0.1:5173';
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function host(options: WsHostOptions = {}, engine: EngineApp = createScriptedEngine()): Promise<WsHost> {
  const h = await startWsHost(engine, { allowedOrigins: [PAGE], ...options });
  cleanups.push(() => h.close());
  return h;
}

/** A raw client that records every server message, so tests can await the next ones. */
class Client {
  readonly messages: WsServerMessage[] = [];
  private waiters: Array<() => void> = [];
  closed: Promise<{ code: number; reason: string }>;
  opened: Promise<void>;
  rejected: Promise<number>;
  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.messages.push(WsServerMessage.parse(JSON.parse(data.toString())));
      for (const w of this.waiters.splice(0)) w();
    });
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    this.opened = new Promise((resolve) => ws.on('open', () => resolve()));
    this.rejected = new Promise((resolve) => ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    ws.on('error', () => undefined);
  }
  send(message: unknown): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }
  async next<T extends WsServerMessage>(match: (m: WsServerMessage) => m is T): Promise<T>;
  async next(match: (m: WsServerMessage) => boolean): Promise<WsServerMessage>;
  async next(match: (m: WsServerMessage) => boolean): Promise<WsServerMessage> {
    for (;;) {
      const idx = this.messages.findIndex(match);
      if (idx >= 0) return this.messages.splice(idx, 1)[0]!;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }
  async reply(id: number) {
    const m = await this.next((x) => x.kind === 'reply' && x.reply.id === id);
    if (m.kind !== 'reply') throw new Error('unreachable');
    return m.reply;
  }
  async event(type: EngineEvent['type']): Promise<EngineEvent> {
    const m = await this.next((x) => x.kind === 'event' && (x.event as EngineEvent).type === type);
    return (m as { event: EngineEvent }).event;
  }
}

function connect(url: string, origin: string | null = PAGE): Client {
  const c = new Client(new WebSocket(url, origin ? { origin } : {}));
  cleanups.push(async () => c.ws.terminate());
  return c;
}

async function authedClient(h: WsHost): Promise<Client> {
  const c = connect(h.url);
  await c.opened;
  c.send({ kind: 'hello', token: h.token });
  await c.next((m) => m.kind === 'welcome');
  return c;
}

describe('startWsHost: who may connect', () => {
  it('listens on 127.0.0.1 only, on a random port, with a random token', async () => {
    const a = await host();
    const b = await host();
    expect(a.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/sotto$/);
    expect(a.port).not.toBe(b.port);
    expect(a.token).not.toBe(b.token);
    expect(a.token.length).toBeGreaterThanOrEqual(24);
  });

  it('refuses other origins, a missing origin, other paths and a wrong query token at the HTTP upgrade', async () => {
    const h = await host();
    expect(await connect(h.url, 'http://evil.example').rejected).toBe(403);
    expect(await connect(h.url, null).rejected).toBe(403);
    expect(await connect(h.url.replace('/sotto', '/other')).rejected).toBe(404);
    expect(await connect(`${h.url}?token=wrong`).rejected).toBe(401);
    expect(h.clientCount()).toBe(0);
  });

  it('closes a connection whose hello carries the wrong token, or that calls before hello, or never says hello', async () => {
    const h = await host({ helloTimeoutMs: 300 });
    const wrong = connect(h.url);
    await wrong.opened;
    wrong.send({ kind: 'hello', token: 'not-the-token' });
    expect((await wrong.closed).code).toBe(4401);

    const early = connect(h.url);
    await early.opened;
    early.send({ kind: 'invoke', id: 1, command: 'settings.get', request: {} });
    expect((await early.closed).code).toBe(4401);

    const silent = connect(h.url);
    await silent.opened;
    expect((await silent.closed).code).toBe(4401);
    expect(silent.messages).toEqual([]);
  });

  it('accepts the token as a query parameter too', async () => {
    const h = await host();
    const c = connect(`${h.url}?token=${encodeURIComponent(h.token)}`);
    await c.next((m) => m.kind === 'welcome');
    c.send({ kind: 'invoke', id: 7, command: 'status.get', request: {} });
    expect((await c.reply(7)).ok).toBe(true);
  });
});

describe('startWsHost: calls', () => {
  it('answers a valid call with the engine response, validated', async () => {
    const h = await host();
    const c = await authedClient(h);
    c.send({ kind: 'invoke', id: 1, command: 'settings.get', request: {} });
    const reply = await c.reply(1);
    expect(reply.ok).toBe(true);
    if (reply.ok) expect(PublicSettings.parse(reply.response).allLocal).toBe(true);
  });

  it('rejects an invalid request with the zod message, before it reaches the engine', async () => {
    const engine = createScriptedEngine();
    const h = await host({}, engine);
    const c = await authedClient(h);
    c.send({ kind: 'invoke', id: 2, command: 'settings.update', request: { patch: { cloud: { baseUrl: 'not a url' } } } });
    const reply = await c.reply(2);
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    if (!reply.ok) expect(reply.error.message).toContain('patch.cloud.baseUrl');
    expect(engine.calls.map((x) => x.command)).not.toContain('settings.update');
  });

  it('names unknown commands and malformed messages, and keeps the connection usable', async () => {
    const h = await host();
    const c = await authedClient(h);
    c.send({ kind: 'invoke', id: 3, command: 'shell.exec', request: {} });
    expect(await c.reply(3)).toMatchObject({ ok: false, error: { code: 'unknown_command' } });
    c.send('{not json');
    expect(await c.reply(-1)).toMatchObject({ ok: false, error: { code: 'bad_message' } });
    c.send({ kind: 'invoke', id: 4, command: 'ledger.get', request: {} });
    expect((await c.reply(4)).ok).toBe(true);
  });

  it('passes the engine error code, message and action through', async () => {
    const h = await host();
    const c = await authedClient(h);
    c.send({ kind: 'invoke', id: 5, command: 'models.import', request: { id: 'ggml-base', path: 'relative/model.bin' } });
    const reply = await c.reply(5);
    expect(reply).toMatchObject({ ok: false, error: { code: 'import_failed' } });
    if (!reply.ok) expect(reply.error.action).toMatch(/full path/);
  });

  it('refuses to forward an engine response that breaks the contract', async () => {
    const engine = createScriptedEngine();
    const broken: EngineApp = { ...engine, invoke: (async () => ({ not: 'a status' })) as EngineApp['invoke'] };
    const h = await host({}, broken);
    const c = await authedClient(h);
    c.send({ kind: 'invoke', id: 6, command: 'status.get', request: {} });
    expect(await c.reply(6)).toMatchObject({ ok: false, error: { code: 'invalid_response' } });
  });
});

describe('startWsHost: events', () => {
  it('forwards engine events to every authenticated client and to no one else', async () => {
    const engine: ScriptedEngine = createScriptedEngine();
    const h = await host({}, engine);
    const a = await authedClient(h);
    const b = await authedClient(h);
    const stranger = connect(h.url);
    await stranger.opened;
    expect(h.clientCount()).toBe(2);
    a.send({ kind: 'invoke', id: 1, command: 'text.translate', request: { text: 'hello there' } });
    for (const c of [a, b]) {
      expect(await c.event('caption.partial')).toMatchObject({ type: 'caption.partial' });
      expect(await c.event('caption.final')).toMatchObject({ type: 'caption.final', text: 'hello there' });
      expect(await c.event('ledger.updated')).toMatchObject({ type: 'ledger.updated' });
    }
    expect(stranger.messages).toEqual([]);
  });

  it('turns an event that breaks the contract into a clear error event', async () => {
    const engine = createScriptedEngine();
    const h = await host({}, engine);
    const c = await authedClient(h);
    engine.emit({ type: 'mic.level', rms: 7, peak: 0.1 });
    const event = await c.event('error');
    expect(event).toMatchObject({ type: 'error', code: 'invalid_event', recoverable: true });
  });

  it('close() closes the clients with "going away" and stops forwarding', async () => {
    const engine = createScriptedEngine();
    const h = await startWsHost(engine, { allowedOrigins: [PAGE] });
    const c = await authedClient(h);
    await h.close();
    expect((await c.closed).code).toBe(1001);
    await h.close(); // idempotent
  });
});

describe('startWsHost: static renderer on the same origin', () => {
  it('serves the folder with the CSP, allows its own origin, and refuses path traversal', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sotto-static-'));
    await mkdir(path.join(dir, 'assets'));
    await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>Sotto</title>');
    await writeFile(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(path.join(path.dirname(dir), 'sotto-secret.txt'), 'secret');
    const h = await host({ staticDir: dir });
    expect(h.pageUrl).toBe(`${h.origin}/`);
    const page = await fetch(h.pageUrl!);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await page.text()).toContain('<title>Sotto</title>');
    const js = await fetch(`${h.origin}/assets/app.js`);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(`${h.origin}/%2e%2e/sotto-secret.txt`)).status).toBe(404);
    expect((await fetch(`${h.origin}/missing.js`)).status).toBe(404);
    expect((await fetch(h.pageUrl!, { method: 'POST' })).status).toBe(405);

    const own = connect(h.url, h.origin);
    await own.opened;
    own.send({ kind: 'hello', token: h.token });
    await own.next((m) => m.kind === 'welcome');
  });
});
