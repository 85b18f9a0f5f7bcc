import type { Percentiles } from '../../contract';

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Nearest-rank percentile (p in 0..100); null for no values. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function percentiles(values: readonly number[]): Percentiles {
  return { p50: median(values), p95: percentile(values, 95) };
}

/** kept / (kept + sent) × 100, and 100 when nothing was processed at all. */
export function keptPercent(kept: number, sent: number): number {
  return kept + sent === 0 ? 100 : (kept / (kept + sent)) * 100;
}

/** The last `size` values pushed: a long session must not grow without bound. */
export class Window {
  private readonly values: number[] = [];
  constructor(private readonly size: number) {}

  push(value: number): void {
    this.values.push(value);
    if (this.values.length > this.size) this.values.shift();
  }

  get all(): readonly number[] {
    return this.values;
  }
}
