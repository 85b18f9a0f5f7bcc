import type { CaptionFinal, Lane, Settings } from '../../contract';
import { redact, restore, PlaceholderError, type Redaction } from '../privacy/redact';
import { escalation, route, type RouteDecision, type RouteFeatures } from '../route/router';
import { CloudTranslationError } from './cloud';
import type { TranslationResult, Translator } from './types';

/**
 * One final caption through routing, redaction and translation. The cloud lane falls back to the
 * device lane on any failure (after its retries, blocked egress, placeholders mangled); if the
 * device lane fails too, the caption is still returned, untranslated, with the reason.
 */

export interface LineInput {
  id: string;
  text: string;
  sourceLanguage: string | null;
  targetLanguage: string | null;
  confidence: { mean_token_prob: number; no_speech_prob: number };
  /** The utterance's audio (Whisper's translate task); never sent anywhere. */
  audio?: Float32Array;
  settings: Pick<Settings, 'allLocal' | 'routing' | 'glossary' | 'cloud'>;
  /** The translation streamed so far and the lane producing it (placeholders already restored). */
  onPartial?: (translationSoFar: string, lane: Lane) => void;
  signal?: AbortSignal;
}

export interface LineTranslators {
  device: Translator & { supportsText?(sourceLanguage: string, targetLanguage: string): boolean };
  /** null when no endpoint is configured at all. */
  cloud: Translator | null;
}

/** Exactly the translation fields of CaptionFinal, plus what the ledger and logs want. */
export type LineTranslation = Pick<CaptionFinal, 'translation' | 'lane' | 'lane_reason' | 'fallback' | 'fallback_reason' | 'redaction'> & {
  bytes: Pick<CaptionFinal['bytes'], 'sent' | 'received'>;
  translate_ms: number;
  features: RouteFeatures;
  decision: RouteDecision['kind'];
};

/**
 * Replaces the placeholders that already arrived whole and hides one still arriving ("⟦EMA"):
 * partials are shown on this device only, and the final text is checked strictly by restore().
 */
export function restorePartial(text: string, redaction: Redaction): string {
  return text.replace(/⟦[A-Z]+_\d+⟧/g, (p) => redaction.map.get(p) ?? p).replace(/⟦[^⟧\s]*$/, '');
}

function describeFailure(error: unknown): string {
  if (error instanceof PlaceholderError) return `cloud translation ${error.problem} a placeholder`;
  if (error instanceof CloudTranslationError) return `cloud lane failed: ${error.message}`;
  return `cloud lane failed: ${(error as Error)?.message ?? String(error)}`;
}

export async function translateLine(lineInput: LineInput, translators: LineTranslators): Promise<LineTranslation> {
  const started = performance.now();
  // A failing display callback must not fail (or retry) the translation itself.
  const input: LineInput = {
    ...lineInput,
    onPartial: lineInput.onPartial
      ? (text, lane) => {
          try {
            lineInput.onPartial!(text, lane);
          } catch {
            // the caption still completes; the final event carries the text
          }
        }
      : undefined,
  };
  const { settings } = input;
  const source = input.sourceLanguage;
  const target = input.targetLanguage;
  const { device, cloud } = translators;
  const deviceText = source !== null && target !== null && (device.supportsText ? device.supportsText(source, target) : device.supports(source, target));
  const deviceAny = source !== null && target !== null && device.supports(source, target);
  const hasAudio = (input.audio?.length ?? 0) > 0;

  const decision = route({
    text: input.text,
    sourceLanguage: source,
    targetLanguage: target,
    asrConfidence: input.confidence,
    allLocal: settings.allLocal,
    cloudConfigured: cloud !== null && cloud.supports(source ?? 'auto', target ?? ''),
    deviceSupportsPair: deviceText,
    whisperTranslateAvailable: target === 'en' && deviceAny && !deviceText && hasAudio,
    routing: settings.routing,
  });

  const bytes = { sent: 0, received: 0 };
  let redactionReport: LineTranslation['redaction'] = null;
  let features = decision.features;
  const out = (fields: Pick<LineTranslation, 'translation' | 'lane' | 'lane_reason' | 'fallback' | 'fallback_reason'>): LineTranslation => ({
    ...fields,
    redaction: redactionReport,
    bytes,
    translate_ms: fields.translation === null && fields.lane === null && decision.kind === 'none' ? 0 : performance.now() - started,
    features,
    decision: decision.kind,
  });

  if (decision.kind === 'none' || decision.kind === 'unavailable' || target === null) {
    return out({ translation: null, lane: null, lane_reason: decision.reason, fallback: false, fallback_reason: null });
  }

  const runDevice = (): Promise<TranslationResult> =>
    device.translate({
      id: input.id,
      text: input.text,
      sourceLanguage: source ?? 'auto',
      targetLanguage: target,
      audio: input.audio,
      signal: input.signal,
      onPartial: (t) => input.onPartial?.(t, 'device'),
    });

  /** Redact → cloud → restore. Throws on any failure; bytes on the wire are counted either way. */
  const runCloud = async (): Promise<string> => {
    if (!cloud) throw new CloudTranslationError('CLOUD_UNCONFIGURED', 'No cloud endpoint is configured.');
    const redaction = redact(input.text, settings.glossary);
    redactionReport = redaction.report;
    try {
      const result = await cloud.translate({
        id: input.id,
        text: redaction.text,
        sourceLanguage: source ?? 'auto',
        targetLanguage: target,
        signal: input.signal,
        onPartial: (t) => input.onPartial?.(restorePartial(t, redaction), 'cloud'),
      });
      bytes.sent += result.bytesSent;
      bytes.received += result.bytesReceived;
      return restore(result.text, redaction);
    } catch (error) {
      if (error instanceof CloudTranslationError) {
        bytes.sent += error.bytesSent;
        bytes.received += error.bytesReceived;
      }
      throw error;
    }
  };

  const cancelled = (): LineTranslation => out({ translation: null, lane: null, lane_reason: decision.reason, fallback: false, fallback_reason: 'translation cancelled' });

  /** The device lane after a cloud failure; untranslated with both reasons if it fails too. */
  const fallBack = async (why: string): Promise<LineTranslation> => {
    if (input.signal?.aborted) return cancelled();
    if (!deviceAny) return out({ translation: null, lane: null, lane_reason: decision.reason, fallback: false, fallback_reason: `${why}; no local model for ${decision.features.pair}` });
    try {
      const result = await runDevice();
      return out({ translation: result.text, lane: 'device', lane_reason: decision.reason, fallback: true, fallback_reason: why });
    } catch (error) {
      return out({ translation: null, lane: null, lane_reason: decision.reason, fallback: false, fallback_reason: `${why}; device lane failed too: ${(error as Error).message}` });
    }
  };

  if (decision.kind === 'cloud') {
    try {
      return out({ translation: await runCloud(), lane: 'cloud', lane_reason: decision.reason, fallback: false, fallback_reason: null });
    } catch (error) {
      return fallBack(describeFailure(error));
    }
  }

  // Device lane, possibly escalating to the cloud (cascade).
  let deviceResult: TranslationResult;
  try {
    deviceResult = await runDevice();
  } catch (error) {
    if (input.signal?.aborted) return cancelled();
    const why = `device lane failed: ${(error as Error).message}`;
    if (decision.escalate) {
      try {
        return out({ translation: await runCloud(), lane: 'cloud', lane_reason: why, fallback: false, fallback_reason: null });
      } catch (cloudError) {
        return out({ translation: null, lane: null, lane_reason: decision.reason, fallback: false, fallback_reason: `${why}; ${describeFailure(cloudError)}` });
      }
    }
    return out({ translation: null, lane: null, lane_reason: decision.reason, fallback: false, fallback_reason: why });
  }

  const step = escalation(decision, deviceResult.meanLogprob, settings.routing);
  features = step.features;
  if (!step.escalate) return out({ translation: deviceResult.text, lane: 'device', lane_reason: decision.reason, fallback: false, fallback_reason: null });
  try {
    return out({ translation: await runCloud(), lane: 'cloud', lane_reason: step.reason, fallback: false, fallback_reason: null });
  } catch (error) {
    // The device translation is already here: keep it, and say the cloud could not improve on it.
    if (input.signal?.aborted) return cancelled();
    return out({ translation: deviceResult.text, lane: 'device', lane_reason: step.reason, fallback: true, fallback_reason: describeFailure(error) });
  }
}
