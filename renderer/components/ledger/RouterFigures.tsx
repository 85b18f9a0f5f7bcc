import type { LedgerTotals } from '../../contract';
import { routerFigures } from './ledger-facts';

/** Lines per lane, the router's share, latency per lane, queue wait and the cloud's cost. */
export function RouterFigures({ totals, priced }: { totals: LedgerTotals; priced: boolean }) {
  return (
    <>
      <h3 className="panel-subtitle">Lines per lane</h3>
      <dl className="ledger-grid lanes">
        <dt>
          <span className="lane-badge device small">Device</span>
        </dt>
        <dd>{totals.lines_device}</dd>
        <dt>
          <span className="lane-badge cloud small">Cloud</span>
        </dt>
        <dd>{totals.lines_cloud}</dd>
        <dt>Cloud failed → device</dt>
        <dd>{totals.lines_fallback}</dd>
        <dt>Not translated</dt>
        <dd>{totals.lines_untranslated}</dd>
      </dl>
      <h3 className="panel-subtitle">Router</h3>
      <dl className="router">
        {routerFigures(totals, priced).map((f) => (
          <div key={f.label} className="router-row" title={f.title}>
            <dt>{f.label}</dt>
            <dd>{f.value}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
