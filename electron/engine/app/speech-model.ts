import { isAbsolute } from 'node:path';
import { toCommandError, type EngineError } from '../../contract';
import type { AppParts } from './parts';

type Parts = Pick<AppParts, 'asr' | 'settings' | 'events'>;

/** What the window shows when the chosen speech model cannot be loaded. */
export function speechModelFailure(error: unknown): EngineError {
  const f = toCommandError(error, { code: 'asr_model_failed', action: 'Choose or download a speech model in Settings → Models.' });
  return { type: 'error', ...f, recoverable: true, caption_id: null };
}

/** Loads the chosen speech model in the background so the first press is quick; a failure is told at once. */
export function preloadSpeechModel({ asr, settings, events }: Parts): void {
  asr.get(settings().asrModel).catch((error: unknown) => events.emit(speechModelFailure(error)));
}

/**
 * After a GPU probe ends, and whenever capture stops: a model placed before the last probe moves (or only its status
 * changes) while nobody is speaking, never in the middle of an utterance.
 */
export function placeWhenIdle(parts: Parts & Pick<AppParts, 'capture'>): void {
  if (!parts.capture.capturing && parts.asr.placedBeforeLastProbe) preloadSpeechModel(parts);
}

/**
 * After a download or import: the device lane sees the new folder, and a speech model becomes the one in use when the
 * chosen one is not installed (a first run that downloaded the recommended model just works).
 */
export async function adoptInstalledModel(parts: Parts & Pick<AppParts, 'models' | 'pipeline' | 'store'>, id: string): Promise<void> {
  const { models, pipeline, store, settings } = parts;
  pipeline.refresh();
  if (models.model(id).kind !== 'whisper') return;
  const current = settings().asrModel;
  const currentUsable = isAbsolute(current) || (await models.isInstalled(current).catch(() => false));
  if (!currentUsable) await store.update({ asrModel: id }); // the settings reaction loads it
  else if (id === current) preloadSpeechModel(parts);
}
