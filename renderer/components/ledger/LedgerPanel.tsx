import { useState } from 'react';
import { NARROW_QUERY, useMediaQuery } from '../../hooks/use-media-query';
import { useView } from '../../store';
import { Headline, OtherTraffic } from './Headline';
import { LedgerChart } from './LedgerChart';
import { ledgerSummary } from './ledger-facts';
import { RouterFigures } from './RouterFigures';

/** Folded by default in the single-column layout, so the captions keep the height; open at wider widths. */
function useFolding(): { folded: boolean; toggle: () => void; foldable: boolean } {
  const narrow = useMediaQuery(NARROW_QUERY);
  const [openNarrow, setOpenNarrow] = useState(false);
  return { folded: narrow && !openNarrow, toggle: () => setOpenNarrow((o) => !o), foldable: narrow };
}

function LedgerBody() {
  const ledger = useView((s) => s.ledger);
  const allLocal = useView((s) => s.settings?.allLocal ?? true);
  const priced = useView((s) => s.settings?.cloud.pricePerMillion != null);
  if (!ledger) return <p className="muted">No totals yet.</p>;
  return (
    <>
      <Headline totals={ledger} allLocal={allLocal} />
      <OtherTraffic totals={ledger} />
      <LedgerChart />
      <RouterFigures totals={ledger} priced={priced} />
      {allLocal && <p className="ledger-note">All-local mode is on: no audio or text can leave this device.</p>}
    </>
  );
}

/** The data ledger: what stayed on this device and what left it, measured on the wire, in categories never mixed. */
export function LedgerPanel() {
  const { folded, toggle, foldable } = useFolding();
  const ledger = useView((s) => s.ledger);
  return (
    // Focusable: the panel scrolls on short windows, and a keyboard must be able to scroll it too.
    <aside className={`ledger ${folded ? 'folded' : ''}`} aria-labelledby="ledger-title" tabIndex={0}>
      <div className="ledger-head">
        <h2 id="ledger-title" className="panel-title">
          Data ledger
        </h2>
        {foldable && (
          <button type="button" className="button ghost small" aria-expanded={!folded} aria-controls="ledger-body" onClick={toggle}>
            {folded ? 'Show' : 'Hide'}
          </button>
        )}
      </div>
      {folded && ledger && <p className="ledger-summary">{ledgerSummary(ledger)}</p>}
      <div id="ledger-body" className="ledger-body" hidden={folded}>
        <LedgerBody />
      </div>
    </aside>
  );
}
