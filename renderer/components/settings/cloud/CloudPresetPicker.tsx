import { CLOUD_PRESETS, CloudPreset, type PublicSettings } from '../../../contract';
import { useCloudPatch } from './patch';

/** A preset fills the base URL, how the key is sent and a suggested model; the user's own values are not overwritten. */
export function CloudPresetPicker({ settings }: { settings: PublicSettings }) {
  const patch = useCloudPatch();
  const current = settings.cloud.preset;
  const choose = (preset: CloudPreset): void => {
    const info = CLOUD_PRESETS[preset];
    const previous = CLOUD_PRESETS[current];
    // A URL with a placeholder (<resource>) is a hint to edit, not a working address: the field keeps what it had.
    const concrete = (url: string): boolean => url !== '' && !url.includes('<');
    const takeUrl = concrete(info.baseUrl) && (settings.cloud.baseUrl === '' || settings.cloud.baseUrl === previous.baseUrl);
    const takeModel = concrete(info.model) && (settings.cloud.model === previous.model || settings.cloud.model === 'gpt-4o-mini');
    void patch({ preset, authStyle: info.authStyle, ...(takeUrl ? { baseUrl: info.baseUrl } : {}), ...(takeModel ? { model: info.model } : {}) });
  };
  return (
    <div className="field">
      <label className="field-label" htmlFor="cloud-preset">Provider</label>
      <select className="input" id="cloud-preset" value={current} onChange={(e) => choose(CloudPreset.parse(e.target.value))}>
        {CloudPreset.options.map((p) => (
          <option key={p} value={p}>
            {CLOUD_PRESETS[p].label}
          </option>
        ))}
      </select>
      <p className="field-hint">
        {CLOUD_PRESETS[current].hint} Base URL: <code>{CLOUD_PRESETS[current].baseUrl || 'yours'}</code>; key sent as{' '}
        {{ bearer: 'Authorization: Bearer', 'api-key': 'api-key', none: 'nothing (no key)' }[settings.cloud.authStyle]}.
      </p>
      <label className="field-label" htmlFor="cloud-auth">Send the key as</label>
      <select className="input" id="cloud-auth" value={settings.cloud.authStyle} onChange={(e) => void patch({ authStyle: e.target.value as PublicSettings['cloud']['authStyle'] })}>
        <option value="bearer">Authorization: Bearer</option>
        <option value="api-key">api-key header (Azure)</option>
        <option value="none">No key</option>
      </select>
    </div>
  );
}
