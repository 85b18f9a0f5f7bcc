import { describe, expect, it } from 'vitest';
import { LedgerTotals } from '../../contract';
import { deviceShare, headlineFacts, ledgerSummary, routerFigures, trafficText } from './ledger-facts';

const base = { audio_bytes_local: 0, transcript_bytes_local: 0, bytes_kept_local: 0, bytes_sent: 0, bytes_received: 0, data_kept_percent: 100, lines_device: 0, lines_cloud: 0, lines_fallback: 0, lines_untranslated: 0, latency_ms: { device_median: null, cloud_median: null }, queue_age_ms: 0 };
const totals = (over: Record<string, unknown>) => LedgerTotals.parse({ ...base, ...over });
const text = (fact: { value: string; detail: string }) => `${fact.value} ${fact.detail}`;

// After a first run with model downloads (the finding): 308 B sent and 32.2 MB received, all of it public model files.
const firstRun = totals({ bytes_sent: 308, bytes_received: 32_200_000, data_kept_percent: 0, downloads: { bytes_sent: 308, bytes_received: 32_200_000, requests: 2 } });

describe('headlineFacts: what left this device', () => {
  it('after model downloads under all-local: audio 100 % here, no text sent, no "0 % kept"', () => {
    const facts = headlineFacts(firstRun, true);
    expect(facts.map(text)).toEqual(['100 % on this device, never sent', 'none yet every line you speak is counted here', 'none all-local mode is on']);
    expect(facts.map(text).join(' ')).not.toMatch(/\b0 %|308|32\.2/);
    expect(trafficText(firstRun.downloads)).toBe('↓ 32.2 MB · ↑ 308 B · 2 requests');
  });

  it('with text going to the cloud: lines kept of N, and bytes of text in how many requests', () => {
    const t = totals({ captions: 4, lines_kept_on_device: 3, text_sent: { bytes_sent: 1520, bytes_received: 900, requests: 2, endpoints: [{ origin: 'https://api.example', bytes_sent: 1520, bytes_received: 900, requests: 2 }] } });
    const [audio, lines, sent] = headlineFacts(t, false);
    expect(text(audio!)).toBe('100 % on this device, never sent');
    expect(text(lines!)).toBe('3 of 4 stayed on this device; 1 line sent as text');
    expect(text(sent!)).toBe('1.52 KB in 2 requests');
    expect(ledgerSummary(t)).toBe('Audio never sent · 3 of 4 lines stayed here · 1.52 KB of text sent');
  });

  it('under all-local, text sent earlier is dated before the switch, never contradicting the badge', () => {
    const t = totals({ captions: 2, lines_kept_on_device: 1, text_sent: { bytes_sent: 700, bytes_received: 300, requests: 1, endpoints: [] } });
    expect(text(headlineFacts(t, true)[2]!)).toBe('700 B in 1 request, before all-local mode was switched on');
  });
});

describe('routerFigures', () => {
  const t = totals({
    lines_device: 2, lines_cloud: 1, lines_fallback: 1,
    latency: { device: { p50: 12, p95: 30 }, cloud: { p50: 480, p95: 1500 } },
    queue_wait_ms: { p50: 3, p95: 40 },
    cost: { prompt_tokens: 120, completion_tokens: 30, usd: 0.000105, avoided_tokens_estimate: 80, avoided_usd: 0.00005 },
  });

  it('gives the share done on the device (a fallback is cloud work), latency per lane, queue wait and cost', () => {
    expect(deviceShare(t)).toBe('50 % (2 of 4)');
    expect(routerFigures(t, true).map((f) => `${f.label}: ${f.value}`)).toEqual([
      'Done on the device: 50 % (2 of 4)',
      'Device latency p50 / p95: 12 ms / 30 ms',
      'Cloud latency p50 / p95: 480 ms / 1.5 s',
      'Queue wait p50 / p95: 3 ms / 40 ms',
      'Cloud cost: 150 tokens · $0.00011',
      'Cost avoided: ~80 tokens · $0.00005',
    ]);
  });

  it('asks for a price when none is set, and shows dashes before anything was measured', () => {
    const figures = routerFigures(totals({ cost: { prompt_tokens: 10, completion_tokens: 5, usd: null, avoided_tokens_estimate: 0, avoided_usd: null } }), false);
    expect(figures[0]!.value).toBe('—');
    expect(figures[1]!.value).toBe('—');
    expect(figures[4]!.value).toBe('15 tokens · set a price in Settings → Cloud');
  });
});
