import { afterEach, describe, expect, it, vi } from 'vitest';
import { SottoCommandError } from '../contract';
import { PendingCalls } from './pending-calls';

const gone = (command: string) => ({ code: 'disconnected', message: `lost ${command}`, action: 'Reload.' });

afterEach(() => {
  vi.useRealTimers();
});

describe('PendingCalls', () => {
  it('settles each call once, by id; an unknown or settled id is ignored', async () => {
    const calls = new PendingCalls<string>();
    const a = calls.add(1, 'status.get');
    const b = calls.add(2, 'ledger.get');
    calls.settle(2, 'two');
    calls.settle(2, 'again');
    calls.settle(9, 'nobody');
    calls.settle(1, 'one');
    expect(await Promise.all([a, b])).toEqual(['one', 'two']);
    expect(calls.size).toBe(0);
  });

  it('fails every call with an error that names its own command', async () => {
    const calls = new PendingCalls<void>();
    const a = calls.add(1, 'ptt.press');
    const b = calls.add(2, 'ptt.release');
    calls.failAll(gone);
    await expect(a).rejects.toBeInstanceOf(SottoCommandError);
    await expect(a).rejects.toMatchObject({ code: 'disconnected', message: 'lost ptt.press' });
    await expect(b).rejects.toMatchObject({ message: 'lost ptt.release' });
  });

  it('fails a call on its own timeout, and not once it was settled', async () => {
    vi.useFakeTimers();
    const calls = new PendingCalls<void>();
    const late = calls.add(1, 'status.get', { ms: 100, failure: gone });
    const early = calls.add(2, 'status.get', { ms: 100, failure: gone });
    calls.settle(2);
    const failed = expect(late).rejects.toMatchObject({ code: 'disconnected' });
    vi.advanceTimersByTime(100);
    await failed;
    await expect(early).resolves.toBeUndefined();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('settleAll resolves everyone waiting', async () => {
    const calls = new PendingCalls<void>();
    const all = [calls.add(1, 'a'), calls.add(2, 'b')];
    calls.settleAll();
    await expect(Promise.all(all)).resolves.toEqual([undefined, undefined]);
  });
});
