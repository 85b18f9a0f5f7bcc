import type { AsrSegment } from './types';

/** Token-weighted mean token probability, and the highest no-speech probability, over a pass. */
export function summarizeSegments(segments: AsrSegment[]): { meanTokenProb: number; noSpeechProb: number } {
  let tokens = 0;
  let weighted = 0;
  let noSpeech = 0;
  for (const s of segments) {
    const n = Math.max(1, s.tokens);
    tokens += n;
    weighted += s.meanTokenProb * n;
    noSpeech = Math.max(noSpeech, s.noSpeechProb);
  }
  return { meanTokenProb: tokens ? clamp01(weighted / tokens) : 0, noSpeechProb: clamp01(noSpeech) };
}

const clamp01 = (x: number): number => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);

/**
 * Whisper's well-known inventions on near-silence (from subtitled training data). Dropped only
 * when Whisper itself thinks there was no speech, so a person really saying them still gets a caption.
 */
const HALLUCINATIONS = [
  'thank you for watching',
  'thanks for watching',
  'please subscribe',
  'subtitles by the amara.org community',
  'untertitel im auftrag des zdf',
  "sous-titres réalisés par la communauté d'amara.org",
  'you',
];

export function isLikelyHallucination(text: string, noSpeechProb: number): boolean {
  if (noSpeechProb < 0.5) return false;
  const normalized = text.toLowerCase().replace(/[\p{P}\p{S}]/gu, '').replace(/\s+/g, ' ').trim();
  return HALLUCINATIONS.some((h) => normalized === h.replace(/[\p{P}\p{S}]/gu, ''));
}
