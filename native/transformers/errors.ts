import { CodedError } from '../coded-error';

export type TransformersErrorCode =
  /** transformers.js (or onnxruntime-node under it) cannot load on this computer, e.g. no onnxruntime binary. */
  | 'runtime_unavailable'
  /** The model folder could not be loaded: missing, unreadable or invalid files (the message says which). */
  | 'load_failed'
  /** The tokenizer has no token for a requested language. */
  | 'unknown_language'
  /** The model loaded, but generating the translation failed. */
  | 'generate_failed';

/** Every failure of the facade except an abort (which rejects with the signal's reason, as AbortSignal does). */
export class TransformersError extends CodedError<TransformersErrorCode> {
  override name = 'TransformersError';
}

/** The message of whatever transformers.js threw (it sometimes throws strings). */
export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
