/** The pure parts of a transcribe call: checking its input, the addon's options, and the result the caller gets. */
import type { NativeBinding, NativeTranscribeOptions, RawResult, RawSegment } from './binding';
import { WhisperError } from './errors';
import type { TranscribeOptions, TranscribeResult, WhisperSegment } from './types';

/** Samples per call (the addon enforces the same): 10 minutes of 16 kHz audio; utterances are cut at 25 s. */
export const MAX_SAMPLES_PER_CALL = 16_000 * 600;

function checkInt(name: string, v: number | undefined, min: number, max: number): void {
  if (v === undefined) return;
  if (!Number.isInteger(v) || v < min || v > max) throw new WhisperError('bad_input', `${name} must be an integer in ${min}..${max}, got ${v}`);
}

/** Throws WhisperError 'bad_input' naming the first thing wrong; whisper.cpp itself would crash or misbehave. */
export function validateTranscribeInput(pcm: Float32Array, opts: TranscribeOptions, binding: Pick<NativeBinding, 'langId'>, nAudioCtx: number): void {
  if (!(pcm instanceof Float32Array)) throw new WhisperError('bad_input', 'pcm must be a Float32Array of 16 kHz mono samples');
  if (pcm.length === 0) throw new WhisperError('bad_input', 'pcm is empty: nothing to transcribe');
  if (pcm.length > MAX_SAMPLES_PER_CALL) throw new WhisperError('bad_input', `pcm holds ${pcm.length} samples; at most ${MAX_SAMPLES_PER_CALL} (10 minutes at 16 kHz) per call`);
  if (!opts || typeof opts.language !== 'string') throw new WhisperError('bad_input', "opts.language is required: 'auto' or a language code such as 'en'");
  if (opts.language !== 'auto' && binding.langId(opts.language) < 0) {
    throw new WhisperError('bad_input', `unknown language '${opts.language}': use 'auto' or a whisper language code such as 'en' or 'de'`);
  }
  checkInt('threads', opts.threads, 1, 256);
  checkInt('audioCtx', opts.audioCtx, 0, nAudioCtx);
  checkInt('maxTokens', opts.maxTokens, 0, 100_000);
  if (opts.exactTokens && !opts.maxTokens) throw new WhisperError('bad_input', 'exactTokens needs maxTokens > 0 (it decodes exactly that many tokens)');
  if (opts.timeoutMs !== undefined && !(opts.timeoutMs > 0)) throw new WhisperError('bad_input', `timeoutMs must be > 0, got ${opts.timeoutMs}`);
  if (opts.onSegment !== undefined && typeof opts.onSegment !== 'function') throw new WhisperError('bad_input', 'onSegment must be a function');
}

/** The addon wants every field; these are the facade's defaults. */
export function toNativeOptions(opts: TranscribeOptions): NativeTranscribeOptions {
  return {
    language: opts.language,
    translate: opts.translate ?? false,
    threads: opts.threads ?? 2,
    audioCtx: opts.audioCtx ?? 0,
    maxTokens: opts.maxTokens ?? 0,
    initialPrompt: opts.initialPrompt ?? '',
    singleSegment: opts.singleSegment ?? false,
    temperatureFallback: opts.temperatureFallback ?? true,
    exactTokens: opts.exactTokens ?? false,
  };
}

/** whisper counts time in 30 s windows: timestamps are clamped to the audio actually given. */
export function clampSegment(s: RawSegment, durationMs: number): WhisperSegment {
  const t0Ms = Math.min(Math.max(0, s.t0Ms), durationMs);
  return { t0Ms, t1Ms: Math.min(Math.max(t0Ms, s.t1Ms), durationMs), text: s.text, meanTokenProb: s.meanTokenProb, noSpeechProb: s.noSpeechProb, tokens: s.tokens };
}

export function toTranscribeResult(raw: RawResult, requestedLanguage: string, durationMs: number): TranscribeResult {
  const segments = raw.segments.map((s) => clampSegment(s, durationMs));
  // With 'auto', whisper encodes once more to detect the language (before, and outside of, the passes it counts).
  const encoderPasses = raw.encoderPasses + (requestedLanguage === 'auto' ? 1 : 0);
  const encodeMs = raw.encodeMsPerPass * encoderPasses;
  return {
    language: raw.language,
    segments,
    text: segments.map((s) => s.text).join('').trim(),
    timings: { encodeMs, decodeMs: Math.max(0, raw.totalMs - encodeMs), totalMs: raw.totalMs, encoderPasses },
    capped: raw.capped,
  };
}
