import { describe, expect, it } from 'vitest';
import { EgressBadUrlError } from './errors';
import { parseEgressUrl, readFetchInput } from './fetch-input';

describe('parseEgressUrl', () => {
  it('takes http(s) only, resolving a relative Location against its base', () => {
    expect(parseEgressUrl('/next?x=1', new URL('https://api.example.com/v1/a')).href).toBe('https://api.example.com/next?x=1');
    for (const raw of ['file:///etc/passwd', 'data:text/plain,hi', 'not a url']) expect(() => parseEgressUrl(raw)).toThrow(EgressBadUrlError);
  });
});

describe('readFetchInput', () => {
  it('reads a string URL and init like fetch: method upper-cased, body serialized once with its implied type', async () => {
    const input = await readFetchInput('http://127.0.0.1/v1/chat', { method: 'post', body: 'hällo' });
    expect(input).toMatchObject({ method: 'POST', redirect: 'follow', signal: null });
    expect(input.body?.toString('utf8')).toBe('hällo');
    expect(input.headers.get('content-type')).toBe('text/plain;charset=UTF-8');
  });

  it('keeps a content-type the caller set, and serializes form data and bytes', async () => {
    const json = await readFetchInput(new URL('http://127.0.0.1/x'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(json.headers.get('content-type')).toBe('application/json');
    const form = await readFetchInput('http://127.0.0.1/x', { method: 'POST', body: new URLSearchParams({ a: '1', b: 'ä' }) });
    expect(form.body?.toString()).toBe('a=1&b=%C3%A4');
    expect(form.headers.get('content-type')).toBe('application/x-www-form-urlencoded;charset=UTF-8');
    const bytes = await readFetchInput('http://127.0.0.1/x', { method: 'PUT', body: new Uint8Array([1, 2, 3]) });
    expect([...bytes.body!]).toEqual([1, 2, 3]);
  });

  it('reads a Request, with init winning over its fields', async () => {
    const controller = new AbortController();
    const request = new Request('http://127.0.0.1/v1/models', { method: 'POST', headers: { authorization: 'Bearer a', 'x-one': '1' }, body: 'from request', signal: controller.signal });
    const input = await readFetchInput(request, { headers: { authorization: 'Bearer b' }, redirect: 'manual' });
    expect(input.headers.get('authorization')).toBe('Bearer b');
    expect(input.headers.get('x-one')).toBe('1');
    expect(input.body?.toString()).toBe('from request');
    expect(input.redirect).toBe('manual');
    expect(input.signal).toBeInstanceOf(AbortSignal);
    expect(request.bodyUsed).toBe(false); // read from a clone
  });

  it('sends no body with GET or HEAD', async () => {
    expect((await readFetchInput('http://127.0.0.1/x', { method: 'GET' })).body).toBeNull();
    expect((await readFetchInput('http://127.0.0.1/x', { method: 'HEAD' })).body).toBeNull();
  });

  it('rejects a non-http URL with the typed error', async () => {
    await expect(readFetchInput('ftp://example.com/file')).rejects.toMatchObject({ code: 'EGRESS_BAD_URL' });
  });
});
