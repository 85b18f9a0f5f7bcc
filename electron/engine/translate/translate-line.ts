import { originOf, type CaptionFinal, type Lane, type Settings, type TokenUsage } from '../../contract';
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
  /** Why the cloud may not be used now (this month's budget is spent), or null. */
  budgetSpent?: string | null;
}

export interface LineTranslators {
  device: Translator & { supportsText?(sourceLanguage: string, targetLanguage: string): boolean };
  /** null when no endpoint is configured at all. */
  cloud: Translator | null;
}

/** Exactly the translation fields of CaptionFinal, plus what the ledger and logs want. */
export type LineTranslation = Pick<CaptionFinal, 'translation' | 'lane' | 'lane_reason' | 'fallback' | 'fallback_reason' | 'redaction' | 'cloud'> & {
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

/** A failing display callback must not fail (or retry) the translation itself. */
function guardPartials(input: LineInput): LineInput {
  const show = input.onPartial;
  if (!show) return input;
  return {
    ...input,
    onPartial: (text, lane) => {
      try {
        show(text, lane);
      } catch {
        // the caption still completes; the final event carries the text
      }
    },
  };
}

interface Decided {
  decision: RouteDecision;
  /** A device text translator covers the pair (deviceAny also counts Whisper's translate task). */
  deviceText: boolean;
  deviceAny: boolean;
}

function decide(input: LineInput, { device, cloud }: LineTranslators): Decided {
  const source = input.sourceLanguage;
  const target = input.targetLanguage;
  const deviceText = source !== null && target !== null && (device.supportsText ? device.supportsText(source, target) : device.supports(source, target));
  const deviceAny = source !== null && target !== null && device.supports(source, target);
  const decision = route({
    text: input.text,
    sourceLanguage: source,
    targetLanguage: target,
    asrConfidence: input.confidence,
    allLocal: input.settings.allLocal,
    cloudConfigured: cloud !== null && cloud.supports(source ?? 'auto', target ?? ''),
    deviceSupportsPair: deviceText,
    whisperTranslateAvailable: target === 'en' && deviceAny && !deviceText && (input.audio?.length ?? 0) > 0,
    routing: input.settings.routing,
    budgetSpent: input.budgetSpent ?? null,
  });
  return { decision, deviceText, deviceAny };
}

type Outcome = Pick<LineTranslation, 'translation' | 'lane' | 'lane_reason' | 'fallback' | 'fallback_reason'>;

/** One line on its lanes: the bytes it put on the wire, its redaction report, and the shape of every outcome. */
class LineRun {
  private readonly started = performance.now();
  private readonly bytes = { sent: 0, received: 0 };
  private redaction: LineTranslation['redaction'] = null;
  private requests = 0;
  private usage: TokenUsage | null = null;
  /** The endpoint that answered (or, for a fallback, the last one asked) and whether its reply was cut short. */
  private endpoint: string | null = null;
  private truncated = false;
  private features: RouteFeatures;

  constructor(
    private readonly input: LineInput,
    private readonly translators: LineTranslators,
    private readonly decided: Decided,
    private readonly target: string,
  ) {
    this.features = decided.decision.features;
  }

  out(fields: Outcome): LineTranslation {
    const { decision } = this.decided;
    const idle = fields.translation === null && fields.lane === null && decision.kind === 'none';
    return {
      ...fields,
      redaction: this.redaction,
      bytes: this.bytes,
      cloud: this.cloudUse(),
      translate_ms: idle ? 0 : performance.now() - this.started,
      features: this.features,
      decision: decision.kind,
    };
  }

  /** Where the text went, when any byte of it left (a refused connection sent nothing). */
  private cloudUse(): LineTranslation['cloud'] {
    const endpoint = this.endpoint ?? originOf(this.input.settings.cloud.baseUrl);
    return this.bytes.sent > 0 && endpoint ? { endpoint, requests: this.requests, usage: this.usage, ...(this.truncated ? { truncated: true } : {}) } : null;
  }

  untranslated(fallbackReason: string | null): LineTranslation {
    return this.out({ translation: null, lane: null, lane_reason: this.decided.decision.reason, fallback: false, fallback_reason: fallbackReason });
  }

  device(): Promise<TranslationResult> {
    const { input } = this;
    return this.translators.device.translate({
      id: input.id,
      text: input.text,
      sourceLanguage: input.sourceLanguage ?? 'auto',
      targetLanguage: this.target,
      audio: input.audio,
      signal: input.signal,
      onPartial: (t) => input.onPartial?.(t, 'device'),
    });
  }

  /** Redact → cloud → restore. Throws on any failure; bytes on the wire are counted either way. */
  async cloud(): Promise<string> {
    const { input, translators } = this;
    if (!translators.cloud) throw new CloudTranslationError('CLOUD_UNCONFIGURED', 'No cloud endpoint is configured.');
    const redaction = redact(input.text, input.settings.glossary);
    this.redaction = redaction.report;
    try {
      const result = await translators.cloud.translate({
        id: input.id,
        text: redaction.text,
        sourceLanguage: input.sourceLanguage ?? 'auto',
        targetLanguage: this.target,
        signal: input.signal,
        onPartial: (t) => input.onPartial?.(restorePartial(t, redaction), 'cloud'),
      });
      this.count(result.bytesSent, result.bytesReceived, result.requests ?? 1);
      this.usage = result.usage ?? null;
      this.endpoint = result.endpoint ?? null;
      this.truncated = result.truncated === true;
      return restore(result.text, redaction);
    } catch (error) {
      if (error instanceof CloudTranslationError) {
        this.count(error.bytesSent, error.bytesReceived, error.attempts);
        this.endpoint = error.endpoint;
      }
      throw error;
    }
  }

  /** The cloud lane chosen: its translation, else the device lane's with the reason. */
  async cloudFirst(): Promise<LineTranslation> {
    try {
      return this.out({ translation: await this.cloud(), lane: 'cloud', lane_reason: this.decided.decision.reason, fallback: false, fallback_reason: null });
    } catch (error) {
      return this.fallBack(describeFailure(error));
    }
  }

  /** The device lane chosen, escalating to the cloud when the router says so (cascade). */
  async deviceFirst(): Promise<LineTranslation> {
    const { decision } = this.decided;
    let result: TranslationResult;
    try {
      result = await this.device();
    } catch (error) {
      return this.deviceFailed(error);
    }
    const step = escalation(decision, result.meanLogprob, this.input.settings.routing);
    this.features = step.features;
    if (!step.escalate) return this.out({ translation: result.text, lane: 'device', lane_reason: decision.reason, fallback: false, fallback_reason: null });
    try {
      return this.out({ translation: await this.cloud(), lane: 'cloud', lane_reason: step.reason, fallback: false, fallback_reason: null });
    } catch (error) {
      // The device translation is already here: keep it, and say the cloud could not improve on it.
      if (this.input.signal?.aborted) return this.untranslated('translation cancelled');
      return this.out({ translation: result.text, lane: 'device', lane_reason: step.reason, fallback: true, fallback_reason: describeFailure(error) });
    }
  }

  private async deviceFailed(error: unknown): Promise<LineTranslation> {
    if (this.input.signal?.aborted) return this.untranslated('translation cancelled');
    const why = `device lane failed: ${(error as Error).message}`;
    const { decision } = this.decided;
    if (decision.kind !== 'device' || !decision.escalate) return this.untranslated(why);
    try {
      return this.out({ translation: await this.cloud(), lane: 'cloud', lane_reason: why, fallback: false, fallback_reason: null });
    } catch (cloudError) {
      return this.untranslated(`${why}; ${describeFailure(cloudError)}`);
    }
  }

  /** The device lane after a cloud failure; untranslated with both reasons if it fails too. */
  private async fallBack(why: string): Promise<LineTranslation> {
    if (this.input.signal?.aborted) return this.untranslated('translation cancelled');
    if (!this.decided.deviceAny) return this.untranslated(`${why}; no local model for ${this.features.pair}`);
    try {
      const result = await this.device();
      return this.out({ translation: result.text, lane: 'device', lane_reason: this.decided.decision.reason, fallback: true, fallback_reason: why });
    } catch (error) {
      return this.untranslated(`${why}; device lane failed too: ${(error as Error).message}`);
    }
  }

  private count(sent: number, received: number, requests: number): void {
    this.bytes.sent += sent;
    this.bytes.received += received;
    this.requests += requests;
  }
}

export async function translateLine(lineInput: LineInput, translators: LineTranslators): Promise<LineTranslation> {
  const input = guardPartials(lineInput);
  const decided = decide(input, translators);
  const { decision } = decided;
  if (decision.kind === 'none' || decision.kind === 'unavailable' || input.targetLanguage === null) {
    return new LineRun(input, translators, decided, '').untranslated(null);
  }
  const run = new LineRun(input, translators, decided, input.targetLanguage);
  return decision.kind === 'cloud' ? run.cloudFirst() : run.deviceFirst();
}
