import { describe, expect, it } from 'vitest';
import type { CaptionView } from '../state';
import { overlayLines } from './overlay-lines';

const caption = (id: string, o: Partial<CaptionView> = {}): CaptionView => ({
  id, final: true, stage: null, committed: `source ${id}`, tentative: '', language: 'en', targetLanguage: 'de', translation: `ziel ${id}`,
  lane: 'device', laneReason: null, fallback: false, fallbackReason: null, timings: null, bytes: null, redaction: null, error: null, ...o,
});
const texts = (lines: ReturnType<typeof overlayLines>) => lines.map((l) => l.texts.map((t) => t.text));

describe('overlay lines', () => {
  const captions = { a: caption('a'), b: caption('b'), c: caption('c', { final: false, stage: 'transcribing', committed: 'spea', tentative: 'king', translation: null }) };
  const order = ['a', 'b', 'c'];

  it('both: the newest lines with their translations, the partial last', () => {
    expect(texts(overlayLines(order, captions, 'both'))).toEqual([['source b', 'ziel b'], ['speaking']]);
    expect(overlayLines(order, captions, 'both').map((l) => l.partial)).toEqual([false, true]);
  });

  it('translation only skips a partial that has no translation yet', () => {
    expect(texts(overlayLines(order, captions, 'translation'))).toEqual([['ziel a'], ['ziel b']]);
  });

  it('source only, and a captions-only line still shows in translation mode', () => {
    expect(texts(overlayLines(order, captions, 'source', 3))).toEqual([['source a'], ['source b'], ['speaking']]);
    const plain = { x: caption('x', { translation: null, targetLanguage: null }) };
    expect(texts(overlayLines(['x'], plain, 'translation'))).toEqual([['source x']]);
  });
});
