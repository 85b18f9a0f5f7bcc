import { describe, expect, it } from 'vitest';
import { ActionableError } from '../../contract';
import { EgressBadUrlError, EgressBlockedError, EgressError, EgressHostRefusedError, EgressRedirectRefusedError, findEgressError } from './errors';

describe('egress errors', () => {
  const all = [
    new EgressBlockedError('api.example.com'),
    new EgressHostRefusedError('evil.example'),
    new EgressBadUrlError('file:///etc/passwd'),
    new EgressRedirectRefusedError(new URL('https://api.example.com/v1'), 'https://elsewhere.example', 'keeps-origin'),
  ];

  it('are ActionableErrors: a stable code and name, what happened and what to do', () => {
    expect(all.map((e) => [e.name, e.code])).toEqual([
      ['EgressBlockedError', 'EGRESS_BLOCKED'],
      ['EgressHostRefusedError', 'EGRESS_HOST_REFUSED'],
      ['EgressBadUrlError', 'EGRESS_BAD_URL'],
      ['EgressRedirectRefusedError', 'EGRESS_REDIRECT_REFUSED'],
    ]);
    for (const e of all) {
      expect(e).toBeInstanceOf(ActionableError);
      expect(e).toBeInstanceOf(EgressError);
      expect(e.toJSON()).toEqual({ code: e.code, message: e.message, action: e.action });
      expect(e.action.length).toBeGreaterThan(10);
    }
  });

  it('findEgressError finds one wrapped in causes (the openai SDK wraps fetch errors), and nothing else', () => {
    const blocked = new EgressBlockedError('api.example.com');
    expect(findEgressError(new Error('Connection error.', { cause: new TypeError('fetch failed', { cause: blocked }) }))).toBe(blocked);
    expect(findEgressError(new Error('plain'))).toBeNull();
    expect(findEgressError(null)).toBeNull();
  });
});
