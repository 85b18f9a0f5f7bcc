import { describe, expect, it } from 'vitest';
import type { EngineEvent } from './events';
import { createEventStream } from './event-stream';

const notice: EngineEvent = { type: 'notice', level: 'warning', code: 'settings_corrupt', message: 'reset' };
const level: EngineEvent = { type: 'mic.level', rms: 0.1, peak: 0.2 };

describe('createEventStream', () => {
  it('gives notices and errors emitted before anyone listened to the first listener only; drops earlier state', () => {
    const stream = createEventStream();
    stream.emit(notice);
    stream.emit(level);
    const first: EngineEvent[] = [];
    const second: EngineEvent[] = [];
    stream.subscribe((e) => first.push(e));
    stream.subscribe((e) => second.push(e));
    expect(first).toEqual([notice]);
    expect(second).toEqual([]);
    stream.emit(level);
    expect(first).toEqual([notice, level]);
    expect(second).toEqual([level]);
  });

  it('keeps delivering to the others when one listener throws, and stops after unsubscribe', () => {
    const failures: unknown[] = [];
    const stream = createEventStream((error) => failures.push(error));
    const seen: EngineEvent[] = [];
    stream.subscribe(() => {
      throw new Error('broken listener');
    });
    const off = stream.subscribe((e) => seen.push(e));
    stream.emit(level);
    expect(seen).toEqual([level]);
    expect(failures).toHaveLength(1);
    off();
    stream.emit(level);
    expect(seen).toHaveLength(1);
    expect(stream.listenerCount).toBe(1);
  });
});
