import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { MicDevice, PublicSettings } from '../contract';
import { useCall } from '../api';
import { draftFromSettings, patchFromDraft, type SettingsDraft } from '../settings-form';
import { useView } from '../store';
import { formatBytes } from '../format';
import { Field } from './Field';
import { ModelList } from './ModelList';
import { LanguageSelect, Select, type SelectOption } from './Select';

type Errors = Partial<Record<keyof SettingsDraft, string>>;

const MODE_OPTIONS: ReadonlyArray<SelectOption<SettingsDraft['mode']>> = [
  { value: 'push-to-talk', label: 'Push-to-talk' },
  { value: 'hands-free', label: 'Hands-free (voice detection)' },
];
const CAPTION_SIZE_OPTIONS: ReadonlyArray<SelectOption<SettingsDraft['captionSize']>> = [
  { value: 'small', label: 'Small' },
  { value: 'medium', label: 'Medium' },
  { value: 'large', label: 'Large' },
];
const THEME_OPTIONS: ReadonlyArray<SelectOption<SettingsDraft['theme']>> = [
  { value: 'system', label: 'Follow the system' },
  { value: 'dark', label: 'Dark' },
  { value: 'light', label: 'Light' },
];

/** A titled group of fields laid out in two columns. */
function FieldGrid({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      <div className="grid-2">{children}</div>
    </fieldset>
  );
}

/** The all-local switch: applied at once (not on Save), because it is the privacy promise itself. */
function AllLocalSection({ settings }: { settings: PublicSettings }) {
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
            ? 'Nothing leaves this device. Speech, transcripts and translations stay here; every network connection is refused.'
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

/** The key goes to the engine once and never comes back: the form only knows whether one is set. */
function ApiKeyField({ settings }: { settings: PublicSettings }) {
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

export function SettingsPanel({ settings, onClose }: { settings: PublicSettings; onClose: () => void }) {
  const call = useCall();
  const dialog = useRef<HTMLDialogElement>(null);
  const models = useView((s) => s.models);
  const setModels = useView((s) => s.setModels);
  const [draft, setDraft] = useState<SettingsDraft>(() => draftFromSettings(settings));
  const [errors, setErrors] = useState<Errors>({});
  const [mics, setMics] = useState<MicDevice[]>([]);
  const [saved, setSaved] = useState(false);
  const [allowDownloads, setAllowDownloads] = useState(false);
  const endpoint = useView((s) => s.status?.endpoint ?? 'unknown');

  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
    void call('mics.list', {}).then((r) => r && setMics(r.devices));
    void call('models.list', {}).then((r) => r && setModels(r.models));
    // Load once per opening (call is a fresh closure each render; re-running would refetch forever).
  }, []);

  const set = <K extends keyof SettingsDraft>(key: K, value: SettingsDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
    setSaved(false);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const result = patchFromDraft(settings, draft);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    if (Object.keys(result.patch).length === 0) {
      onClose();
      return;
    }
    const updated = await call('settings.update', { patch: result.patch });
    if (updated) {
      setDraft(draftFromSettings(updated));
      setSaved(true);
    }
  };

  const micOptions: SelectOption<string>[] = [{ value: '-1', label: 'System default' }, ...mics.map((m) => ({ value: String(m.index), label: m.name }))];
  const whisperModels = models.filter((m) => m.kind === 'whisper');
  const knownModel = whisperModels.some((m) => m.id === draft.asrModel);
  // A model set by path (or removed from the catalog) stays selectable under its own name.
  const modelOptions: SelectOption<string>[] = [
    ...(knownModel ? [] : [{ value: draft.asrModel, label: draft.asrModel }]),
    ...whisperModels.map((m) => ({ value: m.id, label: `${m.name} · ${formatBytes(m.size)}${m.installed ? '' : ' (not installed)'}` })),
  ];
  const cloudDisabled = settings.allLocal;

  const text = (key: keyof SettingsDraft, props: { type?: string; inputMode?: 'decimal' | 'numeric' | 'url'; placeholder?: string } = {}) =>
    function Input(describedBy: string | undefined, invalid: boolean) {
      return <input id={`set-${key}`} className="input" value={draft[key]} onChange={(e) => set(key, e.target.value as never)} aria-describedby={describedBy} aria-invalid={invalid} {...props} />;
    };

  return (
    <dialog ref={dialog} className="settings-dialog" aria-labelledby="settings-title" onClose={onClose} onCancel={onClose}>
      <form onSubmit={submit} noValidate>
        <header className="dialog-header">
          <h2 id="settings-title">Settings</h2>
          <button type="button" className="icon-button" onClick={onClose} aria-label="Close settings">
            ×
          </button>
        </header>
        <div className="dialog-body">
          <AllLocalSection settings={settings} />

          <FieldGrid legend="Languages">
            <Field id="set-sourceLanguage" label="Spoken language" error={errors.sourceLanguage}>
              {(d, invalid) => <LanguageSelect id="set-sourceLanguage" first="auto" value={draft.sourceLanguage} onChange={(v) => set('sourceLanguage', v)} describedBy={d} invalid={invalid} />}
            </Field>
            <Field id="set-targetLanguage" label="Translate to" error={errors.targetLanguage}>
              {(d, invalid) => <LanguageSelect id="set-targetLanguage" first="none" value={draft.targetLanguage} onChange={(v) => set('targetLanguage', v)} describedBy={d} invalid={invalid} />}
            </Field>
          </FieldGrid>

          <FieldGrid legend="Speech">
            <Field id="set-micDeviceIndex" label="Microphone" error={errors.micDeviceIndex}>
              {(d, invalid) => <Select id="set-micDeviceIndex" value={draft.micDeviceIndex} options={micOptions} onChange={(v) => set('micDeviceIndex', v)} describedBy={d} invalid={invalid} />}
            </Field>
            <Field id="set-asrModel" label="Speech model" error={errors.asrModel}>
              {(d, invalid) => <Select id="set-asrModel" value={draft.asrModel} options={modelOptions} onChange={(v) => set('asrModel', v)} describedBy={d} invalid={invalid} />}
            </Field>
            <Field id="set-mode" label="Capture" error={errors.mode}>
              {(d) => <Select id="set-mode" value={draft.mode} options={MODE_OPTIONS} onChange={(v) => set('mode', v)} describedBy={d} />}
            </Field>
            <Field id="set-hotkey" label="Push-to-talk hotkey" hint='Like "Alt+Space" or "F8"; works while Sotto is in the background.' error={errors.hotkey}>
              {text('hotkey')}
            </Field>
          </FieldGrid>

          <fieldset disabled={cloudDisabled} aria-describedby={cloudDisabled ? 'cloud-disabled-note' : undefined}>
            <legend>Cloud endpoint (OpenAI-compatible)</legend>
            {cloudDisabled && (
              <p id="cloud-disabled-note" className="field-hint">
                All-local mode is on, so the endpoint is never contacted. Turn it off above to use these.
              </p>
            )}
            <div className="grid-2">
              <Field id="set-cloudBaseUrl" label="Base URL" hint="An http:// or https:// address, e.g. http://localhost:11434/v1. Empty: no cloud lane." error={errors.cloudBaseUrl}>
                {text('cloudBaseUrl', { type: 'url', inputMode: 'url', placeholder: 'https://api.openai.com/v1' })}
              </Field>
              <Field id="set-cloudModel" label="Model name" error={errors.cloudModel}>
                {text('cloudModel', { placeholder: 'gpt-4o-mini' })}
              </Field>
            </div>
            <ApiKeyField settings={settings} />
            <div className="row">
              <button type="button" className="button" onClick={() => void call('endpoint.check', {})} disabled={!settings.cloud.baseUrl}>
                Check endpoint
              </button>
              <span className="field-hint" role="status" data-testid="endpoint-state">
                Endpoint: {endpoint}
              </span>
            </div>
            <div className="grid-3">
              <Field id="set-maxDeviceWords" label="Long line (words)" hint="Longer lines may go to the cloud." error={errors.maxDeviceWords}>
                {text('maxDeviceWords', { inputMode: 'numeric' })}
              </Field>
              <Field id="set-minAsrConfidence" label="Uncertain below" hint="Speech confidence, 0–1." error={errors.minAsrConfidence}>
                {text('minAsrConfidence', { inputMode: 'decimal' })}
              </Field>
              <Field id="set-minDeviceLogprob" label="Escalate below" hint="Device translation log-probability (≤ 0)." error={errors.minDeviceLogprob}>
                {text('minDeviceLogprob', { inputMode: 'decimal' })}
              </Field>
            </div>
          </fieldset>

          <fieldset>
            <legend>Models</legend>
            {settings.allLocal && (
              <div className="consent">
                <input id="set-allow-downloads" type="checkbox" checked={allowDownloads} onChange={(e) => setAllowDownloads(e.target.checked)} />
                <label htmlFor="set-allow-downloads">Allow model downloads while all-local is on. Only the file request leaves this device — no audio, no text.</label>
              </div>
            )}
            <ModelList models={models} allowInAllLocal={allowDownloads} />
          </fieldset>

          <fieldset>
            <legend>Glossary</legend>
            <Field id="set-glossary" label="Names and terms (one per line)" hint="Kept exact, and replaced by placeholders before anything is sent." error={errors.glossary}>
              {(d, invalid) => <textarea id="set-glossary" className="input" rows={3} value={draft.glossary} onChange={(e) => set('glossary', e.target.value)} aria-describedby={d} aria-invalid={invalid} />}
            </Field>
          </fieldset>

          <FieldGrid legend="Appearance">
            <Field id="set-captionSize" label="Caption size" error={errors.captionSize}>
              {(d) => <Select id="set-captionSize" value={draft.captionSize} options={CAPTION_SIZE_OPTIONS} onChange={(v) => set('captionSize', v)} describedBy={d} />}
            </Field>
            <Field id="set-theme" label="Theme" error={errors.theme}>
              {(d) => <Select id="set-theme" value={draft.theme} options={THEME_OPTIONS} onChange={(v) => set('theme', v)} describedBy={d} />}
            </Field>
          </FieldGrid>
        </div>
        <footer className="dialog-footer">
          <span className="saved-note" role="status">
            {saved ? 'Saved.' : Object.values(errors).some(Boolean) ? 'Fix the marked fields to save.' : ''}
          </span>
          <button type="button" className="button ghost" onClick={onClose}>
            Close
          </button>
          <button type="submit" className="button primary">
            Save
          </button>
        </footer>
      </form>
    </dialog>
  );
}
