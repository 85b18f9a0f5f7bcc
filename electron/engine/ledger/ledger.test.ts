import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings, LedgerTotals, Settings } from '../../contract';
import { startOpenAiServer, type OpenAiTestServer } from '../../../test-support/servers/openai-server';
import { createEgress } from '../egress';
import { createCloudTranslator } from '../translate/cloud';
import { DictionaryTranslator } from '../../../test-support/translators/dictionary-translator';
import { translateLine } from '../translate/translate-line';
import { keptPercent, Ledger, median, percentile, type LedgerCaption } from './ledger';

const caption = (over: Partial<LedgerCaption> & { sent?: number; translate_ms?: number } = {}): LedgerCaption => ({
  id: over.id ?? 'c',
  bytes: over.bytes ?? { audio: 32_000, transcript: 20, sent: over.sent ?? 0, received: over.sent ? 500 : 0 },
  lane: over.lane === undefined ? 'device' : over.lane,
  fallback: over.fallback ?? false,
  translation: over.translation === undefined ? 'x' : over.translation,
  target_language: over.target_language === undefined ? 'de' : over.target_language,
  timings: { audio_ms: 1000, asr_ms: 200, translate_ms: over.translate_ms ?? 10 },
  cloud: over.cloud ?? null,
});

describe('ledger arithmetic', () => {
  it('median and percent edge cases', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(keptPercent(0, 0)).toBe(100);
    expect(keptPercent(900, 100)).toBe(90);
  });

  it('starts at 100 % kept with nothing processed', () => {
    const t = new Ledger().totals();
    expect(t).toMatchObject({ bytes_kept_local: 0, bytes_sent: 0, data_kept_percent: 100, queue_age_ms: 0 });
    expect(t.latency_ms).toEqual({ device_median: null, cloud_median: null });
  });

  it('counts lines per lane, kept bytes, wire bytes and medians', () => {
    const ledger = new Ledger();
    ledger.add(caption({ id: 'a', translate_ms: 10 }));
    ledger.add(caption({ id: 'b', translate_ms: 30 }));
    ledger.add(caption({ id: 'c', lane: 'cloud', sent: 700, translate_ms: 400 }));
    ledger.add(caption({ id: 'd', fallback: true, sent: 300, translate_ms: 900 }));
    ledger.add(caption({ id: 'e', translation: null, lane: null }));
    ledger.add(caption({ id: 'f', target_language: null, translation: null, lane: null })); // captions only
    const t = ledger.totals();
    expect(t).toMatchObject({ lines_device: 2, lines_cloud: 1, lines_fallback: 1, lines_untranslated: 1 });
    expect(t.audio_bytes_local).toBe(6 * 32_000);
    // Transcripts of c and d went on the wire; the other four stayed.
    expect(t.transcript_bytes_local).toBe(4 * 20);
    expect(t.bytes_sent).toBe(1000);
    expect(t.bytes_received).toBe(1000);
    expect(t.bytes_kept_local).toBe(6 * 32_000 + 80);
    expect(t.data_kept_percent).toBeCloseTo((192_080 / 193_080) * 100, 6);
    expect(t.latency_ms).toEqual({ device_median: 20, cloud_median: 400 });
    expect(ledger.summary(5000)).toMatchObject({ type: 'session.summary', captions: 6, audio_ms: 6000, wall_ms: 5000, asr_ms_total: 1200, bytes_sent: 1000, lines_fallback: 1 });
  });

  it('queue age is the oldest waiting line, 0 when none waits', () => {
    let clock = 1000;
    const ledger = new Ledger({ now: () => clock });
    ledger.enqueue('a');
    clock = 1500;
    ledger.enqueue('b');
    clock = 1800;
    expect(ledger.totals().queue_age_ms).toBe(800);
    ledger.add(caption({ id: 'a' }));
    expect(ledger.totals().queue_age_ms).toBe(300);
    ledger.add(caption({ id: 'b' }));
    expect(ledger.totals().queue_age_ms).toBe(0);
  });

  it('keeps only a window of latencies', () => {
    const ledger = new Ledger({ latencyWindow: 3 });
    for (const ms of [1000, 1000, 1000, 1, 2, 3]) ledger.add(caption({ translate_ms: ms }));
    expect(ledger.totals().latency_ms.device_median).toBe(2);
    expect(ledger.totals().lines_device).toBe(6);
  });
});

describe('ledger over real traffic', () => {
  let server: OpenAiTestServer;
  beforeAll(async () => {
    server = await startOpenAiServer();
  });
  afterAll(() => server.close());

  it('bytes_sent equals what the test server read from its sockets, and the egress per-purpose totals', async () => {
    const settings = Settings.parse({
      ...defaultSettings(),
      allLocal: false,
      cloud: { baseUrl: server.url, model: 'm', timeoutMs: 2000, maxRetries: 1 },
      routing: { maxDeviceWords: 4, minAsrConfidence: 0.5, minDeviceLogprob: -1 },
    });
    const egress = createEgress({ allLocal: () => false, allowedHosts: () => ['127.0.0.1'], auditLogPath: null });
    const cloud = createCloudTranslator({ egress, settings: () => settings.cloud, apiKey: () => null, backoffMs: 10 });
    const device = new DictionaryTranslator();
    const ledger = new Ledger();
    server.queueFaults({ kind: 'rate-limit', retryAfterMs: 10 }, { kind: 'server-error' }, { kind: 'server-error' });
    const lines = ['hello world', 'the meeting is at ten good morning', 'good morning world', 'hello the meeting is at ten'];
    for (const [i, text] of lines.entries()) {
      const id = `c${i}`;
      ledger.enqueue(id);
      const t = await translateLine({ id, text, sourceLanguage: 'en', targetLanguage: 'de', confidence: { mean_token_prob: 0.9, no_speech_prob: 0 }, settings }, { device, cloud });
      const totals = ledger.add({
        id,
        bytes: { audio: 32_000, transcript: Buffer.byteLength(text), sent: t.bytes.sent, received: t.bytes.received },
        lane: t.lane,
        fallback: t.fallback,
        translation: t.translation,
        target_language: 'de',
        timings: { audio_ms: 1000, asr_ms: 100, translate_ms: t.translate_ms },
        cloud: t.cloud,
      });
      LedgerTotals.parse(totals);
    }
    const totals = ledger.totals();
    expect(totals).toMatchObject({ lines_device: 2, lines_cloud: 1, lines_fallback: 1, lines_untranslated: 0 });
    expect(totals.bytes_sent).toBe(server.bytesReceived());
    expect(totals.bytes_sent).toBe(egress.totals().translation.sent);
    expect(totals.bytes_received).toBe(egress.totals().translation.received);
    expect(totals.bytes_sent).toBeGreaterThan(0);
    expect(totals.data_kept_percent).toBeGreaterThan(90);
    expect(totals.data_kept_percent).toBeLessThan(100);
    // The text category is exactly the caption traffic, per endpoint; the retries count as requests.
    expect(totals.text_sent).toMatchObject({ bytes_sent: server.bytesReceived(), requests: server.requests.length });
    expect(totals.text_sent.endpoints).toEqual([{ origin: new URL(server.url).origin, bytes_sent: server.bytesReceived(), bytes_received: totals.bytes_received, requests: server.requests.length }]);
    expect(totals.lines_kept_on_device).toBe(2);
    // The server reports usage on its last chunk: the cost counts those tokens.
    expect(totals.cost.prompt_tokens).toBeGreaterThan(0);
  });
});

describe('ledger categories and the router figures', () => {
  const cloudLine = (id: string, sent: number, usage: { prompt_tokens: number; completion_tokens: number } | null, endpoint = 'https://api.openai.com') =>
    caption({ id, lane: 'cloud', sent, translate_ms: 400, cloud: { endpoint, requests: 1, usage } });

  it('keeps downloads and checks apart from caption text, and counts them in what left', () => {
    const ledger = new Ledger();
    ledger.add(cloudLine('a', 700, null));
    ledger.addTraffic({ purpose: 'model-download', bytes_sent: 300, bytes_received: 32_000_000 });
    ledger.addTraffic({ purpose: 'endpoint-check', bytes_sent: 200, bytes_received: 400 });
    ledger.addTraffic({ purpose: 'translation', bytes_sent: 700, bytes_received: 500 }); // already in its caption
    const t = ledger.totals();
    expect(t.text_sent).toMatchObject({ bytes_sent: 700, requests: 1 });
    expect(t.downloads).toEqual({ bytes_sent: 300, bytes_received: 32_000_000, requests: 1 });
    expect(t.checks).toEqual({ bytes_sent: 200, bytes_received: 400, requests: 1 });
    expect(t.bytes_sent).toBe(1200);
  });

  it('splits caption text per endpoint and tells which lines never left', () => {
    const ledger = new Ledger();
    ledger.add(cloudLine('a', 700, null, 'https://api.openai.com'));
    ledger.add(cloudLine('b', 600, null, 'http://localhost:11434'));
    ledger.add(caption({ id: 'c', fallback: true, sent: 300, cloud: { endpoint: 'http://localhost:11434', requests: 3, usage: null } }));
    ledger.add(caption({ id: 'd' }));
    const t = ledger.totals();
    expect(t.captions).toBe(4);
    expect(t.lines_kept_on_device).toBe(1); // the fallback line's text was sent
    expect(t.text_sent.endpoints).toEqual([
      { origin: 'https://api.openai.com', bytes_sent: 700, bytes_received: 500, requests: 1 },
      { origin: 'http://localhost:11434', bytes_sent: 900, bytes_received: 1000, requests: 4 },
    ]);
    expect(ledger.summary(1).device_share_percent).toBeCloseTo(25, 6); // 1 device line of 4 translated
  });

  it('latency p50/p95 per lane and how long finals waited before their translation began', () => {
    let clock = 0;
    const ledger = new Ledger({ now: () => clock });
    for (const [i, ms] of [10, 20, 30, 40, 1000].entries()) ledger.add(caption({ id: `d${i}`, translate_ms: ms }));
    ledger.enqueue('x');
    ledger.enqueue('y');
    clock = 50;
    ledger.started('x');
    clock = 250;
    ledger.started('y');
    const t = ledger.totals();
    expect(t.latency.device).toEqual({ p50: 30, p95: 1000 });
    expect(t.latency.cloud).toEqual({ p50: null, p95: null });
    expect(t.queue_wait_ms).toEqual({ p50: 150, p95: 250 });
    expect(t.queue_age_ms).toBe(0); // both started: neither waits any more
  });

  it('costs billed tokens at the user price, and estimates the cost the device lines avoided', () => {
    const price = { input: 0.15, output: 0.6 };
    const ledger = new Ledger({ price: () => price });
    // Two cloud lines of 20 transcript bytes each: 100 prompt tokens per 20 bytes, 10 completion tokens per line.
    ledger.add(cloudLine('a', 700, { prompt_tokens: 100, completion_tokens: 10 }));
    ledger.add(cloudLine('b', 700, { prompt_tokens: 100, completion_tokens: 10 }));
    ledger.add(caption({ id: 'c' })); // 20 bytes kept on the device
    const { cost } = ledger.totals();
    expect(cost).toMatchObject({ prompt_tokens: 200, completion_tokens: 20, avoided_tokens_estimate: 110 });
    expect(cost.usd).toBeCloseTo((200 * 0.15 + 20 * 0.6) / 1e6, 12);
    expect(cost.avoided_usd).toBeCloseTo((100 * 0.15 + 10 * 0.6) / 1e6, 12);
    expect(new Ledger().totals().cost).toMatchObject({ usd: null, avoided_usd: null, prompt_tokens: 0 });
  });

  it('percentile is nearest-rank', () => {
    expect(percentile([], 95)).toBeNull();
    expect(percentile([5], 95)).toBe(5);
    expect(percentile(Array.from({ length: 100 }, (_, i) => i + 1), 95)).toBe(95);
  });
});
