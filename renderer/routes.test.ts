import { describe, expect, it } from 'vitest';
import { hashFor, routeOf } from './routes';

describe('routes', () => {
  it('reads the view from the fragment, main by default and for anything unknown', () => {
    expect(routeOf('')).toBe('main');
    expect(routeOf('#token=abc&view=history')).toBe('history');
    expect(routeOf('#view=overlay')).toBe('overlay');
    expect(routeOf('#view=../../etc')).toBe('main');
  });

  it('switching view keeps the token, and main drops the parameter', () => {
    expect(hashFor('#token=a%2Bb', 'history')).toBe('#token=a%2Bb&view=history');
    expect(hashFor('#token=t&view=history', 'main')).toBe('#token=t');
    expect(routeOf(hashFor('#token=t', 'overlay'))).toBe('overlay');
  });
});
