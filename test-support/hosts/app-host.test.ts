// The browser adapter against the real dev host, in Node (the `ws` client stands in for the
// browser's WebSocket; both speak the same protocol). Playwright covers the same path in Chromium.
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WebSocket } from 'ws';
import { SottoCommandError, type EngineEvent } from '../../electron/contract';
import type { EngineApp } from '../../electron/engine/app/types';
import { startWsHost, type WsHost } from '../../electron/engine/host/ws-host';
import { createWsAdapter, wsConfigFromPage, type ConnectionState, type SocketLike, type WsAdapter } from '../../renderer/transport/ws-adapter';
import { createScriptedEngine } from '../engines/scripted-engine';
import { startAppHost, startAppHostProcess } from './app-host';

const ORIGIN = 'http://127.0.0.1:5173';
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

function adapterFor(url: string, token: string): WsAdapter {
  const adapter = createWsAdapter({
    url,
    token,
    createSocket: (u) => new WebSocket(u, { origin: ORIGIN }) as unknown as SocketLike,
    initialBackoffMs: 20,
    maxBackoffMs: 100,
    waitForConnectionMs: 2000,
  });
  cleanups.push(() => adapter.close());
  return adapter;
}

async function hostFor(engine: EngineApp, extra: { port?: number; token?: string } = {}): Promise<WsHost> {
  const host = await startWsHost(engine, { allowedOrigins: [ORIGIN], ...extra });
  cleanups.push(() => host.close());
  return host;
}

function until(adapter: WsAdapter, wanted: ConnectionState): Promise<void> {
  if (adapter.state === wanted) return Promise.resolve();
  return new Promise((resolve) => {
    const off = adapter.onConnection((s) => {
      if (s === wanted) {
        off();
        resolve();
      }
    });
  });
}

function nextEvent<T extends EngineEvent['type']>(adapter: WsAdapter, type: T): Promise<Extract<EngineEvent, { type: T }>> {
  return new Promise((resolve) => {
    const off = adapter.onEvent((e) => {
      if (e.type === type) {
        off();
        resolve(e as Extract<EngineEvent, { type: T }>);
      }
    });
  });
}

describe('browser adapter ↔ dev host', () => {
  it('calls commands (queued until connected), validated both ways', async () => {
    const engine = createScriptedEngine();
    const host = await hostFor(engine);
    const adapter = adapterFor(host.url, host.token);
    // Called before the socket is open: waits for the welcome, then goes out.
    const settings = await adapter.invoke('settings.get', {});
    expect(adapter.state).toBe('open');
    expect(settings.allLocal).toBe(true);
    const updated = await adapter.invoke('settings.update', { patch: { targetLanguage: 'de', captionSize: 'large' } });
    expect(updated).toMatchObject({ targetLanguage: 'de', captionSize: 'large' });
  });

  it('rejects an invalid request in the window, before it is sent', async () => {
    const engine = createScriptedEngine();
    const host = await hostFor(engine);
    const adapter = adapterFor(host.url, host.token);
    const bad = adapter.invoke('settings.update', { patch: { captionSize: 'huge' as 'large' } });
    await expect(bad).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(bad).rejects.toThrow(/captionSize/);
    await adapter.invoke('status.get', {});
    expect(engine.calls.map((c) => c.command)).toEqual(['status.get']);
  });

  it('turns an engine failure into a SottoCommandError with the engine action', async () => {
    const host = await hostFor(createScriptedEngine());
    const adapter = adapterFor(host.url, host.token);
    const err = await adapter.invoke('models.import', { id: 'ggml-base', path: 'model.bin' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SottoCommandError);
    expect(err).toMatchObject({ code: 'import_failed', action: expect.stringMatching(/full path/) });
  });

  it('delivers engine events, and reports an invalid one as an error event', async () => {
    const engine = createScriptedEngine({ targetLanguage: 'de' });
    const host = await hostFor(engine);
    const adapter = adapterFor(host.url, host.token);
    await until(adapter, 'open');
    const final = nextEvent(adapter, 'caption.final');
    await adapter.invoke('text.translate', { text: 'good morning' });
    expect(await final).toMatchObject({ text: 'good morning', translation: '[de] good morning', lane: 'device' });
    const error = nextEvent(adapter, 'error');
    engine.emit({ type: 'status', state: 'dancing' });
    expect(await error).toMatchObject({ code: 'invalid_event' });
  });

  it('fails a call in flight when the host goes away, then reconnects with backoff', async () => {
    const engine = createScriptedEngine();
    let releaseHeld: (() => void) | null = null;
    const slow: EngineApp = {
      ...engine,
      invoke: (async (command: string, request: unknown) => {
        if (command === 'ptt.press') await new Promise<void>((resolve) => (releaseHeld = resolve));
        return engine.invoke(command as never, request as never);
      }) as EngineApp['invoke'],
    };
    const first = await startWsHost(slow, { allowedOrigins: [ORIGIN] });
    const adapter = adapterFor(first.url, first.token);
    await until(adapter, 'open');
    const held = adapter.invoke('ptt.press', {});
    await new Promise((r) => setTimeout(r, 50)); // let the call reach the engine
    const reconnecting = until(adapter, 'reconnecting');
    await first.close();
    await reconnecting;
    await expect(held).rejects.toMatchObject({ code: 'disconnected', message: expect.stringContaining('ptt.press') });
    (releaseHeld as (() => void) | null)?.();

    // Same port and token: the adapter finds it again by itself.
    const second = await hostFor(engine, { port: first.port, token: first.token });
    await until(adapter, 'open');
    expect(second.clientCount()).toBe(1);
    expect((await adapter.invoke('status.get', {})).type).toBe('status');
  });

  it('stops retrying with a wrong token and says why', async () => {
    const host = await hostFor(createScriptedEngine());
    const adapter = adapterFor(host.url, 'wrong-token');
    const call = adapter.invoke('status.get', {});
    await expect(call).rejects.toMatchObject({ code: 'unauthorized', action: expect.stringMatching(/link/) });
    expect(adapter.state).toBe('unauthorized');
  });

  it('stops for good on a URL that cannot be opened, and says so', async () => {
    const adapter = createWsAdapter({ url: 'not a url', token: 't', createSocket: (u) => new WebSocket(u) as unknown as SocketLike });
    cleanups.push(() => adapter.close());
    expect(adapter.state).toBe('closed');
    await expect(adapter.invoke('status.get', {})).rejects.toMatchObject({ code: 'disconnected' });
  });

  it('finds the host from the page URL or an injected global', () => {
    expect(wsConfigFromPage({ href: 'http://127.0.0.1:4000/#token=abc' })).toEqual({ url: 'ws://127.0.0.1:4000/sotto', token: 'abc' });
    expect(wsConfigFromPage({ href: 'http://localhost:5173/?token=t&ws=ws%3A%2F%2F127.0.0.1%3A9%2Fsotto' })).toEqual({ url: 'ws://127.0.0.1:9/sotto', token: 't' });
    expect(wsConfigFromPage({ href: 'http://127.0.0.1:4000/' })).toBeNull();
    expect(wsConfigFromPage({ href: 'http://x/' }, { url: 'ws://a/sotto', token: 'k' })).toEqual({ url: 'ws://a/sotto', token: 'k' });
  });
});

describe('startAppHost', () => {
  it('starts an engine behind the host with the given settings and env, and cleans up', async () => {
    const dist = await mkdtemp(path.join(tmpdir(), 'sotto-dist-'));
    await writeFile(path.join(dist, 'index.html'), '<!doctype html><title>Sotto</title>');
    let seenEnv: string | undefined;
    let seenDir = '';
    const app = await startAppHost({
      staticDir: dist,
      env: { SOTTO_TEST_MARKER: 'on' },
      openaiBaseUrl: 'http://127.0.0.1:9/v1',
      apiKey: 'sk-test',
      settings: { firstRunDone: true },
      engine: async (opts) => {
        seenEnv = process.env.SOTTO_TEST_MARKER;
        seenDir = opts.userDataDir;
        return createScriptedEngine();
      },
    });
    expect(seenEnv).toBe('on');
    expect(app.pageUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=/);
    const settings = await app.engine.invoke('settings.get', {});
    expect(settings).toMatchObject({ allLocal: false, apiKeySet: true, firstRunDone: true, cloud: { baseUrl: 'http://127.0.0.1:9/v1' } });
    expect((await fetch(app.pageUrl)).status).toBe(200);
    expect(existsSync(seenDir)).toBe(true);
    await app.close();
    expect(process.env.SOTTO_TEST_MARKER).toBeUndefined();
    expect(existsSync(seenDir)).toBe(false);
  });

  it('says what to do when the renderer is not built', async () => {
    await expect(startAppHost({ staticDir: path.join(tmpdir(), 'sotto-no-such-dist'), engine: async () => createScriptedEngine() })).rejects.toThrow(/build:renderer/);
  });
});

describe('startAppHostProcess', () => {
  const scriptedModule = path.join(path.dirname(new URL(import.meta.url).pathname), '../engines/scripted-engine.ts');

  it('runs the host in a child process and drives it over the WebSocket adapter', async () => {
    const dist = await mkdtemp(path.join(tmpdir(), 'sotto-dist-'));
    await writeFile(path.join(dist, 'index.html'), '<!doctype html><title>Sotto</title>');
    const app = await startAppHostProcess({ staticDir: dist, engineModule: scriptedModule, settings: { firstRunDone: true, targetLanguage: 'fr' } });
    cleanups.push(() => app.close());
    expect(app.pid).not.toBe(process.pid);
    expect(app.pageUrl).toBe(`http://127.0.0.1:${app.port}/#token=${encodeURIComponent(app.token)}`);
    expect(await app.api.invoke('settings.get', {})).toMatchObject({ firstRunDone: true, targetLanguage: 'fr' });
    const final = nextEvent(app.api, 'caption.final');
    await app.api.invoke('text.translate', { text: 'bonjour' });
    expect(await final).toMatchObject({ translation: '[fr] bonjour' });
    await app.close();
    expect(() => process.kill(app.pid, 0)).toThrow(); // the child is gone
    expect(existsSync(app.userDataDir)).toBe(false);
  });

  it('reports why the child could not start', async () => {
    const dist = await mkdtemp(path.join(tmpdir(), 'sotto-dist-'));
    await writeFile(path.join(dist, 'index.html'), '<!doctype html><title>Sotto</title>');
    await expect(startAppHostProcess({ staticDir: dist, engineModule: '/nonexistent/engine.ts' })).rejects.toThrow(/failed to start: .*nonexistent/);
  });
});
