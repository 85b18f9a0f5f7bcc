import type { TranscribeOptions, TranscribeResult, WhisperModel, WhisperSegment } from '../../../native/whisper/index';

/** What the transcriber needs from Whisper: just transcribe() of the native facade's model. */
export type AsrModel = Pick<WhisperModel, 'transcribe'>;
export type AsrSegment = WhisperSegment;
export type AsrCallOptions = TranscribeOptions;
export type AsrResult = TranscribeResult;

/** A finished utterance: the final transcript, before translation. */
export interface FinalTranscript {
  id: string;
  text: string;
  language: string | null;
  startMs: number;
  endMs: number;
  meanTokenProb: number;
  noSpeechProb: number;
  /** The utterance's audio (16 kHz mono), kept on the device: Whisper's translate task may reuse it. */
  audio: Float32Array;
  audioBytes: number;
  /** Speech end (release / VAD end) → final transcript. */
  asrMs: number;
  /** performance.now() at the end of speech, for end-to-end latency. */
  speechEndedAt: number;
}
