import { describe, expect, it } from 'vitest';
import { originOf } from './origin';

describe('originOf', () => {
  it('reduces a URL to scheme, host and port', () => {
    expect(originOf('http://LOCALHOST:80/path')).toBe('http://localhost');
    expect(originOf('https://x.openai.azure.com/openai/v1?api-version=1')).toBe('https://x.openai.azure.com');
  });

  it('gives null for an empty or broken URL', () => {
    expect(originOf('')).toBeNull();
    expect(originOf('not a url')).toBeNull();
  });
});
