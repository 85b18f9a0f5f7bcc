import { describe, expect, it } from 'vitest';
import { EgressBlockedError, EgressHostRefusedError } from './errors';
import { allowedHostsFor, createHostPolicy, hostAllowed } from './host-policy';

describe('allowedHostsFor', () => {
  it('allows the endpoint and mirror hosts plus fixed extras, nothing else', () => {
    expect(allowedHostsFor({ cloud: { baseUrl: 'http://localhost:11434/v1' }, modelMirror: 'https://Mirror.example.com/m' }, ['huggingface.co'])).toEqual(['huggingface.co', 'localhost:11434', 'mirror.example.com']);
    expect(allowedHostsFor({ cloud: { baseUrl: '' }, modelMirror: '' })).toEqual([]);
  });
});

describe('hostAllowed', () => {
  it('matches hosts exactly and dot-entries as domain suffixes', () => {
    const allowed = ['huggingface.co', '.hf.co', 'localhost:11434'];
    expect(hostAllowed(new URL('https://huggingface.co/x'), allowed)).toBe(true);
    expect(hostAllowed(new URL('https://cas-bridge.xethub.hf.co/x'), allowed)).toBe(true);
    expect(hostAllowed(new URL('https://hf.co/x'), allowed)).toBe(false);
    expect(hostAllowed(new URL('https://evilhf.co/x'), allowed)).toBe(false);
    expect(hostAllowed(new URL('https://huggingface.co.evil.com/x'), allowed)).toBe(false);
    expect(hostAllowed(new URL('http://localhost:11434/v1'), allowed)).toBe(true);
    expect(hostAllowed(new URL('http://localhost:9999/v1'), allowed)).toBe(false);
  });
});

describe('createHostPolicy', () => {
  const url = new URL('https://api.example.com/v1/chat/completions');

  it('lets an allowed host through and refuses any other, naming it', () => {
    const policy = createHostPolicy({ allLocal: () => false, allowedHosts: () => ['api.example.com'] });
    expect(policy.refusal(url, { purpose: 'translation' })).toBeNull();
    const refused = policy.refusal(new URL('https://other.example.com/x'), { purpose: 'translation' });
    expect(refused?.blocked).toBe('host-not-allowed');
    expect(refused?.error).toBeInstanceOf(EgressHostRefusedError);
    expect(refused?.error.message).toContain('other.example.com');
  });

  it('in all-local mode refuses every purpose, even an allowed host; only a consented model download passes', () => {
    const policy = createHostPolicy({ allLocal: () => true, allowedHosts: () => ['api.example.com'] });
    for (const purpose of ['translation', 'endpoint-check', 'other', 'model-download'] as const) {
      expect(policy.refusal(url, { purpose })).toMatchObject({ blocked: 'all-local', error: expect.any(EgressBlockedError) });
    }
    expect(policy.refusal(url, null)?.blocked).toBe('all-local');
    expect(policy.refusal(url, { purpose: 'translation', allowInAllLocal: true })?.blocked).toBe('all-local');
    const consent = { purpose: 'model-download', allowInAllLocal: true, consentUrls: [url.href] } as const;
    expect(policy.refusal(url, consent)).toBeNull();
    // The yes is bound to the model's own URLs: without them, or for any other URL, it covers nothing...
    expect(policy.refusal(url, { purpose: 'model-download', allowInAllLocal: true })?.blocked).toBe('all-local');
    expect(policy.refusal(new URL(`${url.href}?words=anything`), consent)?.blocked).toBe('all-local');
    // ...except the redirect hops that follow one of them (a publisher's CDN), which the allow-list still checks.
    expect(policy.refusal(new URL('https://api.example.com/cdn/blob'), consent, true)).toBeNull();
    // Consent lifts all-local mode only, not the allow-list.
    const elsewhere = new URL('https://other.example.com/m.bin');
    expect(policy.refusal(elsewhere, { ...consent, consentUrls: [elsewhere.href] })?.blocked).toBe('host-not-allowed');
    expect(policy.refusal(elsewhere, consent, true)?.blocked).toBe('host-not-allowed');
  });

  it('reads the settings on every call', () => {
    let allLocal = false;
    let hosts = ['api.example.com'];
    const policy = createHostPolicy({ allLocal: () => allLocal, allowedHosts: () => hosts });
    expect(policy.refusal(url, null)).toBeNull();
    hosts = [];
    expect(policy.refusal(url, null)?.blocked).toBe('host-not-allowed');
    allLocal = true;
    expect(policy.refusal(url, null)?.blocked).toBe('all-local');
  });
});
