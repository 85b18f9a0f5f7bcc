import { describe, expect, it } from 'vitest';
import type { CorpusLine } from './corpus';
import { figures, locate, recall, scoreCorpus } from './score';
import type { Span } from './spans';

// The scoring itself, on toy data with spans given by hand (no detector involved).

const line: CorpusLine = { lang: 'en', text: 'mail a@b.de or a@b.de, call 5551234', spans: [{ kind: 'email', text: 'a@b.de' }, { kind: 'email', text: 'a@b.de' }, { kind: 'phone', text: '5551234' }] };

describe('score', () => {
  it('locates a text marked twice at its first and second occurrence', () => {
    expect(locate(line).map((l) => l.start)).toEqual([5, 15, 28]);
    expect(() => locate({ ...line, spans: [{ kind: 'email', text: 'nope' }] })).toThrow(/not in/);
  });

  it('counts exact, covered-under-other-bounds, partial and missed values, and spans that touch no value', () => {
    const spans: Span[] = [
      { start: 5, end: 11, kind: 'email', key: '' }, // exact
      { start: 14, end: 22, kind: 'url', key: '' }, // covers the second email, other kind and bounds
      { start: 28, end: 31, kind: 'phone', key: '' }, // part of the phone
      { start: 0, end: 4, kind: 'name', key: '' }, // "mail": no value there
    ];
    const s = scoreCorpus([line], [{ text: 'clean' }, { text: 'also clean' }], (t) => (t === line.text ? spans : t === 'clean' ? [{ start: 0, end: 5, kind: 'name', key: '' }] : []));
    expect(s.kinds.email).toEqual({ expected: 2, covered: 2, exact: 1 });
    expect(s.kinds.phone).toEqual({ expected: 1, covered: 0, exact: 0 });
    expect(s.misses.map((m) => m.got)).toEqual(['other bounds or kind', 'partly']);
    expect(s.unexpected).toEqual([{ line: line.text, kind: 'name', text: 'mail' }]);
    expect(s.clean.rate).toBe(0.5);
    expect(recall(s.kinds.email)).toBe(1);
    expect(recall(s.kinds.iban)).toBeNull();
  });
});

describe('figures', () => {
  it('gives recall per kind present, and the lowest recall of a group of kinds', () => {
    const l: CorpusLine = { lang: 'en', text: 'a@b.de 5551234', spans: [{ kind: 'email', text: 'a@b.de' }, { kind: 'phone', text: '5551234' }] };
    const s = scoreCorpus([l], [{ text: 'x' }], () => [{ start: 0, end: 6, kind: 'email', key: '' }]);
    const f = figures(s);
    expect(f.recall).toEqual({ email: 1, phone: 0 });
    expect(f.recallMin(['email', 'phone'])).toBe(0);
    expect(f.recallMin(['email', 'iban'])).toBe(1);
    expect(f.falsePositiveRate).toBe(1);
  });
});
