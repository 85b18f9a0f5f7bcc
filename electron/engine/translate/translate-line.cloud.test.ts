import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings, Settings } from '../../contract';
import { startOpenAiServer, type Fault, type OpenAiTestServer } from '../../../test-support/servers/openai-server';
import { DictionaryTranslator } from '../../../test-support/translators/dictionary-translator';
import { createEgress, type AuditRecord } from '../egress';
import { createCloudTranslator } from './cloud';
import { translateLine } from './translate-line';

/** Issue 10's findings as a caption sees them: the line, its fallback reason, the endpoint it names. */

const KEY = 'sk-line-cloud-0123456789';
let server: OpenAiTestServer;
beforeAll(async () => {
  server = await startOpenAiServer({ apiKey: KEY });
});
afterAll(() => server.close());
beforeEach(() => server.reset());

async function lineWith(fault: Fault | null, text = 'hello world the meeting is at ten') {
  const settings = Settings.parse({ ...defaultSettings(), allLocal: false, cloud: { baseUrl: server.url, model: 'm', maxRetries: 2 }, routing: { maxDeviceWords: 1, minAsrConfidence: 0.5, minDeviceLogprob: -1 } });
  const records: AuditRecord[] = [];
  const egress = createEgress({ allLocal: () => false, allowedHosts: () => ['127.0.0.1'], auditLogPath: null, onTraffic: (r) => records.push(r) });
  const cloud = createCloudTranslator({ egress, settings: () => settings.cloud, apiKey: () => KEY, backoffMs: 5 });
  if (fault) server.queueFaults(fault);
  const partials: string[] = [];
  const result = await translateLine(
    { id: 'c1', text, sourceLanguage: 'en', targetLanguage: 'de', confidence: { mean_token_prob: 0.9, no_speech_prob: 0 }, settings, onPartial: (t) => partials.push(t) },
    { device: new DictionaryTranslator(), cloud },
  );
  return { result, partials, records };
}

describe('cloud findings, caption by caption', () => {
  it('a placeholder repeated inside <think> does not fail the placeholder check, and the thinking is never shown', async () => {
    const { result, partials } = await lineWith({ kind: 'think', text: 'Keep ⟦EMAIL_1⟧ and ⟦EMAIL_1⟧ as they are.' }, 'mail me at anna@example.com today');
    expect(result).toMatchObject({ lane: 'cloud', fallback: false, translation: '[de] MAIL MICH UM anna@example.com HEUTE' });
    for (const p of partials) expect(p).not.toMatch(/Keep|think/);
  });

  it('an error inside the stream is sent once, not three times, and the caption says what the server said', async () => {
    const { result } = await lineWith({ kind: 'stream-error', error: { message: 'Invalid prompt.', type: 'invalid_request_error' } });
    expect(server.requests).toHaveLength(1);
    expect(result).toMatchObject({ lane: 'device', fallback: true, fallback_reason: expect.stringContaining('Invalid prompt.') });
  });

  it('a reply in the wrong language falls back to the device, with the reason', async () => {
    const { result } = await lineWith({ kind: 'wrong-language' });
    expect(result).toMatchObject({ lane: 'device', fallback: true, fallback_reason: expect.stringMatching(/in French, not German/) });
  });

  it("a 401 body echoing the key never reaches fallback_reason (the egress review's finding)", async () => {
    const { result, records } = await lineWith({ kind: 'echo-key' });
    expect(result.fallback).toBe(true);
    expect(result.fallback_reason).toMatch(/Incorrect API key provided: \[redacted\]/);
    expect(JSON.stringify({ result, records })).not.toContain(KEY);
  });

  it('a truncated reply is kept and marked on the caption, with the endpoint that answered', async () => {
    const { result } = await lineWith({ kind: 'length' });
    expect(result).toMatchObject({ lane: 'cloud', cloud: { endpoint: new URL(server.url).origin, truncated: true } });
  });
});
