import { describe, expect, it } from 'vitest';
import { chartPath, formatBytes, formatExactBytes, formatMs, formatPercent, formatTransfer, formatUsd, plural } from './format';

describe('format', () => {
  it('bytes in readable decimal units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1536)).toBe('1.54 KB');
    expect(formatBytes(1_900_000)).toBe('1.9 MB');
    expect(formatBytes(147_951_465)).toBe('148 MB');
    expect(formatBytes(-1)).toBe('—');
    expect(formatExactBytes(1234567)).toBe('1,234,567 bytes');
    expect(formatExactBytes(1)).toBe('1 byte');
  });

  it('percent never rounds a leak up to 100', () => {
    expect(formatPercent(100)).toBe('100 %');
    expect(formatPercent(99.9999)).toBe('99.99 %');
    expect(formatPercent(42.26)).toBe('42.3 %');
  });

  it('durations and transfers', () => {
    expect(formatMs(340.4)).toBe('340 ms');
    expect(formatMs(1520)).toBe('1.5 s');
    expect(formatMs(null)).toBe('—');
    expect(formatTransfer(4_200_000, 12)).toBe('4.2 MB/s · 12 s left');
    expect(formatTransfer(1000, null)).toBe('1 KB/s');
    expect(formatTransfer(1000, 125)).toBe('1 KB/s · 2 min 5 s left');
  });

  it('chart paths place each value by the scale it is given, clamped to the box', () => {
    const linear = (max: number) => (v: number) => v / max;
    expect(chartPath([0, 50, 100], 200, 100, linear(100))).toBe('0.0,100.0 100.0,50.0 200.0,0.0');
    expect(chartPath([5], 200, 100, linear(10))).toBe('200.0,50.0');
    expect(chartPath([], 200, 100, linear(10))).toBe('');
    expect(chartPath([0, 20], 10, 10, linear(10))).toBe('0.0,10.0 10.0,0.0');
  });

  it('counts and money', () => {
    expect(plural(1, 'request')).toBe('1 request');
    expect(plural(1200, 'request')).toBe('1,200 requests');
    expect(formatUsd(0)).toBe('$0');
    expect(formatUsd(0.000423)).toBe('$0.00042');
    expect(formatUsd(1.5)).toBe('$1.50');
  });
});
