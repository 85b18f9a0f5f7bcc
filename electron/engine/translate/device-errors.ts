import { ActionableError } from '../errors';

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
