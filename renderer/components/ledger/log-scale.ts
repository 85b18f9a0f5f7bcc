import { formatBytes } from '../../format';

/**
 * A log scale for byte counts that span six orders of magnitude (a few hundred bytes of text next to megabytes of
 * audio): log10(1 + v), so 0 sits on the axis and 1 B just above it. Returns 0 (axis) … 1 (top of the chart).
 */
export function logPosition(value: number, max: number): number {
  const top = Math.log10(1 + Math.max(1, max));
  return Math.log10(1 + Math.max(0, value)) / top;
}

export interface Tick {
  value: number;
  label: string;
  /** 0 (axis) … 1 (top), on the same scale as the series. */
  position: number;
}

/** Grid lines at 1 B, 1 KB, 1 MB, 1 GB… up to the chart's top, so the reader can tell a kilobyte from a megabyte. */
export function logTicks(max: number): Tick[] {
  const ticks: Tick[] = [];
  for (let value = 1; value <= Math.max(1, max); value *= 1000) ticks.push({ value, label: formatBytes(value), position: logPosition(value, max) });
  // The top is labelled too, unless a decade line sits close under it.
  if (max >= 10 && logPosition(ticks.at(-1)!.value, max) < 0.8) ticks.push({ value: max, label: formatBytes(max), position: 1 });
  return ticks;
}
