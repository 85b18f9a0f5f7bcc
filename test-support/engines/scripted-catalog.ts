import type { ModelEntry } from '../../electron/contract';

/**
 * The scripted engine's model catalog: a few rows shaped like resources/models.json's, quirks included (sizes inside
 * descriptions, an English-only model marked recommended, a translator whose size is not listed), so the UI is tested
 * against what the real catalog sends.
 */
export function scriptedCatalog(installed: readonly string[]): ModelEntry[] {
  const rows: Array<Omit<ModelEntry, 'installed'>> = [
    { id: 'ggml-tiny', kind: 'whisper', name: 'Whisper tiny', size: 77_691_713, languages: ['multilingual'], recommended: false, description: 'Multilingual (99 languages) Whisper tiny; 78 MB.' },
    { id: 'ggml-base', kind: 'whisper', name: 'Whisper base', size: 147_951_465, languages: ['multilingual'], recommended: true, description: 'Multilingual (99 languages) Whisper base; 148 MB.' },
    { id: 'ggml-base.en', kind: 'whisper', name: 'Whisper base (English)', size: 147_964_211, languages: ['en'], recommended: true, description: 'English-only Whisper base; 148 MB.' },
    { id: 'opus-mt-en-de', kind: 'translation', name: 'OPUS-MT English → German', size: 54_865_392, languages: ['en', 'de'], recommended: true, description: 'On-device translation English to German: MarianMT from Helsinki-NLP, int8-quantized ONNX (about 100 MB).' },
    { id: 'opus-mt-en-fr', kind: 'translation', name: 'OPUS-MT English → French', size: 0, languages: ['en', 'fr'], recommended: false, description: 'On-device translation English to French: MarianMT from Helsinki-NLP, int8-quantized ONNX (about 100 MB).' },
  ];
  return rows.map((m) => ({ ...m, installed: installed.includes(m.id) }));
}

/** Whether an installed translator covers source → target (the scripted engine's stand-in for the router's check). */
export function hasTranslator(models: readonly ModelEntry[], source: string, target: string): boolean {
  return models.some((m) => m.kind === 'translation' && m.installed && m.languages[0] === source && m.languages[1] === target);
}
