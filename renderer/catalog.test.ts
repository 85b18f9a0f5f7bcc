import { describe, expect, it } from 'vitest';
import type { ModelEntry } from './contract';
import { cleanDescription, hasDeviceTranslator, modelSize, recommendations, recommendedSpeechModel, translatorsFor } from './catalog';

const m = (id: string, kind: ModelEntry['kind'], languages: string[], over: Partial<ModelEntry> = {}): ModelEntry => ({ id, kind, name: id, size: 1000, languages, installed: false, recommended: false, description: '', ...over });
// Shaped like resources/models.json: three recommended speech models, one of them English-only.
const catalog = [
  m('ggml-tiny-q5_1', 'whisper', ['multilingual'], { recommended: true }),
  m('ggml-base', 'whisper', ['multilingual'], { recommended: true }),
  m('ggml-base.en', 'whisper', ['en'], { recommended: true }),
  m('ggml-small', 'whisper', ['multilingual']),
  m('opus-mt-en-de', 'translation', ['en', 'de'], { recommended: true }),
  m('opus-mt-de-en', 'translation', ['de', 'en']),
  m('opus-mt-en-fr', 'translation', ['en', 'fr'], { size: 0 }),
  m('nllb', 'translation', ['multilingual']),
];

describe('catalog helpers', () => {
  it('say each size once: no size repeated from the description, and never "0 B"', () => {
    expect(cleanDescription('Multilingual (99 languages) Whisper base; 148 MB.')).toBe('Multilingual (99 languages) Whisper base.');
    expect(cleanDescription('On-device translation English to German: MarianMT from Helsinki-NLP, int8-quantized ONNX (about 100 MB).')).toBe('On-device translation English to German: MarianMT from Helsinki-NLP, int8-quantized ONNX.');
    expect(cleanDescription('One on-device model for any pair of 200 languages (Meta NLLB, int8-quantized ONNX, about 900 MB). Slower.')).toBe('One on-device model for any pair of 200 languages (Meta NLLB, int8-quantized ONNX). Slower.');
    expect(cleanDescription('Multilingual (99 languages) Whisper tiny, q5_1 quantized (smaller and faster, slightly less accurate); 32 MB.')).toBe('Multilingual (99 languages) Whisper tiny, q5_1 quantized (smaller and faster, slightly less accurate).');
    expect(modelSize(catalog[6]!)).toBe('size not listed');
    expect(modelSize(m('x', 'whisper', [], { size: 147_951_465 }))).toBe('148 MB');
  });

  it('recommend one speech model that fits the spoken language: English-only only when English is spoken', () => {
    expect(recommendedSpeechModel(catalog, 'auto', 'ggml-base')?.id).toBe('ggml-base');
    expect(recommendedSpeechModel(catalog, 'de', 'ggml-base.en')?.id).toBe('ggml-tiny-q5_1');
    expect(recommendedSpeechModel(catalog, 'en', 'ggml-base')?.id).toBe('ggml-base.en');
    // The finding: three speech models marked recommended, one of them English-only while the language is auto-detect.
    expect([...recommendations(catalog, 'auto', '', 'ggml-base')]).toEqual(['ggml-base']);
    expect([...recommendations(catalog, 'en', 'fr', 'ggml-base')]).toEqual(['ggml-base.en', 'opus-mt-en-fr']);
  });

  it('find the translators of a pair, and whether one is installed', () => {
    expect(translatorsFor(catalog, 'en', 'fr').map((x) => x.id)).toEqual(['opus-mt-en-fr', 'nllb']);
    expect(translatorsFor(catalog, 'auto', 'de').map((x) => x.id)).toEqual(['opus-mt-en-de', 'nllb']);
    expect(translatorsFor(catalog, 'en', '')).toEqual([]);
    expect(hasDeviceTranslator(catalog, 'en', 'fr')).toBe(false);
    expect(hasDeviceTranslator(catalog.map((x) => (x.id === 'nllb' ? { ...x, installed: true } : x)), 'en', 'fr')).toBe(true);
    expect(hasDeviceTranslator(catalog, 'de', 'en')).toBe(true);
  });
});
