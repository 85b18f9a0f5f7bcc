import { describe, expect, it } from 'vitest';
import { splitForTranslation } from './device-chunks';

/** One token per word, and one per 3 characters of a long word: enough to exercise every splitting level. */
const countTokens = (text: string): number =>
  text.split(/\s+/).filter(Boolean).reduce((sum, word) => sum + Math.max(1, Math.ceil(word.length / 3)), 0);

describe('splitForTranslation', () => {
  it('keeps a short line whole', () => {
    expect(splitForTranslation('Hello world.', 10, countTokens, 'en')).toEqual(['Hello world.']);
  });

  it('splits into sentences first', () => {
    expect(splitForTranslation('Good morning. How are you? Fine!', 10, countTokens, 'en')).toEqual([
      'Good morning.',
      'How are you?',
      'Fine!',
    ]);
  });

  it('packs the words of an over-long sentence into pieces within the limit, losing none', () => {
    const sentence = 'one two six ten big red hot dry wet old';
    const pieces = splitForTranslation(sentence, 4, countTokens, 'en');
    expect(pieces).toEqual(['one two six ten', 'big red hot dry', 'wet old']);
    expect(pieces.every((p) => countTokens(p) <= 4)).toBe(true);
  });

  it('cuts a single word longer than the limit into character runs', () => {
    const word = 'a'.repeat(30);
    const pieces = splitForTranslation(`see ${word} now`, 4, countTokens, 'en');
    expect(pieces.join('').replace(/\s/g, '')).toBe(`see${word}now`);
    expect(pieces.every((p) => countTokens(p) <= 4)).toBe(true);
  });

  it('handles an unknown locale tag and blank input', () => {
    expect(splitForTranslation('A b. C d.', 10, countTokens, 'not-a-locale-tag-xx')).toEqual(['A b.', 'C d.']);
    expect(splitForTranslation('   ', 10, countTokens, 'en')).toEqual([]);
  });
});
