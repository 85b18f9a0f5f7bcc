// TEST-ONLY: final captions as the engine emits them, for history tests and the crash child.
import { CaptionFinal } from '../../electron/contract';

let next = 0;

/** A valid caption.final; `audioMs` is the spoken length, `totalMs` the delay from end of speech to the event. */
export function finalCaption(text: string, o: { translation?: string | null; audioMs?: number; totalMs?: number; id?: string } = {}): CaptionFinal {
  const translation = o.translation === undefined ? null : o.translation;
  const audio = o.audioMs ?? 1500;
  return CaptionFinal.parse({
    type: 'caption.final',
    id: o.id ?? `line-${++next}`,
    text,
    language: 'en',
    start_ms: 0,
    end_ms: audio,
    confidence: { mean_token_prob: 0.9, no_speech_prob: 0.01 },
    timings: { audio_ms: audio, asr_ms: 100, translate_ms: translation ? 20 : 0, total_ms: o.totalMs ?? 0 },
    target_language: translation === null ? null : 'de',
    translation,
    lane: translation === null ? null : 'device',
    lane_reason: translation === null ? null : 'all-local mode',
    fallback: false,
    fallback_reason: null,
    redaction: null,
    bytes: { audio: audio * 32, transcript: text.length, sent: 0, received: 0 },
  });
}
