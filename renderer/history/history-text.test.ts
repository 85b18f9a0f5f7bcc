import { describe, expect, it } from 'vitest';
import { linesText, offsetText, plural, sessionTitle } from './history-text';

describe('history text', () => {
  it('session offsets read as minutes, hours when needed', () => {
    expect(offsetText(0)).toBe('0:00');
    expect(offsetText(65_250)).toBe('1:05');
    expect(offsetText(3_725_000)).toBe('1:02:05');
  });

  it('copy all: each line with its translation under it, lines apart', () => {
    expect(linesText([{ text: 'Hello', translation: 'Hallo' }, { text: 'Bye', translation: null }])).toBe('Hello\nHallo\n\nBye');
  });

  it('a session title names the day and time', () => {
    expect(sessionTitle(Date.UTC(2025, 2, 1, 14, 15), 'en-GB')).toMatch(/1 Mar 2025/);
    expect(plural(1, 'line')).toBe('1 line');
    expect(plural(2, 'line')).toBe('2 lines');
  });
});
