import { memo } from 'react';
import type { CaptionView } from '../state';
import { formatMs } from '../format';
import { languageName } from '../languages';

function laneDescription(c: CaptionView): string {
  const where = c.lane === 'cloud' ? 'Translated by the cloud endpoint' : 'Translated on this device';
  const why = c.laneReason ? `: ${c.laneReason}` : '';
  const fallback = c.fallback ? `. The cloud lane failed${c.fallbackReason ? ` (${c.fallbackReason})` : ''}, so this device translated it instead` : '';
  return `${where}${why}${fallback}.`;
}

function latencyDescription(c: CaptionView): string {
  if (!c.timings) return '';
  const t = c.timings;
  return `End of speech to caption: ${formatMs(t.total_ms)} (speech recognition ${formatMs(t.asr_ms)}, translation ${formatMs(t.translate_ms)}, audio ${formatMs(t.audio_ms)})`;
}

/** One caption: provisional (committed solid, tentative lighter) until the final replaces it in place. */
export const CaptionLine = memo(function CaptionLine({ caption: c }: { caption: CaptionView }) {
  const laneText = laneDescription(c);
  const latency = latencyDescription(c);
  return (
    <li className={`caption ${c.final ? 'final' : 'partial'}`} aria-busy={!c.final} data-caption-id={c.id}>
      <p className="caption-source" lang={c.language ?? undefined}>
        <span className="committed">{c.committed}</span>
        {c.tentative && <span className="tentative">{c.tentative}</span>}
        {!c.final && <span className="visually-hidden"> (still listening)</span>}
      </p>
      {c.final && c.translation === '' ? (
        // The translator returned nothing: say so, rather than leave a gap that looks like a rendering bug.
        <p className="caption-translation missing">(no translation)</p>
      ) : (
        c.translation !== null && (
          <p className={`caption-translation ${c.final ? '' : 'streaming'}`} lang={c.targetLanguage ?? undefined}>
            {c.translation}
          </p>
        )
      )}
      {(c.final || c.stage === 'translating') && (
        <div className="caption-meta">
          {c.language && <span className="lang-tag" title={`Spoken language: ${languageName(c.language)}`}>{c.language.toUpperCase()}{c.targetLanguage ? ` → ${c.targetLanguage.toUpperCase()}` : ''}</span>}
          {c.lane && (
            <span className={`lane-badge ${c.lane}`} tabIndex={0} title={laneText} aria-label={laneText}>
              {c.lane === 'cloud' ? 'Cloud' : 'Device'}
            </span>
          )}
          {c.fallback && (
            <span className="fallback-badge" tabIndex={0} title={laneText} aria-label={`Fallback. ${laneText}`}>
              fallback
            </span>
          )}
          {/* The reason in plain sight, not only on hover: a failing endpoint is something the user must act on. */}
          {c.fallback && c.fallbackReason && <span className="fallback-reason">{c.fallbackReason}</span>}
          {c.final && c.timings && (
            <span className="latency" tabIndex={0} title={latency} aria-label={latency}>
              {formatMs(c.timings.total_ms)}
            </span>
          )}
          {c.redaction && Object.keys(c.redaction.counts).length > 0 && (
            <span className="redaction" title="Replaced by placeholders before leaving the device, restored here">
              {Object.entries(c.redaction.counts)
                .map(([kind, n]) => `${n} ${kind}`)
                .join(', ')}{' '}
              redacted
            </span>
          )}
          {c.error && <span className="caption-error" role="note">{c.error}</span>}
        </div>
      )}
    </li>
  );
});
