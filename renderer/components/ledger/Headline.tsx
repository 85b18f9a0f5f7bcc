import type { LedgerTotals, Traffic } from '../../contract';
import { plural } from '../../format';
import { ByteCount } from './ByteCount';
import { headlineFacts, trafficText, type Fact } from './ledger-facts';

/** Bytes of caption text per endpoint, on demand. */
function PerEndpoint({ endpoints }: { endpoints: LedgerTotals['text_sent']['endpoints'] }) {
  if (endpoints.length === 0) return null;
  return (
    <details className="per-endpoint">
      <summary>Per endpoint</summary>
      <ul>
        {endpoints.map((e) => (
          <li key={e.origin} data-origin={e.origin}>
            <span className="origin">{e.origin}</span> <ByteCount value={e.bytes_sent} /> sent, <ByteCount value={e.bytes_received} /> received, {plural(e.requests, 'request')}
          </li>
        ))}
      </ul>
    </details>
  );
}

function FactRow({ fact, totals }: { fact: Fact; totals: LedgerTotals }) {
  return (
    <div className={`fact ${fact.tone}`} data-fact={fact.id}>
      <dt>{fact.label}</dt>
      <dd>
        <strong className="fact-value">{fact.id === 'text' && fact.tone === 'sent' ? <ByteCount value={totals.text_sent.bytes_sent} /> : fact.value}</strong> <span className="fact-detail">{fact.detail}</span>
        {fact.id === 'text' && <PerEndpoint endpoints={totals.text_sent.endpoints} />}
      </dd>
    </div>
  );
}

/** "What left this device?": audio, lines and caption text, never one mixed total. */
export function Headline({ totals, allLocal }: { totals: LedgerTotals; allLocal: boolean }) {
  return (
    <dl className="headline">
      {headlineFacts(totals, allLocal).map((fact) => (
        <FactRow key={fact.id} fact={fact} totals={totals} />
      ))}
    </dl>
  );
}

function TrafficRow({ id, label, hint, traffic }: { id: string; label: string; hint: string; traffic: Traffic }) {
  return (
    <>
      <dt title={hint}>{label}</dt>
      <dd data-traffic={id} title={`${traffic.bytes_sent.toLocaleString('en-US')} bytes sent, ${traffic.bytes_received.toLocaleString('en-US')} bytes received`}>
        {trafficText(traffic)}
      </dd>
    </>
  );
}

/** Requests that carry nothing about the user: public model files and endpoint checks, each on its own line. */
export function OtherTraffic({ totals }: { totals: LedgerTotals }) {
  return (
    <dl className="ledger-grid other-traffic">
      <TrafficRow id="downloads" label="Public model files" hint="Model downloads: file requests to the publisher or your mirror. No audio, no text." traffic={totals.downloads} />
      <TrafficRow id="checks" label="Endpoint checks" hint="Requests made by Check endpoint in Settings." traffic={totals.checks} />
    </dl>
  );
}
