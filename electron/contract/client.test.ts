import { describe, expect, it } from 'vitest';
import type { InvokeEnvelope } from './api';
import { createContractClient, type ClientTransport } from './client';
import { ActionableError, SottoCommandError } from './errors';
import type { EngineEvent } from './events';
import { defaultSettings } from './settings';

const publicSettings = { ...defaultSettings(), apiKeySet: false };

/** A transport whose "engine" answers every call with `answer(envelope)`; it records what was sent. */
function fakeTransport(answer: (envelope: InvokeEnvelope) => unknown, extra: Partial<ClientTransport> = {}) {
  const sent: InvokeEnvelope[] = [];
  const transport: ClientTransport = {
    send: async (envelope) => {
      sent.push(envelope);
      return answer(envelope);
    },
    ...extra,
  };
  return { sent, client: createContractClient(transport) };
}

const ok = (response: unknown) => (e: InvokeEnvelope) => ({ id: e.id, ok: true, response });
const failure = (p: Promise<unknown>) => p.then(() => Promise.reject(new Error('expected a rejection')), (e: unknown) => e as SottoCommandError);

describe('createContractClient: calls', () => {
  it('sends a validated request (defaults applied) and returns the validated response', async () => {
    const { sent, client } = fakeTransport(ok(publicSettings));
    expect(await client.invoke('settings.get', {})).toEqual(publicSettings);
    await client.invoke('models.download', { id: 'ggml-base' }).catch(() => undefined);
    expect(sent.map((e) => [e.id, e.command])).toEqual([[1, 'settings.get'], [2, 'models.download']]);
    expect(sent[1]!.request).toEqual({ id: 'ggml-base', allowInAllLocal: false });
  });

  it('refuses an unknown command or an invalid request before anything is sent', async () => {
    const { sent, client } = fakeTransport(ok({}));
    expect(await failure(client.invoke('shell.exec' as never, {} as never))).toMatchObject({ name: 'SottoCommandError', code: 'unknown_command' });
    const invalid = await failure(client.invoke('settings.update', { patch: { asrThreads: -1 } }));
    expect(invalid).toBeInstanceOf(SottoCommandError);
    expect(invalid).toMatchObject({ code: 'invalid_request', message: expect.stringMatching(/patch\.asrThreads/) });
    expect(sent).toEqual([]);
  });

  it("passes the engine's error through, and refuses malformed, mismatched or contract-breaking replies", async () => {
    const engineError = { code: 'model_unknown', message: 'No such model.', action: 'Pick one from the list.' };
    expect((await failure(fakeTransport((e) => ({ id: e.id, ok: false, error: engineError })).client.invoke('status.get', {}))).toJSON()).toEqual(engineError);
    expect(await failure(fakeTransport(() => ({ nonsense: true })).client.invoke('status.get', {}))).toMatchObject({ code: 'invalid_reply' });
    expect(await failure(fakeTransport(() => ({ id: 99, ok: true, response: {} })).client.invoke('status.get', {}))).toMatchObject({ code: 'invalid_reply' });
    expect(await failure(fakeTransport(ok({ type: 'status' })).client.invoke('status.get', {}))).toMatchObject({ code: 'invalid_response' });
  });

  it("keeps a transport's own ActionableError, and names any other transport failure", async () => {
    const refused = fakeTransport(() => Promise.reject(new ActionableError('unauthorized', 'Wrong token.', 'Open the link.')));
    expect(await failure(refused.client.invoke('status.get', {}))).toMatchObject({ code: 'unauthorized', message: 'Wrong token.', action: 'Open the link.' });
    const broken = fakeTransport(() => Promise.reject(new Error('pipe closed')));
    expect(await failure(broken.client.invoke('status.get', {}))).toMatchObject({ code: 'transport_failed', message: 'pipe closed' });
  });

  it("rejects with the transport's own error type when it has one", async () => {
    const toError = (e: { code: string }) => new RangeError(e.code);
    const { client } = fakeTransport(ok({}), { toError });
    const e = await failure(client.invoke('nope' as never, {} as never));
    expect(e).toBeInstanceOf(RangeError);
    expect(e.message).toBe('unknown_command');
  });
});

describe('createContractClient: events', () => {
  it('delivers valid events; an invalid one is dropped, or replaced by what the transport says', () => {
    const reasons: string[] = [];
    const dropping = fakeTransport(ok({})).client;
    const replacing = fakeTransport(ok({}), {
      onInvalidEvent: (reason) => (reasons.push(reason), { type: 'error', code: 'invalid_event', message: reason, action: 'Update.', recoverable: true, caption_id: null }),
    }).client;
    const seen: EngineEvent[][] = [[], []];
    dropping.onEvent((e) => seen[0]!.push(e));
    replacing.onEvent((e) => seen[1]!.push(e));
    for (const c of [dropping, replacing]) {
      c.receive({ type: 'mic.level', rms: 0.1, peak: 0.2 });
      c.receive({ type: 'mic.level', rms: 7, peak: 0 });
    }
    expect(seen[0]).toEqual([{ type: 'mic.level', rms: 0.1, peak: 0.2 }]);
    expect(seen[1]!.map((e) => e.type)).toEqual(['mic.level', 'error']);
    expect(reasons[0]).toMatch(/^rms: /);
  });

  it('holds notices and errors that came before the first listener for it', () => {
    const { client } = fakeTransport(ok({}));
    client.receive({ type: 'notice', level: 'info', code: 'hi', message: 'hello' });
    const seen: EngineEvent[] = [];
    client.onEvent((e) => seen.push(e));
    expect(seen).toMatchObject([{ type: 'notice', code: 'hi' }]);
  });
});
