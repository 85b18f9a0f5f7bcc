import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { EngineEvent, type CaptionFinal } from '../contract';
import { initialViewState, reduceEvent, type CaptionView } from '../state';
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

describe('CaptionLine translation line', () => {
  it('shows a quiet "(no translation)" marker, with the lane badge, when the translator returned an empty string', () => {
    const html = renderToStaticMarkup(<CaptionLine caption={final({ translation: '', lane: 'device' })} />);
    expect(html).toMatch(/<p class="caption-translation missing">\(no translation\)<\/p>/);
    expect(html).toMatch(/<span class="lane-badge device"[^>]*>Device<\/span>/);
  });

  it('shows the translation itself, in the target language, when there is one', () => {
    const html = renderToStaticMarkup(<CaptionLine caption={final({ translation: 'Hallo Welt.', lane: 'cloud' })} />);
    expect(html).toContain('<p class="caption-translation " lang="de">Hallo Welt.</p>');
    expect(html).not.toContain('(no translation)');
    expect(html).toMatch(/<span class="lane-badge cloud"[^>]*>Cloud<\/span>/);
  });

  it('shows no translation line at all when none was asked for (captions only)', () => {
    const html = renderToStaticMarkup(<CaptionLine caption={final({ target_language: null, translation: null, lane: null, lane_reason: null })} />);
    expect(html).not.toContain('caption-translation');
  });

  it('keeps an empty streaming line (not the marker) while the translation is still arriving', () => {
    const c = captionFrom({ type: 'caption.partial', id: 'p1', stage: 'translating', committed: 'Hello world.', tentative: '', language: 'en', start_ms: 0, end_ms: 900, translation: '', lane: 'device' });
    const html = renderToStaticMarkup(<CaptionLine caption={c} />);
    expect(html).toContain('<p class="caption-translation streaming"></p>');
    expect(html).not.toContain('(no translation)');
  });
});
