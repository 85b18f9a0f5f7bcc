import { useView } from '../store';
import type { ModelEntry } from '../contract';

/** A speech model chosen by file path rather than by catalog id. */
export const isModelPath = (asrModel: string): boolean => /[\\/]/.test(asrModel);

/** True when the catalog is known and no speech model is installed (nor one set by path): nothing can caption. */
export function speechModelMissing(models: readonly ModelEntry[], asrModel: string | undefined): boolean {
  if (models.length === 0 || (asrModel !== undefined && isModelPath(asrModel))) return false;
  return !models.some((m) => m.kind === 'whisper' && m.installed);
}

export const useSpeechModelMissing = (): boolean => useView((s) => speechModelMissing(s.models, s.settings?.asrModel));

/** The microphone is open right now, as the engine reports it (not as a button thinks). */
export const useMicOpen = (): boolean => useView((s) => s.status?.mic.capturing ?? false);
