import { describe, expect, it } from 'vitest';
import { keyedSpans, mergeSpans, type Span } from './spans';

describe('mergeSpans', () => {
  const text = 'x'.repeat(40);
  it('keeps disjoint spans and orders them', () => {
    const a: Span = { start: 10, end: 12, kind: 'phone', key: 'a' };
    const b: Span = { start: 0, end: 3, kind: 'name', key: 'b' };
    expect(mergeSpans([a, b], text)).toEqual([b, a]);
  });

  it('a span inside another takes the outer bounds and the higher-priority kind', () => {
    const url: Span = { start: 0, end: 20, kind: 'url', key: 'u' };
    const email: Span = { start: 5, end: 12, kind: 'email', key: 'e' };
    expect(mergeSpans([email, url], text)).toEqual([url]);
  });

  it('partial overlaps become one span covering both, so no part of either is left out', () => {
    const phone: Span = { start: 5, end: 15, kind: 'phone', key: 'p' };
    const name: Span = { start: 12, end: 20, kind: 'name', key: 'n' };
    expect(mergeSpans([phone, name], text)).toEqual([{ start: 5, end: 20, kind: 'phone', key: 'x'.repeat(15) }]);
  });
});

describe('keyedSpans', () => {
  it('takes the value right after the keyword and its filler, not the filler', () => {
    const spans = keyedSpans('CVV is 123, cvv: 9876, CVV twelve', /cvv/giu, /\s*(?:is|:)?\s*(\d{3,4})/yd, 'cvv');
    expect(spans.map((s) => s.key)).toEqual(['123', '9876']);
    expect(spans[0]).toMatchObject({ start: 7, end: 10 });
  });
});
