import type { PublicSettings } from '../../../contract';
import { useCloudPatch } from './patch';

/** Seconds in the field, milliseconds in settings; saved when the field is left, refused by the engine when out of range. */
function SecondsField({ id, label, hint, ms, onSave }: { id: string; label: string; hint: string; ms: number; onSave: (ms: number) => void }) {
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>{label}</label>
      <input
        className="input"
        id={id}
        inputMode="decimal"
        defaultValue={String(ms / 1000)}
        onBlur={(e) => {
          const seconds = Number(e.target.value);
          if (Number.isFinite(seconds) && seconds > 0) onSave(Math.round(seconds * 1000));
        }}
      />
      <p className="field-hint">{hint}</p>
    </div>
  );
}

/** Connect and idle timeouts: a slow model that keeps streaming is never cut, a silent one is given up. */
export function CloudTimeouts({ settings }: { settings: PublicSettings }) {
  const patch = useCloudPatch();
  return (
    <div className="grid-2">
      <SecondsField id="cloud-connect-timeout" label="Connect timeout (s)" hint="Time to open the connection." ms={settings.cloud.connectTimeoutMs} onSave={(ms) => void patch({ connectTimeoutMs: ms })} />
      <SecondsField id="cloud-idle-timeout" label="Idle timeout (s)" hint="Give a line up when nothing arrived for this long." ms={settings.cloud.timeoutMs} onSave={(ms) => void patch({ timeoutMs: ms })} />
    </div>
  );
}
