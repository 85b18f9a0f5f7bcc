import { describe, expect, it } from 'vitest';
import { credentialsIn, scrubError, scrubSecret, scrubSecrets } from './scrub';

describe('scrubSecret', () => {
  const key = 'sk-proj-Ab+c/D=12345';

  it('replaces every occurrence, in any letter case and percent-encoded', () => {
    const text = `Incorrect API key provided: ${key}. Path /v1/${encodeURIComponent(key)}/x, host ${key.toLowerCase()}.example`;
    expect(scrubSecret(text, key)).toBe('Incorrect API key provided: [redacted]. Path /v1/[redacted]/x, host [redacted].example');
  });

  it('treats the secret as text, not as a pattern', () => {
    expect(scrubSecret('a.b.c.d.e.f.g.h and abcdefgh', 'a.b.c.d.')).toBe('[redacted]e.f.g.h and abcdefgh');
  });

  it('leaves text alone for no secret or one too short to tell from ordinary words', () => {
    expect(scrubSecret('no-key here', 'no-key')).toBe('no-key here');
    expect(scrubSecret('text', null)).toBe('text');
    expect(scrubSecret('text', '')).toBe('text');
  });

  it('scrubSecrets applies each secret', () => {
    expect(scrubSecrets('one 0123456789abcdef two sk-live-9876543210', ['0123456789abcdef', 'sk-live-9876543210'])).toBe('one [redacted] two [redacted]');
  });
});

describe('credentialsIn', () => {
  it('finds the Authorization token (and the whole value) and api-key headers', () => {
    const headers = new Headers({ authorization: 'Bearer sk-test-123456789', 'api-key': 'azure0123456789', 'content-type': 'application/json' });
    expect(credentialsIn(headers)).toEqual(['Bearer sk-test-123456789', 'sk-test-123456789', 'azure0123456789']);
  });

  it('finds nothing in a request without credentials', () => {
    expect(credentialsIn(new Headers({ accept: 'application/json' }))).toEqual([]);
  });
});

describe('scrubError', () => {
  it('scrubs message and stack in place, keeping the class and code callers check', () => {
    const error = Object.assign(new TypeError('certificate names sk-live-9876543210.example'), { code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
    expect(scrubError(error, ['sk-live-9876543210'])).toBe(error);
    expect(error).toBeInstanceOf(TypeError);
    expect(error).toMatchObject({ code: 'ERR_TLS_CERT_ALTNAME_INVALID', message: 'certificate names [redacted].example' });
    expect(error.stack).not.toContain('sk-live-9876543210');
  });

  it('leaves anything that is not an Error as it is', () => {
    expect(scrubError('sk-live-9876543210', ['sk-live-9876543210'])).toBe('sk-live-9876543210');
  });
});
