import { describe, expect, it } from 'vitest';
import type { MicLevel } from '../../contract';
import { withLevelMeter } from './level-meter';

describe('withLevelMeter', () => {
  it('reports a full-scale sine at RMS 1/√2 every 100 ms and forwards every frame', () => {
    const levels: MicLevel[] = [];
    const frames: Int16Array[] = [];
    const sink = withLevelMeter({ onFrame: (f) => frames.push(f), onEnd: () => {}, onError: () => {} }, (l) => levels.push(l));
    const sine = new Int16Array(16000);
    for (let i = 0; i < sine.length; i++) sine[i] = Math.round(32767 * Math.sin((2 * Math.PI * 440 * i) / 16000));
    for (let i = 0; i < sine.length; i += 400) sink.onFrame(sine.subarray(i, i + 400));
    expect(frames).toHaveLength(40);
    expect(levels).toHaveLength(10);
    for (const l of levels) {
      expect(l.rms).toBeCloseTo(Math.SQRT1_2, 2);
      expect(l.peak).toBeGreaterThan(0.99);
    }
  });
  it('reports silence as zero', () => {
    const levels: MicLevel[] = [];
    const sink = withLevelMeter({ onFrame: () => {}, onEnd: () => {}, onError: () => {} }, (l) => levels.push(l));
    sink.onFrame(new Int16Array(1600));
    expect(levels).toEqual([{ type: 'mic.level', rms: 0, peak: 0 }]);
  });
});
