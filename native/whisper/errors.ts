import { CodedError } from '../coded-error';

export type WhisperErrorCode =
  | 'not_found' // model file missing
  | 'bad_format' // not a whisper ggml model, or inconsistent
  | 'truncated' // incomplete file
  | 'unsupported' // a ggml file whisper.cpp cannot run safely (unknown ftype or model family)
  | 'too_large' // whisper.cpp would need more memory than this machine allows
  | 'backend_missing' // no ggml CPU backend could be loaded from the addon's folder
  | 'load_failed' // whisper.cpp refused the model (message says why)
  | 'gpu_missing' // the GPU asked for is not there (no GPU backend loaded, or fewer GPUs)
  | 'gpu_failed' // the GPU could not load the model (out of its memory, the driver refused): the CPU may still work
  | 'addon_missing' // the .node file is not built / not found
  | 'disposed' // the model was disposed
  | 'bad_input' // invalid PCM or options
  | 'failed' // whisper.cpp reported an error while transcribing
  | 'aborted'
  | 'timeout';

export class WhisperError extends CodedError<WhisperErrorCode> {
  override name = 'WhisperError';
}

/** What happens to the native work once a call has settled early (abort or timeout). */
const STOPS = 'whisper.cpp stops at its next graph step, and the next call on this model starts once it has';

/** The caller's AbortSignal fired. The model stays usable. */
export class WhisperAbortedError extends WhisperError {
  override name = 'WhisperAbortedError';
  constructor(message = `transcription aborted; ${STOPS}`, options?: { cause?: unknown }) {
    super('aborted', message, options);
  }
}

/** timeoutMs elapsed first. The model stays usable. */
export class WhisperTimeoutError extends WhisperError {
  override name = 'WhisperTimeoutError';
  constructor(readonly timeoutMs: number) {
    super('timeout', `transcription did not finish within ${timeoutMs} ms and was cancelled; ${STOPS}`);
  }
}

/** The addon rejects with plain errors carrying a code; unknown codes become 'failed'. */
export function mapNativeError(e: unknown): WhisperError {
  if (e instanceof WhisperError) return e;
  const err = e as { code?: string; message?: string };
  const message = err?.message ?? String(e);
  switch (err?.code) {
    case 'load_failed':
    case 'gpu_missing':
    case 'gpu_failed':
    case 'backend_missing':
    case 'not_found':
    case 'bad_format':
    case 'unsupported':
    case 'disposed':
    case 'bad_input':
    case 'failed':
      return new WhisperError(err.code, message, { cause: e });
    case 'aborted':
      return new WhisperAbortedError(message, { cause: e });
    default:
      return new WhisperError('failed', message, { cause: e });
  }
}
