import { LedgerTotals, SessionSummary, type CaptionFinal, type Traffic } from '../../contract';
import type { CloudBudget } from '../../contract';
import { Budget } from './budget';
import { CostMeter, type Price } from './cost';
import { keptPercent, median, percentiles, Window } from './stats';

export { keptPercent, median, percentile, percentiles } from './stats';
export { Budget, FileBudgetStore, type BudgetStore } from './budget';
export type { Price } from './cost';

/**
 * The byte ledger: what stayed on the device and what went on the wire, per caption and per session, in categories
 * that are never mixed: caption text sent for translation (per endpoint), model downloads, endpoint checks. Wire
 * bytes come from the egress counters carried on each caption and on each traffic record (never estimates).
 */

/** The fields of a final caption the ledger needs (a whole CaptionFinal fits). */
export type LedgerCaption = Pick<CaptionFinal, 'id' | 'bytes' | 'lane' | 'fallback' | 'translation' | 'target_language'> &
  Partial<Pick<CaptionFinal, 'cloud'>> & {
    timings: Pick<CaptionFinal['timings'], 'audio_ms' | 'asr_ms' | 'translate_ms'>;
  };

/** One request that belongs to no caption, as the egress audit records it. */
export interface TrafficRecord {
  purpose: 'model-download' | 'endpoint-check' | 'translation' | 'other';
  bytes_sent: number;
  bytes_received: number;
}

export interface LedgerOptions {
  /** Monotonic clock in ms, for queue age; injectable so tests need no waiting. */
  now?: () => number;
  /** Latencies kept per lane for the percentiles (a long session must not grow without bound). */
  latencyWindow?: number;
  /** The user's cloud price, read at each total; null = unknown. */
  price?: () => Price | null;
  /** The monthly budget's counts (persisted in the app); and the budget set now, read at each total. */
  budget?: Budget;
  budgetSettings?: () => CloudBudget;
}

const noTraffic = (): Traffic => ({ bytes_sent: 0, bytes_received: 0, requests: 0 });
const addTo = (t: Traffic, sent: number, received: number, requests: number): void => {
  t.bytes_sent += sent;
  t.bytes_received += received;
  t.requests += requests;
};

export class Ledger {
  private readonly now: () => number;
  private readonly price: () => Price | null;
  private captions = 0;
  private keptLines = 0;
  private audioBytes = 0;
  private audioMs = 0;
  private asrMs = 0;
  private transcriptLocal = 0;
  private readonly text = noTraffic();
  private readonly endpoints = new Map<string, Traffic>();
  private readonly downloads = noTraffic();
  private readonly checks = noTraffic();
  private readonly other = noTraffic();
  private lines = { device: 0, cloud: 0, fallback: 0, untranslated: 0 };
  private readonly latency: { device: Window; cloud: Window };
  private readonly queueWait: Window;
  private readonly cost = new CostMeter();
  private readonly budget: Budget;
  private readonly budgetSettings: () => CloudBudget;
  /** Caption id → when it started waiting for translation; removed when its translation begins or it is added. */
  private readonly waiting = new Map<string, number>();

  constructor(options: LedgerOptions = {}) {
    this.now = options.now ?? (() => performance.now());
    this.price = options.price ?? (() => null);
    this.budget = options.budget ?? new Budget();
    this.budgetSettings = options.budgetSettings ?? (() => ({ kind: 'off', limit: 0 }));
    const size = options.latencyWindow ?? 1000;
    this.latency = { device: new Window(size), cloud: new Window(size) };
    this.queueWait = new Window(size);
  }

  /** A final transcript is waiting for its translation. */
  enqueue(id: string): void {
    if (!this.waiting.has(id)) this.waiting.set(id, this.now());
  }

  /** Its translation begins: how long it waited behind earlier lines. */
  started(id: string): void {
    const since = this.waiting.get(id);
    if (since === undefined) return;
    this.waiting.delete(id);
    this.queueWait.push(Math.max(0, this.now() - since));
  }

  /** Records a finished caption (it also leaves the queue) and returns the new totals. */
  add(caption: LedgerCaption): LedgerTotals {
    this.started(caption.id);
    this.captions++;
    this.audioBytes += caption.bytes.audio;
    this.audioMs += caption.timings.audio_ms;
    this.asrMs += caption.timings.asr_ms;
    this.addText(caption);
    this.budget.add(caption, this.price());
    if (caption.target_language !== null) this.countLane(caption);
    return this.totals();
  }

  /** Wire traffic that belongs to no caption: model downloads and endpoint checks (translations come per caption). */
  addTraffic(record: TrafficRecord): LedgerTotals {
    const into = record.purpose === 'model-download' ? this.downloads : record.purpose === 'endpoint-check' ? this.checks : record.purpose === 'other' ? this.other : null;
    if (into) addTo(into, record.bytes_sent, record.bytes_received, 1);
    return this.totals();
  }

  private addText(caption: LedgerCaption): void {
    const { sent, received, transcript } = caption.bytes;
    // A transcript that never went on the wire stayed on the device, translated there or not at all.
    if (sent === 0) {
      this.keptLines++;
      this.transcriptLocal += transcript;
      if (caption.translation !== null && caption.target_language !== null) this.cost.addLocal(transcript);
      return;
    }
    const requests = caption.cloud?.requests ?? 1;
    addTo(this.text, sent, received, requests);
    const origin = caption.cloud?.endpoint ?? 'unknown endpoint';
    if (!this.endpoints.has(origin)) this.endpoints.set(origin, noTraffic());
    addTo(this.endpoints.get(origin)!, sent, received, requests);
    if (caption.cloud?.usage) this.cost.addCloud(caption.cloud.usage, transcript);
  }

  private countLane(caption: LedgerCaption): void {
    if (caption.translation === null) this.lines.untranslated++;
    else if (caption.fallback) this.lines.fallback++;
    else {
      const lane = caption.lane === 'cloud' ? 'cloud' : 'device';
      this.lines[lane]++;
      this.latency[lane].push(caption.timings.translate_ms);
    }
  }

  totals(): LedgerTotals {
    const kept = this.audioBytes + this.transcriptLocal;
    const sent = this.text.bytes_sent + this.downloads.bytes_sent + this.checks.bytes_sent + this.other.bytes_sent;
    const received = this.text.bytes_received + this.downloads.bytes_received + this.checks.bytes_received + this.other.bytes_received;
    let oldest = Infinity;
    for (const at of this.waiting.values()) oldest = Math.min(oldest, at);
    return LedgerTotals.parse({
      audio_bytes_local: this.audioBytes,
      transcript_bytes_local: this.transcriptLocal,
      bytes_kept_local: kept,
      bytes_sent: sent,
      bytes_received: received,
      data_kept_percent: keptPercent(kept, sent),
      lines_device: this.lines.device,
      lines_cloud: this.lines.cloud,
      lines_fallback: this.lines.fallback,
      lines_untranslated: this.lines.untranslated,
      latency_ms: { device_median: median(this.latency.device.all), cloud_median: median(this.latency.cloud.all) },
      queue_age_ms: oldest === Infinity ? 0 : Math.max(0, this.now() - oldest),
      captions: this.captions,
      lines_kept_on_device: this.keptLines,
      text_sent: { ...this.text, endpoints: [...this.endpoints].map(([origin, t]) => ({ origin, ...t })) },
      downloads: this.downloads,
      checks: this.checks,
      latency: { device: percentiles(this.latency.device.all), cloud: percentiles(this.latency.cloud.all) },
      queue_wait_ms: percentiles(this.queueWait.all),
      cost: this.cost.totals(this.price()),
      budget: this.budget.left(this.budgetSettings()),
    });
  }

  /** Why lines must stay on the device (this month's cloud budget is spent), or null: the router reads it per line. */
  budgetSpent(): string | null {
    return this.budget.spentReason(this.budgetSettings());
  }

  /** The session's last event (demo, benchmarks). wall_ms is the session's own clock. */
  summary(wallMs: number): SessionSummary {
    const t = this.totals();
    const translated = t.lines_device + t.lines_cloud + t.lines_fallback;
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
      // Fallback lines were translated on the device, but their text was sent first: they count as cloud work here.
      device_share_percent: translated === 0 ? null : (t.lines_device / translated) * 100,
      lines_kept_on_device: t.lines_kept_on_device,
      text_sent: { bytes_sent: t.text_sent.bytes_sent, bytes_received: t.text_sent.bytes_received, requests: t.text_sent.requests },
      latency: t.latency,
      queue_wait_ms: t.queue_wait_ms,
      cost: t.cost,
    });
  }
}
