import { useState, type FocusEvent } from 'react';
import type { PublicSettings, Status } from '../../contract';
import { useCall } from '../../api';
import { ApiKeyField } from './ApiKeyField';
import { CloudBudgetFields, CloudExtrasEditor, CloudPresetPicker, CloudReplicasEditor, CloudTimeouts } from './cloud';
import { TextField, type FormFields } from './fields';

const CHECK_TEXT: Record<Status['endpoint'], { text: string; tone: 'good' | 'bad' | 'neutral' }> = {
  reachable: { text: 'Reachable', tone: 'good' },
  failing: { text: 'Answered with an error', tone: 'bad' },
  unreachable: { text: 'Unreachable', tone: 'bad' },
  unknown: { text: 'Not checked yet', tone: 'neutral' },
  unconfigured: { text: 'No endpoint set', tone: 'neutral' },
  blocked: { text: 'Blocked: all-local mode is on', tone: 'neutral' },
};

/** "Check endpoint" and its answer, with the reason the engine gave, right where the endpoint is set. */
function EndpointCheck({ settings }: { settings: PublicSettings }) {
  const call = useCall();
  const [result, setResult] = useState<Status | null>(null);
  const [busy, setBusy] = useState(false);
  const check = async () => {
    setBusy(true);
    setResult(await call('endpoint.check', {}));
    setBusy(false);
  };
  const shown = result ? CHECK_TEXT[result.endpoint] : null;
  return (
    <div className="row wrap">
      <button type="button" className="button" onClick={check} disabled={!settings.cloud.baseUrl || busy}>
        {busy ? 'Checking…' : 'Check endpoint'}
      </button>
      <span className={`check-result ${shown?.tone ?? 'neutral'}`} role="status" data-testid="endpoint-state">
        {shown ? `${shown.text}${result?.message ? `: ${result.message}` : '.'}` : ''}
      </span>
    </div>
  );
}

/** The price per million tokens, input and output, saved together when focus leaves the pair. */
function PriceFields({ form }: { form: FormFields }) {
  const onBlur = (e: FocusEvent<HTMLDivElement>) => {
    if (!e.currentTarget.contains(e.relatedTarget as Node | null)) void form.commit(['priceInput', 'priceOutput']);
  };
  return (
    <div className="grid-2" onBlur={onBlur}>
      <TextField form={form} field="priceInput" label="Input price ($ per million tokens)" hint="From your provider's price list; empty: tokens are counted, not priced." inputMode="decimal" placeholder="0.15" commitOnBlur={false} />
      <TextField form={form} field="priceOutput" label="Output price ($ per million tokens)" inputMode="decimal" placeholder="0.60" commitOnBlur={false} />
    </div>
  );
}

/** The cloud lane's endpoint, key, check and price; the endpoint is never contacted in all-local mode. */
export function CloudSection({ settings, form }: { settings: PublicSettings; form: FormFields }) {
  const disabled = settings.allLocal;
  return (
    <>
      <fieldset disabled={disabled} aria-describedby={disabled ? 'cloud-disabled-note' : undefined}>
        <legend>Cloud endpoint (OpenAI-compatible)</legend>
        {disabled && (
          <p id="cloud-disabled-note" className="field-hint">
            All-local mode is on, so the endpoint is never contacted. Switch it off under Privacy to use these.
          </p>
        )}
        <CloudPresetPicker settings={settings} />
        <div className="grid-2">
          <TextField form={form} field="cloudBaseUrl" label="Base URL" hint="An http:// or https:// address, e.g. http://localhost:11434/v1. Empty: no cloud lane." type="url" inputMode="url" placeholder="https://api.openai.com/v1" />
          <TextField form={form} field="cloudModel" label="Model name" placeholder="gpt-4o-mini" />
        </div>
        <ApiKeyField settings={settings} />
        <EndpointCheck settings={settings} />
        <CloudTimeouts settings={settings} />
        <CloudExtrasEditor settings={settings} kind="headers" />
        <CloudExtrasEditor settings={settings} kind="query" />
        <CloudReplicasEditor settings={settings} />
      </fieldset>
      <fieldset>
        <legend>Cost and budget</legend>
        <PriceFields form={form} />
        <CloudBudgetFields settings={settings} />
      </fieldset>
    </>
  );
}
