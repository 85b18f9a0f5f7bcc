import { describe, expect, it } from 'vitest';
import { resolveAsrThreads } from './threads';

describe('resolveAsrThreads', () => {
  it('automatic: up to four, never more than the cores', () => {
    expect(resolveAsrThreads(0, 2)).toBe(2);
    expect(resolveAsrThreads(0, 16)).toBe(4);
    expect(resolveAsrThreads(0, 1)).toBe(1);
  });
  it('a chosen count is capped at the cores', () => {
    expect(resolveAsrThreads(8, 4)).toBe(4);
    expect(resolveAsrThreads(3, 8)).toBe(3);
  });
});
