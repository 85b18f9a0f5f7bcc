import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings, LedgerTotals, Settings } from '../../contract';
import { startOpenAiServer, type OpenAiTestServer } from '../../../test-support/servers/openai-server';
import { createEgress } from '../egress';
import { createCloudTranslator } from '../translate/cloud';
import { DictionaryTranslator } from '../../../test-support/translators/dictionary-translator';
import { translateLine } from '../translate/translate-line';
import { keptPercent, Ledger, median, type LedgerCaption } from './ledger';

const caption = (over: Partial<LedgerCaption> & { sent?: number; translate_ms?: number } = {}): LedgerCaption => ({
  id: over.id ?? 'c',
  bytes: over.bytes ?? { audio: 32_000, transcript: 20, sent: over.sent ?? 0, received: over.sent ? 500 : 0 },
  lane: over.lane === undefined ? 'device' : over.lane,
  fallback: over.fallback ?? false,
  translation: over.translation === undefined ? 'x' : over.translation,
  target_language: over.target_language === undefined ? 'de' : over.target_language,
  timings: { audio_ms: 1000, asr_ms: 200, translate_ms: over.translate_ms ?? 10 },
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
  });
});
