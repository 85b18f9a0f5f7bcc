import { TransformersError } from '../../../native/transformers';
import { ActionableError } from '../../contract';

/**
 * Failures of the on-device translation lane. Each says what happened (naming the model folder) and what the user
 * can do; the router turns them into an EngineError (code, message, action) or falls back.
 */
export type DeviceModelErrorCode =
  /** No installed model handles the pair (and Whisper's translate task cannot help). */
  | 'translate.device_model_missing'
  /** The model folder exists but files are missing, unreadable or not a valid model. */
  | 'translate.device_model_corrupt'
  /** The installed multilingual model does not know one of the languages. */
  | 'translate.device_language_unsupported'
  /** The model loaded but inference failed. */
  | 'translate.device_failed';

const REINSTALL = 'Download it again in Settings → Models, or import the model folder there.';

export class DeviceModelError extends ActionableError<DeviceModelErrorCode> {
  constructor(
    code: DeviceModelErrorCode,
    message: string,
    action: string,
    /** The model folder concerned, or null when no folder exists for the pair. */
    readonly folder: string | null,
    options?: { cause?: unknown },
  ) {
    super(code, message, action, options);
  }
}

export const isDeviceModelError = (error: unknown): error is DeviceModelError => error instanceof DeviceModelError;

export function modelMissingError(source: string, target: string, modelsDir: string, brokenFolder: { folder: string; problem: string } | null): DeviceModelError {
  if (brokenFolder) return modelCorruptError(brokenFolder.folder, brokenFolder.problem);
  return new DeviceModelError(
    'translate.device_model_missing',
    `No on-device translation model for ${source} → ${target} is installed in ${modelsDir}.`,
    `Download the ${source} → ${target} model (OPUS-MT) or a multilingual model (NLLB-200) in Settings → Models, or import a model folder there.`,
    null,
  );
}

export function modelCorruptError(folder: string, problem: string, cause?: unknown): DeviceModelError {
  return new DeviceModelError(
    'translate.device_model_corrupt',
    `The on-device translation model in ${folder} cannot be used: ${problem}.`,
    REINSTALL,
    folder,
    cause === undefined ? undefined : { cause },
  );
}

export function languageUnsupportedError(folder: string, source: string, target: string, cause?: unknown): DeviceModelError {
  return new DeviceModelError(
    'translate.device_language_unsupported',
    `The on-device model in ${folder} does not support ${source} → ${target}.`,
    'Choose another language, or download a model for this pair in Settings → Models.',
    folder,
    cause === undefined ? undefined : { cause },
  );
}

/**
 * The user's wording for a failure of the transformers facade (native/transformers) with this model. Anything else
 * (an abort's reason, an error that is already a DeviceModelError) passes through unchanged.
 */
export function deviceErrorFrom(error: unknown, model: { folder: string; name: string }, pair?: { source: string; target: string }): unknown {
  if (!(error instanceof TransformersError)) return error;
  switch (error.code) {
    case 'runtime_unavailable':
      return new DeviceModelError(
        'translate.device_failed',
        `On-device text translation is unavailable: ${error.message}.`,
        'Turn on the cloud lane for this language pair; lines to English can still be translated by Whisper on the device.',
        model.folder,
        { cause: error },
      );
    case 'load_failed':
      return modelCorruptError(model.folder, `transformers.js could not load it (${error.message})`, error);
    case 'unknown_language':
      // Only a translation names languages; at load time it would mean a broken tokenizer.
      return pair ? languageUnsupportedError(model.folder, pair.source, pair.target, error) : modelCorruptError(model.folder, error.message, error);
    case 'generate_failed':
      return new DeviceModelError(
        'translate.device_failed',
        `On-device translation with ${model.name} failed: ${error.message}`,
        'Try again; if it keeps failing, download the model again in Settings → Models.',
        model.folder,
        { cause: error },
      );
  }
}
