import type { PublicSettings } from '../../contract';
import { useCall } from '../../api';
import { useView } from '../../store';
import { ApiKeyField } from './ApiKeyField';
import { TextField, type FormFields } from './fields';

/** Endpoint check and its last known state: the status bar's endpoint field, shown where it is set. */
function EndpointCheck({ settings }: { settings: PublicSettings }) {
  const call = useCall();
  const endpoint = useView((s) => s.status?.endpoint ?? 'unknown');
  return (
    <div className="row">
      <button type="button" className="button" onClick={() => void call('endpoint.check', {})} disabled={!settings.cloud.baseUrl}>
        Check endpoint
      </button>
      <span className="field-hint" role="status" data-testid="endpoint-state">
        Endpoint: {endpoint}
      </span>
    </div>
  );
}

/** The cloud lane's endpoint, key and routing thresholds; disabled (never contacted) in all-local mode. */
export function CloudSection({ settings, form }: { settings: PublicSettings; form: FormFields }) {
  const disabled = settings.allLocal;
  return (
    <fieldset disabled={disabled} aria-describedby={disabled ? 'cloud-disabled-note' : undefined}>
      <legend>Cloud endpoint (OpenAI-compatible)</legend>
      {disabled && (
        <p id="cloud-disabled-note" className="field-hint">
          All-local mode is on, so the endpoint is never contacted. Turn it off above to use these.
        </p>
      )}
      <div className="grid-2">
        <TextField form={form} field="cloudBaseUrl" label="Base URL" hint="An http:// or https:// address, e.g. http://localhost:11434/v1. Empty: no cloud lane." type="url" inputMode="url" placeholder="https://api.openai.com/v1" />
        <TextField form={form} field="cloudModel" label="Model name" placeholder="gpt-4o-mini" />
      </div>
      <ApiKeyField settings={settings} />
      <EndpointCheck settings={settings} />
      <div className="grid-3">
        <TextField form={form} field="maxDeviceWords" label="Long line (words)" hint="Longer lines may go to the cloud." inputMode="numeric" />
        <TextField form={form} field="minAsrConfidence" label="Uncertain below" hint="Speech confidence, 0–1." inputMode="decimal" />
        <TextField form={form} field="minDeviceLogprob" label="Escalate below" hint="Device translation log-probability (≤ 0)." inputMode="decimal" />
      </div>
    </fieldset>
  );
}
