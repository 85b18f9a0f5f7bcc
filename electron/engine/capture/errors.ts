import { ActionableError } from '../../contract';

/**
 * Typed capture errors. Each carries a stable `code` (for the UI and tests) and an `action` telling the
 * user what to do, matching the contract's EngineError shape.
 */

export type AudioFormatProblem =
  | 'unreadable'
  | 'empty'
  | 'not-wav'
  | 'bad-header'
  | 'truncated'
  | 'no-audio'
  | 'unsupported-codec'
  | 'unsupported-bit-depth'
  | 'unsupported-channels'
  | 'unsupported-sample-rate';

/** A WAV file Sotto cannot read. The message names the problem and ends with `action`, how to fix the file. */
export class AudioFormatError extends ActionableError<`audio-format/${AudioFormatProblem}`> {
  override readonly name = 'AudioFormatError';
  constructor(
    readonly problem: AudioFormatProblem,
    message: string,
    action = 'Convert the file to PCM WAV, for example: sox input.wav -e signed-integer -b 16 output.wav',
  ) {
    super(`audio-format/${problem}`, `${message} ${action}`, action);
  }
}

export type MicrophoneProblem = 'no-device' | 'bad-index' | 'open-failed' | 'read-failed';

/** The microphone could not be opened, or stopped delivering audio (unplugged, taken by another app). */
export class MicrophoneError extends ActionableError<`microphone/${MicrophoneProblem}`> {
  override readonly name = 'MicrophoneError';
  constructor(
    readonly problem: MicrophoneProblem,
    message: string,
    action: string,
    options?: { cause?: unknown },
  ) {
    super(`microphone/${problem}`, `${message} ${action}`, action, options);
  }
}
