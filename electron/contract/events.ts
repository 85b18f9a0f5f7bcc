import { z } from 'zod';
import { CaptureMode, LanguageCode, PublicSettings } from './settings';

/** Which translator produced a caption's translation. */
export const Lane = z.enum(['device', 'cloud']);
export type Lane = z.infer<typeof Lane>;

const Ms = z.number().nonnegative();
const Bytes = z.number().int().nonnegative();
const Count = z.number().int().nonnegative();

/** Median and 95th percentile of a latency; null until something was measured. */
export const Percentiles = z.object({ p50: Ms.nullable(), p95: Ms.nullable() });
export type Percentiles = z.infer<typeof Percentiles>;

/** Tokens the cloud server billed for a request, from the response's `usage`. */
export const TokenUsage = z.object({ prompt_tokens: Count, completion_tokens: Count });
export type TokenUsage = z.infer<typeof TokenUsage>;

const NOT_MEASURED = { p50: null, p95: null };
/** Translation time per lane: the router's two lanes. */
const LaneLatency = z.object({ device: Percentiles, cloud: Percentiles }).default({ device: NOT_MEASURED, cloud: NOT_MEASURED });
/** How long a final waited before its translation began. */
const QueueWait = Percentiles.default(NOT_MEASURED);

/**
 * The cloud's cost: tokens billed (from `usage`), and in US dollars at the price the user set (null without one).
 * Avoided: what the lines kept on the device would have cost in the cloud, estimated from the tokens per byte the
 * cloud lines showed (or 4 bytes per token before any).
 */
export const CloudCost = z
  .object({ prompt_tokens: Count, completion_tokens: Count, usd: z.number().nonnegative().nullable(), avoided_tokens_estimate: Count, avoided_usd: z.number().nonnegative().nullable() })
  .default({ prompt_tokens: 0, completion_tokens: 0, usd: null, avoided_tokens_estimate: 0, avoided_usd: null });

/** Bytes on the wire for one kind of traffic, in how many requests (exact socket counts from the egress module). */
export const Traffic = z.object({ bytes_sent: Bytes, bytes_received: Bytes, requests: Count });
const NO_TRAFFIC = { bytes_sent: 0, bytes_received: 0, requests: 0 };
export type Traffic = z.infer<typeof Traffic>;

/** A provisional line: the transcript so far while speaking, then the translation while it streams. */
export const CaptionPartial = z.object({
  type: z.literal('caption.partial'),
  id: z.string(),
  /** 'transcribing': speech still arriving; 'translating': transcript final, translation streaming. */
  stage: z.enum(['transcribing', 'translating']),
  /** Text two decoding passes agreed on (LocalAgreement-2): it will not change any more. */
  committed: z.string(),
  /** Text of the latest pass beyond the committed prefix: may still change. */
  tentative: z.string(),
  language: z.string().nullable(),
  start_ms: Ms,
  end_ms: Ms,
  /** While stage is 'translating': the translation streamed so far, and its lane. */
  translation: z.string().nullable().default(null),
  lane: Lane.nullable().default(null),
});
export type CaptionPartial = z.infer<typeof CaptionPartial>;

export const CaptionTimings = z.object({
  /** Length of the utterance's audio. */
  audio_ms: Ms,
  /** End of speech (release or VAD end) to final transcript. */
  asr_ms: Ms,
  /** Final transcript to finished translation; 0 without translation. */
  translate_ms: Ms,
  /** End of speech to this event. */
  total_ms: Ms,
});
export type CaptionTimings = z.infer<typeof CaptionTimings>;

export const RedactionReport = z.object({
  /** Kinds and counts only, never the values: { email: 1, phone: 2, glossary: 1 }. */
  counts: z.record(z.string(), z.number().int().nonnegative()),
});
export type RedactionReport = z.infer<typeof RedactionReport>;

/** A finished line: final transcript and, when a target language is set, its translation. */
export const CaptionFinal = z.object({
  type: z.literal('caption.final'),
  id: z.string(),
  text: z.string(),
  language: z.string().nullable(),
  start_ms: Ms,
  end_ms: Ms,
  /** Mean token probability and no-speech probability from Whisper. */
  confidence: z.object({ mean_token_prob: z.number().min(0).max(1), no_speech_prob: z.number().min(0).max(1) }),
  timings: CaptionTimings,
  target_language: LanguageCode.nullable(),
  translation: z.string().nullable(),
  lane: Lane.nullable(),
  /** Why the router chose the lane, in words a user understands ("short line", "all-local mode", ...). */
  lane_reason: z.string().nullable(),
  /** True when the cloud lane failed and the device lane translated instead. */
  fallback: z.boolean(),
  fallback_reason: z.string().nullable(),
  redaction: RedactionReport.nullable(),
  bytes: z.object({
    /** PCM bytes of this utterance, processed on the device and never sent. */
    audio: Bytes,
    /** UTF-8 bytes of the transcript. */
    transcript: Bytes,
    /** Bytes on the wire for this line (request line + headers + body), 0 on the device lane. */
    sent: Bytes,
    received: Bytes,
  }),
  /**
   * Where this line's text went, when any of it left: the endpoint's origin, the HTTP requests made (retries
   * included; a fallback line has them too) and the tokens billed. null when the text never left the device.
   */
  cloud: z
    .object({
      endpoint: z.string(),
      requests: Count,
      usage: TokenUsage.nullable(),
      /** The model stopped at its output bound (finish_reason "length"): the translation may be cut short. */
      truncated: z.boolean().optional(),
    })
    .nullable()
    .default(null),
});
export type CaptionFinal = z.infer<typeof CaptionFinal>;

export const LedgerTotals = z.object({
  audio_bytes_local: Bytes,
  transcript_bytes_local: Bytes,
  /** Everything that stayed on the device: audio + transcripts translated on the device. */
  bytes_kept_local: Bytes,
  bytes_sent: Bytes,
  bytes_received: Bytes,
  /** bytes_kept_local / (bytes_kept_local + bytes_sent) × 100; 100 when nothing was processed. */
  data_kept_percent: z.number().min(0).max(100),
  lines_device: z.number().int().nonnegative(),
  lines_cloud: z.number().int().nonnegative(),
  lines_fallback: z.number().int().nonnegative(),
  lines_untranslated: z.number().int().nonnegative(),
  latency_ms: z.object({ device_median: Ms.nullable(), cloud_median: Ms.nullable() }),
  /** Age of the oldest line waiting for translation; 0 when none waits. */
  queue_age_ms: Ms,
  /** Final captions so far, and how many never left the device (not one byte of their text was sent). */
  captions: Count.default(0),
  lines_kept_on_device: Count.default(0),
  /** Caption text sent for translation, in total and per endpoint; never mixed with downloads or checks. */
  text_sent: Traffic.extend({ endpoints: z.array(Traffic.extend({ origin: z.string() })) }).default({ ...NO_TRAFFIC, endpoints: [] }),
  /** Public model files fetched (nothing about the user in them). */
  downloads: Traffic.default(NO_TRAFFIC),
  /** "Check endpoint" requests. */
  checks: Traffic.default(NO_TRAFFIC),
  /** Translation time per lane (the router's two lanes), and how long a final waited before its translation began. */
  latency: LaneLatency,
  queue_wait_ms: QueueWait,
  cost: CloudCost,
  /** This month's cloud budget and what is left of it (requests, tokens or US dollars); null without a budget. */
  budget: z
    .object({ kind: z.enum(['requests', 'tokens', 'usd']), month: z.string(), limit: z.number().nonnegative(), spent: z.number().nonnegative(), left: z.number().nonnegative() })
    .nullable()
    .default(null),
});
export type LedgerTotals = z.infer<typeof LedgerTotals>;

export const LedgerUpdated = z.object({ type: z.literal('ledger.updated'), totals: LedgerTotals });
export type LedgerUpdated = z.infer<typeof LedgerUpdated>;

/** What the engine is doing; a failure is an `error` event, not a state (the engine is idle again after it). */
export const EngineState = z.enum(['idle', 'loading', 'ready', 'listening']);
export type EngineState = z.infer<typeof EngineState>;

/** Where the loaded speech model runs, and why not on the GPU the setting asked for (null: it is where it was asked). */
export const AsrDeviceStatus = z.object({
  /** "CPU", or the GPU's description. */
  name: z.string(),
  kind: z.enum(['cpu', 'gpu', 'igpu']),
  fallback: z.string().nullable(),
});
export type AsrDeviceStatus = z.infer<typeof AsrDeviceStatus>;

/** The status bar: what the engine is doing, and whether each part is usable. */
export const Status = z.object({
  type: z.literal('status'),
  state: EngineState,
  mode: CaptureMode,
  model: z.object({ id: z.string().nullable(), loaded: z.boolean(), device: AsrDeviceStatus.nullable().default(null) }),
  mic: z.object({ device: z.string().nullable(), capturing: z.boolean() }),
  /** 'blocked': all-local mode refuses every connection; 'unconfigured': no endpoint set. */
  /** failing: it answered, but with an error (a 5xx, a refused key): the last line fell back to the device. */
  endpoint: z.enum(['unconfigured', 'unknown', 'reachable', 'failing', 'unreachable', 'blocked']),
  all_local: z.boolean(),
  message: z.string().nullable().default(null),
});
export type Status = z.infer<typeof Status>;

/** Microphone level for the meter, about ten times a second while capturing. */
export const MicLevel = z.object({ type: z.literal('mic.level'), rms: z.number().min(0).max(1), peak: z.number().min(0).max(1) });
export type MicLevel = z.infer<typeof MicLevel>;

/** Something failed. `action` tells the user what to do about it. */
export const EngineError = z.object({
  type: z.literal('error'),
  code: z.string(),
  message: z.string(),
  action: z.string(),
  recoverable: z.boolean(),
  caption_id: z.string().nullable().default(null),
});
export type EngineError = z.infer<typeof EngineError>;

/** Information the user should see once (settings reset to defaults, fallback used, ...). */
export const Notice = z.object({
  type: z.literal('notice'),
  level: z.enum(['info', 'warning']),
  code: z.string(),
  message: z.string(),
});
export type Notice = z.infer<typeof Notice>;

export const SettingsChanged = z.object({ type: z.literal('settings.changed'), settings: PublicSettings });
export type SettingsChanged = z.infer<typeof SettingsChanged>;

export const ModelDownloadProgress = z.object({
  type: z.literal('model.progress'),
  id: z.string(),
  state: z.enum(['queued', 'downloading', 'verifying', 'done', 'error', 'cancelled']),
  bytes: Bytes,
  total: Bytes.nullable(),
  speed_bps: z.number().nonnegative(),
  eta_s: z.number().nonnegative().nullable(),
  message: z.string().nullable().default(null),
});
export type ModelDownloadProgress = z.infer<typeof ModelDownloadProgress>;

/** The last event of a headless session: totals for the demo and the benchmarks. */
export const SessionSummary = z.object({
  type: z.literal('session.summary'),
  captions: z.number().int().nonnegative(),
  audio_ms: Ms,
  wall_ms: Ms,
  asr_ms_total: Ms,
  audio_bytes_processed: Bytes,
  bytes_kept_local: Bytes,
  bytes_sent: Bytes,
  bytes_received: Bytes,
  data_kept_percent: z.number().min(0).max(100),
  lines_device: z.number().int().nonnegative(),
  lines_cloud: z.number().int().nonnegative(),
  lines_fallback: z.number().int().nonnegative(),
  /** The router's figures: share of translated lines done on the device, latency per lane, queue wait, cost. */
  device_share_percent: z.number().min(0).max(100).nullable().default(null),
  lines_kept_on_device: Count.default(0),
  text_sent: Traffic.default(NO_TRAFFIC),
  latency: LaneLatency,
  queue_wait_ms: QueueWait,
  cost: CloudCost,
});
export type SessionSummary = z.infer<typeof SessionSummary>;

/** Every message from the engine to the UI (or the demo's NDJSON output). */
export const EngineEvent = z.discriminatedUnion('type', [
  CaptionPartial,
  CaptionFinal,
  LedgerUpdated,
  Status,
  MicLevel,
  EngineError,
  Notice,
  SettingsChanged,
  ModelDownloadProgress,
  SessionSummary,
]);
export type EngineEvent = z.infer<typeof EngineEvent>;
export type EngineEventType = EngineEvent['type'];
export type EventOf<T extends EngineEventType> = Extract<EngineEvent, { type: T }>;
