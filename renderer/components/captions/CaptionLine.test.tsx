import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { EngineEvent, type CaptionFinal } from '../../contract';
import { initialViewState, reduceEvent, type CaptionView } from '../../state';
import { CaptionLine } from './CaptionLine';

// The caption goes the whole way the app takes it: contract-parsed event → store reducer → rendered markup.
function captionFrom(raw: Record<string, unknown>): CaptionView {
  const state = reduceEvent(initialViewState(), EngineEvent.parse(raw), 1000);
  return state.captions[raw.id as string]!;
}
const final = (extra: Partial<CaptionFinal>) => captionFrom({
  type: 'caption.final', id: 'c1', text: 'Hello world.', language: 'en', start_ms: 0, end_ms: 1500,
  confidence: { mean_token_prob: 0.9, no_speech_prob: 0.02 },
  timings: { audio_ms: 1500, asr_ms: 200, translate_ms: 100, total_ms: 320 },
  target_language: 'de', translation: 'Hallo Welt.', lane: 'device', lane_reason: 'short line',
  fallback: false, fallback_reason: null, redaction: null,
  bytes: { audio: 48000, transcript: 12, sent: 0, received: 0 },
  ...extra,
});
const render = (c: CaptionView, tabbable = false) => renderToStaticMarkup(<CaptionLine caption={c} tabbable={tabbable} />);
const fallbackLine = () => final({ lane: 'device', fallback: true, fallback_reason: 'the endpoint answered 503', bytes: { audio: 48000, transcript: 12, sent: 512, received: 230 }, cloud: { endpoint: 'https://api.example', requests: 1, usage: null } });

describe('CaptionLine translation line', () => {
  it('shows a quiet "(no translation)" marker, with the lane badge, when the translator returned an empty string', () => {
    const html = render(final({ translation: '', lane: 'device' }));
    expect(html).toMatch(/<p class="caption-translation missing">\(no translation\)<\/p>/);
    expect(html).toMatch(/<span class="lane-badge device"[^>]*>Device<\/span>/);
  });

  it('shows the translation itself, in the target language, when there is one', () => {
    const html = render(final({ translation: 'Hallo Welt.', lane: 'cloud' }));
    expect(html).toContain('<p class="caption-translation " lang="de">Hallo Welt.</p>');
    expect(html).not.toContain('(no translation)');
    expect(html).toMatch(/<span class="lane-badge cloud"[^>]*>Cloud<\/span>/);
  });

  it('shows no translation line at all when none was asked for (captions only)', () => {
    const html = render(final({ target_language: null, translation: null, lane: null, lane_reason: null }));
    expect(html).not.toContain('caption-translation');
  });

  it('says why a line that asked for a translation has none (no device translator for the pair)', () => {
    const html = render(final({ target_language: 'fr', translation: null, lane: null, lane_reason: 'no local model for English→French (all-local mode keeps the cloud off)' }));
    expect(html).toContain('Not translated: no local model for English→French (all-local mode keeps the cloud off)');
  });

  it('keeps an empty streaming line (not the marker) while the translation is still arriving', () => {
    const c = captionFrom({ type: 'caption.partial', id: 'p1', stage: 'translating', committed: 'Hello world.', tentative: '', language: 'en', start_ms: 0, end_ms: 900, translation: '', lane: 'device' });
    const html = render(c);
    expect(html).toContain('<p class="caption-translation streaming"></p>');
    expect(html).not.toContain('(no translation)');
  });
});

describe('CaptionLine per-caption truth', () => {
  it('badges a fallback "Cloud failed → device", never the green Device badge, and shows the bytes that were sent', () => {
    const html = render(fallbackLine());
    expect(html).toMatch(/<span class="lane-badge fallback" title="The cloud lane failed \(the endpoint answered 503\)[^"]*">Cloud failed → device<\/span>/);
    expect(html).not.toContain('lane-badge device');
    expect(html).toMatch(/<span class="wire" title="512 bytes sent, 230 bytes received in 1 request to https:\/\/api.example">↑ 512 B ↓ 230 B<\/span>/);
    expect(html).toContain('<span class="fallback-reason">the endpoint answered 503</span>');
  });

  it('gives every final line its own bytes in its details: a cloud line with tokens, a device line with 0 B sent', () => {
    const cloud = render(final({ lane: 'cloud', bytes: { audio: 48000, transcript: 12, sent: 700, received: 900 }, cloud: { endpoint: 'https://api.example', requests: 2, usage: { prompt_tokens: 60, completion_tokens: 8 } } }));
    expect(cloud).toContain('Audio 48 KB processed here, never sent. Text sent to https://api.example in 2 requests, 68 tokens billed: 700 B sent, 900 B received.');
    const device = render(final({}));
    expect(device).toContain('Audio 48 KB processed here, never sent. Text stayed on this device (0 B sent).');
    expect(device).not.toContain('class="wire"');
  });

  it('is one Tab stop only when it is the list\'s active line; badges are never Tab stops', () => {
    expect(render(final({}), true)).toMatch(/^<li [^>]*tabindex="0"/);
    expect(render(final({}), false)).toMatch(/^<li [^>]*tabindex="-1"/);
    expect(render(fallbackLine(), true).match(/tabindex/g)).toHaveLength(1);
  });
});
