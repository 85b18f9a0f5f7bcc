import { chartPath, formatBytes } from '../../format';
import { useView } from '../../store';
import type { LedgerPoint } from '../../state';
import { logPosition, logTicks } from './log-scale';

const W = 240;
const H = 72;

/** Totals are cumulative from zero: with one point, draw from the origin instead of an invisible dot. */
const fromOrigin = (recorded: LedgerPoint[]): LedgerPoint[] => (recorded.length === 1 ? [{ ...recorded[0]!, kept: 0, sent: 0 }, ...recorded] : recorded);

function EmptyChart() {
  // After a reload the totals are known but their history is not: don't claim there were no lines.
  const hadLines = useView((s) => (s.ledger ? s.ledger.captions > 0 : false));
  return (
    <figure className="ledger-chart">
      <div className="chart-empty">{hadLines ? 'The chart starts with the next line.' : 'The chart starts with the first line.'}</div>
    </figure>
  );
}

/** Bytes kept on the device and caption text sent, over time, on a log scale (so a few hundred bytes are visible). */
export function LedgerChart() {
  const recorded = useView((s) => s.ledgerHistory);
  if (recorded.length === 0) return <EmptyChart />;
  const history = fromOrigin(recorded);
  const max = Math.max(1, ...history.map((p) => Math.max(p.kept, p.sent)));
  const position = (v: number) => logPosition(v, max);
  const last = history.at(-1)!;
  const summary = `Log scale. ${formatBytes(last.kept)} kept on this device, ${formatBytes(last.sent)} of text sent.`;
  return (
    <figure className="ledger-chart">
      <div className="chart-box">
        <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" role="img" aria-label={summary}>
          {logTicks(max).map((t) => (
            <line key={t.value} x1="0" x2={W} y1={H - t.position * H} y2={H - t.position * H} className="grid" />
          ))}
          <line x1="0" y1={H - 0.5} x2={W} y2={H - 0.5} className="axis" />
          <polyline points={chartPath(history.map((p) => p.kept), W, H, position)} className="series kept" />
          <polyline points={chartPath(history.map((p) => p.sent), W, H, position)} className="series sent" />
        </svg>
        {logTicks(max).map((t) => (
          // Kept inside the box: a label at the very top or bottom would be cut in half.
          <span key={t.value} className="tick" style={{ bottom: `${Math.min(0.85, Math.max(0.12, t.position)) * 100}%` }} aria-hidden="true">
            {t.label}
          </span>
        ))}
      </div>
      <figcaption className="legend">
        <span className="legend-item kept">kept on device</span>
        <span className="legend-item sent">text sent</span>
        <span className="legend-scale">log scale</span>
      </figcaption>
    </figure>
  );
}
