import { formatMs } from '../../format';
import type { CaptionView } from '../../state';
import { laneBadge, laneDescription, languageTag, latencyDescription, wireChip } from './caption-text';

function Redaction({ counts }: { counts: Record<string, number> }) {
  if (Object.keys(counts).length === 0) return null;
  const text = Object.entries(counts)
    .map(([kind, n]) => `${n} ${kind}`)
    .join(', ');
  return (
    <span className="redaction" title="Replaced by placeholders before leaving the device, restored here">
      {text} redacted
    </span>
  );
}

/** The chips under a caption: languages, lane (or "cloud failed → device"), bytes on the wire, latency, redaction. */
export function CaptionMeta({ caption: c }: { caption: CaptionView }) {
  const lang = languageTag(c);
  const badge = laneBadge(c);
  const wire = wireChip(c);
  return (
    <div className="caption-meta">
      {lang && (
        <span className="lang-tag" title={lang.title}>
          {lang.text}
        </span>
      )}
      {badge && (
        <span className={`lane-badge ${badge.tone}`} title={laneDescription(c)}>
          {badge.text}
        </span>
      )}
      {/* The reason in plain sight, not only on hover: a failing endpoint is something the user must act on. */}
      {c.fallback && c.fallbackReason && <span className="fallback-reason">{c.fallbackReason}</span>}
      {wire && (
        <span className="wire" title={wire.title}>
          {wire.text}
        </span>
      )}
      {c.final && c.timings && (
        <span className="latency" title={latencyDescription(c)}>
          {formatMs(c.timings.total_ms)}
        </span>
      )}
      {c.redaction && <Redaction counts={c.redaction.counts} />}
      {c.error && <span className="caption-error">{c.error}</span>}
    </div>
  );
}
