/**
 * What the transcriber needs from Whisper: the native facade's WhisperModel satisfies it.
 * Kept structural so the transcriber's logic does not depend on how the model is loaded.
 */
export interface AsrSegment {
  t0Ms: number;
  t1Ms: number;
  text: string;
  meanTokenProb: number;
  noSpeechProb: number;
  tokens: number;
}

export interface AsrResult {
  language: string;
  segments: AsrSegment[];
  text: string;
}

export interface AsrCallOptions {
  language: string;
  translate?: boolean;
  threads?: number;
  audioCtx?: number;
  maxTokens?: number;
  initialPrompt?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
  temperatureFallback?: boolean;
}

export interface AsrModel {
  transcribe(pcm: Float32Array, opts: AsrCallOptions): Promise<AsrResult>;
}

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
