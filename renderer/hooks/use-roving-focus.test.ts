import { describe, expect, it } from 'vitest';
import { nextIndex } from './use-roving-focus';

describe('nextIndex (roving focus keys)', () => {
  it('moves by one with the arrows, by five with Page Up/Down, to the ends with Home/End, and stops at the edges', () => {
    expect(nextIndex('ArrowDown', 3, 10)).toBe(4);
    expect(nextIndex('ArrowUp', 0, 10)).toBe(0);
    expect(nextIndex('ArrowDown', 9, 10)).toBe(9);
    expect(nextIndex('PageUp', 7, 10)).toBe(2);
    expect(nextIndex('PageDown', 7, 10)).toBe(9);
    expect(nextIndex('Home', 7, 10)).toBe(0);
    expect(nextIndex('End', 2, 10)).toBe(9);
  });

  it('leaves other keys alone', () => {
    expect(nextIndex('Tab', 3, 10)).toBeNull();
    expect(nextIndex('a', 3, 10)).toBeNull();
    expect(nextIndex('ArrowDown', 0, 0)).toBeNull();
  });
});
