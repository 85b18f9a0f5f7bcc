/** Pure display helpers (unit-tested): numbers the way a person reads them. */

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** 1536 → "1.5 KB" (decimal units: 1 KB = 1000 B, like the OS file managers). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  // Trim trailing zeros of the fraction only: "1.50" → "1.5", "2.00" → "2", "0" stays "0".
  const text = digits > 0 ? value.toFixed(digits).replace(/0+$/, '').replace(/\.$/, '') : value.toFixed(0);
  return `${text} ${UNITS[unit]}`;
}

/** Exact count for the tooltip: "1,234,567 bytes". */
export const formatExactBytes = (bytes: number): string => `${Math.round(bytes).toLocaleString('en-US')} ${bytes === 1 ? 'byte' : 'bytes'}`;

/** 99.9512 → "99.95 %", 100 → "100 %"; never rounds a non-zero leak up to 100. */
export function formatPercent(percent: number): string {
  if (!Number.isFinite(percent)) return '—';
  if (percent >= 100) return '100 %';
  const fixed = percent >= 99 ? Math.floor(percent * 100) / 100 : Math.round(percent * 10) / 10;
  return `${fixed} %`;
}

/** 340 → "340 ms", 1520 → "1.5 s". */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

/** Download speed and ETA: "4.2 MB/s · 12 s left". */
export function formatTransfer(speedBps: number, etaS: number | null): string {
  const speed = `${formatBytes(speedBps)}/s`;
  if (etaS === null) return speed;
  const eta = etaS < 60 ? `${Math.ceil(etaS)} s` : `${Math.floor(etaS / 60)} min ${Math.ceil(etaS % 60)} s`;
  return `${speed} · ${eta} left`;
}

/** Points of an SVG polyline for series placed by `position` (0 = bottom, 1 = top) in width×height (y grows downwards). */
export function chartPath(values: number[], width: number, height: number, position: (value: number) => number): string {
  if (values.length === 0) return '';
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  return values
    .map((v, i) => {
      const x = values.length > 1 ? i * step : width;
      const y = height - Math.min(1, Math.max(0, position(v))) * height;
      return `${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .join(' ');
}

/** "1,234" for counts. */
export const formatCount = (n: number): string => Math.round(n).toLocaleString('en-US');

/** "1 request" / "3 requests". */
export const plural = (n: number, one: string, many = `${one}s`): string => `${formatCount(n)} ${n === 1 ? one : many}`;

/** US dollars: two decimals from a cent up, two significant digits below ("$0.00042"), "$0" for nothing. */
export function formatUsd(usd: number): string {
  if (!Number.isFinite(usd) || usd < 0) return '—';
  if (usd === 0) return '$0';
  return usd >= 0.01 ? `$${usd.toFixed(2)}` : `$${Number(usd.toPrecision(2))}`;
}
