import { LedgerTotals, SessionSummary, type CaptionFinal } from '../../contract';

/**
 * The byte ledger: what stayed on the device and what went on the wire, per caption and per
 * session. Wire bytes come from the egress counters carried on each caption (never estimates).
 */

/** The fields of a final caption the ledger needs (a whole CaptionFinal fits). */
export type LedgerCaption = Pick<CaptionFinal, 'id' | 'bytes' | 'lane' | 'fallback' | 'translation' | 'target_language'> & {
  timings: Pick<CaptionFinal['timings'], 'audio_ms' | 'asr_ms' | 'translate_ms'>;
};

export interface LedgerOptions {
  /** Monotonic clock in ms, for queue age; injectable so tests need no waiting. */
  now?: () => number;
  /** Latencies kept per lane for the medians (a long session must not grow without bound). */
  latencyWindow?: number;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** kept / (kept + sent) × 100, and 100 when nothing was processed at all. */
export function keptPercent(kept: number, sent: number): number {
  return kept + sent === 0 ? 100 : (kept / (kept + sent)) * 100;
}

export class Ledger {
  private readonly now: () => number;
  private readonly window: number;
  private captions = 0;
  private audioBytes = 0;
  private audioMs = 0;
  private asrMs = 0;
  private transcriptLocal = 0;
  private sent = 0;
  private received = 0;
  private lines = { device: 0, cloud: 0, fallback: 0, untranslated: 0 };
  private latency = { device: [] as number[], cloud: [] as number[] };
  /** Caption id → when it started waiting for translation. */
  private readonly waiting = new Map<string, number>();

  constructor(options: LedgerOptions = {}) {
    this.now = options.now ?? (() => performance.now());
    this.window = options.latencyWindow ?? 1000;
  }

  /** A final transcript is waiting for its translation. */
  enqueue(id: string): void {
    if (!this.waiting.has(id)) this.waiting.set(id, this.now());
  }

  /** Records a finished caption (it also leaves the queue) and returns the new totals. */
  add(caption: LedgerCaption): LedgerTotals {
    this.waiting.delete(caption.id);
    this.captions++;
    this.audioBytes += caption.bytes.audio;
    this.audioMs += caption.timings.audio_ms;
    this.asrMs += caption.timings.asr_ms;
    this.sent += caption.bytes.sent;
    this.received += caption.bytes.received;
    // A transcript that never went on the wire stayed on the device, translated there or not at all.
    if (caption.bytes.sent === 0) this.transcriptLocal += caption.bytes.transcript;
    if (caption.target_language !== null) {
      if (caption.translation === null) this.lines.untranslated++;
      else if (caption.fallback) this.lines.fallback++;
      else if (caption.lane === 'cloud') this.pushLatency('cloud', caption.timings.translate_ms);
      else this.pushLatency('device', caption.timings.translate_ms);
    }
    return this.totals();
  }

  /** Wire traffic that belongs to no caption (endpoint checks). */
  addTraffic(bytes: { sent: number; received: number }): LedgerTotals {
    this.sent += bytes.sent;
    this.received += bytes.received;
    return this.totals();
  }

  private pushLatency(lane: 'device' | 'cloud', ms: number): void {
    this.lines[lane]++;
    const list = this.latency[lane];
    list.push(ms);
    if (list.length > this.window) list.shift();
  }

  totals(): LedgerTotals {
    const kept = this.audioBytes + this.transcriptLocal;
    let oldest = Infinity;
    for (const at of this.waiting.values()) oldest = Math.min(oldest, at);
    return LedgerTotals.parse({
      audio_bytes_local: this.audioBytes,
      transcript_bytes_local: this.transcriptLocal,
      bytes_kept_local: kept,
      bytes_sent: this.sent,
      bytes_received: this.received,
      data_kept_percent: keptPercent(kept, this.sent),
      lines_device: this.lines.device,
      lines_cloud: this.lines.cloud,
      lines_fallback: this.lines.fallback,
      lines_untranslated: this.lines.untranslated,
      latency_ms: { device_median: median(this.latency.device), cloud_median: median(this.latency.cloud) },
      queue_age_ms: oldest === Infinity ? 0 : Math.max(0, this.now() - oldest),
    });
  }

  /** The session's last event (demo, benchmarks). wall_ms is the session's own clock. */
  summary(wallMs: number): SessionSummary {
    const t = this.totals();
    return SessionSummary.parse({
      type: 'session.summary',
      captions: this.captions,
      audio_ms: this.audioMs,
      wall_ms: wallMs,
      asr_ms_total: this.asrMs,
      audio_bytes_processed: this.audioBytes,
      bytes_kept_local: t.bytes_kept_local,
      bytes_sent: t.bytes_sent,
      bytes_received: t.bytes_received,
      data_kept_percent: t.data_kept_percent,
      lines_device: t.lines_device,
      lines_cloud: t.lines_cloud,
      lines_fallback: t.lines_fallback,
    });
  }
}
