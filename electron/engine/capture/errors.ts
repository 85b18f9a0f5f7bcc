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

/** A WAV file Sotto cannot read. The message names the problem; `action` says how to fix the file. */
export class AudioFormatError extends Error {
  override readonly name = 'AudioFormatError';
  readonly code: `audio-format/${AudioFormatProblem}`;
  constructor(
    readonly problem: AudioFormatProblem,
    message: string,
    readonly action = 'Convert the file to PCM WAV, for example: sox input.wav -e signed-integer -b 16 output.wav',
  ) {
    super(`${message} ${action}`);
    this.code = `audio-format/${problem}`;
  }
}

export type MicrophoneProblem = 'no-device' | 'bad-index' | 'open-failed' | 'read-failed';

/** The microphone could not be opened, or stopped delivering audio (unplugged, taken by another app). */
export class MicrophoneError extends Error {
  override readonly name = 'MicrophoneError';
  readonly code: `microphone/${MicrophoneProblem}`;
  constructor(
    readonly problem: MicrophoneProblem,
    message: string,
    readonly action: string,
    options?: { cause?: unknown },
  ) {
    super(`${message} ${action}`, options);
    this.code = `microphone/${problem}`;
  }
}
