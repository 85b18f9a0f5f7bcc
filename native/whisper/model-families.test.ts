import { describe, expect, it } from 'vitest';
import { MODEL_SHAPES, type WhisperHparams } from './ggml-format';
import { checkWhisperHparams } from './model-families';
import type { ModelFileError } from './model-file-error';
import { estimateWhisperMemory } from './model-memory';

const model = (state: number, heads: number, audioLayers: number, textLayers: number, nVocab = 51865, nMels = 80, ftype = 1): WhisperHparams => ({
  nVocab, nAudioCtx: 1500, nAudioState: state, nAudioHead: heads, nAudioLayer: audioLayers,
  nTextCtx: 448, nTextState: state, nTextHead: heads, nTextLayer: textLayers, nMels, ftype,
});

/** The published whisper.cpp models (ggerganov/whisper.cpp on Hugging Face, distil-whisper, large-v3-turbo). */
const PUBLISHED: Record<string, WhisperHparams> = {
  'tiny.en': model(384, 6, 4, 4, 51864),
  'base-q5_1': model(512, 8, 6, 6, 51865, 80, 2009),
  small: model(768, 12, 12, 12),
  'distil-small.en': model(768, 12, 12, 4, 51864),
  'medium.en-q8_0': model(1024, 16, 24, 24, 51864, 80, 2007),
  'distil-medium.en': model(1024, 16, 24, 2, 51864),
  'large-v2': model(1280, 20, 32, 32),
  'large-v3': model(1280, 20, 32, 32, 51866, 128),
  'large-v3-turbo-q5_0': model(1280, 20, 32, 4, 51866, 128, 2008),
  'distil-large-v3': model(1280, 20, 32, 2, 51866, 128),
};

const problemOf = (h: WhisperHparams): string => {
  try {
    checkWhisperHparams(h, 'm.bin');
    return 'ok';
  } catch (e) {
    return (e as ModelFileError).problem;
  }
};

describe('checkWhisperHparams', () => {
  it.each(Object.entries(PUBLISHED))('accepts %s', (_name, h) => {
    expect(problemOf(h)).toBe('ok');
  });

  it('accepts the generated shapes', () => {
    for (const h of Object.values(MODEL_SHAPES)) expect(problemOf(h)).toBe('ok');
  });

  it('refuses what whisper.cpp cannot survive or was never trained as', () => {
    const tiny = MODEL_SHAPES.tiny;
    expect(problemOf({ ...tiny, ftype: 4 })).toBe('unsupported');
    expect(problemOf({ ...tiny, nVocab: 51863 })).toBe('unsupported');
    expect(problemOf({ ...tiny, nVocab: 51866, nMels: 128 })).toBe('unsupported'); // v3 vocabulary on tiny
    expect(problemOf({ ...tiny, nMels: 128 })).toBe('unsupported');
    expect(problemOf({ ...tiny, nTextCtx: 224 })).toBe('unsupported');
    expect(problemOf({ ...tiny, nTextLayer: 3 })).toBe('unsupported');
    expect(problemOf({ ...tiny, nAudioLayer: 5 })).toBe('unsupported');
    expect(problemOf({ ...tiny, nAudioCtx: 0 })).toBe('bad_format');
    expect(problemOf({ ...tiny, nTextState: 512 })).toBe('bad_format');
    expect(problemOf({ ...tiny, nVocab: -5 })).toBe('bad_format');
  });
});

describe('estimateWhisperMemory', () => {
  it('grows with the contexts and the vocabulary (what the crafted files inflated)', () => {
    expect(estimateWhisperMemory(MODEL_SHAPES.test, 0).stateBytes).toBeLessThan(300e6);
    expect(estimateWhisperMemory({ ...MODEL_SHAPES.test, nTextCtx: 500_000 }, 0).stateBytes).toBeGreaterThan(1e11);
    // The n_audio_ctx 200000 file reached 943 MB RSS before it was stopped.
    expect(estimateWhisperMemory({ ...MODEL_SHAPES.test, nAudioCtx: 200_000 }, 0).stateBytes).toBeGreaterThan(943e6);
  });
});
