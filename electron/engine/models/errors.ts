import { ActionableError } from '../../contract';

/**
 * Every failure of the model manager is a ModelError: a stable code for the UI, a message that
 * says what happened, and an action that says what to do. `retryable` marks transient network
 * trouble that p-retry may try again (with Range, so nothing already received is lost).
 */
export type ModelErrorCode =
  | 'models.unknown'
  | 'models.all_local'
  | 'models.egress_refused'
  | 'models.busy'
  | 'models.not_found'
  | 'models.http'
  | 'models.network'
  | 'models.checksum'
  /** The bytes do not match what the server itself said about them (its LFS SHA-256 or git blob SHA-1). */
  | 'models.server_checksum'
  /** A file came from another repository commit than the rest of the model. */
  | 'models.mixed_commits'
  /** An installed file changed on disk after install: it is not loaded. */
  | 'models.damaged'
  | 'models.size'
  | 'models.disk_space'
  | 'models.disk_full'
  | 'models.write'
  | 'models.cancelled'
  | 'models.import_missing'
  | 'models.import_invalid'
  | 'models.not_installed';

export class ModelError extends ActionableError<ModelErrorCode> {
  constructor(
    code: ModelErrorCode,
    message: string,
    action: string,
    readonly retryable = false,
    options?: { cause?: unknown },
  ) {
    super(code, message, action, options);
  }
}

export const isModelError = (error: unknown): error is ModelError => error instanceof ModelError;

export const cancelledError = (id: string): ModelError =>
  new ModelError('models.cancelled', `The download of ${id} was cancelled.`, 'Start the download again when you want it; what was received is kept and resumed.');
