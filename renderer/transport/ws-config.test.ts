import { describe, expect, it } from 'vitest';
import { refuseSocketUrl, wsConfigFromPage } from './ws-adapter';

const page = (ws: string) => ({ href: `http://127.0.0.1:5173/?token=t&ws=${encodeURIComponent(ws)}` });

describe('wsConfigFromPage: ?ws= names this machine only', () => {
  it.each(['ws://127.0.0.1:9/sotto', 'ws://[::1]:9/sotto', 'ws://localhost:9/sotto', 'wss://localhost/sotto'])('accepts the loopback address %s', (url) => {
    expect(wsConfigFromPage(page(url))).toEqual({ url, token: 't' });
  });

  it.each([
    ['ws://evil.example:9/sotto', /not on evil\.example/],
    ['ws://192.168.1.20:9/sotto', /not on 192\.168\.1\.20/],
    ['ws://127.0.0.1.evil.example/sotto', /not on 127\.0\.0\.1\.evil\.example/],
    ['ws://localhost@evil.example/sotto', /not on evil\.example/],
    ['http://127.0.0.1:9/sotto', /not a ws:\/\/ or wss:\/\//],
    ['nonsense', /not a WebSocket address/],
  ])('refuses %s, saying why', (url, why) => {
    const config = wsConfigFromPage(page(url));
    expect(config).toEqual({ refused: expect.stringMatching(why) });
  });

  it('checks a ws given in the fragment too', () => {
    expect(wsConfigFromPage({ href: 'http://127.0.0.1:5173/#token=t&ws=ws://attacker.test/sotto' })).toEqual({ refused: expect.stringContaining('attacker.test') });
  });

  it('keeps the same-origin socket when no ws is given', () => {
    expect(wsConfigFromPage({ href: 'http://127.0.0.1:4000/#token=abc' })).toEqual({ url: 'ws://127.0.0.1:4000/sotto', token: 'abc' });
    expect(refuseSocketUrl('ws://127.0.0.1:4000/sotto')).toBeNull();
  });
});
