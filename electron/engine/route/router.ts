import type { Lane, RoutingSettings } from '../../contract';
import { languageName } from './language-names';

/**
 * Chooses a lane for each final caption, with the reason in words the user reads next to it.
 * Device first: a line goes to the cloud only when the cloud is allowed AND the line is long,
 * the transcript uncertain, no local model covers the pair, or (cascade) the device's own
 * translation came out unsure.
 */

/** Above this Whisper no-speech probability the "speech" is probably noise: it never leaves the device. */
export const NO_SPEECH_KEEP_LOCAL = 0.6;

export interface RouteInput {
  text: string;
  /** Detected or chosen source language; null when unknown. */
  sourceLanguage: string | null;
  targetLanguage: string | null;
  asrConfidence: { mean_token_prob: number; no_speech_prob: number };
  allLocal: boolean;
  /** Endpoint configured (URL set). */
  cloudConfigured: boolean;
  /** A device text translator covers source→target. */
  deviceSupportsPair: boolean;
  /** Whisper's translate task can run for this line (→ English, the utterance's audio at hand). */
  whisperTranslateAvailable: boolean;
  routing: RoutingSettings;
  /** Why the cloud may not be used this month (its budget is spent), or null. */
  budgetSpent?: string | null;
}

export interface RouteFeatures {
  words: number;
  asr_mean_token_prob: number;
  no_speech_prob: number;
  /** "en→de" */
  pair: string;
  /** The device translation's mean log-probability, once known (cascade). */
  device_logprob: number | null;
}

export type RouteDecision =
  /** No translation: no target, or already in the target language. */
  | { kind: 'none'; lane: null; reason: string; features: RouteFeatures }
  /** Nothing on the device can translate the pair and the cloud is not allowed. */
  | { kind: 'unavailable'; lane: null; reason: string; features: RouteFeatures }
  /**
   * Device lane. task 'text' = the device text translator, 'whisper' = Whisper's own translate task (→ en).
   * `escalate`: the cascade may still send the line to the cloud if the device translation is unsure.
   */
  | { kind: 'device'; lane: Lane & 'device'; task: 'text' | 'whisper'; escalate: boolean; reason: string; features: RouteFeatures }
  | { kind: 'cloud'; lane: Lane & 'cloud'; reason: string; features: RouteFeatures };

export const countWords = (text: string): number => {
  // Scripts without spaces (zh, ja, th): count characters as words so long lines are still long.
  const spaced = text.trim().split(/\s+/).filter(Boolean).length;
  const unspaced = (text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/gu) ?? []).length;
  return Math.max(spaced, Math.ceil(unspaced / 2));
};

/** The language as the lane reason names it. */
function name(code: string | null): string {
  if (!code) return 'the spoken language';
  if (code === 'auto') return 'the language it is written in';
  return languageName(code) ?? `(${code})`;
}

export function route(input: RouteInput): RouteDecision {
  const { routing } = input;
  const features: RouteFeatures = {
    words: countWords(input.text),
    asr_mean_token_prob: input.asrConfidence.mean_token_prob,
    no_speech_prob: input.asrConfidence.no_speech_prob,
    pair: `${input.sourceLanguage ?? '?'}→${input.targetLanguage ?? '-'}`,
    device_logprob: null,
  };
  const target = input.targetLanguage;
  if (target === null) return { kind: 'none', lane: null, reason: 'captions only: no target language', features };
  if (input.text.trim() === '') return { kind: 'none', lane: null, reason: 'nothing to translate', features };
  if (input.sourceLanguage === target) return { kind: 'none', lane: null, reason: `already in ${name(target)}`, features };

  const budget = input.cloudConfigured && !input.allLocal ? (input.budgetSpent ?? null) : null;
  const cloudAllowed = input.cloudConfigured && !input.allLocal && budget === null;
  const device = (task: 'text' | 'whisper', escalate: boolean, reason: string): RouteDecision => ({ kind: 'device', lane: 'device', task, escalate, reason, features });
  const cloud = (reason: string): RouteDecision => ({ kind: 'cloud', lane: 'cloud', reason, features });
  const pairWords = `${name(input.sourceLanguage)}→${name(target)}`;

  if (!input.deviceSupportsPair) {
    if (cloudAllowed) return cloud(`no local model for ${pairWords}`);
    if (target === 'en' && input.whisperTranslateAvailable) {
      return device('whisper', false, input.allLocal ? 'all-local mode: Whisper translates to English on the device' : "Whisper's translate task on the device");
    }
    const why = input.allLocal ? ' (all-local mode keeps the cloud off)' : budget ? ` (${budget})` : input.cloudConfigured ? '' : ' and no cloud endpoint is set';
    return { kind: 'unavailable', lane: null, reason: `no local model for ${pairWords}${why}`, features };
  }
  if (input.allLocal) return device('text', false, 'all-local mode');
  if (budget) return device('text', false, `on the device: ${budget}`);
  if (!cloudAllowed) return device('text', false, 'on the device (no cloud endpoint set)');
  if (features.no_speech_prob > NO_SPEECH_KEEP_LOCAL) return device('text', false, 'probably not speech: kept on the device');
  if (features.words > routing.maxDeviceWords) return cloud(`long line (${features.words} words)`);
  if (features.asr_mean_token_prob < routing.minAsrConfidence) return cloud('uncertain transcript');
  return device('text', true, 'short, clear line');
}

/** The cascade's second step: after the device translated, should the line go to the cloud after all? */
export function escalation(decision: RouteDecision, deviceLogprob: number | null, routing: RoutingSettings): { escalate: boolean; reason: string; features: RouteFeatures } {
  const features = { ...decision.features, device_logprob: deviceLogprob };
  if (decision.kind !== 'device' || !decision.escalate || deviceLogprob === null || deviceLogprob >= routing.minDeviceLogprob) {
    return { escalate: false, reason: decision.reason, features };
  }
  return { escalate: true, reason: `device translation unsure (log-prob ${deviceLogprob.toFixed(2)} < ${routing.minDeviceLogprob})`, features };
}
