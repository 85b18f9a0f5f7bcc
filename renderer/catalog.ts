import type { ModelEntry } from './contract';
import { formatBytes } from './format';

/** The catalog's size, said once: "148 MB", or that the publisher lists none (never "0 B"). */
export const modelSize = (m: ModelEntry): string => (m.size > 0 ? formatBytes(m.size) : 'size not listed');

/**
 * A description without the sizes written into it ("…; 148 MB.", "(about 100 MB)", ", about 900 MB"): the size shown
 * beside it comes from the catalog's byte count, so it is said once and never contradicts itself.
 */
export function cleanDescription(description: string): string {
  return description
    .replace(/\s*\((?:about|~)?\s*[\d.,]+\s*[KMG]B\)/gi, '')
    .replace(/[;,]\s*(?:about\s+)?[\d.,]+\s*[KMG]B(?=[.)]|$)/gi, '')
    .replace(/\s+\./g, '.')
    .trim();
}

/** Translation models for source → target: a pair model, or a multilingual one. Source 'auto' matches any pair model. */
export function translatorsFor(models: readonly ModelEntry[], source: string, target: string): ModelEntry[] {
  if (!target) return [];
  return models.filter((m) => {
    if (m.kind !== 'translation') return false;
    if (m.languages.includes('multilingual')) return true;
    const [from, to] = m.languages;
    return to === target && (source === 'auto' || from === source);
  });
}

/** Whether an installed device translator covers the pair (English targets also have Whisper's own translate task). */
export const hasDeviceTranslator = (models: readonly ModelEntry[], source: string, target: string): boolean =>
  target === 'en' || translatorsFor(models, source, target).some((m) => m.installed);

/**
 * The one speech model to recommend for the spoken language: English-only models only when English is spoken,
 * multilingual ones otherwise; among the catalog's recommended ones, the current choice first.
 */
export function recommendedSpeechModel(models: readonly ModelEntry[], source: string, current: string): ModelEntry | null {
  const fits = (m: ModelEntry) => m.kind === 'whisper' && (source === 'en' ? m.languages.includes('en') : m.languages.includes('multilingual'));
  const candidates = models.filter((m) => fits(m) && m.recommended);
  const fallback = models.filter((m) => fits(m) || (m.kind === 'whisper' && m.languages.includes('multilingual')));
  return candidates.find((m) => m.id === current) ?? candidates[0] ?? fallback[0] ?? null;
}

/** What to mark "Recommended" for these languages: one speech model, and the pair's own translator. */
export function recommendations(models: readonly ModelEntry[], source: string, target: string, asrModel: string): Set<string> {
  const ids = new Set<string>();
  const speech = recommendedSpeechModel(models, source, asrModel);
  if (speech) ids.add(speech.id);
  const translators = translatorsFor(models, source, target);
  const translator = translators.find((m) => m.recommended) ?? translators.find((m) => !m.languages.includes('multilingual')) ?? translators[0];
  if (translator) ids.add(translator.id);
  return ids;
}
