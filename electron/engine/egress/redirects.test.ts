import { describe, expect, it } from 'vitest';
import { EgressBadUrlError, EgressRedirectRefusedError } from './errors';
import type { Hop } from './fetch-input';
import { decideRedirect, type RedirectRules } from './redirects';

const KEY = 'sk-redirect-SECRET-77';
const rules = (overrides: Partial<RedirectRules> = {}): RedirectRules => ({ purpose: 'other', mode: 'follow', hopsLeft: 5, secrets: [KEY, `Bearer ${KEY}`], ...overrides });

function post(url = 'https://api.example.com/v1/chat/completions'): Hop {
  return { url: new URL(url), method: 'POST', headers: new Headers({ authorization: `Bearer ${KEY}`, 'content-type': 'application/json', 'api-key': KEY }), body: Buffer.from('{"text":"private"}') };
}

function get(url = 'https://huggingface.co/org/m/resolve/main/model.bin'): Hop {
  return { url: new URL(url), method: 'GET', headers: new Headers({ authorization: `Bearer ${KEY}`, cookie: `s=${KEY}`, range: 'bytes=10-' }), body: null };
}

describe('decideRedirect: when to hand the response over', () => {
  it('delivers anything that is not a redirect to follow', () => {
    expect(decideRedirect(get(), 200, 'https://x.example/', rules())).toEqual({ kind: 'deliver' });
    expect(decideRedirect(get(), 302, undefined, rules())).toEqual({ kind: 'deliver' });
    expect(decideRedirect(get(), 302, '/next', rules({ mode: 'manual' }))).toEqual({ kind: 'deliver' });
    expect(decideRedirect(get(), 302, '/next', rules({ hopsLeft: 0 }))).toEqual({ kind: 'deliver' });
  });
});

describe('decideRedirect on the same origin', () => {
  it('307/308 resend the request as it was, body and key included', () => {
    for (const status of [307, 308]) {
      const decision = decideRedirect(post(), status, '/v1/chat/completions2', rules({ purpose: 'translation' }));
      expect(decision.kind).toBe('follow');
      if (decision.kind !== 'follow') return;
      expect(decision.next.url.href).toBe('https://api.example.com/v1/chat/completions2');
      expect(decision.next.method).toBe('POST');
      expect(decision.next.body?.toString()).toBe('{"text":"private"}');
      expect(decision.next.headers.get('authorization')).toBe(`Bearer ${KEY}`);
    }
  });

  it('303, and 301/302 after a POST, become a GET without body or content-type', () => {
    for (const status of [301, 302, 303]) {
      const decision = decideRedirect(post(), status, '/done', rules({ purpose: 'translation' }));
      if (decision.kind !== 'follow') throw new Error(`expected to follow ${status}`);
      expect(decision.next).toMatchObject({ method: 'GET', body: null });
      expect(decision.next.headers.has('content-type')).toBe(false);
    }
  });

  it('does not change the hop it was given', () => {
    const hop = get();
    decideRedirect(hop, 302, 'https://cdn.example.net/blob', rules({ purpose: 'model-download' }));
    expect(hop.headers.get('authorization')).toBe(`Bearer ${KEY}`);
    expect(hop.url.host).toBe('huggingface.co');
  });
});

describe('decideRedirect to another origin', () => {
  it('refuses it for a translation and an endpoint check, saying what to do', () => {
    for (const purpose of ['translation', 'endpoint-check'] as const) {
      const decision = decideRedirect(post(), 307, 'https://elsewhere.example.org/v1/chat/completions', rules({ purpose }));
      expect(decision.kind).toBe('refuse');
      if (decision.kind !== 'refuse') return;
      expect(decision.target.host).toBe('elsewhere.example.org');
      expect(decision.error).toBeInstanceOf(EgressRedirectRefusedError);
      expect(decision.error.toJSON()).toEqual({
        code: 'EGRESS_REDIRECT_REFUSED',
        message: 'api.example.com redirected the request to https://elsewhere.example.org; Sotto does not follow it, so the text and the API key stay with the host you configured.',
        action: 'If the endpoint has moved, enter its new address (https://elsewhere.example.org) as the endpoint URL in Settings.',
      });
    }
  });

  it('a scheme or port change is another origin too', () => {
    expect(decideRedirect(post(), 308, 'http://api.example.com/v1/chat/completions', rules({ purpose: 'translation' })).kind).toBe('refuse');
    expect(decideRedirect(post(), 308, 'https://api.example.com:8443/v1/chat/completions', rules({ purpose: 'translation' })).kind).toBe('refuse');
  });

  it('follows it for a model download, without any credential header', () => {
    const decision = decideRedirect(get(), 302, 'https://cas-bridge.xethub.hf.co/blob?sig=abc', rules({ purpose: 'model-download' }));
    if (decision.kind !== 'follow') throw new Error('expected to follow');
    expect(decision.next.url.href).toBe('https://cas-bridge.xethub.hf.co/blob?sig=abc');
    expect([...decision.next.headers.keys()]).toEqual(['range']);
  });

  it('never sends a body there: a 307/308 with a body is refused whatever the purpose', () => {
    for (const purpose of ['model-download', 'other'] as const) {
      const decision = decideRedirect(post(), 307, 'https://cdn.example.net/upload', rules({ purpose }));
      expect(decision.kind).toBe('refuse');
      if (decision.kind === 'refuse') expect(decision.error.message).toMatch(/never sends a body to another host/);
    }
    // A 302 after a POST drops the body (a GET), so it may go.
    expect(decideRedirect(post(), 302, 'https://cdn.example.net/done', rules({ purpose: 'other' })).kind).toBe('follow');
  });
});

describe('decideRedirect and server text', () => {
  it("keeps the request's key out of the error, whatever the server put in the Location", () => {
    const decision = decideRedirect(post(), 307, `https://${KEY.toLowerCase()}.evil.example/x`, rules({ purpose: 'translation' }));
    if (decision.kind !== 'refuse') throw new Error('expected a refusal');
    expect(JSON.stringify(decision.error.toJSON()).toLowerCase()).not.toContain(KEY.toLowerCase());
    expect(decision.error.message).toContain('[redacted].evil.example');
  });

  it('a Location that is no http(s) URL fails with EgressBadUrlError, scrubbed', () => {
    const decision = decideRedirect(get(), 302, `file:///etc/${KEY}`, rules());
    expect(decision.kind).toBe('fail');
    if (decision.kind !== 'fail') return;
    expect(decision.error).toBeInstanceOf(EgressBadUrlError);
    expect(decision.error.message).toBe('Not an http(s) URL: file:///etc/[redacted]');
  });
});
