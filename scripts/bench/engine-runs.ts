/**
 * One utterance through the real engine, as the app composes it (see electron/engine/demo/run-demo.ts):
 * WavSource paced in real time → segmenter → CaptionSession (StreamingTranscriber, router, ledger) → events.
 * Captions only (no target language), so the figures are about speech recognition, not translation.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { defaultSettings, Settings, type EngineEvent } from '../../electron/contract';
import { SAMPLE_RATE, type AudioSource, type FrameSink } from '../../electron/engine/audio/types';
import { WavSource } from '../../electron/engine/capture/wav-source';
import { createEgress } from '../../electron/engine/egress';
import { PushToTalkGate } from '../../electron/engine/segment/push-to-talk';
import type { Segmenter } from '../../electron/engine/segment/types';
import { VadSegmenter } from '../../electron/engine/segment/vad-segmenter';
import type { CaptionSession } from '../../electron/engine/session/caption-session';
import { Pipeline } from '../../electron/engine/pipeline/pipeline';
import type { SileroVad } from '../../electron/engine/vad/silero';
import type { AsrModel } from '../../electron/engine/asr/types';
import type { WhisperModel } from '../../native/whisper/index';
import { benchCacheDir, TOKENS_PER_SECOND, type SpeechClip } from './common';

export const BENCH_THREADS = 2;
export const BENCH_LANGUAGE = 'en';

function captionsOnlySettings(): Settings {
  return Settings.parse({ ...defaultSettings(), sourceLanguage: BENCH_LANGUAGE, targetLanguage: null, asrThreads: BENCH_THREADS, glossary: [] });
}

interface SessionHandle {
  session: CaptionSession;
  settings: Settings;
  dispose(): Promise<void>;
}

/** The final pass as the model saw it: its wall time from the call, and the native time without the queue wait. */
export interface FinalPassTiming {
  wallMs: number;
  nativeMs: number;
  /** Text tokens decoded: the same audio as the bare call should decode the same number. */
  tokens: number;
}

/**
 * The real model as the benchmark runs it: every call decodes exactly its token cap (random weights would stop after
 * one token, leaving decoding out of every figure), and the final pass (the transcriber's only call without an
 * AbortSignal) is timed. The facade runs calls one after another, so wall − native is how long the final waited for an
 * aborted partial to let go.
 */
export function benchModel(model: WhisperModel, onFinal: (t: FinalPassTiming) => void = () => {}): AsrModel {
  return {
    async transcribe(pcm, opts) {
      const started = performance.now();
      const result = await model.transcribe(pcm, { ...opts, exactTokens: true });
      if (!opts.signal) onFinal({ wallMs: performance.now() - started, nativeMs: result.timings.totalMs, tokens: result.segments.reduce((n, seg) => n + seg.tokens, 0) });
      return result;
    },
  };
}

/** A captions-only session on `model`, wired by the product's own Pipeline (nothing leaves: all-local). */
async function captionsOnlySession(model: AsrModel, emit: (event: EngineEvent) => void): Promise<SessionHandle> {
  const settings = captionsOnlySettings();
  const modelsDir = path.join(benchCacheDir, 'no-translation-models');
  await mkdir(modelsDir, { recursive: true });
  const pipeline = new Pipeline({
    settings: () => settings,
    asr: async () => model,
    egress: createEgress({ allLocal: () => true, allowedHosts: () => [], auditLogPath: null }),
    apiKey: () => null,
    modelsDir,
    emit,
    tuning: { partials: true, maxTokensPerSecond: TOKENS_PER_SECOND },
  });
  return { session: await pipeline.session(), settings, dispose: () => pipeline.dispose() };
}

/** An AudioSource that reports when each frame is delivered (the wall clock of the paced feed). */
function observed(source: AudioSource, onFrame: (frame: Int16Array, at: number) => void): AudioSource {
  return {
    label: source.label,
    stop: () => source.stop(),
    start: (sink: FrameSink) =>
      source.start({
        onFrame: (frame) => {
          onFrame(frame, performance.now());
          sink.onFrame(frame);
        },
        onEnd: () => sink.onEnd(),
        onError: (error) => sink.onError(error),
      }),
  };
}

export interface EventLoopStats {
  max_ms: number;
  p99_ms: number;
  mean_ms: number;
  /** max minus the sampling interval: how long the loop was really unable to run. */
  block_ms: number;
}

function eventLoopStats(histogram: IntervalHistogram, resolutionMs: number): EventLoopStats {
  const max = histogram.max / 1e6;
  return { max_ms: max, p99_ms: histogram.percentile(99) / 1e6, mean_ms: histogram.mean / 1e6, block_ms: Math.max(0, max - resolutionMs) };
}

/**
 * The same monitor over an idle stretch of this process (only a timer running): the control that shows how much of
 * the figure is the machine (other processes, the OS scheduler) rather than the engine.
 */
export async function idleEventLoop(durationMs: number, resolutionMs: number): Promise<EventLoopStats> {
  const histogram = monitorEventLoopDelay({ resolution: resolutionMs });
  histogram.enable();
  await new Promise((resolve) => setTimeout(resolve, durationMs));
  histogram.disable();
  return eventLoopStats(histogram, resolutionMs);
}

export interface PushToTalkRun {
  /** release() → caption.final, or null when no final caption came (empty or dropped transcript). */
  releaseToFinalMs: number | null;
  /** The final pass inside that time: waiting for the model, then whisper itself. */
  finalPass: FinalPassTiming | null;
  partials: number;
  eventLoop: EventLoopStats | null;
}

/**
 * Holds the key for the whole clip, fed at speaking speed (partials run during speech as in the app), and releases it
 * right after the last frame, as a speaker letting go of the key at the end of the sentence.
 */
export async function pushToTalkRun(model: WhisperModel, clip: SpeechClip, opts: { eventLoopResolutionMs?: number } = {}): Promise<PushToTalkRun> {
  let releasedAt: number | null = null;
  let finalAt: number | null = null;
  let partials = 0;
  let finalPass: FinalPassTiming | null = null;
  const timed = benchModel(model, (t) => (finalPass = t));
  const handle = await captionsOnlySession(timed, (event) => {
    if (event.type === 'caption.partial') partials++;
    if (event.type === 'caption.final' && finalAt === null) finalAt = performance.now();
  });
  const gate = new PushToTalkGate(handle.session.utterances);
  // The source's end is the key-up: flush runs after the last frame was pushed.
  const releaseAtEnd: Segmenter = {
    push: (frame) => gate.push(frame),
    flush: async () => {
      releasedAt = performance.now();
      gate.release();
    },
  };
  const histogram = opts.eventLoopResolutionMs ? monitorEventLoopDelay({ resolution: opts.eventLoopResolutionMs }) : null;
  try {
    histogram?.enable();
    gate.press();
    await handle.session.run(new WavSource(clip.file, { realtime: true }), releaseAtEnd);
    await handle.session.drain();
    histogram?.disable();
  } finally {
    histogram?.disable();
    await handle.dispose();
  }
  const eventLoop = histogram ? eventLoopStats(histogram, opts.eventLoopResolutionMs!) : null;
  const released = releasedAt as number | null;
  const finalised = finalAt as number | null;
  return { releaseToFinalMs: released !== null && finalised !== null ? finalised - released : null, finalPass, partials, eventLoop };
}

/**
 * Hands-free: the clip (silence, then speech) through Silero + VadSegmenter in real time. Returns speech onset →
 * first caption.partial in ms, or null when the utterance ended before any partial.
 *
 * The onset is placed on the feed's clock: a microphone delivers a frame when its last sample is captured, so the
 * first frame's delivery marks audio time (frame length) and sample s was spoken at firstFrame − frame + s / 16 kHz.
 */
export async function handsFreeFirstPartial(model: WhisperModel, vad: SileroVad, clip: SpeechClip): Promise<number | null> {
  let firstFrameAt: number | null = null;
  let firstFrameSamples = 0;
  let firstPartialAt: number | null = null;
  const handle = await captionsOnlySession(benchModel(model), (event) => {
    if (event.type === 'caption.partial' && event.stage === 'transcribing' && firstPartialAt === null) firstPartialAt = performance.now();
  });
  try {
    const source = observed(new WavSource(clip.file, { realtime: true }), (frame, at) => {
      if (firstFrameAt !== null) return;
      firstFrameAt = at;
      firstFrameSamples = frame.length;
    });
    vad.reset();
    await handle.session.run(source, new VadSegmenter(vad, handle.session.utterances, handle.settings.vad));
    await handle.session.drain();
  } finally {
    await handle.dispose();
  }
  const first = firstFrameAt as number | null;
  const partial = firstPartialAt as number | null;
  if (first === null || partial === null) return null;
  const onsetAt = first + ((clip.onsetSample - firstFrameSamples) * 1000) / SAMPLE_RATE;
  return partial - onsetAt;
}
