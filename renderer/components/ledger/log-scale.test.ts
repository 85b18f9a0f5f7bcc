import { describe, expect, it } from 'vitest';
import { logPosition, logTicks } from './log-scale';

describe('the ledger chart scale', () => {
  it('keeps a few hundred bytes of text visibly off the axis next to megabytes of audio', () => {
    const max = 3_200_000; // ~100 s of audio
    expect(logPosition(0, max)).toBe(0);
    expect(logPosition(max, max)).toBeCloseTo(1);
    // On a linear scale 308 B would sit at 0.0001 of the height: flat on the axis.
    expect(logPosition(308, max)).toBeGreaterThan(0.35);
    expect(logPosition(1_000_000, max)).toBeGreaterThan(logPosition(308, max) + 0.4);
  });

  it('labels the decades of bytes up to the top', () => {
    expect(logTicks(3_200_000).map((t) => t.label)).toEqual(['1 B', '1 KB', '1 MB']);
    expect(logTicks(0).map((t) => t.label)).toEqual(['1 B']);
    // A top far above the last decade gets its own label: 952 B of text, not just "1 B".
    expect(logTicks(952).map((t) => t.label)).toEqual(['1 B', '952 B']);
  });
});
