import { describe, expect, it } from 'vitest';
import { isLikelyHallucination, summarizeSegments } from './segments';

const seg = (meanTokenProb: number, noSpeechProb: number, tokens: number) => ({ t0Ms: 0, t1Ms: 1000, text: 'x', meanTokenProb, noSpeechProb, tokens });

describe('summarizeSegments', () => {
  it('weights token probability by token count and keeps the highest no-speech probability', () => {
    const s = summarizeSegments([seg(0.9, 0.1, 3), seg(0.5, 0.4, 1)]);
    expect(s.meanTokenProb).toBeCloseTo((0.9 * 3 + 0.5) / 4);
    expect(s.noSpeechProb).toBeCloseTo(0.4);
  });
  it('is zero for no segments and clamps non-finite values', () => {
    expect(summarizeSegments([])).toEqual({ meanTokenProb: 0, noSpeechProb: 0 });
    expect(summarizeSegments([seg(Number.NaN, 2, 1)])).toEqual({ meanTokenProb: 0, noSpeechProb: 1 });
  });
});

describe('isLikelyHallucination', () => {
  it('drops the classic silence phrases only when Whisper saw no speech', () => {
    expect(isLikelyHallucination('Thank you for watching!', 0.8)).toBe(true);
    expect(isLikelyHallucination('Thank you for watching!', 0.1)).toBe(false);
  });
  it('keeps ordinary speech', () => {
    expect(isLikelyHallucination('Thank you for coming today', 0.9)).toBe(false);
  });
});
