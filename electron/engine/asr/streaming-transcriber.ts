import { randomUUID } from 'node:crypto';
import type { CaptionPartial } from '../../contract';
import { SAMPLE_RATE, int16ToFloat32, msToSamples, samplesToMs } from '../audio/types';
import type { UtteranceEndReason, UtteranceSink } from '../segment/types';
import { LocalAgreement } from './local-agreement';
import type { AsrCallOptions, AsrModel, AsrResult, FinalTranscript } from './types';
import { isLikelyHallucination, summarizeSegments } from './segments';

export interface StreamingTranscriberOptions {
  model: AsrModel;
  /** 'auto' or an ISO code; read at each utterance so a settings change applies to the next line. */
  language: () => string;
  threads: number;
  /** Whisper's audio context for a window of this many samples (encoder cost scales with it). */
  audioCtxFor: (samples: number) => number;
  /** Re-decode the growing window for a partial every this much new audio. */
  partialIntervalMs?: number;
  /** No partial before the utterance has this much audio (a tiny window decodes noise). */
  minPartialAudioMs?: number;
  /** Token cap per second of audio (+16): stops runaway repetition loops. */
  maxTokensPerSecond?: number;
  /** Custom vocabulary (glossary) that biases Whisper towards the user's names and jargon. */
  initialPrompt?: () => string | undefined;
  /** Off for benchmarks of the bare final path. */
  partials?: boolean;
  /**
   * Whisper's temperature-fallback retries on the final pass (up to 5 more decodes when a pass looks poor).
   * Off by default: live captions favour latency, and a hesitant line is better shown now than perfect later.
   */
  finalTemperatureFallback?: boolean;
  emitPartial: (event: CaptionPartial) => void;
  onFinal: (transcript: FinalTranscript) => void;
  onError: (error: unknown, captionId: string) => void;
  now?: () => number;
}

/** What makes two passes decode the same thing (greedy decoding is deterministic): the window and the options. */
function decodeKey(samples: number, opts: AsrCallOptions): string {
  return JSON.stringify([samples, opts.language, opts.audioCtx, opts.maxTokens, opts.initialPrompt ?? '', opts.temperatureFallback]);
}

/** Whisper.cpp refuses input shorter than one second: pad short utterances with silence. */
const MIN_DECODE_SAMPLES = Math.round(SAMPLE_RATE * 1.05);

class Utterance {
  readonly id = randomUUID();
  readonly agreement = new LocalAgreement();
  private chunks: Int16Array[] = [];
  length = 0;
  samplesAtLastPartial = 0;
  language: string | null = null;
  ended = false;
  endedAt = 0;
  partialAbort: AbortController | null = null;
  /** The last partial pass that finished: a final over the same window with the same options reuses it. */
  lastDecode: { key: string; result: AsrResult } | null = null;

  constructor(readonly startSample: number) {}

  append(frame: Int16Array): void {
    this.chunks.push(frame);
    this.length += frame.length;
  }

  /** Float32 PCM of everything so far, padded to Whisper's one-second minimum. */
  pcm(): Float32Array {
    const joined = new Int16Array(this.length);
    let offset = 0;
    for (const chunk of this.chunks) {
      joined.set(chunk, offset);
      offset += chunk.length;
    }
    this.chunks = [joined];
    const float = int16ToFloat32(joined);
    if (float.length >= MIN_DECODE_SAMPLES) return float;
    const padded = new Float32Array(MIN_DECODE_SAMPLES);
    padded.set(float);
    return padded;
  }
}

/**
 * Turns utterances into captions: provisional partials while speech arrives (re-decoding the
 * growing window, LocalAgreement-2 commits), one final transcript when the utterance ends.
 * Finals have priority: an in-flight partial is aborted when speech ends.
 */
export class StreamingTranscriber implements UtteranceSink {
  private current: Utterance | null = null;
  private finals: Promise<void> = Promise.resolve();
  private finalsPending = 0;
  private partialRunning: Promise<void> | null = null;
  private readonly opts: Required<Omit<StreamingTranscriberOptions, 'initialPrompt'>> & Pick<StreamingTranscriberOptions, 'initialPrompt'>;

  constructor(options: StreamingTranscriberOptions) {
    this.opts = {
      partialIntervalMs: 400,
      minPartialAudioMs: 600,
      maxTokensPerSecond: 6,
      partials: true,
      finalTemperatureFallback: false,
      now: () => performance.now(),
      ...options,
    };
  }

  onUtteranceStart({ startSample }: { startSample: number }): void {
    // Segmenters end each utterance before the next starts (and cut them at 25 s); be safe anyway.
    if (this.current) this.endUtterance(this.current);
    this.current = new Utterance(startSample);
  }

  onUtteranceAudio(frame: Int16Array): void {
    const u = this.current;
    if (!u) return;
    u.append(frame);
    this.maybeStartPartial(u);
  }

  onUtteranceEnd(_info: { endSample: number; reason: UtteranceEndReason }): void {
    const u = this.current;
    if (!u) return;
    this.current = null;
    this.endUtterance(u);
  }

  /** Resolves when no partial pass is running (tests and benchmarks pace their input with it). */
  async partialIdle(): Promise<void> {
    while (this.partialRunning) await this.partialRunning;
  }

  /** Resolves when every ended utterance has its final transcript (or its error). */
  async drain(): Promise<void> {
    await this.finals;
  }

  private endUtterance(u: Utterance): void {
    u.ended = true;
    u.endedAt = this.opts.now();
    // A partial already decoding the whole utterance is the final's work: let it finish and reuse it.
    if (u.samplesAtLastPartial !== u.length) u.partialAbort?.abort();
    this.finalsPending++;
    this.finals = this.finals.then(() => this.finalize(u)).finally(() => this.finalsPending--);
  }

  private callOptions(samples: number, u: Utterance, pass: 'partial' | 'final', signal?: AbortSignal): AsrCallOptions {
    const prompt = this.opts.initialPrompt?.();
    return {
      temperatureFallback: pass === 'final' && this.opts.finalTemperatureFallback,
      language: u.language ?? this.opts.language(),
      threads: this.opts.threads,
      audioCtx: this.opts.audioCtxFor(samples),
      maxTokens: Math.ceil((samples / SAMPLE_RATE) * this.opts.maxTokensPerSecond) + 16,
      ...(prompt ? { initialPrompt: prompt } : {}),
      ...(signal ? { signal } : {}),
    };
  }

  private maybeStartPartial(u: Utterance): void {
    if (!this.opts.partials || this.partialRunning || this.finalsPending > 0) return;
    if (u.length < msToSamples(this.opts.minPartialAudioMs)) return;
    if (u.length - u.samplesAtLastPartial < msToSamples(this.opts.partialIntervalMs)) return;
    u.samplesAtLastPartial = u.length;
    const abort = new AbortController();
    u.partialAbort = abort;
    const pcm = u.pcm();
    const opts = this.callOptions(pcm.length, u, 'partial', abort.signal);
    const key = decodeKey(u.length, opts);
    this.partialRunning = this.opts.model
      .transcribe(pcm, opts)
      .then((result) => {
        u.lastDecode = { key, result };
        if (u.ended) return;
        // Keep the language the first confident pass found, so later passes don't flip-flop.
        if (this.opts.language() === 'auto' && !u.language && result.language) u.language = result.language;
        const { committed, tentative } = u.agreement.update(result.text.trim());
        this.opts.emitPartial({
          type: 'caption.partial',
          id: u.id,
          stage: 'transcribing',
          committed,
          tentative,
          language: result.language || null,
          start_ms: samplesToMs(u.startSample),
          end_ms: samplesToMs(u.startSample + u.length),
          translation: null,
          lane: null,
        });
      })
      .catch((error: unknown) => {
        // A partial aborted because speech ended is expected; other failures surface once via the final.
        if (!abort.signal.aborted && !u.ended) this.opts.onError(error, u.id);
      })
      .finally(() => {
        this.partialRunning = null;
        if (u.partialAbort === abort) u.partialAbort = null;
      });
  }

  private async finalize(u: Utterance): Promise<void> {
    if (u.length === 0) return;
    const pcm = u.pcm();
    let result: AsrResult;
    try {
      result = await this.finalPass(u, pcm);
    } catch (error) {
      this.opts.onError(error, u.id);
      return;
    }
    this.emitFinal(u, pcm, result);
  }

  /** One decode of the whole utterance, or the partial that already decoded exactly that. */
  private async finalPass(u: Utterance, pcm: Float32Array): Promise<AsrResult> {
    await this.partialIdle(); // a partial over the whole window was left running (endUtterance)
    // The final pass re-detects the language over the whole utterance when set to auto.
    u.language = null;
    const opts = this.callOptions(pcm.length, u, 'final');
    const reused = u.lastDecode?.key === decodeKey(u.length, opts) ? u.lastDecode.result : null;
    return reused ?? this.opts.model.transcribe(pcm, opts);
  }

  private emitFinal(u: Utterance, pcm: Float32Array, result: AsrResult): void {
    const summary = summarizeSegments(result.segments);
    const text = result.text.trim();
    if (text.length === 0 || isLikelyHallucination(text, summary.noSpeechProb)) return;
    this.opts.onFinal({
      id: u.id,
      text,
      language: result.language || null,
      startMs: samplesToMs(u.startSample),
      endMs: samplesToMs(u.startSample + u.length),
      meanTokenProb: summary.meanTokenProb,
      noSpeechProb: summary.noSpeechProb,
      audio: pcm.subarray(0, Math.min(pcm.length, u.length)),
      audioBytes: u.length * 2,
      asrMs: this.opts.now() - u.endedAt,
      speechEndedAt: u.endedAt,
    });
  }
}
