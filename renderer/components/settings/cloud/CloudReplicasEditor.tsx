import { useState } from 'react';
import { CLOUD_PRESETS, type CloudReplica, type PublicSettings } from '../../../contract';
import { storedSecrets, useCloudPatch, useEndpointSecrets } from './patch';

/** One replica row: its address, model and rank, and whether its own key is stored (never the key). */
function ReplicaRow({ settings, replica, index, onRemove }: { settings: PublicSettings; replica: CloudReplica; index: number; onRemove: () => void }) {
  const setSecrets = useEndpointSecrets();
  const [key, setKey] = useState('');
  const hasKey = storedSecrets(settings, replica.baseUrl).key;
  return (
    <li>
      <code>{replica.baseUrl}</code> · {replica.model} · rank {replica.rank} · {hasKey ? 'key stored' : replica.authStyle === 'none' ? 'no key' : 'no key yet'}
      <input className="input" aria-label={`Key for replica ${index + 1}`} type="password" autoComplete="off" value={key} onChange={(e) => setKey(e.target.value)} placeholder="Key (kept for this server only)" />
      <button type="button" className="button" disabled={!key} onClick={() => void setSecrets(replica.baseUrl, { key }).then(() => setKey(''))}>
        Save key
      </button>
      <button type="button" className="button" onClick={onRemove} aria-label={`Remove replica ${index + 1}`}>
        Remove
      </button>
    </li>
  );
}

/**
 * Further endpoints (replicas): each line goes wholly to one of them. Equal ranks take turns; a higher rank is asked
 * only while the lower ones are failing. The main endpoint is rank 0.
 */
export function CloudReplicasEditor({ settings }: { settings: PublicSettings }) {
  const patch = useCloudPatch();
  const replicas = settings.cloud.replicas;
  const [draft, setDraft] = useState({ baseUrl: '', model: settings.cloud.model, rank: 1 });
  const add = (): void => {
    let valid = true;
    try {
      new URL(draft.baseUrl);
    } catch {
      valid = false;
    }
    if (!valid || !draft.model) return;
    const replica: CloudReplica = { baseUrl: draft.baseUrl, model: draft.model, preset: 'custom', authStyle: CLOUD_PRESETS.custom.authStyle, headers: [], query: [], rank: draft.rank };
    void patch({ replicas: [...replicas, replica] });
    setDraft({ ...draft, baseUrl: '' });
  };
  return (
    <fieldset className="cloud-replicas" aria-label="Replicas" disabled={!settings.cloud.baseUrl}>
      <legend>More endpoints (replicas)</legend>
      <ul>
        {replicas.map((r, i) => (
          <ReplicaRow key={`${r.baseUrl} ${r.model}`} settings={settings} replica={r} index={i} onRemove={() => void patch({ replicas: replicas.filter((_, j) => j !== i) })} />
        ))}
      </ul>
      <div className="row">
        <input className="input" aria-label="Replica base URL" type="url" placeholder="http://192.168.1.20:11434/v1" value={draft.baseUrl} onChange={(e) => setDraft({ ...draft, baseUrl: e.target.value.trim() })} />
        <input className="input" aria-label="Replica model" placeholder="Model" value={draft.model} onChange={(e) => setDraft({ ...draft, model: e.target.value })} />
        <input className="input" aria-label="Replica rank" inputMode="numeric" value={String(draft.rank)} onChange={(e) => setDraft({ ...draft, rank: Math.max(0, Math.min(9, Number(e.target.value) || 0)) })} />
        <button type="button" className="button" onClick={add}>
          Add endpoint
        </button>
      </div>
    </fieldset>
  );
}
