import { afterEach, describe, expect, it, vi } from 'vitest';
import { WsCloseCode } from '../contract';
import { fakeSockets } from '../../test-support/transport/fake-socket';
import { HostConnection, reconnectDelay, type ConnectionEvents, type ConnectionState, type SocketLike } from './ws-connection';

function setup(createSocket?: (url: string) => SocketLike) {
  const { sockets, createSocket: fake } = fakeSockets();
  const log: string[] = [];
  const events: ConnectionEvents = {
    message: (data) => log.push(`message ${String(data)}`),
    dropped: () => log.push('dropped'),
    refused: () => log.push('refused'),
    unusable: (message) => log.push(`unusable ${message}`),
  };
  const states: ConnectionState[] = [];
  const connection = new HostConnection({ url: 'ws://h/sotto', token: 'tok', createSocket: createSocket ?? fake, initialBackoffMs: 100, maxBackoffMs: 400 }, events);
  connection.onChange((s) => states.push(s));
  return { connection, sockets, log, states };
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('reconnectDelay', () => {
  it('doubles from the first delay up to the cap, scaled by 50–100 % jitter', () => {
    expect([0, 1, 2, 3, 9].map((a) => reconnectDelay(a, 100, 400, () => 1))).toEqual([100, 200, 400, 400, 400]);
    expect(reconnectDelay(1, 100, 400, () => 0)).toBe(100);
  });
});

describe('HostConnection', () => {
  it('says hello with the token when the socket opens, and is ready once welcomed', () => {
    const { connection, sockets, log, states } = setup();
    sockets[0]!.open();
    expect(sockets[0]!.sent).toEqual([JSON.stringify({ kind: 'hello', token: 'tok' })]);
    expect(connection.isReady()).toBe(false);
    connection.welcomed();
    expect(connection.isReady()).toBe(true);
    sockets[0]!.receive('hi');
    expect(log).toEqual(['message hi']);
    expect(states).toEqual(['open']);
  });

  it('reconnects with backoff after a drop, and ignores the old socket from then on', () => {
    vi.useFakeTimers();
    const { connection, sockets, log, states } = setup();
    sockets[0]!.open();
    connection.welcomed();
    sockets[0]!.drop(1006);
    expect(log).toEqual(['dropped']);
    expect(states).toEqual(['open', 'reconnecting']);
    vi.advanceTimersByTime(100);
    expect(sockets).toHaveLength(2);
    sockets[0]!.receive('stale');
    expect(log).toEqual(['dropped']);
  });

  it('waits twice as long after each failed attempt, and starts over once welcomed', () => {
    vi.useFakeTimers();
    vi.spyOn(Math, 'random').mockReturnValue(1); // no jitter
    const { connection, sockets } = setup();
    sockets[0]!.drop(1006);
    vi.advanceTimersByTime(100);
    sockets[1]!.drop(1006);
    vi.advanceTimersByTime(100);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(100);
    expect(sockets).toHaveLength(3);
    sockets[2]!.open();
    connection.welcomed();
    sockets[2]!.drop(1006);
    vi.advanceTimersByTime(100);
    expect(sockets).toHaveLength(4);
  });

  it('stops for good when the host refuses the token', () => {
    vi.useFakeTimers();
    const { sockets, log, states } = setup();
    sockets[0]!.drop(WsCloseCode.unauthorized);
    vi.advanceTimersByTime(10_000);
    expect(log).toEqual(['dropped', 'refused']);
    expect(states).toEqual(['unauthorized']);
    expect(sockets).toHaveLength(1);
  });

  it('stops for good on a URL that cannot be opened, and says why', () => {
    const { connection, log } = setup(() => {
      throw new SyntaxError('Invalid URL');
    });
    expect(connection.state).toBe('closed');
    expect(log).toEqual(['unusable Cannot open a connection to ws://h/sotto: Invalid URL']);
  });

  it('close() closes the socket normally, with no reconnect and no drop reported', () => {
    vi.useFakeTimers();
    const { connection, sockets, log } = setup();
    sockets[0]!.open();
    connection.close();
    expect(sockets[0]!.closedWith).toEqual([1000, 'Window closed.']);
    sockets[0]!.drop(1000);
    vi.advanceTimersByTime(10_000);
    expect(connection.state).toBe('closed');
    expect(log).toEqual([]);
    expect(sockets).toHaveLength(1);
  });
});
