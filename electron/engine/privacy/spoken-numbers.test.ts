import { describe, expect, it } from 'vitest';
import { numberRuns, numberWordValue } from './spoken-numbers';

describe('numberWordValue', () => {
  it.each([
    ['seven', 7], ['twelve', 12], ['twenty-one', 21], ['null', 0], ['zwo', 2], ['vierunddreißig', 34],
    ['soixante-dix-huit', 78], ['quatre-vingt-dix', 90], ['vingt-et-un', 21], ['veintitrés', 23], ['Cinco', 5],
  ] as const)('%s = %i', (word, value) => {
    expect(numberWordValue(word)).toBe(value);
  });

  it('is null for other words', () => {
    expect(numberWordValue('seventh')).toBeNull();
    expect(numberWordValue('hundred')).toBeNull();
    expect(numberWordValue('well-known')).toBeNull();
  });
});

describe('numberRuns', () => {
  const digits = (text: string): string[] => numberRuns(text).map((r) => r.digits);

  it('reads digits one by one, in pairs, with repeats and joiners', () => {
    expect(digits('call five five five one two three four now')).toEqual(['5551234']);
    expect(digits('double five, triple zero')).toEqual(['55000']);
    expect(digits('treinta y cuatro')).toEqual(['34']);
    expect(digits('zéro six, douze, trente-quatre')).toEqual(['061234']);
    expect(digits('twenty one')).toEqual(['21']);
    expect(digits('555 one two three four')).toEqual(['5551234']);
  });

  it('a run ends at a full stop or another word; "oh," is an interjection', () => {
    expect(digits('one two. three four')).toEqual(['12', '34']);
    expect(digits('one two and a three')).toEqual(['12', '3']);
    expect(digits('oh, five five')).toEqual(['55']);
  });

  it('marks runs led by "plus" as international and gives their bounds', () => {
    const [run] = numberRuns('dial plus four nine three zero');
    expect(run).toMatchObject({ digits: '4930', international: true, start: 5, words: 4 });
    expect('dial plus four nine three zero'.slice(run!.start, run!.end)).toBe('plus four nine three zero');
  });
});
