import { describe, expect, it } from 'vitest';
import { ActionableError, type SottoApi } from '../../contract';
import { createScriptedEngine } from '../../../test-support/engines/scripted-engine';
import { dispatchInvoke, ENGINE_FAILED, envelopeId } from './dispatch';

/** An engine whose every call throws `error`. */
const throwing = (error: unknown): SottoApi => ({ invoke: async () => Promise.reject(error), onEvent: () => () => undefined });

describe('dispatchInvoke', () => {
  it('answers a valid call with the validated response, under the call id', async () => {
    const reply = await dispatchInvoke(createScriptedEngine(), { id: 7, command: 'status.get', request: {} });
    expect(reply).toMatchObject({ id: 7, ok: true, response: { type: 'status' } });
  });

  it('names a malformed envelope, an unknown command and an invalid request, without calling the engine', async () => {
    const engine = createScriptedEngine();
    expect(await dispatchInvoke(engine, { id: 3, command: '' })).toMatchObject({ id: 3, ok: false, error: { code: 'bad_envelope' } });
    expect(await dispatchInvoke(engine, 'junk')).toMatchObject({ id: -1, ok: false, error: { code: 'bad_envelope' } });
    expect(await dispatchInvoke(engine, { id: 4, command: 'shell.exec', request: {} })).toMatchObject({ ok: false, error: { code: 'unknown_command' } });
    const invalid = await dispatchInvoke(engine, { id: 5, command: 'settings.update', request: { patch: { asrThreads: -1 } } });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid_request', message: expect.stringContaining('patch.asrThreads') } });
    expect(engine.calls).toEqual([]);
  });

  it("passes an engine failure's code and action on, and fills them in for a bare one", async () => {
    const actionable = await dispatchInvoke(throwing(new ActionableError('disk_full', 'Disk full.', 'Free space.')), { id: 1, command: 'status.get', request: {} });
    expect(actionable).toEqual({ id: 1, ok: false, error: { code: 'disk_full', message: 'Disk full.', action: 'Free space.' } });
    const bare = await dispatchInvoke(throwing(new Error('boom')), { id: 2, command: 'status.get', request: {} });
    expect(bare).toEqual({ id: 2, ok: false, error: { code: ENGINE_FAILED.code, message: 'boom', action: ENGINE_FAILED.action } });
  });

  it('refuses to pass on a response that breaks the contract', async () => {
    const broken: SottoApi = { invoke: (async () => ({ not: 'a status' })) as SottoApi['invoke'], onEvent: () => () => undefined };
    expect(await dispatchInvoke(broken, { id: 6, command: 'status.get', request: {} })).toMatchObject({ ok: false, error: { code: 'invalid_response' } });
  });
});

describe('envelopeId', () => {
  it('is the integer id of whatever arrived, else -1', () => {
    expect(envelopeId({ id: 12 })).toBe(12);
    expect([envelopeId({ id: 1.5 }), envelopeId({ id: '3' }), envelopeId(null), envelopeId('x')]).toEqual([-1, -1, -1, -1]);
  });
});
