import { describe, expect, it } from 'vitest';
import type { EngineEvent } from './events';
import { EventGate } from './event-gate';

const notice = (code: string): EngineEvent => ({ type: 'notice', level: 'warning', code, message: code });
const level: EngineEvent = { type: 'mic.level', rms: 0.1, peak: 0.2 };

describe('EventGate', () => {
  it('holds notices and errors until the window can listen, drops transient state', () => {
    const delivered: EngineEvent[] = [];
    const gate = new EventGate((e) => (delivered.push(e), true));
    gate.push(notice('settings_corrupt'));
    gate.push(level);
    gate.push({ type: 'error', code: 'x', message: 'm', action: 'a', recoverable: true, caption_id: null });
    expect(delivered).toEqual([]);
    gate.open();
    expect(delivered.map((e) => e.type)).toEqual(['notice', 'error']);
    gate.push(level);
    expect(delivered.at(-1)).toEqual(level);
  });

  it('holds again while reloading, and when the window vanished', () => {
    let windowThere = true;
    const delivered: EngineEvent[] = [];
    const gate = new EventGate((e) => windowThere && (delivered.push(e), true));
    gate.open();
    gate.close();
    gate.push(notice('a'));
    windowThere = false;
    gate.open();
    expect(delivered).toEqual([]);
    gate.push(notice('b'));
    expect(gate.heldCount).toBe(2);
    windowThere = true;
    gate.open();
    expect(delivered.map((e) => (e as { code: string }).code)).toEqual(['a', 'b']);
  });

  it('keeps only the latest 50 while closed', () => {
    const delivered: EngineEvent[] = [];
    const gate = new EventGate((e) => (delivered.push(e), true));
    for (let i = 0; i < 80; i++) gate.push(notice(`n${i}`));
    gate.open();
    expect(delivered).toHaveLength(50);
    expect((delivered[0] as { code: string }).code).toBe('n30');
  });
});
