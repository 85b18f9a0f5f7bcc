// Round trip of the Electron transport minus Electron itself (which cannot run here): the preload
// bridge → structured-clone loopback (what IPC does to payloads) → main's dispatcher → an engine.
import { describe, expect, it } from 'vitest';
import { IPC_CHANNELS, type CommandError, type EngineEvent } from '../contract';
import { dispatchInvoke } from '../engine/transport/dispatch';
import { createScriptedEngine, type ScriptedEngine } from '../../test-support/engines/scripted-engine';
import { createSottoApi, type IpcRendererLike } from './bridge';

type Handler = (event: unknown, payload: unknown) => void;

/** ipcRenderer's behaviour over a loopback: payloads are structured-cloned both ways, like Electron IPC. */
function loopback(engine: ScriptedEngine): IpcRendererLike & { handlers: Set<Handler> } {
  const handlers = new Set<Handler>();
  engine.onEvent((event) => handlers.forEach((h) => h({ sender: 'main' }, structuredClone(event))));
  return {
    handlers,
    async invoke(channel, envelope) {
      if (channel !== IPC_CHANNELS.invoke) throw new Error(`no handler for ${channel}`);
      return structuredClone(await dispatchInvoke(engine, structuredClone(envelope)));
    },
    on(channel, listener) {
      if (channel === IPC_CHANNELS.event) handlers.add(listener);
    },
  };
}

/** The CommandError a rejected call carries in its message (contextBridge keeps only the message). */
async function rejection(p: Promise<unknown>): Promise<CommandError> {
  const error = await p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
  return JSON.parse((error as Error).message) as CommandError;
}

describe('preload bridge over a loopback transport', () => {
  it('round-trips a call with validated request and response', async () => {
    const engine = createScriptedEngine();
    const api = createSottoApi(loopback(engine));
    const settings = await api.invoke('settings.update', { patch: { targetLanguage: 'de' } });
    expect(settings.targetLanguage).toBe('de');
    expect(settings.apiKeySet).toBe(false);
    expect(engine.calls.map((c) => c.command)).toEqual(['settings.update']);
  });

  it('rejects an unknown command or an invalid request before anything is sent', async () => {
    const engine = createScriptedEngine();
    const api = createSottoApi(loopback(engine));
    expect(await rejection(api.invoke('nope' as never, {} as never))).toMatchObject({ code: 'unknown_command' });
    expect(await rejection(api.invoke('settings.update', { patch: { asrThreads: -1 } }))).toMatchObject({ code: 'invalid_request', message: expect.stringMatching(/patch\.asrThreads/) });
    expect(await rejection(api.invoke('settings.get', { extra: 1 } as never))).toMatchObject({ code: 'invalid_request' });
    expect(engine.calls).toEqual([]);
  });

  it("passes the engine's typed error through: what happened and what to do", async () => {
    const api = createSottoApi(loopback(createScriptedEngine()));
    expect(await rejection(api.invoke('models.download', { id: 'no-such-model' }))).toEqual({
      code: 'model_unknown',
      message: 'There is no model "no-such-model" in the catalog.',
      action: 'Pick a model from the list.',
    });
  });

  it('refuses a malformed or mismatched reply', async () => {
    const broken = (reply: unknown): IpcRendererLike => ({ invoke: async () => reply, on: () => undefined });
    expect(await rejection(createSottoApi(broken({ nonsense: true })).invoke('status.get', {}))).toMatchObject({ code: 'invalid_reply' });
    expect(await rejection(createSottoApi(broken({ id: 999, ok: true, response: {} })).invoke('status.get', {}))).toMatchObject({ code: 'invalid_reply' });
    expect(await rejection(createSottoApi(broken({ id: 1, ok: true, response: { type: 'status' } })).invoke('status.get', {}))).toMatchObject({ code: 'invalid_response' });
    const failing: IpcRendererLike = { invoke: async () => Promise.reject(new Error('No handler registered')), on: () => undefined };
    expect(await rejection(createSottoApi(failing).invoke('status.get', {}))).toMatchObject({ code: 'ipc_failed', message: expect.stringMatching(/No handler registered/) });
  });

  it('delivers valid events, drops invalid ones, and unsubscribes', async () => {
    const engine = createScriptedEngine();
    const ipc = loopback(engine);
    const dropped: string[] = [];
    const api = createSottoApi(ipc, (reason) => dropped.push(reason));
    const seen: EngineEvent[] = [];
    const off = api.onEvent((e) => seen.push(e));
    engine.emit({ type: 'mic.level', rms: 0.1, peak: 0.2 });
    engine.emit({ type: 'mic.level', rms: 7 });
    engine.emit({ type: 'no-such-event' });
    expect(seen).toEqual([{ type: 'mic.level', rms: 0.1, peak: 0.2 }]);
    expect(dropped).toHaveLength(2);
    off();
    engine.emit({ type: 'mic.level', rms: 0.3, peak: 0.4 });
    expect(seen).toHaveLength(1);
    expect(ipc.handlers.size).toBe(1); // one IPC listener for the bridge's lifetime, however many page listeners come and go
  });

  it("gives notices and errors that arrived before the page subscribed to its first listener, only once", () => {
    const engine = createScriptedEngine();
    const api = createSottoApi(loopback(engine));
    engine.emit({ type: 'notice', level: 'warning', code: 'settings_corrupt', message: 'reset' });
    engine.emit({ type: 'mic.level', rms: 0.1, peak: 0.1 });
    const first: EngineEvent[] = [];
    api.onEvent((e) => first.push(e));
    expect(first).toEqual([{ type: 'notice', level: 'warning', code: 'settings_corrupt', message: 'reset' }]);
    const second: EngineEvent[] = [];
    api.onEvent((e) => second.push(e));
    expect(second).toEqual([]);
  });
});
