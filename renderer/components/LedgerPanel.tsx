import { useView } from '../store';
import { chartPath, formatBytes, formatExactBytes, formatMs, formatPercent } from '../format';

const W = 240;
const H = 72;

/** Cumulative bytes kept vs sent over time, on one honest linear scale. */
function LedgerChart() {
  const recorded = useView((s) => s.ledgerHistory);
  // Totals are cumulative from zero: with one point, draw from the origin instead of an invisible dot.
  const history = recorded.length === 1 ? [{ ...recorded[0]!, kept: 0, sent: 0 }, ...recorded] : recorded;
  const max = Math.max(1, ...history.map((p) => Math.max(p.kept, p.sent)));
  const kept = chartPath(history.map((p) => p.kept), W, H, max);
  const sent = chartPath(history.map((p) => p.sent), W, H, max);
  const last = history.at(-1);
  const hadLines = useView((s) => (s.ledger ? s.ledger.bytes_kept_local + s.ledger.bytes_sent > 0 : false));
  const summary = last ? `Over time: ${formatBytes(last.kept)} kept on this device, ${formatBytes(last.sent)} sent.` : 'No data yet.';
  if (history.length === 0) {
    return (
      <figure className="ledger-chart">
        {/* After a reload the totals are known but their history is not: don't claim there were no lines. */}
        <div className="chart-empty">{hadLines ? 'The chart starts with the next line.' : 'The chart starts with the first line.'}</div>
      </figure>
    );
  }
  return (
    <figure className="ledger-chart">
      <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" role="img" aria-label={summary}>
        <line x1="0" y1={H - 0.5} x2={W} y2={H - 0.5} className="axis" />
        {kept && <polyline points={kept} className="series kept" />}
        {sent && <polyline points={sent} className="series sent" />}
      </svg>
      <figcaption className="legend">
        <span className="legend-item kept">kept</span>
        <span className="legend-item sent">sent</span>
      </figcaption>
    </figure>
  );
}

function Bytes({ value }: { value: number }) {
  return (
    <span className="bytes" tabIndex={0} title={formatExactBytes(value)} aria-label={formatExactBytes(value)}>
      {formatBytes(value)}
    </span>
  );
}

/** The byte ledger: what stayed on this device and what went out, measured on the wire. */
export function LedgerPanel() {
  const ledger = useView((s) => s.ledger);
  const allLocal = useView((s) => s.settings?.allLocal ?? true);
  return (
    <aside className="ledger" aria-labelledby="ledger-title">
      <h2 id="ledger-title" className="panel-title">
        Data ledger
      </h2>
      {!ledger ? (
        <p className="muted">No totals yet.</p>
      ) : (
        <>
          <div className="kept-percent">
            <span className="kept-number">{formatPercent(ledger.data_kept_percent)}</span>
            <span className="kept-caption">of data kept on this device</span>
          </div>
          <dl className="ledger-grid">
            <dt>Kept on device</dt>
            <dd>
              <Bytes value={ledger.bytes_kept_local} />
            </dd>
            <dt>Sent</dt>
            <dd className={ledger.bytes_sent > 0 ? 'sent-some' : ''}>
              <Bytes value={ledger.bytes_sent} />
            </dd>
            <dt>Received</dt>
            <dd>
              <Bytes value={ledger.bytes_received} />
            </dd>
          </dl>
          <LedgerChart />
          <h3 className="panel-subtitle">Lines</h3>
          <dl className="ledger-grid lanes">
            <dt>
              <span className="lane-badge device small">Device</span>
            </dt>
            <dd>{ledger.lines_device}</dd>
            <dt>
              <span className="lane-badge cloud small">Cloud</span>
            </dt>
            <dd>{ledger.lines_cloud}</dd>
            <dt>Fallbacks</dt>
            <dd>{ledger.lines_fallback}</dd>
            <dt>Not translated</dt>
            <dd>{ledger.lines_untranslated}</dd>
          </dl>
          <h3 className="panel-subtitle">Median latency</h3>
          <dl className="ledger-grid">
            <dt>Device</dt>
            <dd>{formatMs(ledger.latency_ms.device_median)}</dd>
            <dt>Cloud</dt>
            <dd>{formatMs(ledger.latency_ms.cloud_median)}</dd>
          </dl>
          {allLocal && <p className="ledger-note">All-local mode is on: no audio or text can leave this device.</p>}
        </>
      )}
    </aside>
  );
}
