import { randomUUID } from 'node:crypto';
import type { CaptionFinal, CaptionPartial, EngineEvent, Lane, SessionSummary, Settings } from '../../contract';
import type { AudioSource } from '../audio/types';
import { StreamingTranscriber } from '../asr/streaming-transcriber';
import type { AsrModel, FinalTranscript } from '../asr/types';
import type { Ledger } from '../ledger';
import { segmenterFrameSink } from '../segment/collect';
import type { Segmenter, UtteranceSink } from '../segment/types';
import { translateLine, type LineTranslation, type LineTranslators } from '../translate/translate-line';
import { withLevelMeter } from './level-meter';

/** A line on its way to translation (typed lines have no audio). */
interface PendingLine {
  id: string;
  text: string;
  language: string | null;
  meanTokenProb: number;
  noSpeechProb: number;
  audio?: Float32Array;
  startMs: number;
  endMs: number;
  audioBytes: number;
  asrMs: number;
  speechEndedAt: number;
}

export interface CaptionSessionOptions {
  asr: AsrModel;
  threads: number;
  audioCtxFor: (samples: number) => number;
  /** Read per line: languages, all-local, routing thresholds, glossary, cloud settings. */
  settings: () => Settings;
  /** The device and cloud translators as currently configured. */
  translators: () => LineTranslators;
  ledger: Ledger;
  emit: (event: EngineEvent) => void;
  partials?: boolean;
  partialIntervalMs?: number;
  maxTokensPerSecond?: number;
  now?: () => number;
}

/**
 * One captioning session: utterances → Whisper (partials, then a final) → translation → caption.final
 * and ledger.updated events. Lines are translated one after another so captions stay in speaking order.
 */
export class CaptionSession {
  readonly transcriber: StreamingTranscriber;
  private translations: Promise<void> = Promise.resolve();
  private readonly now: () => number;
  private readonly startedAt: number;
  private lastSpokenLanguage: string | null = null;

  constructor(private readonly opts: CaptionSessionOptions) {
    this.now = opts.now ?? (() => performance.now());
    this.startedAt = this.now();
    const glossaryPrompt = (): string | undefined => {
      const terms = opts.settings().glossary;
      return terms.length ? `Glossary: ${terms.join(', ')}.` : undefined;
    };
    this.transcriber = new StreamingTranscriber({
      model: opts.asr,
      language: () => opts.settings().sourceLanguage,
      threads: opts.threads,
      audioCtxFor: opts.audioCtxFor,
      initialPrompt: glossaryPrompt,
      emitPartial: (e) => opts.emit(e),
      onFinal: (t) => this.onTranscript(t),
      onError: (error, captionId) =>
        this.reportError(error, captionId, 'asr_failed', 'Transcription failed', 'Try again; if it keeps failing, choose another speech model in Settings → Models.'),
      ...(opts.partials === undefined ? {} : { partials: opts.partials }),
      ...(opts.partialIntervalMs === undefined ? {} : { partialIntervalMs: opts.partialIntervalMs }),
      ...(opts.maxTokensPerSecond === undefined ? {} : { maxTokensPerSecond: opts.maxTokensPerSecond }),
      ...(opts.now ? { now: opts.now } : {}),
    });
  }

  /** Where segmenters deliver utterances. */
  get utterances(): UtteranceSink {
    return this.transcriber;
  }

  /**
   * Runs a source through a segmenter into this session until the source ends or fails.
   * Resolves when its audio is segmented (captions may still be finishing: see drain()).
   */
  async run(source: AudioSource, segmenter: Segmenter): Promise<void> {
    let failure: Error | null = null;
    const sink = segmenterFrameSink(segmenter, (error) => (failure = error));
    await source.start(withLevelMeter(sink, (level) => this.opts.emit(level)));
    await sink.done;
    if (failure) throw failure;
  }

  /** Type-to-translate: a typed line through router, redaction, translation and ledger, without audio. */
  translateText(text: string): string {
    const id = randomUUID();
    const source = this.opts.settings().sourceLanguage;
    this.enqueue({
      id,
      text,
      // A typed line is in the language the user speaks: the chosen one, else the last one Whisper heard,
      // else English (the language most typed lines here are in; the user can set the source in Settings).
      language: source !== 'auto' ? source : (this.lastSpokenLanguage ?? 'en'),
      meanTokenProb: 1,
      noSpeechProb: 0,
      startMs: 0,
      endMs: 0,
      audioBytes: 0,
      asrMs: 0,
      speechEndedAt: this.now(),
    });
    return id;
  }

  /** Resolves when every utterance so far has its final caption. */
  async drain(): Promise<void> {
    await this.transcriber.drain();
    await this.translations;
  }

  summary(): SessionSummary {
    return this.opts.ledger.summary(this.now() - this.startedAt);
  }

  private onTranscript(t: FinalTranscript): void {
    if (t.language) this.lastSpokenLanguage = t.language;
    this.enqueue({ ...t });
  }

  private enqueue(line: PendingLine): void {
    this.opts.ledger.enqueue(line.id);
    this.translations = this.translations.then(() => this.finish(line));
    // One line's failure must not stop the lines after it.
    this.translations = this.translations.catch((error: unknown) =>
      this.reportError(error, line.id, 'caption_failed', 'A caption could not be finished', 'Keep talking: the next lines are not affected. If it repeats, restart Sotto and report this message.'),
    );
  }

  /** Translates one line (streaming its partials), then emits its final caption and the new ledger totals. */
  private async finish(line: PendingLine): Promise<void> {
    this.opts.ledger.started(line.id);
    const settings = this.opts.settings();
    const result = await translateLine(
      {
        id: line.id,
        text: line.text,
        sourceLanguage: line.language,
        targetLanguage: settings.targetLanguage,
        confidence: { mean_token_prob: line.meanTokenProb, no_speech_prob: line.noSpeechProb },
        ...(line.audio ? { audio: line.audio } : {}),
        settings,
        budgetSpent: this.opts.ledger.budgetSpent(),
        onPartial: (translation, lane) => this.opts.emit(translatingPartial(line, translation, lane)),
      },
      this.opts.translators(),
    ).catch(untranslatedAfter);
    const caption = this.captionOf(line, settings.targetLanguage, result);
    const totals = this.opts.ledger.add(caption);
    this.opts.emit(caption);
    this.opts.emit({ type: 'ledger.updated', totals });
  }

  private captionOf(line: PendingLine, target: Settings['targetLanguage'], result: Omit<LineTranslation, 'features' | 'decision'>): CaptionFinal {
    return {
      type: 'caption.final',
      id: line.id,
      text: line.text,
      language: line.language,
      start_ms: line.startMs,
      end_ms: line.endMs,
      confidence: { mean_token_prob: line.meanTokenProb, no_speech_prob: line.noSpeechProb },
      timings: { audio_ms: line.endMs - line.startMs, asr_ms: line.asrMs, translate_ms: result.translate_ms, total_ms: Math.max(0, this.now() - line.speechEndedAt) },
      target_language: target,
      translation: result.translation,
      lane: result.lane,
      lane_reason: result.lane_reason,
      fallback: result.fallback,
      fallback_reason: result.fallback_reason,
      redaction: result.redaction,
      bytes: { audio: line.audioBytes, transcript: Buffer.byteLength(line.text, 'utf8'), sent: result.bytes.sent, received: result.bytes.received },
      cloud: result.cloud,
    };
  }

  private reportError(error: unknown, captionId: string, code: string, what: string, action: string): void {
    const message = error instanceof Error ? error.message : String(error);
    this.opts.emit({ type: 'error', code, message: `${what}: ${message}`, action, recoverable: true, caption_id: captionId });
  }
}

/** The caption while its translation streams in. */
function translatingPartial(line: PendingLine, translation: string, lane: Lane): CaptionPartial {
  return {
    type: 'caption.partial',
    id: line.id,
    stage: 'translating',
    committed: line.text,
    tentative: '',
    language: line.language,
    start_ms: line.startMs,
    end_ms: line.endMs,
    translation,
    lane,
  };
}

/** translateLine never rejects by contract; if it ever does, the caption still appears, untranslated, with why. */
function untranslatedAfter(error: unknown): Omit<LineTranslation, 'features' | 'decision'> {
  return {
    translation: null,
    lane: null,
    lane_reason: null,
    fallback: false,
    fallback_reason: `translation failed: ${error instanceof Error ? error.message : String(error)}`,
    redaction: null,
    bytes: { sent: 0, received: 0 },
    cloud: null,
    translate_ms: 0,
  };
}
