import { CaptionFinal, type CaptionPartial, type ModelEntry, type Settings } from '../../electron/contract';
import { hasTranslator } from './scripted-catalog';

/** How the scripted cloud endpoint fails: an error answer (503: bytes came back) or no answer at all. */
export type CloudFault = 'unavailable' | 'unreachable';

export interface LineScript {
  id: string;
  text: string;
  audioBytes: number;
  settings: Settings;
  models: readonly ModelEntry[];
  cloudFault: CloudFault | null;
}

const NAMES: Record<string, string> = { en: 'English', de: 'German', fr: 'French' };

type Route = { lane: 'device' | 'cloud' | null; reason: string };

/** The router's choice for a scripted line, in the real router's words. */
function routeOf({ text, settings, models }: LineScript): Route {
  const target = settings.targetLanguage;
  if (target === null) return { lane: null, reason: 'captions only: no target language' };
  const cloudAllowed = !settings.allLocal && settings.cloud.baseUrl !== '';
  const words = text.split(/\s+/).length;
  if (cloudAllowed && words > settings.routing.maxDeviceWords) return { lane: 'cloud', reason: `long line (${words} words)` };
  // en→de is always on the device (like the generated test translator); other pairs need an installed model.
  if (target !== 'de' && !hasTranslator(models, 'en', target)) {
    if (cloudAllowed) return { lane: 'cloud', reason: `no local model for English→${NAMES[target] ?? target}` };
    const why = settings.allLocal ? ' (all-local mode keeps the cloud off)' : ' and no cloud endpoint is set';
    return { lane: null, reason: `no local model for English→${NAMES[target] ?? target}${why}` };
  }
  return { lane: 'device', reason: settings.allLocal ? 'all-local mode' : 'short line' };
}

/** Bytes on the wire for a cloud attempt: sent always (it reached the server, or tried to), received unless unreachable. */
function wire(transcriptBytes: number, fault: CloudFault | null): { sent: number; received: number } {
  if (fault === 'unreachable') return { sent: 0, received: 0 };
  return { sent: 400 + transcriptBytes, received: fault === 'unavailable' ? 180 : 600 + transcriptBytes };
}

/** A scripted line: its transcribing partial and its final caption, routed like the real engine routes. */
export function scriptLine(script: LineScript): { partial: CaptionPartial; final: CaptionFinal } {
  const { id, text, audioBytes, settings, cloudFault } = script;
  const target = settings.targetLanguage;
  const route = routeOf(script);
  const words = text.split(/\s+/).length;
  const transcriptBytes = new TextEncoder().encode(text).length;
  const cloud = route.lane === 'cloud';
  const failed = cloud && cloudFault !== null;
  const bytes = cloud ? wire(transcriptBytes, cloudFault) : { sent: 0, received: 0 };
  const translate = route.lane === null ? 0 : cloud ? 480 : 90;
  const words2 = text.split(' ');
  const partial: CaptionPartial = { type: 'caption.partial', id, stage: 'transcribing', committed: words2.slice(0, 2).join(' '), tentative: ` ${words2.slice(2).join(' ')}`, language: 'en', start_ms: 0, end_ms: 1500, translation: null, lane: null };
  const final = CaptionFinal.parse({
    type: 'caption.final', id, text, language: 'en', start_ms: 0, end_ms: 1500,
    confidence: { mean_token_prob: 0.9, no_speech_prob: 0.01 },
    timings: { audio_ms: 1500, asr_ms: 220, translate_ms: translate, total_ms: 220 + translate },
    target_language: target, translation: route.lane === null ? null : `[${target}] ${text}`,
    lane: failed ? 'device' : route.lane, lane_reason: route.reason,
    fallback: failed, fallback_reason: failed ? (cloudFault === 'unavailable' ? 'the endpoint answered 503 Service Unavailable' : 'the endpoint did not answer (connection refused)') : null,
    redaction: null,
    bytes: { audio: audioBytes, transcript: transcriptBytes, ...bytes },
    cloud: cloud && bytes.sent > 0 ? { endpoint: new URL(settings.cloud.baseUrl).origin, requests: 1, usage: failed ? null : { prompt_tokens: 60 + words, completion_tokens: words + 2 } } : null,
  });
  return { partial, final };
}
