import { randomUUID } from 'node:crypto';
import type { CaptionFinal, EngineEvent, SessionSummary } from '../../contract';
import type { AudioSource } from '../audio/types';
import { samplesToMs } from '../audio/types';
import { StreamingTranscriber } from '../asr/streaming-transcriber';
import type { AsrModel, FinalTranscript } from '../asr/types';
import { segmenterFrameSink } from '../segment/collect';
import type { Segmenter, UtteranceSink } from '../segment/types';
import { withLevelMeter } from './level-meter';
import { untranslated, type CaptionLedger, type LineInput, type LineTranslation, type TranslateLine } from './types';

export interface CaptionSessionOptions {
  asr: AsrModel;
  threads: number;
  audioCtxFor: (samples: number) => number;
  /** 'auto' or an ISO code. */
  sourceLanguage: () => string;
  /** null: captions only. */
  targetLanguage: () => string | null;
  /** Biases Whisper towards the user's names and jargon. */
  glossary: () => string[];
  /** null when no translator is set up at all. */
  translateLine: TranslateLine | null;
  ledger: CaptionLedger;
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
  private captions = 0;
  private audioSamples = 0;
  private asrMsTotal = 0;

  constructor(private readonly opts: CaptionSessionOptions) {
    this.now = opts.now ?? (() => performance.now());
    this.startedAt = this.now();
    const glossaryPrompt = (): string | undefined => {
      const terms = opts.glossary();
      return terms.length ? `Glossary: ${terms.join(', ')}.` : undefined;
    };
    this.transcriber = new StreamingTranscriber({
      model: opts.asr,
      language: opts.sourceLanguage,
      threads: opts.threads,
      audioCtxFor: opts.audioCtxFor,
      initialPrompt: glossaryPrompt,
      emitPartial: (e) => opts.emit(e),
      onFinal: (t) => this.onTranscript(t),
      onError: (error, captionId) => this.reportAsrError(error, captionId),
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
    const at = this.now();
    this.enqueueTranslation(
      { id, text, language: null, meanTokenProb: 1, noSpeechProb: 0 },
      { startMs: 0, endMs: 0, audioBytes: 0, asrMs: 0, speechEndedAt: at },
    );
    return id;
  }

  /** Resolves when every utterance so far has its final caption. */
  async drain(): Promise<void> {
    await this.transcriber.drain();
    await this.translations;
  }

  summary(): SessionSummary {
    const t = this.opts.ledger.totals();
    return {
      type: 'session.summary',
      captions: this.captions,
      audio_ms: samplesToMs(this.audioSamples),
      wall_ms: this.now() - this.startedAt,
      asr_ms_total: this.asrMsTotal,
      audio_bytes_processed: this.audioSamples * 2,
      bytes_kept_local: t.bytes_kept_local,
      bytes_sent: t.bytes_sent,
      bytes_received: t.bytes_received,
      data_kept_percent: t.data_kept_percent,
      lines_device: t.lines_device,
      lines_cloud: t.lines_cloud,
      lines_fallback: t.lines_fallback,
    };
  }

  private onTranscript(t: FinalTranscript): void {
    this.audioSamples += t.audioBytes / 2;
    this.asrMsTotal += t.asrMs;
    this.enqueueTranslation(
      { id: t.id, text: t.text, language: t.language, meanTokenProb: t.meanTokenProb, noSpeechProb: t.noSpeechProb, audio: t.audio },
      t,
    );
  }

  private enqueueTranslation(line: LineInput, timing: Pick<FinalTranscript, 'startMs' | 'endMs' | 'audioBytes' | 'asrMs' | 'speechEndedAt'>): void {
    this.opts.ledger.lineQueued(line.id);
    this.translations = this.translations.then(async () => {
      const target = this.opts.targetLanguage();
      const result = await this.translate(line, target, timing);
      const caption: CaptionFinal = {
        type: 'caption.final',
        id: line.id,
        text: line.text,
        language: line.language,
        start_ms: timing.startMs,
        end_ms: timing.endMs,
        confidence: { mean_token_prob: line.meanTokenProb, no_speech_prob: line.noSpeechProb },
        timings: {
          audio_ms: timing.endMs - timing.startMs,
          asr_ms: timing.asrMs,
          translate_ms: result.translateMs,
          total_ms: Math.max(0, this.now() - timing.speechEndedAt),
        },
        target_language: target,
        translation: result.translation,
        lane: result.lane,
        lane_reason: result.laneReason,
        fallback: result.fallback,
        fallback_reason: result.fallbackReason,
        redaction: result.redaction,
        bytes: {
          audio: timing.audioBytes,
          transcript: Buffer.byteLength(line.text, 'utf8'),
          sent: result.bytesSent,
          received: result.bytesReceived,
        },
      };
      this.captions++;
      this.opts.ledger.recordCaption(caption);
      this.opts.emit(caption);
      this.opts.emit({ type: 'ledger.updated', totals: this.opts.ledger.totals() });
    });
  }

  private async translate(line: LineInput, target: string | null, timing: { startMs: number; endMs: number }): Promise<LineTranslation> {
    if (!target) return untranslated();
    if (!this.opts.translateLine) return untranslated('no translator is set up');
    // A line already in the target language needs no translation (and must not be "translated" to English by accident).
    if (line.language && line.language === target) {
      return { ...untranslated('already in the target language'), translation: line.text, lane: 'device' };
    }
    return this.opts.translateLine(line, target, (textSoFar, lane) =>
      this.opts.emit({
        type: 'caption.partial',
        id: line.id,
        stage: 'translating',
        committed: line.text,
        tentative: '',
        language: line.language,
        start_ms: timing.startMs,
        end_ms: timing.endMs,
        translation: textSoFar,
        lane,
      }),
    );
  }

  private reportAsrError(error: unknown, captionId: string): void {
    const message = error instanceof Error ? error.message : String(error);
    this.opts.emit({
      type: 'error',
      code: 'asr_failed',
      message: `Transcription failed: ${message}`,
      action: 'Try again; if it keeps failing, choose another speech model in Settings → Models.',
      recoverable: true,
      caption_id: captionId,
    });
  }
}
