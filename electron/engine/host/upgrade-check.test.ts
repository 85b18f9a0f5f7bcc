import { describe, expect, it } from 'vitest';
import { checkUpgrade, sameToken } from './upgrade-check';

const PAGE = 'http://127.0.0.1:5173';
const allowed = new Set([PAGE]);
const req = (url: string, origin?: string) => ({ url, headers: origin ? { origin } : {} });

describe('checkUpgrade', () => {
  it('admits the socket path from an allowed origin; a right token in the URL skips the hello', () => {
    expect(checkUpgrade(req('/sotto', PAGE), 'tok', allowed)).toEqual({ ok: true, preAuthed: false });
    expect(checkUpgrade(req('/sotto?token=tok', 'http://127.0.0.1:5173/'), 'tok', allowed)).toEqual({ ok: true, preAuthed: true });
  });

  it('refuses another path (404), another or no origin (403) and a wrong token in the URL (401)', () => {
    expect(checkUpgrade(req('/other', PAGE), 'tok', allowed)).toMatchObject({ ok: false, status: 404 });
    expect(checkUpgrade(req('/sotto', 'http://evil.example'), 'tok', allowed)).toMatchObject({ ok: false, status: 403, body: expect.stringContaining('evil.example') });
    expect(checkUpgrade(req('/sotto'), 'tok', allowed)).toMatchObject({ ok: false, status: 403, body: expect.stringContaining('(none)') });
    expect(checkUpgrade(req('/sotto?token=nope', PAGE), 'tok', allowed)).toMatchObject({ ok: false, status: 401 });
  });
});

describe('sameToken', () => {
  it('compares tokens exactly, whatever their lengths', () => {
    expect(sameToken('abc', 'abc')).toBe(true);
    expect(sameToken('abc', 'abd')).toBe(false);
    expect(sameToken('abc', 'abcd')).toBe(false);
  });
});
