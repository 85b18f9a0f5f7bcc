import { describe, expect, it } from 'vitest';
import { EngineEvent, LedgerTotals, type CaptionFinal } from './contract';
import { addCommandError, dismissNotice, initialViewState, MAX_CAPTIONS, MAX_LEDGER_POINTS, MAX_NOTICES, reduceEvent, type ViewState } from './state';

// Events are parsed with the contract schema first, so the tests feed exactly what the transport delivers.
const ev = (raw: unknown): EngineEvent => EngineEvent.parse(raw);
const run = (events: unknown[], from: ViewState = initialViewState()): ViewState =>
  events.reduce<ViewState>((s, e, i) => reduceEvent(s, ev(e), 1000 + i), from);

const partial = (id: string, committed: string, tentative: string) => ({ type: 'caption.partial', id, stage: 'transcribing', committed, tentative, language: 'en', start_ms: 0, end_ms: 900 });
const final = (id: string, text: string, extra: Partial<CaptionFinal> = {}) => ({
  type: 'caption.final', id, text, language: 'en', start_ms: 0, end_ms: 1500,
  confidence: { mean_token_prob: 0.9, no_speech_prob: 0.02 },
  timings: { audio_ms: 1500, asr_ms: 200, translate_ms: 100, total_ms: 320 },
  target_language: 'de', translation: `[de] ${text}`, lane: 'device', lane_reason: 'short line',
  fallback: false, fallback_reason: null, redaction: null,
  bytes: { audio: 48000, transcript: text.length, sent: 0, received: 0 },
  ...extra,
});
const totals = (kept: number, sent: number, downloaded = 0): LedgerTotals => LedgerTotals.parse({
  audio_bytes_local: kept, transcript_bytes_local: 0, bytes_kept_local: kept, bytes_sent: sent + downloaded, bytes_received: 0,
  text_sent: { bytes_sent: sent, bytes_received: 0, requests: sent > 0 ? 1 : 0, endpoints: [] },
  downloads: { bytes_sent: downloaded, bytes_received: 0, requests: downloaded > 0 ? 1 : 0 },
  data_kept_percent: (kept / (kept + sent || 1)) * 100, lines_device: 1, lines_cloud: 0, lines_fallback: 0, lines_untranslated: 0,
  latency_ms: { device_median: 300, cloud_median: null }, queue_age_ms: 0,
}); // fields it leaves out take the contract's defaults

describe('reduceEvent: captions', () => {
  it('replaces partials in place, then the final replaces them, keeping the order of first appearance', () => {
    const s = run([partial('a', 'Good', ' morn'), partial('b', 'Next', ''), partial('a', 'Good morning', ' every'), final('a', 'Good morning, everyone.')]);
    expect(s.order).toEqual(['a', 'b']);
    expect(s.captions.a).toMatchObject({ final: true, committed: 'Good morning, everyone.', tentative: '', translation: '[de] Good morning, everyone.', lane: 'device', laneReason: 'short line' });
    expect(s.captions.b).toMatchObject({ final: false, stage: 'transcribing', committed: 'Next' });
  });

  it('ignores a partial that arrives after its final', () => {
    const s = run([final('a', 'Done.'), partial('a', 'Do', 'ne')]);
    expect(s.captions.a).toMatchObject({ final: true, committed: 'Done.' });
  });

  it('shows the streamed translation of a translating partial', () => {
    const s = run([{ ...partial('a', 'Hello there', ''), stage: 'translating', translation: 'Hallo', lane: 'cloud' }]);
    expect(s.captions.a).toMatchObject({ final: false, stage: 'translating', translation: 'Hallo', lane: 'cloud' });
  });

  it('keeps the fallback marker and reason of a final', () => {
    const s = run([final('a', 'Long line', { lane: 'device', fallback: true, fallback_reason: 'cloud timed out' })]);
    expect(s.captions.a).toMatchObject({ fallback: true, fallbackReason: 'cloud timed out' });
  });

  it(`keeps at most ${MAX_CAPTIONS} lines, dropping the oldest`, () => {
    const events = Array.from({ length: MAX_CAPTIONS + 3 }, (_, i) => final(`c${i}`, `line ${i}`));
    const s = run(events);
    expect(s.order).toHaveLength(MAX_CAPTIONS);
    expect(s.order[0]).toBe('c3');
    expect(Object.keys(s.captions)).toHaveLength(MAX_CAPTIONS);
  });
});

describe('reduceEvent: ledger, status, levels, settings, models', () => {
  it('keeps the latest totals and a bounded history for the chart, charting caption text only (never downloads)', () => {
    const s = run([{ type: 'ledger.updated', totals: totals(100, 0, 308) }, { type: 'ledger.updated', totals: totals(200, 50, 308) }]);
    expect(s.ledger?.bytes_sent).toBe(358);
    expect(s.ledgerHistory).toEqual([{ t: 1000, kept: 100, sent: 0 }, { t: 1001, kept: 200, sent: 50 }]);
    const many = run(Array.from({ length: MAX_LEDGER_POINTS + 10 }, (_, i) => ({ type: 'ledger.updated', totals: totals(i, 0) })));
    expect(many.ledgerHistory).toHaveLength(MAX_LEDGER_POINTS);
    expect(many.ledgerHistory.at(-1)?.kept).toBe(MAX_LEDGER_POINTS + 9);
  });

  it('tracks the mic level, and drops it to zero when capture stops', () => {
    const status = (capturing: boolean) => ({ type: 'status', state: capturing ? 'listening' : 'ready', mode: 'push-to-talk', model: { id: 'ggml-base', loaded: true }, mic: { device: 'vmic', capturing }, endpoint: 'blocked', all_local: true });
    const s = run([status(true), { type: 'mic.level', rms: 0.3, peak: 0.6 }]);
    expect(s.micLevel).toEqual({ rms: 0.3, peak: 0.6 });
    expect(s.status?.endpoint).toBe('blocked');
    expect(run([status(false)], s).micLevel).toEqual({ rms: 0, peak: 0 });
  });

  it('marks a model installed when its download is done, and keeps its progress', () => {
    const base = { ...initialViewState(), models: [{ id: 'm', kind: 'whisper' as const, name: 'M', size: 10, languages: [], installed: false, recommended: true, description: '' }] };
    const progress = (state: string, bytes: number) => ({ type: 'model.progress', id: 'm', state, bytes, total: 10, speed_bps: 5, eta_s: 1 });
    const mid = run([progress('downloading', 5)], base);
    expect(mid.modelProgress.m).toMatchObject({ state: 'downloading', bytes: 5 });
    expect(mid.models[0]?.installed).toBe(false);
    expect(run([progress('done', 10)], mid).models[0]?.installed).toBe(true);
  });
});

describe('notices and errors', () => {
  it('shows an engine error with its action, attaches it to its line, and folds repeats', () => {
    const err = { type: 'error', code: 'cloud_failed', message: 'The endpoint answered 500.', action: 'Check the endpoint.', recoverable: false, caption_id: 'a' };
    const s = run([final('a', 'Hi'), err, err]);
    expect(s.notices).toEqual([{ id: 1, level: 'error', code: 'cloud_failed', message: 'The endpoint answered 500.', action: 'Check the endpoint.', count: 2 }]);
    expect(s.captions.a?.error).toBe('The endpoint answered 500.');
    expect(dismissNotice(s, 1).notices).toEqual([]);
  });

  it('keeps a failed download in its model row instead of stacking a banner with its URL and hashes', () => {
    const message = 'https://huggingface.co/x/resolve/abc/ggml-base.bin answered HTTP 404 Not Found.';
    const action = 'Check the model mirror in Settings, or import the file by hand.';
    const progress = { type: 'model.progress', id: 'ggml-base', state: 'error', bytes: 0, total: 1, speed_bps: 0, eta_s: null, message: `${message} ${action}` };
    const s = run([progress, { type: 'error', code: 'models.http', message, action, recoverable: true, caption_id: null }]);
    expect(s.notices).toEqual([]);
    expect(s.modelErrors['ggml-base']).toEqual({ message, action });
    // An error no model row shows still becomes a notice.
    expect(run([{ type: 'error', code: 'models.http', message: 'Other failure.', action, recoverable: true, caption_id: null }], s).notices).toHaveLength(1);
  });

  it('shows command failures like engine errors, and never drops an error to make room', () => {
    let s = addCommandError(initialViewState(), 'models.download', { code: 'disk_full', message: 'Not enough space.', action: 'Free 200 MB.' });
    for (let i = 0; i < MAX_NOTICES + 2; i++) s = run([{ type: 'notice', level: 'info', code: `n${i}`, message: `info ${i}` }], s);
    expect(s.notices).toHaveLength(MAX_NOTICES);
    expect(s.notices[0]).toMatchObject({ level: 'error', code: 'disk_full', action: 'Free 200 MB.' });
    expect(s.notices.at(-1)?.code).toBe(`n${MAX_NOTICES + 1}`);
  });
});
