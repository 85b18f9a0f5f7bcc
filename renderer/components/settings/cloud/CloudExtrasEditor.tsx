import { useState } from 'react';
import type { CloudExtra, PublicSettings } from '../../../contract';
import { storedSecrets, useCloudPatch, useEndpointSecrets } from './patch';

interface Props {
  settings: PublicSettings;
  kind: 'headers' | 'query';
}

/**
 * Extra headers or query parameters of the main endpoint. A secret value goes to the engine's secret store, bound to
 * the endpoint's origin, and is never shown again: the row only says whether one is stored.
 */
export function CloudExtrasEditor({ settings, kind }: Props) {
  const patch = useCloudPatch();
  const setSecrets = useEndpointSecrets();
  const list = settings.cloud[kind];
  const stored = storedSecrets(settings, settings.cloud.baseUrl)[kind];
  const [draft, setDraft] = useState<{ name: string; value: string; secret: boolean }>({ name: '', value: '', secret: kind === 'headers' });
  const save = (next: CloudExtra[]): void => void patch({ [kind]: next });
  const add = async (): Promise<void> => {
    if (!draft.name) return;
    save([...list.filter((e) => e.name !== draft.name), { name: draft.name, value: draft.secret ? '' : draft.value, secret: draft.secret }]);
    if (draft.secret && draft.value) await setSecrets(settings.cloud.baseUrl, { [kind]: { [draft.name]: draft.value } });
    setDraft({ name: '', value: '', secret: draft.secret });
  };
  const remove = (name: string): void => {
    save(list.filter((e) => e.name !== name));
    void setSecrets(settings.cloud.baseUrl, { [kind]: { [name]: null } });
  };
  const label = kind === 'headers' ? 'Extra headers' : 'Query parameters';
  return (
    <fieldset className="cloud-extras" aria-label={label} disabled={!settings.cloud.baseUrl}>
      <legend>{label}</legend>
      <ul>
        {list.map((e) => (
          <li key={e.name}>
            <code>{e.name}</code>: {e.secret ? (stored.includes(e.name) ? 'secret, stored' : 'secret, not set') : <code>{e.value}</code>}{' '}
            <button type="button" className="button" onClick={() => remove(e.name)} aria-label={`Remove ${e.name}`}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <div className="row">
        <input className="input" aria-label={`${label}: name`} placeholder="Name" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value.trim() })} />
        <input className="input" aria-label={`${label}: value`} placeholder="Value" type={draft.secret ? 'password' : 'text'} autoComplete="off" value={draft.value} onChange={(e) => setDraft({ ...draft, value: e.target.value })} />
        <label>
          <input type="checkbox" checked={draft.secret} onChange={(e) => setDraft({ ...draft, secret: e.target.checked })} /> secret
        </label>
        <button type="button" className="button" onClick={() => void add()}>
          Add
        </button>
      </div>
    </fieldset>
  );
}
