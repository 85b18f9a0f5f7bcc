import { describe, expect, it } from 'vitest';
import { DemoUsageError, parseDemoArgs } from './args';

describe('demo arguments', () => {
  it('takes a WAV file and the translation flags', () => {
    const o = parseDemoArgs(['clip.wav', '--json', '--to', 'de', '--endpoint', 'http://127.0.0.1:9/v1', '--model-name', 'm'], {});
    expect(o).toMatchObject({ wav: 'clip.wav', json: true, to: 'de', endpoint: 'http://127.0.0.1:9/v1', modelName: 'm', localOnly: false, mode: 'hands-free' });
  });
  it('reads the API key from the environment when not given', () => {
    expect(parseDemoArgs([], { OPENAI_API_KEY: 'k' }).apiKey).toBe('k');
  });
  it('rejects a bad language, a bad URL, two inputs and unknown flags with a clear message', () => {
    expect(() => parseDemoArgs(['--to', 'German'], {})).toThrow(/--to: .*ISO 639/);
    expect(() => parseDemoArgs(['--endpoint', 'ftp://x'], {})).toThrow(DemoUsageError);
    expect(() => parseDemoArgs(['a.wav', '--text', 'hi'], {})).toThrow(/either a WAV file or --text/);
    expect(() => parseDemoArgs(['--bogus'], {})).toThrow(/bogus/);
  });
  it('splits the glossary', () => {
    expect(parseDemoArgs(['--glossary', 'Ada Lovelace, Sotto'], {}).glossary).toEqual(['Ada Lovelace', 'Sotto']);
  });
});
