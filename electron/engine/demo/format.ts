import type { CaptionFinal, EngineEvent, SessionSummary } from '../../contract';

const clock = (ms: number): string => {
  const s = ms / 1000;
  return `${Math.floor(s / 60)}:${(s % 60).toFixed(1).padStart(4, '0')}`;
};

export const humanBytes = (n: number): string =>
  n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / (1024 * 1024)).toFixed(2)} MB`;

function caption(e: CaptionFinal): string {
  const head = e.end_ms > 0 ? `[${clock(e.start_ms)} → ${clock(e.end_ms)}] ` : '[typed] ';
  const lines = [`${head}(${e.language ?? '?'}) ${e.text}`];
  if (e.translation !== null) {
    const lane = `${e.lane ?? 'none'}${e.fallback ? ' (fallback)' : ''}${e.lane_reason ? ` · ${e.lane_reason}` : ''}`;
    lines.push(`      → ${e.target_language}  ${e.translation || "(no translation)"}   [${lane}]`);
    if (e.fallback_reason) lines.push(`      fallback because: ${e.fallback_reason}`);
  } else if (e.target_language) {
    lines.push(`      (not translated${e.lane_reason ? `: ${e.lane_reason}` : ''})`);
  }
  lines.push(`      asr ${Math.round(e.timings.asr_ms)} ms · translate ${Math.round(e.timings.translate_ms)} ms · sent ${humanBytes(e.bytes.sent)}`);
  return lines.join('\n');
}

function summary(e: SessionSummary): string {
  return [
    '',
    `Summary: ${e.captions} caption${e.captions === 1 ? '' : 's'} from ${(e.audio_ms / 1000).toFixed(1)} s of audio in ${(e.wall_ms / 1000).toFixed(1)} s`,
    `  kept on this device: ${humanBytes(e.bytes_kept_local)} (audio processed here: ${humanBytes(e.audio_bytes_processed)})`,
    `  sent over the network: ${humanBytes(e.bytes_sent)} · received: ${humanBytes(e.bytes_received)} · data kept local: ${e.data_kept_percent.toFixed(2)} %`,
    `  lines by lane: device ${e.lines_device} · cloud ${e.lines_cloud} · fallback ${e.lines_fallback}`,
  ].join('\n');
}

/** One event as the demo prints it for people; null for events it leaves out (partials, levels). */
export function formatEvent(e: EngineEvent): string | null {
  switch (e.type) {
    case 'caption.final':
      return caption(e);
    case 'session.summary':
      return summary(e);
    case 'error':
      return `error: ${e.message}\n  what to do: ${e.action}`;
    case 'notice':
      return `note: ${e.message}`;
    default:
      return null;
  }
}
