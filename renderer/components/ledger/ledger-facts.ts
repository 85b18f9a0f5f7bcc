import type { LedgerTotals, Percentiles, Traffic } from '../../contract';
import { formatBytes, formatCount, formatMs, formatUsd, plural } from '../../format';

/** One line of the ledger's headline: what it is about, the answer, and a tone (good = stayed here). */
export interface Fact {
  id: 'audio' | 'lines' | 'text';
  label: string;
  value: string;
  detail: string;
  tone: 'good' | 'sent' | 'neutral';
}

/**
 * The headline answers "what left this device?" in the three things a user cares about, never as one mixed total:
 * audio (never sent: by design), lines (how many never left), and caption text (bytes in how many requests).
 * Under all-local, text can only have been sent before the switch (the switch has no gap), and the headline says so.
 */
export function headlineFacts(t: LedgerTotals, allLocal: boolean): Fact[] {
  return [
    { id: 'audio', label: 'Audio', value: '100 %', detail: 'on this device, never sent', tone: 'good' },
    linesFact(t),
    textFact(t.text_sent, allLocal),
  ];
}

function linesFact(t: LedgerTotals): Fact {
  if (t.captions === 0) return { id: 'lines', label: 'Lines', value: 'none yet', detail: 'every line you speak is counted here', tone: 'neutral' };
  const sent = t.captions - t.lines_kept_on_device;
  return {
    id: 'lines',
    label: 'Lines',
    value: `${formatCount(t.lines_kept_on_device)} of ${formatCount(t.captions)}`,
    detail: sent === 0 ? 'stayed on this device' : `stayed on this device; ${plural(sent, 'line')} sent as text`,
    tone: sent === 0 ? 'good' : 'sent',
  };
}

function textFact(text: Traffic, allLocal: boolean): Fact {
  if (text.requests === 0 && text.bytes_sent === 0) {
    return { id: 'text', label: 'Text sent', value: 'none', detail: allLocal ? 'all-local mode is on' : 'no line has gone to the cloud', tone: 'good' };
  }
  const when = allLocal ? ', before all-local mode was switched on' : '';
  return { id: 'text', label: 'Text sent', value: formatBytes(text.bytes_sent), detail: `in ${plural(text.requests, 'request')}${when}`, tone: 'sent' };
}

/** A one-line summary for the collapsed ledger at narrow widths. */
export function ledgerSummary(t: LedgerTotals): string {
  const lines = t.captions === 0 ? 'No lines yet' : `${formatCount(t.lines_kept_on_device)} of ${plural(t.captions, 'line')} stayed here`;
  const text = t.text_sent.bytes_sent === 0 ? 'no text sent' : `${formatBytes(t.text_sent.bytes_sent)} of text sent`;
  return `Audio never sent · ${lines} · ${text}`;
}

/** Traffic that is not caption text: "↓ 32.2 MB · ↑ 308 B · 2 requests", or "none". */
export function trafficText(t: Traffic): string {
  if (t.requests === 0) return 'none';
  return `↓ ${formatBytes(t.bytes_received)} · ↑ ${formatBytes(t.bytes_sent)} · ${plural(t.requests, 'request')}`;
}

/** The router's own figures (Sotto's two lanes), in words. */
export interface RouterFigure {
  label: string;
  value: string;
  title?: string;
}

const p50p95 = (p: Percentiles): string => (p.p50 === null ? '—' : `${formatMs(p.p50)} / ${formatMs(p.p95)}`);

/** Share of translated lines done on the device (fallbacks count as cloud work: their text was sent). */
export function deviceShare(t: LedgerTotals): string {
  const translated = t.lines_device + t.lines_cloud + t.lines_fallback;
  if (translated === 0) return '—';
  return `${Math.round((t.lines_device / translated) * 100)} % (${formatCount(t.lines_device)} of ${formatCount(translated)})`;
}

export function routerFigures(t: LedgerTotals, priced: boolean): RouterFigure[] {
  const tokens = t.cost.prompt_tokens + t.cost.completion_tokens;
  const usd = t.cost.usd === null ? (priced ? '' : ' · set a price in Settings → Cloud') : ` · ${formatUsd(t.cost.usd)}`;
  const avoided = t.cost.avoided_usd === null ? '' : ` · ${formatUsd(t.cost.avoided_usd)}`;
  return [
    { label: 'Done on the device', value: deviceShare(t), title: 'Translated lines done by the device lane. A fallback counts as cloud work: its text was sent first.' },
    { label: 'Device latency p50 / p95', value: p50p95(t.latency.device) },
    { label: 'Cloud latency p50 / p95', value: p50p95(t.latency.cloud) },
    { label: 'Queue wait p50 / p95', value: p50p95(t.queue_wait_ms), title: 'How long a finished line waited before its translation began.' },
    { label: 'Cloud cost', value: `${plural(tokens, 'token')}${usd}`, title: `${formatCount(t.cost.prompt_tokens)} input and ${formatCount(t.cost.completion_tokens)} output tokens, as the server billed them.` },
    { label: 'Cost avoided', value: `~${plural(t.cost.avoided_tokens_estimate, 'token')}${avoided}`, title: 'What the lines kept on the device would have cost in the cloud (estimated).' },
  ];
}
