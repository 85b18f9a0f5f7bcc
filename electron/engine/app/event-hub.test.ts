import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../contract';
import { EventHub } from './event-hub';

const notice = (code: string): EngineEvent => ({ type: 'notice', level: 'info', code, message: code });
const codes = (events: EngineEvent[]) => events.map((e) => (e.type === 'notice' ? e.code : e.type));

describe('EventHub', () => {
  it('replays to a new subscriber after subscribe returns, before later events', async () => {
    const hub = new EventHub();
    const seen: EngineEvent[] = [];
    hub.subscribe((e) => seen.push(e), () => [notice('replayed')]);
    expect(seen).toEqual([]);
    await Promise.resolve();
    hub.emit(notice('live'));
    expect(codes(seen)).toEqual(['replayed', 'live']);
  });

  it('gives nothing to a subscriber that left before its replay', async () => {
    const hub = new EventHub();
    const seen: EngineEvent[] = [];
    hub.subscribe((e) => seen.push(e), () => [notice('replayed')])();
    await Promise.resolve();
    hub.emit(notice('live'));
    expect(seen).toEqual([]);
  });

  it('lets observers see an event after every subscriber, so what they emit arrives after it', () => {
    const hub = new EventHub();
    const seen: EngineEvent[] = [];
    hub.subscribe((e) => seen.push(e));
    hub.observe((e) => {
      if (e.type === 'notice' && e.code === 'first') hub.emit(notice('reaction'));
    });
    hub.emit(notice('first'));
    expect(codes(seen)).toEqual(['first', 'reaction']);
  });
});

describe('EventHub on the contract event stream', () => {
  const failure: EngineEvent = { type: 'error', code: 'asr_model_failed', message: 'no model', action: 'Download one.', recoverable: true, caption_id: null };

  it('holds an error raised before any window subscribed, for the first one', () => {
    const hub = new EventHub();
    hub.emit(failure);
    const seen: EngineEvent[] = [];
    hub.subscribe((e) => seen.push(e));
    expect(seen).toEqual([failure]);
  });

  it('a failing window does not starve the others', () => {
    const hub = new EventHub();
    const seen: EngineEvent[] = [];
    hub.subscribe(() => {
      throw new Error('a broken window');
    });
    hub.subscribe((e) => seen.push(e));
    hub.emit(notice('live'));
    expect(codes(seen)).toEqual(['live']);
  });
});
