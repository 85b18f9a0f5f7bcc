/** The facade's public shapes: segments, results, options and the loaded model. */
import type { WhisperHparams } from './ggml-format';

export interface WhisperSegment {
  /** Start and end inside the given audio, in ms (clamped to its length). */
  t0Ms: number;
  t1Ms: number;
  text: string;
  /** Mean probability of the segment's text tokens (0 when it has none). */
  meanTokenProb: number;
  noSpeechProb: number;
  /** Text tokens (timestamps and other special tokens not counted). */
  tokens: number;
}

export interface TranscribeTimings {
  /** Encoder time: whisper's mean per encoder pass × passes (language detection included). */
  encodeMs: number;
  /** Everything else inside the call: mel, prompt, decoding, sampling. */
  decodeMs: number;
  /** Wall time of the native call (queue wait excluded). */
  totalMs: number;
  encoderPasses: number;
}

export interface TranscribeResult {
  /** Detected language for 'auto', else the requested one (whisper code, e.g. 'en'). */
  language: string;
  segments: WhisperSegment[];
  /** Segments' text joined and trimmed. */
  text: string;
  timings: TranscribeTimings;
  /** True when maxTokens stopped decoding. */
  capped: boolean;
}

export interface TranscribeOptions {
  /**
   * 'auto' detects; otherwise a whisper language code ('en', 'de', …). Detection costs one extra encoder pass, and
   * whisper.cpp runs it with the audio_ctx of the previous call on this model: detect once, then pin the language.
   */
  language: string;
  /** Whisper's translate task (→ English). */
  translate?: boolean;
  /** Compute threads (default 2). */
  threads?: number;
  /** Encoder frames; 0 = the full 1500 (30 s). Smaller is faster for short windows: see audioCtxForSamples. */
  audioCtx?: number;
  /** Cap on decoded text tokens over the whole call (0/undefined = whisper's own limits). */
  maxTokens?: number;
  /** Vocabulary / context hint for the decoder. */
  initialPrompt?: string;
  /** One segment for the whole input (streaming windows). */
  singleSegment?: boolean;
  /** Retry at higher temperatures when decoding looks poor (whisper's default: true). Costs time; off for live partials. */
  temperatureFallback?: boolean;
  /**
   * Benchmarks and tests only: decode exactly `maxTokens` text tokens (end-of-text and timestamps are suppressed until
   * the cap), so random-weight models, which end at once, cost what real decoding does.
   */
  exactTokens?: boolean;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Called for each segment as soon as whisper produces it, in order, before the promise resolves. */
  onSegment?: (segment: WhisperSegment) => void;
}

export interface WhisperModel {
  readonly path: string;
  /** Where it runs: "CPU", or the ggml name of its GPU ("Vulkan0"). */
  readonly device: string;
  readonly hparams: WhisperHparams;
  /** 16 kHz mono Float32 PCM in [-1, 1]. Calls on one model run one after another. */
  transcribe(pcm: Float32Array, opts: TranscribeOptions): Promise<TranscribeResult>;
  /** Frees the model. Running and queued calls reject with code 'disposed'; later calls too. Idempotent. */
  dispose(): Promise<void>;
  readonly disposed: boolean;
}
