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
  it('takes several endpoints (the first is the main one), headers and the idle timeout', () => {
    const o = parseDemoArgs(['--endpoint', 'http://a:1/v1', '--endpoint', 'http://b:2/v1', '--header', 'X-Org: acme', '--header', 'X-Token:t:1', '--timeout-idle', '30'], {});
    expect(o).toMatchObject({ endpoint: 'http://a:1/v1', replicas: ['http://b:2/v1'], headers: [{ name: 'X-Org', value: 'acme' }, { name: 'X-Token', value: 't:1' }], idleTimeoutS: 30 });
    expect(() => parseDemoArgs(['--header', 'novalue'], {})).toThrow(/NAME:VALUE/);
    expect(() => parseDemoArgs(['--timeout-idle', '0'], {})).toThrow(/idleTimeoutS/);
  });
  it('splits the glossary', () => {
    expect(parseDemoArgs(['--glossary', 'Ada Lovelace, Sotto'], {}).glossary).toEqual(['Ada Lovelace', 'Sotto']);
  });
});

describe('demo export flags', () => {
  it('takes --srt, --vtt and --txt files, each optional', () => {
    expect(parseDemoArgs(['--srt', 'a.srt', '--txt', 'a.txt'], {}).exports).toEqual({ srt: 'a.srt', vtt: null, txt: 'a.txt' });
    expect(parseDemoArgs([], {}).exports).toEqual({ srt: null, vtt: null, txt: null });
  });
});
