/**
 * How long a cancelled transcription keeps the model busy: abort a call at a random point inside its encoder pass,
 * queue a short probe call at once, and read when the probe really started (its wall time minus whisper's own time
 * for it). The facade settles the aborted promise at once; this is the native work that must stop before the next
 * call (the final caption after an aborted partial) can run.
 */
import type { TranscribeOptions, WhisperModel } from '../../native/whisper/index';
import { round } from './common';

export interface CancelRun {
  /** Abort point after the call started, ms (uniform in the encoder pass). */
  abort_at_ms: number;
  /** Abort → the probe starting natively. */
  latency_ms: number;
}

/** A tiny deterministic RNG (mulberry32), so every run of the benchmark aborts at the same points. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function oneCancel(model: WhisperModel, pcm: Float32Array, opts: TranscribeOptions, probe: { pcm: Float32Array; opts: TranscribeOptions }, abortAtMs: number): Promise<CancelRun> {
  const ac = new AbortController();
  const long = model.transcribe(pcm, { ...opts, signal: ac.signal }).catch(() => undefined);
  await sleep(abortAtMs);
  const abortedAt = performance.now();
  ac.abort();
  const result = await model.transcribe(probe.pcm, probe.opts);
  const probeStarted = performance.now() - result.timings.totalMs;
  await long;
  return { abort_at_ms: round(abortAtMs, 1), latency_ms: round(Math.max(0, probeStarted - abortedAt), 1) };
}

/**
 * `runs` cancels at seeded random points in [0, encoder pass) of `opts` on `pcm`. The encoder time comes from an
 * uncancelled warm-up call; the probe is one second of silence with a 2-token cap.
 */
export async function cancelLatencyRuns(model: WhisperModel, pcm: Float32Array, opts: TranscribeOptions, runs: number, seed = 11): Promise<{ encoder_ms: number; runs: CancelRun[] }> {
  const warm = await model.transcribe(pcm, opts);
  const encoderMs = warm.timings.encodeMs / Math.max(1, warm.timings.encoderPasses);
  const probe = { pcm: new Float32Array(16_000), opts: { language: 'en', threads: opts.threads, audioCtx: 64, maxTokens: 2, temperatureFallback: false } };
  const next = seeded(seed);
  const out: CancelRun[] = [];
  for (let i = 0; i < runs; i++) out.push(await oneCancel(model, pcm, opts, probe, next() * encoderMs));
  return { encoder_ms: round(encoderMs, 1), runs: out };
}

/** The p-th percentile (nearest rank) of a non-empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of no values');
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
