// The adapter against a hand-driven socket: the paths a real host rarely takes (timeouts, garbage,
// a URL that cannot open). test-support/hosts/app-host.test.ts runs it against the real dev host.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultSettings, SottoCommandError, type EngineEvent } from '../contract';
import { fakeSockets } from '../../test-support/transport/fake-socket';
import { createWsAdapter, type WsAdapter } from './ws-adapter';

const status = { type: 'status', state: 'ready', mode: 'push-to-talk', model: { id: null, loaded: false, device: null }, mic: { device: null, capturing: false }, endpoint: 'unconfigured', all_local: true, message: null };

let adapter: WsAdapter | null = null;
afterEach(() => {
  adapter?.close();
  vi.useRealTimers();
});

function connected() {
  const { sockets, createSocket } = fakeSockets();
  adapter = createWsAdapter({ url: 'ws://h/sotto', token: 'tok', createSocket, waitForConnectionMs: 1000 });
  return { adapter, sockets };
}

describe('createWsAdapter', () => {
  it('holds a call made before the welcome, sends it after, and resolves it with the validated reply', async () => {
    const { adapter, sockets } = connected();
    const call = adapter.invoke('status.get', {});
    sockets[0]!.open();
    expect(sockets[0]!.calls()).toEqual([]);
    sockets[0]!.receive({ kind: 'welcome' });
    await vi.waitFor(() => expect(sockets[0]!.calls()).toHaveLength(1));
    const [sent] = sockets[0]!.calls();
    expect(sent).toEqual({ kind: 'invoke', id: 1, command: 'status.get', request: {} });
    sockets[0]!.receive({ kind: 'reply', reply: { id: 1, ok: true, response: status } });
    await expect(call).resolves.toEqual(status);
  });

  it('fails a call that never finds the connection, naming the command', async () => {
    vi.useFakeTimers();
    const { adapter } = connected();
    const call = expect(adapter.invoke('ledger.get', {})).rejects.toMatchObject({ code: 'disconnected', message: expect.stringContaining('ledger.get') });
    await vi.advanceTimersByTimeAsync(1000);
    await call;
  });

  it('reports an unreadable frame as an error event, and a contract-breaking event as invalid_event', () => {
    const { adapter, sockets } = connected();
    const seen: EngineEvent[] = [];
    adapter.onEvent((e) => seen.push(e));
    sockets[0]!.open();
    sockets[0]!.receive('{not json');
    sockets[0]!.receive({ kind: 'event', event: { type: 'mic.level', rms: 9, peak: 0 } });
    sockets[0]!.receive({ kind: 'event', event: { type: 'settings.changed', settings: { ...defaultSettings(), apiKeySet: false } } });
    expect(seen.map((e) => (e.type === 'error' ? e.code : e.type))).toEqual(['bad_message', 'invalid_event', 'settings.changed']);
  });

  it('close() fails calls in flight and waiting ones, and refuses new ones', async () => {
    const { adapter, sockets } = connected();
    sockets[0]!.open();
    sockets[0]!.receive({ kind: 'welcome' });
    const inFlight = adapter.invoke('ptt.press', {});
    await vi.waitFor(() => expect(sockets[0]!.calls()).toHaveLength(1));
    adapter.close();
    await expect(inFlight).rejects.toMatchObject({ code: 'disconnected', message: expect.stringContaining('while running ptt.press') });
    const after = adapter.invoke('status.get', {});
    await expect(after).rejects.toBeInstanceOf(SottoCommandError);
    await expect(after).rejects.toMatchObject({ code: 'disconnected', action: 'Reload the window.' });
    expect(sockets[0]!.closedWith).toEqual([1000, 'Window closed.']);
  });

  it('tells the first listener why a URL that cannot be opened stopped it, even when it subscribes later', () => {
    adapter = createWsAdapter({
      url: 'not a url',
      token: 't',
      createSocket: () => {
        throw new SyntaxError('Invalid URL');
      },
    });
    const seen: EngineEvent[] = [];
    adapter.onEvent((e) => seen.push(e));
    expect(seen).toMatchObject([{ type: 'error', code: 'bad_url', recoverable: false, message: expect.stringContaining('Invalid URL') }]);
  });
});
