/**
 * Segmenters turn a stream of 16 kHz Int16 frames into utterances: the VAD in hands-free mode,
 * the push-to-talk gate otherwise. Silence never becomes an utterance, so Whisper never sees it.
 */
export type UtteranceEndReason = 'silence' | 'release' | 'max-length' | 'end-of-stream';

export interface UtteranceSink {
  /** Speech began. startSample counts samples since the source started (pre-speech padding included). */
  onUtteranceStart(info: { startSample: number }): void;
  /** Audio of the current utterance, in order; the first call carries the pre-speech padding. */
  onUtteranceAudio(frame: Int16Array): void;
  /** The utterance is over; no more audio for it follows. */
  onUtteranceEnd(info: { endSample: number; reason: UtteranceEndReason }): void;
}

export interface Segmenter {
  /** Feed capture frames of any length, in order. */
  push(frame: Int16Array): Promise<void>;
  /** End of stream: close an open utterance (reason 'end-of-stream'). */
  flush(): Promise<void>;
}
