import { useState } from 'react';
import type { PublicSettings } from '../../contract';
import { useCall } from '../../api';
import { Field } from '../Field';

/** The key goes to the engine once and never comes back: the form only knows whether one is set. */
export function ApiKeyField({ settings }: { settings: PublicSettings }) {
  const call = useCall();
  const [key, setKey] = useState('');
  const save = async () => {
    if (!key.trim()) return;
    if (await call('apikey.set', { key: key.trim() })) setKey('');
  };
  return (
    <Field id="api-key" label="API key" hint={settings.apiKeySet ? 'A key is set. Enter a new one to replace it.' : 'No key set. Local servers (Ollama, LM Studio) may not need one.'}>
      {(describedBy) => (
        <div className="row">
          <input
            id="api-key"
            className="input"
            type="password"
            autoComplete="off"
            value={key}
            onChange={(e) => setKey(e.target.value)}
            aria-describedby={describedBy}
            placeholder={settings.apiKeySet ? 'key set' : 'no key'}
          />
          <button type="button" className="button" onClick={save} disabled={!key.trim()}>
            Save key
          </button>
          {settings.apiKeySet && (
            <button type="button" className="button ghost" onClick={() => void call('apikey.set', { key: null })}>
              Remove key
            </button>
          )}
          <span className={`key-state ${settings.apiKeySet ? 'set' : ''}`} data-testid="key-state">
            {settings.apiKeySet ? 'key set' : 'no key'}
          </span>
        </div>
      )}
    </Field>
  );
}
