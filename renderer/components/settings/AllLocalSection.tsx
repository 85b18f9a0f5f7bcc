import { useState } from 'react';
import type { PublicSettings } from '../../contract';
import { useCall } from '../../api';

/** The all-local switch: applied at once, like every setting (and before anything else, in the engine). */
export function AllLocalSection({ settings }: { settings: PublicSettings }) {
  const call = useCall();
  const [busy, setBusy] = useState(false);
  const toggle = async () => {
    setBusy(true);
    await call('settings.update', { patch: { allLocal: !settings.allLocal } });
    setBusy(false);
  };
  return (
    <section className={`all-local-box ${settings.allLocal ? 'on' : 'off'}`} aria-labelledby="all-local-title">
      <div>
        <h3 id="all-local-title">All-local mode</h3>
        <p className="all-local-text">
          {settings.allLocal
            ? 'No audio or text leaves this device. Speech, transcripts and translations stay here; every network connection is refused, except a model download you confirm.'
            : 'Off: hard or long lines may be sent as text (never audio) to your cloud endpoint. Names in the glossary are replaced before sending.'}
        </p>
      </div>
      <button type="button" role="switch" aria-checked={settings.allLocal} aria-labelledby="all-local-title" className="switch big" onClick={toggle} disabled={busy}>
        <span className="switch-track" aria-hidden="true">
          <span className="switch-thumb" />
        </span>
        <span className="switch-label">{settings.allLocal ? 'On' : 'Off'}</span>
      </button>
    </section>
  );
}
